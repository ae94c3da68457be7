/* revision.c: see revision.h. */
#include "revision.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <sqlite3.h>

#define MAX_REVISION_FILE (64 * 1024 * 1024)

bool
rt_revision_id_valid(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!isalnum((unsigned char)s[n]) && s[n] != '_')
			return false;
	return n >= 1 && n <= 32;
}

/*
 * The splitter.
 */

static bool
ident_start(char c)
{
	return isalpha((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80;
}

static bool
ident_char(char c)
{
	return ident_start(c) || isdigit((unsigned char)c) || c == '$';
}

/* Appends text[start, stop) trimmed at the end as a statement. */
static void
emit(rt_arena *a, rt_vec *v, const char *start, const char *stop, int line)
{
	while (stop > start && isspace((unsigned char)stop[-1]))
		stop--;
	if (stop == start)
		return;
	rt_stmt *s = rt_new(a, rt_stmt);
	s->sql = rt_strndup(a, start, (size_t)(stop - start));
	s->line = line;
	rt_vec_push(a, v, s);
}

/* Skips a quoted run starting at *pp (on the opening quote) up to its
 * closing quote; a doubled closing quote is an escaped one, a backslash
 * escapes the next byte when backslash is set. Counts newlines into
 * *line. Returns false when the text ends first. */
static bool
skip_quoted(const char **pp, const char *end, char close, bool backslash,
            int *line)
{
	const char *p = *pp + 1;
	while (p < end) {
		if (*p == '\n')
			(*line)++;
		if (backslash && *p == '\\' && p + 1 < end) {
			if (p[1] == '\n')
				(*line)++;
			p += 2;
			continue;
		}
		if (*p == close) {
			if (p + 1 < end && p[1] == close && close != ']') {
				p += 2;
				continue;
			}
			*pp = p + 1;
			return true;
		}
		p++;
	}
	*pp = end;
	return false;
}

static bool
word_is(const char *w, size_t n, const char *kw)
{
	return strlen(kw) == n && strncasecmp(w, kw, n) == 0;
}

int
rt_sql_split(rt_arena *a, rt_dialect dialect, const char *text, size_t len,
             int first_line, rt_stmt **out, size_t *n, rt_err *err)
{
	bool pg = dialect == RT_POSTGRES;
	const char *p = text, *end = text + len;
	int line = first_line;
	const char *start = NULL;
	int start_line = 0;
	int paren = 0, atomic = 0;
	const char *word = NULL;      /* the last word outside quotes */
	size_t wlen = 0;
	const char *word_end = NULL;
	rt_vec v = { 0 };

	while (p < end) {
		char c = *p;
		if (c == '\n') {
			line++;
			p++;
			continue;
		}
		if (isspace((unsigned char)c)) {
			p++;
			continue;
		}
		if (c == '-' && p + 1 < end && p[1] == '-') {
			while (p < end && *p != '\n')
				p++;
			continue;
		}
		if (c == '/' && p + 1 < end && p[1] == '*') {
			int at = line, depth = 0;
			while (p < end) {
				if (*p == '\n')
					line++;
				if (*p == '/' && p + 1 < end && p[1] == '*' &&
				    (pg || depth == 0)) {
					depth++;
					p += 2;
					continue;
				}
				if (*p == '*' && p + 1 < end && p[1] == '/') {
					p += 2;
					if (--depth == 0)
						break;
					continue;
				}
				p++;
			}
			if (depth > 0)
				return rt_err_set(err, RETORT_EINVALID,
				                  "%d: unterminated /* comment", at);
			continue;
		}
		if (!start) {
			start = p;
			start_line = line;
		}
		if (c == ';') {
			p++;
			if (p - 1 == start) {
				start = NULL;
				continue;
			}
			if (pg && (paren > 0 || atomic > 0))
				continue;
			if (!pg) {
				/* Trigger bodies: sqlite3_complete knows them. */
				char *s = rt_strndup(a, start, (size_t)(p - start));
				if (!sqlite3_complete(s))
					continue;
			}
			emit(a, &v, start, p - 1, start_line);
			start = NULL;
			word = NULL;
			continue;
		}
		if (c == '\'') {
			bool esc = pg && word_end == p && wlen == 1 &&
			           (*word == 'E' || *word == 'e');
			int at = line;
			if (!skip_quoted(&p, end, '\'', esc, &line))
				return rt_err_set(err, RETORT_EINVALID,
				                  "%d: unterminated quoted string", at);
			word = NULL;
			continue;
		}
		if (c == '"' || (!pg && (c == '`' || c == '['))) {
			int at = line;
			if (!skip_quoted(&p, end, c == '[' ? ']' : c, false, &line))
				return rt_err_set(err, RETORT_EINVALID,
				                  "%d: unterminated quoted identifier", at);
			word = NULL;
			continue;
		}
		if (pg && c == '$') {
			const char *q = p + 1;
			if (q < end && isdigit((unsigned char)*q)) {
				while (q < end && isdigit((unsigned char)*q))
					q++;
				p = q;
				continue;
			}
			while (q < end && (ident_start(*q) || isdigit((unsigned char)*q)) &&
			       !(q == p + 1 && isdigit((unsigned char)*q)))
				q++;
			if (q < end && *q == '$') {
				size_t tl = (size_t)(q - p + 1);
				const char *body = q + 1, *close = NULL;
				for (const char *r = body; r + tl <= end; r++)
					if (*r == '$' && memcmp(r, p, tl) == 0) {
						close = r;
						break;
					}
				if (!close)
					return rt_err_set(err, RETORT_EINVALID,
					                  "%d: unterminated dollar-quoted string %.*s",
					                  line, (int)tl, p);
				for (const char *r = p; r < close; r++)
					if (*r == '\n')
						line++;
				p = close + tl;
				word = NULL;
				continue;
			}
			p++;
			continue;
		}
		if (ident_start(c)) {
			const char *w = p;
			while (p < end && ident_char(*p))
				p++;
			size_t n2 = (size_t)(p - w);
			if (pg) {
				if (atomic == 0 && word && word_is(word, wlen, "BEGIN") &&
				    word_is(w, n2, "ATOMIC"))
					atomic = 1;
				else if (atomic > 0 && word_is(w, n2, "CASE"))
					atomic++;
				else if (atomic > 0 && word_is(w, n2, "END"))
					atomic--;
			}
			word = w;
			wlen = n2;
			word_end = p;
			continue;
		}
		if (pg && c == '(')
			paren++;
		else if (pg && c == ')' && paren > 0)
			paren--;
		word = NULL;
		p++;
	}
	if (start)
		emit(a, &v, start, end, start_line);

	rt_stmt *arr = rt_alloc(a, v.n * sizeof(rt_stmt));
	for (size_t i = 0; i < v.n; i++)
		arr[i] = *(rt_stmt *)v.items[i];
	*out = arr;
	*n = v.n;
	return RETORT_OK;
}

/*
 * The checksum.
 */

/* True when the line p[0, n) is a section marker "-- migrate:...". */
static bool
is_marker(const char *p, size_t n)
{
	const char *end = p + n;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (end - p < 2 || p[0] != '-' || p[1] != '-')
		return false;
	p += 2;
	while (p < end && isspace((unsigned char)*p))
		p++;
	return (size_t)(end - p) >= 8 && memcmp(p, "migrate:", 8) == 0;
}

void
rt_revision_checksum(const char *text, size_t len, char out[65])
{
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	rt_buf b = RT_BUF_INIT;
	const char *p = text, *end = text + len;
	bool in_sections = false;
	size_t keep = 0;   /* length up to the last non-empty line */
	while (p < end) {
		const char *eol = p;
		while (eol < end && *eol != '\n' && *eol != '\r')
			eol++;
		const char *stop = eol;
		while (stop > p && isspace((unsigned char)stop[-1]))
			stop--;
		if (!in_sections && is_marker(p, (size_t)(stop - p)))
			in_sections = true;
		if (in_sections) {
			rt_buf_put(&b, p, (size_t)(stop - p));
			rt_buf_putc(&b, '\n');
			if (stop > p)
				keep = b.len;
		}
		if (eol < end && *eol == '\r' && eol + 1 < end && eol[1] == '\n')
			eol++;
		p = eol < end ? eol + 1 : end;
	}
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_Digest(b.ptr ? b.ptr : "", keep, md, &mdlen, EVP_sha256(), NULL);
	for (unsigned i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	out[64] = '\0';
	rt_buf_free(&b);
}

/*
 * The file.
 */

/* The known header keys. */
enum { K_ID, K_REVISES, K_DEPENDS, K_LABELS, K_DATE, K_COUNT };
static const char *const header_keys[K_COUNT] = {
	"Revision ID", "Revises", "Depends On", "Branch Labels", "Create Date",
};

/* Splits a comma-separated list, checking each item as a revision id
 * (ids) or a branch label. */
static void
parse_list(rt_arena *a, const char *path, int line, const char *key,
           const char *value, bool ids, rt_strv *out, rt_err *err)
{
	rt_strv items = rt_split_words(a, value, true);
	for (size_t i = 0; i < items.n; i++) {
		const char *s = items.v[i];
		bool ok = ids ? rt_revision_id_valid(s)
		              : strcspn(s, "@:") == strlen(s);
		if (!ok) {
			rt_err_add(err, RETORT_EINVALID,
			           "%s:%d: %s: '%s' is not a valid %s", path, line, key,
			           s, ids ? "revision id ([0-9A-Za-z_]{1,32})"
			                  : "branch label (no '@' or ':')");
			continue;
		}
		if (rt_strv_contains(out, s)) {
			rt_err_add(err, RETORT_EINVALID, "%s:%d: %s: '%s' is listed twice",
			           path, line, key, s);
			continue;
		}
		rt_strv_push(a, out, s);
	}
}

/* If line (without "--") is "Key: value" for a known key, returns the key
 * index and sets *value; else -1. */
static int
header_key(const char *s, const char **value)
{
	while (*s == ' ' || *s == '\t')
		s++;
	for (int k = 0; k < K_COUNT; k++) {
		size_t n = strlen(header_keys[k]);
		if (strncasecmp(s, header_keys[k], n) == 0 && s[n] == ':') {
			*value = s + n + 1;
			return k;
		}
	}
	return -1;
}

/* Parses a section marker "-- migrate:NAME [opts]" at line; returns the
 * section or NULL after reporting. */
static rt_section *
parse_marker(rt_arena *a, rt_revision *rev, const char *path, int line,
             char *rest, rt_err *err)
{
	rt_strv words = rt_split_words(a, rest, false);
	rt_section *s = NULL;
	const char *name = words.n ? words.v[0] : "";
	if (strcmp(name, "upgrade") == 0)
		s = &rev->upgrade;
	else if (strcmp(name, "downgrade") == 0)
		s = &rev->downgrade;
	else {
		rt_err_add(err, RETORT_EINVALID,
		           "%s:%d: unknown section 'migrate:%s' (expected migrate:upgrade or migrate:downgrade)",
		           path, line, name);
		return NULL;
	}
	if (s->line) {
		rt_err_add(err, RETORT_EINVALID,
		           "%s:%d: second migrate:%s section (the first is at line %d)",
		           path, line, name, s->line);
		return NULL;
	}
	s->line = line;
	s->transaction = true;
	for (size_t i = 1; i < words.n; i++) {
		if (strcmp(words.v[i], "transaction:false") == 0)
			s->transaction = false;
		else if (strcmp(words.v[i], "transaction:true") == 0)
			s->transaction = true;
		else
			rt_err_add(err, RETORT_EINVALID,
			           "%s:%d: unknown section option '%s' (expected transaction:false)",
			           path, line, words.v[i]);
	}
	return s;
}

int
rt_revision_parse(rt_arena *a, const char *path, const char *text,
                  size_t len, rt_dialect dialect, rt_revision **out,
                  rt_err *err)
{
	rt_err local = RT_ERR_INIT;
	rt_revision *rev = rt_new(a, rt_revision);
	rev->path = rt_strdup(a, path);
	rev->message = "";
	int key_line[K_COUNT] = { 0 };

	rt_revision_checksum(text, len, rev->checksum);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (memchr(text, '\0', len)) {
		rt_err_set(err, RETORT_EINVALID,
		           "%s: not a text file (it holds a NUL byte)", path);
		return RETORT_EINVALID;
	}

	const char *p = text, *end = text + len;
	int line = 1;
	bool in_header = true;
	rt_section *cur = NULL;
	const char *body = NULL;   /* start of the current section's body */
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		size_t n = (size_t)(eol - p);
		if (n && p[n - 1] == '\r')
			n--;
		char *l = rt_strndup(a, p, n);
		char *t = rt_trim(rt_strdup(a, l));
		const char *next = eol < end ? eol + 1 : end;

		if (is_marker(t, strlen(t))) {
			char *rest = rt_trim(t + 2) + strlen("migrate:");
			if (cur) {
				cur->text = rt_strndup(a, body, (size_t)(p - body));
			}
			in_header = false;
			cur = parse_marker(a, rev, path, line, rest, &local);
			body = next;
			if (cur)
				cur->first_line = line + 1;
		} else if (in_header && rt_startswith(t, "--")) {
			const char *value;
			int k = header_key(t + 2, &value);
			if (k >= 0) {
				char *v = rt_trim(rt_strdup(a, value));
				if (key_line[k]) {
					rt_err_add(&local, RETORT_EINVALID,
					           "%s:%d: '%s' given twice (first at line %d)",
					           path, line, header_keys[k], key_line[k]);
				} else {
					key_line[k] = line;
					switch (k) {
					case K_ID:
						rev->id = v;
						rev->id_line = line;
						if (!rt_revision_id_valid(v))
							rt_err_add(&local, RETORT_EINVALID,
							           "%s:%d: Revision ID: '%s' is not a valid revision id ([0-9A-Za-z_]{1,32})",
							           path, line, v);
						break;
					case K_REVISES:
						rev->down_line = line;
						parse_list(a, path, line, "Revises", v, true,
						           &rev->down, &local);
						break;
					case K_DEPENDS:
						parse_list(a, path, line, "Depends On", v, true,
						           &rev->depends_on, &local);
						break;
					case K_LABELS:
						parse_list(a, path, line, "Branch Labels", v, false,
						           &rev->branch_labels, &local);
						break;
					case K_DATE:
						rev->create_date = v;
						break;
					}
				}
			} else if (!*rev->message && !key_line[K_ID] && *rt_trim(t + 2)) {
				rev->message = rt_trim(t + 2);
			}
		} else if (in_header && !*t) {
			/* blank lines may separate the header from the sections */
		} else if (!cur) {
			if (in_header)
				rt_err_add(&local, RETORT_EINVALID,
				           "%s:%d: SQL before the first section (expected '-- migrate:upgrade')",
				           path, line);
			in_header = false;
		}
		p = next;
		line++;
	}
	if (cur)
		cur->text = rt_strndup(a, body, (size_t)(end - body));

	if (!key_line[K_ID])
		rt_err_add(&local, RETORT_EINVALID,
		           "%s:1: missing header '-- Revision ID: ...'", path);
	if (!rev->upgrade.line)
		rt_err_add(&local, RETORT_EINVALID,
		           "%s:%d: missing section '-- migrate:upgrade'", path, line);
	if (!rev->downgrade.line)
		rt_err_add(&local, RETORT_EINVALID,
		           "%s:%d: missing section '-- migrate:downgrade'", path, line);
	else if (rev->upgrade.line > rev->downgrade.line)
		rt_err_add(&local, RETORT_EINVALID,
		           "%s:%d: migrate:downgrade comes before migrate:upgrade",
		           path, rev->downgrade.line);
	if (rev->id && rt_strv_contains(&rev->down, rev->id))
		rt_err_add(&local, RETORT_EINVALID, "%s:%d: revision '%s' revises itself",
		           path, rev->down_line, rev->id);

	rt_section *secs[] = { &rev->upgrade, &rev->downgrade };
	for (size_t i = 0; dialect && !local.count && i < 2; i++) {
		rt_err e = RT_ERR_INIT;
		if (rt_sql_split(a, dialect, secs[i]->text, strlen(secs[i]->text),
		                 secs[i]->first_line, &secs[i]->stmts,
		                 &secs[i]->nstmts, &e) != RETORT_OK)
			rt_err_add(&local, RETORT_EINVALID, "%s:%s", path, rt_err_msg(&e));
		rt_err_free(&e);
	}

	int rc = RETORT_OK;
	if (local.count) {
		rc = local.code;
		rt_err_move(err, &local);
	} else {
		*out = rev;
	}
	rt_err_free(&local);
	return rc;
}

int
rt_revision_load(rt_arena *a, const char *path, rt_dialect dialect,
                 rt_revision **out, rt_err *err)
{
	char *text;
	size_t len;
	int rc = rt_read_file(a, path, MAX_REVISION_FILE, &text, &len, err);
	if (rc != RETORT_OK)
		return rc;
	return rt_revision_parse(a, path, text, len, dialect, out, err);
}
