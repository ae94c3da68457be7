/*
 * util.h: small helpers every module uses: string lists, files and paths,
 * and "did you mean" suggestions.
 */
#ifndef RT_UTIL_H
#define RT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "rt.h"

/* A list of strings kept in an arena. */
typedef struct rt_strv {
	const char **v;
	size_t n;
} rt_strv;

void rt_strv_push(rt_arena *a, rt_strv *sv, const char *s);
bool rt_strv_contains(const rt_strv *sv, const char *s);

/* A copy of sv's array in a (the strings are shared). */
rt_strv rt_strv_copy(rt_arena *a, const rt_strv *sv);

/* Splits s at white space (and commas when with_commas), dropping empty
 * pieces. */
rt_strv rt_split_words(rt_arena *a, const char *s, bool with_commas);

/* Joins with sep. */
char *rt_strv_join(rt_arena *a, const rt_strv *sv, const char *sep);

/* ASCII case-insensitive comparison; true when equal. */
bool rt_streq_nocase(const char *a, const char *b);

/* Copy of s with ASCII letters lowered. */
char *rt_lower(rt_arena *a, const char *s);

/* Trims ASCII white space at both ends, in place; returns s. */
char *rt_trim(char *s);

/* True when s starts with prefix. */
bool rt_startswith(const char *s, const char *prefix);

/* The candidate closest to word by edit distance, or NULL when none is
 * close enough to be a likely typo. */
const char *rt_suggest(const char *word, const char *const *candidates,
                       size_t n);

/* fnmatch-style glob match of a name ('*', '?', '[...]'). */
bool rt_glob_match(const char *pattern, const char *name);

/*
 * Files and paths.
 */

/* Reads a whole file into the arena, NUL-terminated; *len (may be NULL)
 * gets its size. A file larger than max bytes is refused. */
int rt_read_file(rt_arena *a, const char *path, size_t max, char **out,
                 size_t *len, rt_err *err);

/*
 * Writes data to path atomically: into a temporary file in the same
 * directory (created with the user's umask), fsync, then rename over path.
 * When exclusive is true an existing path is an error and is left alone.
 * On any failure the temporary file is removed and path is untouched.
 */
int rt_write_file_atomic(const char *path, const char *data, size_t len,
                         bool exclusive, rt_err *err);

/* a/b, without doubling the slash. */
char *rt_path_join(rt_arena *a, const char *dir, const char *name);

/* The directory part of path ("." when there is none). */
char *rt_path_dirname(rt_arena *a, const char *path);

/* The last component of path. */
const char *rt_path_basename(const char *path);

/* path made absolute against base (or the working directory when base is
 * NULL), with "." and ".." components resolved lexically. */
char *rt_path_absolute(rt_arena *a, const char *path, const char *base);

bool rt_path_exists(const char *path);
bool rt_path_is_dir(const char *path);

/* True when dir does not exist or holds no entries. */
bool rt_dir_is_empty(const char *dir);

/* mkdir -p with mode 0777 & ~umask. */
int rt_mkdir_p(const char *path, rt_err *err);

/* Expands a glob pattern (models/ *.xml, without the space) to the sorted list of matching
 * paths; a pattern without wildcards gives itself if it exists. */
int rt_glob(rt_arena *a, const char *pattern, rt_strv *out, rt_err *err);

/* Where the scaffolds and the model schema live: $RETORT_DATADIR, else the
 * source tree when the library runs from its build directory, else the
 * installed data directory. */
const char *rt_datadir(rt_arena *a);

/* Monotonic milliseconds, for durations. */
double rt_now_ms(void);

/* Sleeps for ms milliseconds. */
void rt_sleep_ms(double ms);

#endif
