/* ini.c: see ini.h. */
#include "ini.h"

#include <ctype.h>
#include <string.h>

typedef struct ini_state {
	const char *filename;
	rt_buf section;
	rt_buf key;
	rt_buf value;
	int key_line;     /* 0 when no key is pending */
	rt_ini_fn fn;
	void *payload;
} ini_state;

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Length of s[0..n) without the inline comment and trailing white space. */
static size_t
strip_value(const char *s, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if ((s[i] == ';' || s[i] == '#') && is_space(s[i - 1])) {
			n = i;
			break;
		}
	}
	while (n > 0 && is_space(s[n - 1]))
		n--;
	return n;
}

static int
flush_key(ini_state *st, rt_err *err)
{
	if (!st->key_line)
		return RETORT_OK;
	int line = st->key_line;
	st->key_line = 0;
	return st->fn(rt_buf_cstr(&st->section), rt_buf_cstr(&st->key),
	              rt_buf_cstr(&st->value), line, st->payload, err);
}

int
rt_ini_parse(const char *text, size_t len, const char *filename,
             rt_ini_fn fn, void *payload, rt_err *err)
{
	ini_state st = { filename, RT_BUF_INIT, RT_BUF_INIT, RT_BUF_INIT, 0,
	                 fn, payload };
	int rc = RETORT_OK;
	int lineno = 0;
	const char *end = text + len;

	/* A UTF-8 byte order mark is not part of the first line. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3;

	for (const char *p = text; p < end && rc == RETORT_OK;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *s = p;
		lineno++;
		p = nl ? nl + 1 : end;

		if (memchr(s, '\0', (size_t)(eol - s))) {
			rc = rt_err_add(err, RETORT_EINVALID,
			                "%s:%d: NUL byte in the file", filename,
			                lineno);
			break;
		}

		bool indented = s < eol && is_space(*s) && *s != '\r';
		while (s < eol && is_space(*s))
			s++;
		size_t n = (size_t)(eol - s);
		while (n > 0 && is_space(s[n - 1]))
			n--;

		if (n == 0 || *s == '#' || *s == ';')
			continue;

		if (indented && st.key_line) {
			/* Continuation of the pending value. */
			size_t m = strip_value(s, n);
			if (m > 0) {
				if (st.value.len)
					rt_buf_putc(&st.value, '\n');
				rt_buf_put(&st.value, s, m);
			}
			continue;
		}
		rc = flush_key(&st, err);
		if (rc != RETORT_OK)
			break;

		if (*s == '[') {
			const char *close = memchr(s, ']', n);
			if (!close) {
				rc = rt_err_add(err, RETORT_EINVALID,
				                "%s:%d: section header without ']'",
				                filename, lineno);
				break;
			}
			rt_buf_clear(&st.section);
			rt_buf_put(&st.section, s + 1, (size_t)(close - s - 1));
			rc = fn(rt_buf_cstr(&st.section), NULL, NULL, lineno, payload,
			        err);
			continue;
		}

		size_t eq = 0;
		while (eq < n && s[eq] != '=' && s[eq] != ':')
			eq++;
		if (eq == n) {
			rc = rt_err_add(err, RETORT_EINVALID,
			                "%s:%d: expected 'key = value', got '%.*s'",
			                filename, lineno, (int)(n > 60 ? 60 : n), s);
			break;
		}
		size_t klen = eq;
		while (klen > 0 && is_space(s[klen - 1]))
			klen--;
		if (st.section.ptr == NULL) {
			rc = rt_err_add(err, RETORT_EINVALID,
			                "%s:%d: key '%.*s' before any [section]",
			                filename, lineno, (int)klen, s);
			break;
		}
		if (klen == 0) {
			rc = rt_err_add(err, RETORT_EINVALID,
			                "%s:%d: empty key", filename, lineno);
			break;
		}
		rt_buf_clear(&st.key);
		for (size_t i = 0; i < klen; i++)
			rt_buf_putc(&st.key, (char)tolower((unsigned char)s[i]));

		const char *v = s + eq + 1;
		size_t vn = n - eq - 1;
		while (vn > 0 && is_space(*v)) {
			v++;
			vn--;
		}
		/* An inline comment right at the start of the value. */
		if (vn > 0 && (*v == ';' || *v == '#'))
			vn = 0;
		rt_buf_clear(&st.value);
		rt_buf_put(&st.value, v, strip_value(v, vn));
		st.key_line = lineno;
	}
	if (rc == RETORT_OK)
		rc = flush_key(&st, err);

	rt_buf_free(&st.section);
	rt_buf_free(&st.key);
	rt_buf_free(&st.value);
	return rc;
}
