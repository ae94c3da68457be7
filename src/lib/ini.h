/*
 * ini.h: a reader of INI files in the dialect of Python's configparser,
 * which is what Alembic users write:
 *
 *     [section]
 *     key = value              ; or key: value
 *     # a comment              ; or ; a comment
 *     multi = first line
 *         continued line       ; indented lines continue the value
 *
 * A `;` or `#` preceded by white space starts an inline comment. Keys are
 * folded to lower case, values are trimmed. Interpolation (%(name)s) is not
 * done here: it needs the whole section, see config.c.
 *
 * The reader stops at the first syntax error and reports it as
 * "FILE:LINE: message".
 */
#ifndef RT_INI_H
#define RT_INI_H

#include "rt.h"

/* Called once per section header (key and value NULL) and once per key, in
 * file order, with the line it is on.
 * Returns RETORT_OK to go on, anything else to stop with that code (the
 * callback sets err itself). */
typedef int (*rt_ini_fn)(const char *section, const char *key,
                         const char *value, int line, void *payload,
                         rt_err *err);

/* Reads text (len bytes, need not be NUL-terminated); filename is used in
 * messages only. */
int rt_ini_parse(const char *text, size_t len, const char *filename,
                 rt_ini_fn fn, void *payload, rt_err *err);

#endif
