/* url.c: see url.h. */
#include "url.h"

#include <string.h>

#include "util.h"

static const char *const pg_schemes[] = {
	"postgresql://", "postgres://",
};

/* Length of a "postgresql+driver://" style scheme prefix, or 0. */
static size_t
pg_scheme_len(const char *url)
{
	for (size_t i = 0; i < RT_ARRAY_LEN(pg_schemes); i++)
		if (rt_startswith(url, pg_schemes[i]))
			return strlen(pg_schemes[i]);
	if (rt_startswith(url, "postgresql+")) {
		const char *sep = strstr(url, "://");
		if (sep)
			return (size_t)(sep - url) + 3;
	}
	return 0;
}

static bool
looks_like_conninfo(const char *s)
{
	/* keyword=value: a word of letters and underscores, then '='. */
	const char *p = s;
	while (*p == ' ' || *p == '\t')
		p++;
	const char *w = p;
	while ((*p >= 'a' && *p <= 'z') || *p == '_')
		p++;
	while (*p == ' ')
		p++;
	return p > w && *p == '=';
}

/* Masks the values of password= in a conninfo string. */
static void
mask_conninfo(rt_buf *b, const char *s)
{
	const char *p = s;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n') {
			rt_buf_putc(b, *p);
			p++;
		}
		if (!*p)
			break;
		const char *kw = p;
		while (*p && *p != '=' && *p != ' ' && *p != '\t')
			p++;
		size_t kwlen = (size_t)(p - kw);
		rt_buf_put(b, kw, kwlen);
		while (*p == ' ' || *p == '\t')
			rt_buf_putc(b, *p++);
		if (*p != '=')
			continue;
		rt_buf_putc(b, *p++);
		while (*p == ' ' || *p == '\t')
			rt_buf_putc(b, *p++);
		const char *val = p;
		if (*p == '\'') {
			p++;
			while (*p && *p != '\'') {
				if (*p == '\\' && p[1])
					p++;
				p++;
			}
			if (*p == '\'')
				p++;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
				if (*p == '\\' && p[1])
					p++;
				p++;
			}
		}
		if (kwlen == 8 && strncmp(kw, "password", 8) == 0)
			rt_buf_puts(b, "***");
		else
			rt_buf_put(b, val, (size_t)(p - val));
	}
}

/* Masks the userinfo password and password= query parameters of a URL. */
static void
mask_url(rt_buf *b, const char *url, size_t scheme_len)
{
	const char *rest = url + scheme_len;
	const char *query = strchr(rest, '?');
	const char *stop = query ? query : rest + strlen(rest);

	/* The userinfo ends at the last '@' before the query. */
	const char *at = NULL;
	for (const char *p = rest; p < stop; p++)
		if (*p == '@')
			at = p;
	rt_buf_put(b, url, scheme_len);
	const char *p = rest;
	if (at) {
		const char *colon = memchr(rest, ':', (size_t)(at - rest));
		if (colon) {
			rt_buf_put(b, rest, (size_t)(colon - rest + 1));
			rt_buf_puts(b, "***");
			p = at;
		}
	}
	rt_buf_put(b, p, (size_t)(stop - p));
	if (!query)
		return;

	/* Query parameters: name=value&name=value */
	p = query;
	while (*p) {
		rt_buf_putc(b, *p++); /* '?' or '&' */
		const char *name = p;
		while (*p && *p != '=' && *p != '&')
			p++;
		rt_buf_put(b, name, (size_t)(p - name));
		if (*p != '=')
			continue;
		rt_buf_putc(b, *p++);
		const char *val = p;
		while (*p && *p != '&')
			p++;
		if (p - val > 0 && (size_t)(val - 1 - name) == 8 &&
		    strncmp(name, "password", 8) == 0)
			rt_buf_puts(b, "***");
		else
			rt_buf_put(b, val, (size_t)(p - val));
	}
}

char *
rt_url_mask(rt_arena *a, const char *url)
{
	if (!url)
		return NULL;
	rt_buf b = RT_BUF_INIT;
	size_t sl = pg_scheme_len(url);
	const char *sep = strstr(url, "://");
	if (sl)
		mask_url(&b, url, sl);
	else if (sep && !looks_like_conninfo(url))
		mask_url(&b, url, (size_t)(sep - url) + 3);
	else
		mask_conninfo(&b, url);
	char *s = rt_strndup(a, rt_buf_cstr(&b), b.len);
	rt_buf_free(&b);
	return s;
}

/* The password written in url (URL userinfo, query or conninfo), or NULL. */
static char *
find_password(rt_arena *a, const char *url)
{
	char *masked = rt_url_mask(a, url);
	/* Walk both strings: where they differ, url holds the password. */
	size_t i = 0;
	while (url[i] && url[i] == masked[i])
		i++;
	if (!url[i])
		return NULL;
	/* masked has "***" at i; the password ends where the tails agree. */
	const char *tail = masked + i + 3;
	size_t ul = strlen(url), tl = strlen(tail);
	if (ul < i + tl)
		return NULL;
	size_t plen = ul - i - tl;
	return plen ? rt_strndup(a, url + i, plen) : NULL;
}

char *
rt_mask_password_in(rt_arena *a, const char *msg, const char *url)
{
	char *pw = url ? find_password(a, url) : NULL;
	if (!pw || strlen(pw) < 1)
		return rt_strdup(a, msg);
	rt_buf b = RT_BUF_INIT;
	size_t pl = strlen(pw);
	for (const char *p = msg; *p;) {
		if (strncmp(p, pw, pl) == 0) {
			rt_buf_puts(&b, "***");
			p += pl;
		} else {
			rt_buf_putc(&b, *p++);
		}
	}
	char *s = rt_strndup(a, rt_buf_cstr(&b), b.len);
	rt_buf_free(&b);
	return s;
}

int
rt_url_parse(rt_arena *a, const char *url, const char *base_dir, rt_url *out,
             rt_err *err)
{
	if (!url || !*url)
		return rt_err_set(err, RETORT_EINVALID,
		                  "no database URL: set url in retort.ini, RETORT_URL or --url");
	rt_url u;
	u.display = rt_url_mask(a, url);

	if (rt_startswith(url, "sqlite:")) {
		const char *p = url + strlen("sqlite:");
		u.dialect = RT_SQLITE;
		if (strcmp(p, "//") == 0 || strcmp(p, "///:memory:") == 0 ||
		    strcmp(p, ":memory:") == 0) {
			u.target = ":memory:";
		} else if (rt_startswith(p, "///")) {
			const char *path = p + 3;  /* "/abs" or "rel" */
			char *q = strchr(path, '?');
			if (q)
				return rt_err_set(err, RETORT_EINVALID,
				                  "%s: SQLite URLs take no parameters",
				                  u.display);
			u.target = rt_path_absolute(a, path, base_dir);
		} else {
			return rt_err_set(err, RETORT_EINVALID,
			                  "%s: expected sqlite:///PATH (relative) or sqlite:////PATH (absolute)",
			                  u.display);
		}
	} else if (pg_scheme_len(url)) {
		u.dialect = RT_POSTGRES;
		size_t sl = pg_scheme_len(url);
		/* libpq knows postgresql:// and postgres:// only. */
		if (rt_startswith(url, "postgresql+"))
			u.target = rt_sprintf(a, "postgresql://%s", url + sl);
		else
			u.target = rt_strdup(a, url);
	} else if (looks_like_conninfo(url)) {
		u.dialect = RT_POSTGRES;
		u.target = rt_strdup(a, url);
	} else {
		const char *sep = strstr(url, "://");
		if (sep)
			return rt_err_set(err, RETORT_EINVALID,
			                  "%s: unsupported database '%.*s' (retort speaks sqlite and postgresql)",
			                  u.display, (int)(sep - url), url);
		return rt_err_set(err, RETORT_EINVALID,
		                  "%s: not a database URL (expected sqlite:///PATH, postgresql://... or a libpq conninfo string)",
		                  u.display);
	}
	*out = u;
	return RETORT_OK;
}
