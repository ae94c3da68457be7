/* util.c: see util.h. */
#define _GNU_SOURCE /* dladdr */
#include "util.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rt_build.h"

void
rt_strv_push(rt_arena *a, rt_strv *sv, const char *s)
{
	/* The capacity is implicit: 8, then doubled each time n reaches a
	 * power of two. Lists are only ever built by this function. */
	size_t n = sv->n;
	if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
		size_t cap = n == 0 ? 8 : n * 2;
		sv->v = rt_arena_grow(a, (void *)sv->v, n * sizeof(*sv->v),
		                      cap * sizeof(*sv->v));
	}
	sv->v[sv->n++] = s;
}

bool
rt_strv_contains(const rt_strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

rt_strv
rt_split_words(rt_arena *a, const char *s, bool with_commas)
{
	rt_strv sv = { NULL, 0 };
	if (!s)
		return sv;
	const char *p = s;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		       (with_commas && *p == ','))
			p++;
		if (!*p)
			break;
		const char *q = p;
		while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r' &&
		       !(with_commas && *q == ','))
			q++;
		rt_strv_push(a, &sv, rt_strndup(a, p, (size_t)(q - p)));
		p = q;
	}
	return sv;
}

char *
rt_strv_join(rt_arena *a, const rt_strv *sv, const char *sep)
{
	rt_buf b = RT_BUF_INIT;
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			rt_buf_puts(&b, sep);
		rt_buf_puts(&b, sv->v[i]);
	}
	char *s = rt_strndup(a, rt_buf_cstr(&b), b.len);
	rt_buf_free(&b);
	return s;
}

static int
lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

bool
rt_streq_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (lower_ascii((unsigned char)*a) != lower_ascii((unsigned char)*b))
			return false;
	return *a == *b;
}

char *
rt_lower(rt_arena *a, const char *s)
{
	char *r = rt_strdup(a, s);
	for (char *p = r; p && *p; p++)
		*p = (char)lower_ascii((unsigned char)*p);
	return r;
}

char *
rt_trim(char *s)
{
	char *p = s;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	size_t n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
	                 p[n - 1] == '\n' || p[n - 1] == '\r'))
		n--;
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

bool
rt_startswith(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Levenshtein distance, capped: words longer than 64 bytes never match. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return SIZE_MAX;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = lower_ascii((unsigned char)a[i - 1]) ==
			              lower_ascii((unsigned char)b[j - 1]) ? 0 : 1;
			size_t best = diag + cost;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *
rt_suggest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX;
	size_t len = strlen(word);
	/* Allow about one typo per three characters, at least one. */
	size_t limit = len / 3 < 1 ? 1 : len / 3;
	if (limit > 3)
		limit = 3;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

bool
rt_glob_match(const char *pattern, const char *name)
{
	return fnmatch(pattern, name, 0) == 0;
}

int
rt_read_file(rt_arena *a, const char *path, size_t max, char **out,
             size_t *len, rt_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return rt_err_set(err, errno == ENOENT ? RETORT_ENOTFOUND
		                                       : RETORT_ERROR,
		                  "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int e = errno;
		close(fd);
		return rt_err_set(err, RETORT_EINVALID, "%s: %s", path,
		                  e && !S_ISDIR(st.st_mode) ? strerror(e)
		                                            : "not a regular file");
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		return rt_err_set(err, RETORT_EINVALID,
		                  "%s: file too large (%lld bytes, the limit is %zu)",
		                  path, (long long)st.st_size, max);
	}
	size_t cap = (size_t)st.st_size;
	char *data = rt_alloc(a, cap + 1);
	size_t got = 0;
	while (got < cap) {
		ssize_t r = read(fd, data + got, cap - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			close(fd);
			return rt_err_set(err, RETORT_ERROR, "%s: %s", path,
			                  strerror(e));
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	data[got] = '\0';
	*out = data;
	if (len)
		*len = got;
	return RETORT_OK;
}

static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

int
rt_write_file_atomic(const char *path, const char *data, size_t len,
                     bool exclusive, rt_err *err)
{
	rt_buf tmp = RT_BUF_INIT;
	rt_buf_printf(&tmp, "%s.tmp.XXXXXX", path);
	int rc = RETORT_OK;

	if (exclusive && rt_path_exists(path)) {
		rc = rt_err_set(err, RETORT_EINVALID, "%s: already exists", path);
		goto out;
	}
	int fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		rc = rt_err_set(err, RETORT_ERROR, "%s: %s", path, strerror(errno));
		goto out;
	}
	/* mkstemp creates 0600; give the file the mode the user's umask asks
	 * for, like any other file they create. */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, data, len) != 0 ||
	    fsync(fd) != 0) {
		int e = errno;
		close(fd);
		unlink(tmp.ptr);
		rc = rt_err_set(err, RETORT_ERROR, "%s: %s", path, strerror(e));
		goto out;
	}
	if (close(fd) != 0) {
		int e = errno;
		unlink(tmp.ptr);
		rc = rt_err_set(err, RETORT_ERROR, "%s: %s", path, strerror(e));
		goto out;
	}
	if (exclusive) {
		/* link() fails if path appeared meanwhile: never overwrite. */
		if (link(tmp.ptr, path) != 0) {
			int e = errno;
			unlink(tmp.ptr);
			rc = rt_err_set(err, e == EEXIST ? RETORT_EINVALID : RETORT_ERROR,
			                "%s: %s", path,
			                e == EEXIST ? "already exists" : strerror(e));
			goto out;
		}
		unlink(tmp.ptr);
	} else if (rename(tmp.ptr, path) != 0) {
		int e = errno;
		unlink(tmp.ptr);
		rc = rt_err_set(err, RETORT_ERROR, "%s: %s", path, strerror(e));
		goto out;
	}
out:
	rt_buf_free(&tmp);
	return rc;
}

char *
rt_path_join(rt_arena *a, const char *dir, const char *name)
{
	if (!dir || !*dir || name[0] == '/')
		return rt_strdup(a, name);
	size_t n = strlen(dir);
	if (dir[n - 1] == '/')
		return rt_sprintf(a, "%s%s", dir, name);
	return rt_sprintf(a, "%s/%s", dir, name);
}

char *
rt_path_dirname(rt_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return rt_strdup(a, ".");
	if (slash == path)
		return rt_strdup(a, "/");
	return rt_strndup(a, path, (size_t)(slash - path));
}

const char *
rt_path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *
rt_path_absolute(rt_arena *a, const char *path, const char *base)
{
	rt_buf b = RT_BUF_INIT;
	if (path[0] != '/') {
		if (base) {
			rt_buf_puts(&b, base);
		} else {
			char cwd[4096];
			if (getcwd(cwd, sizeof(cwd)))
				rt_buf_puts(&b, cwd);
		}
		rt_buf_putc(&b, '/');
	}
	rt_buf_puts(&b, path);

	/* Resolve "." and ".." lexically into a stack of components. */
	char *work = rt_strdup(a, rt_buf_cstr(&b));
	rt_buf_free(&b);
	const char **parts = rt_alloc(a, sizeof(char *) * (strlen(work) / 2 + 2));
	size_t np = 0;
	for (char *save = NULL, *tok = strtok_r(work, "/", &save); tok;
	     tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (np > 0)
				np--;
			continue;
		}
		parts[np++] = tok;
	}
	rt_buf r = RT_BUF_INIT;
	for (size_t i = 0; i < np; i++) {
		rt_buf_putc(&r, '/');
		rt_buf_puts(&r, parts[i]);
	}
	if (np == 0)
		rt_buf_putc(&r, '/');
	char *s = rt_strndup(a, rt_buf_cstr(&r), r.len);
	rt_buf_free(&r);
	return s;
}

bool
rt_path_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

bool
rt_path_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool
rt_dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return !rt_path_exists(dir);
	struct dirent *e;
	bool empty = true;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = false;
			break;
		}
	}
	closedir(d);
	return empty;
}

int
rt_mkdir_p(const char *path, rt_err *err)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_puts(&b, path);
	int rc = RETORT_OK;
	for (char *p = b.ptr + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(b.ptr, 0777) != 0 && errno != EEXIST) {
				rc = rt_err_set(err, RETORT_ERROR, "%s: %s", b.ptr,
				                strerror(errno));
				break;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	if (rc == RETORT_OK && !rt_path_is_dir(path))
		rc = rt_err_set(err, RETORT_ERROR, "%s: not a directory", path);
	rt_buf_free(&b);
	return rc;
}

int
rt_glob(rt_arena *a, const char *pattern, rt_strv *out, rt_err *err)
{
	glob_t g;
	int r = glob(pattern, GLOB_ERR, NULL, &g);
	if (r == GLOB_NOMATCH) {
		globfree(&g);
		return RETORT_OK;
	}
	if (r != 0) {
		globfree(&g);
		return rt_err_set(err, RETORT_ERROR, "%s: cannot read directory",
		                  pattern);
	}
	for (size_t i = 0; i < g.gl_pathc; i++)
		rt_strv_push(a, out, rt_strdup(a, g.gl_pathv[i]));
	globfree(&g);
	return RETORT_OK;
}

static bool
has_templates(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/templates", dir);
	return rt_path_is_dir(path);
}

const char *
rt_datadir(rt_arena *a)
{
	const char *env = getenv("RETORT_DATADIR");
	if (env && *env)
		return rt_strdup(a, env);

	Dl_info info;
	if (dladdr((void *)rt_datadir, &info) && info.dli_fname) {
		/* Linked into the program itself, dli_fname is argv[0] as typed
		 * ("retort" found through PATH): ask the kernel instead. */
		const char *file = info.dli_fname;
		if (!strchr(file, '/'))
			file = "/proc/self/exe";
		char self[4096];
		if (realpath(file, self)) {
			/* Running from the build directory: use the source tree. */
			size_t n = strlen(RETORT_BUILD_ROOT);
			if (strncmp(self, RETORT_BUILD_ROOT, n) == 0 &&
			    self[n] == '/' && has_templates(RETORT_SOURCE_ROOT))
				return rt_strdup(a, RETORT_SOURCE_ROOT);
			/* Installed: bin/ or lib/ or lib/<triplet>/ beside
			 * share/retort, wherever the prefix was moved. */
			char *dir = rt_path_dirname(a, self);
			for (int up = 1; up <= 2; up++) {
				dir = rt_path_dirname(a, dir);
				char *cand = rt_path_join(a, dir, "share/retort");
				if (has_templates(cand))
					return cand;
			}
		}
	}
	return rt_strdup(a, RETORT_DATADIR);
}

double
rt_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void
rt_sleep_ms(double ms)
{
	if (ms <= 0)
		return;
	struct timespec ts;
	ts.tv_sec = (time_t)(ms / 1000.0);
	ts.tv_nsec = (long)((ms - (double)ts.tv_sec * 1000.0) * 1e6);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

rt_strv
rt_strv_copy(rt_arena *a, const rt_strv *sv)
{
	rt_strv out = { NULL, 0 };
	for (size_t i = 0; i < sv->n; i++)
		rt_strv_push(a, &out, sv->v[i]);
	return out;
}
