/* config.c: see config.h. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ini.h"

typedef enum key_type {
	K_STRING,   /* any text */
	K_NAME,     /* a non-empty SQL name (quoted wherever it is used) */
	K_PATH,     /* one path, made absolute against here */
	K_PATHS,    /* white-space separated paths or globs, made absolute */
	K_WORDS,    /* white-space or comma separated words */
	K_INT,      /* a positive integer */
	K_BOOL,
	K_SECONDS,  /* a non-negative number */
	K_LOCK,     /* advisory | table */
} key_type;

typedef struct key_def {
	const char *name;
	key_type type;
	const char *def;     /* default, before interpolation; NULL: none */
	size_t offset;       /* into rt_config */
} key_def;

#define OFF(f) offsetof(rt_config, f)

static const key_def keys[] = {
	{ "script_location", K_PATH, "%(here)s/migrations", OFF(script_location) },
	{ "version_locations", K_PATHS, "%(script_location)s/versions",
	  OFF(version_locations) },
	{ "models", K_PATHS, "%(here)s/models/*.xml", OFF(models) },
	{ "url", K_STRING, "", OFF(url) },
	{ "version_table", K_NAME, "retort_version", OFF(version_table) },
	{ "version_table_schema", K_NAME, NULL, OFF(version_table_schema) },
	{ "history_table", K_NAME, "retort_history", OFF(history_table) },
	{ "lock_table", K_NAME, "retort_lock", OFF(lock_table) },
	{ "file_template", K_STRING, "%%(rev)s_%%(slug)s", OFF(file_template) },
	{ "truncate_slug_length", K_INT, "40", OFF(truncate_slug_length) },
	{ "transaction_per_migration", K_BOOL, "true",
	  OFF(transaction_per_migration) },
	{ "default_schema", K_NAME, "public", OFF(default_schema) },
	{ "include_schemas", K_WORDS, "%(default_schema)s", OFF(include_schemas) },
	{ "exclude_tables", K_WORDS, "", OFF(exclude_tables) },
	{ "lock", K_LOCK, "advisory", OFF(lock) },
	{ "lock_timeout", K_SECONDS, "60", OFF(lock_timeout) },
	{ "lock_lease", K_SECONDS, "30", OFF(lock_lease) },
};

#define NKEYS RT_ARRAY_LEN(keys)
#define MAX_CONFIG_SIZE (1024 * 1024)
#define MAX_DEPTH 10

typedef struct load_state {
	rt_arena *a;
	const char *path;
	const char *raw[NKEYS];   /* values as written, before interpolation */
	int line[NKEYS];          /* 0: not in the file */
	bool have_section;
	rt_err *err;
	int rc;
} load_state;

static int
key_index(const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *const *
rt_config_keys(void)
{
	static const char *names[NKEYS + 1];
	for (size_t i = 0; i < NKEYS; i++)
		names[i] = keys[i].name;
	names[NKEYS] = NULL;
	return names;
}

static int
on_key(const char *section, const char *key, const char *value, int line,
       void *payload, rt_err *err)
{
	load_state *st = payload;
	if (strcmp(section, "retort") != 0)
		return RETORT_OK;
	st->have_section = true;
	if (!key)
		return RETORT_OK; /* the section header */
	int k = key_index(key);
	if (k < 0) {
		const char *const *names = rt_config_keys();
		const char *near = rt_suggest(key, names, NKEYS);
		if (near)
			rt_err_add(err, RETORT_EINVALID,
			           "%s:%d: unknown key '%s' in [retort] (did you mean '%s'?)",
			           st->path, line, key, near);
		else
			rt_err_add(err, RETORT_EINVALID,
			           "%s:%d: unknown key '%s' in [retort]", st->path,
			           line, key);
		st->rc = RETORT_EINVALID;
		return RETORT_OK; /* keep reading: report every unknown key */
	}
	if (st->line[k]) {
		rt_err_add(err, RETORT_EINVALID,
		           "%s:%d: key '%s' already set on line %d", st->path, line,
		           key, st->line[k]);
		st->rc = RETORT_EINVALID;
		return RETORT_OK;
	}
	st->raw[k] = rt_strdup(st->a, value);
	st->line[k] = line;
	return RETORT_OK;
}

static const char *
where(load_state *st, int k)
{
	if (k >= 0 && st->line[k])
		return rt_sprintf(st->a, "%s:%d", st->path, st->line[k]);
	return st->path;
}

/* Expands %(name)s and %% in the value of key k. */
static int
interpolate(load_state *st, const char *here, int k, int depth, char **out)
{
	const char *raw = st->raw[k] ? st->raw[k] : keys[k].def;
	if (!raw) {
		*out = NULL;
		return RETORT_OK;
	}
	if (depth > MAX_DEPTH)
		return rt_err_add(st->err, RETORT_EINVALID,
		                  "%s: key '%s': interpolation nested too deeply (a loop?)",
		                  where(st, k), keys[k].name);
	rt_buf b = RT_BUF_INIT;
	int rc = RETORT_OK;
	for (const char *p = raw; *p && rc == RETORT_OK; p++) {
		if (*p != '%') {
			rt_buf_putc(&b, *p);
			continue;
		}
		if (p[1] == '%') {
			rt_buf_putc(&b, '%');
			p++;
			continue;
		}
		const char *close = p[1] == '(' ? strstr(p, ")s") : NULL;
		if (!close) {
			rc = rt_err_add(st->err, RETORT_EINVALID,
			                "%s: key '%s': '%%' must be followed by '%%' or '(name)s'",
			                where(st, k), keys[k].name);
			break;
		}
		char *name = rt_strndup(st->a, p + 2, (size_t)(close - p - 2));
		if (strcmp(name, "here") == 0) {
			rt_buf_puts(&b, here);
		} else {
			int ref = key_index(name);
			char *val = NULL;
			if (ref < 0) {
				rc = rt_err_add(st->err, RETORT_EINVALID,
				                "%s: key '%s': unknown name '%%(%s)s'",
				                where(st, k), keys[k].name, name);
				break;
			}
			rc = interpolate(st, here, ref, depth + 1, &val);
			if (rc != RETORT_OK)
				break;
			rt_buf_puts(&b, val ? val : "");
		}
		p = close + 1;
	}
	if (rc == RETORT_OK)
		*out = rt_strndup(st->a, rt_buf_cstr(&b), b.len);
	rt_buf_free(&b);
	return rc;
}

static bool
parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	for (size_t i = 0; i < RT_ARRAY_LEN(yes); i++) {
		if (rt_streq_nocase(s, yes[i])) {
			*out = true;
			return true;
		}
		if (rt_streq_nocase(s, no[i])) {
			*out = false;
			return true;
		}
	}
	return false;
}

/* Converts the interpolated value of key k into its field of c. */
static int
set_field(load_state *st, rt_config *c, int k, const char *val)
{
	const key_def *kd = &keys[k];
	void *field = (char *)c + kd->offset;
	rt_err *err = st->err;

	switch (kd->type) {
	case K_STRING:
		*(const char **)field = val;
		return RETORT_OK;
	case K_NAME:
		if (!val)
			return RETORT_OK;
		if (!*val || strlen(val) > 63)
			return rt_err_add(err, RETORT_EINVALID,
			                  "%s: key '%s': expected a name of 1 to 63 bytes, got '%s'",
			                  where(st, k), kd->name, val);
		*(const char **)field = val;
		return RETORT_OK;
	case K_PATH:
		if (!*val)
			return rt_err_add(err, RETORT_EINVALID,
			                  "%s: key '%s': empty path", where(st, k),
			                  kd->name);
		*(const char **)field = rt_path_absolute(st->a, val, c->here);
		return RETORT_OK;
	case K_PATHS: {
		rt_strv words = rt_split_words(st->a, val, false);
		rt_strv *sv = field;
		for (size_t i = 0; i < words.n; i++)
			rt_strv_push(st->a, sv,
			             rt_path_absolute(st->a, words.v[i], c->here));
		return RETORT_OK;
	}
	case K_WORDS:
		*(rt_strv *)field = rt_split_words(st->a, val, true);
		return RETORT_OK;
	case K_INT: {
		char *end;
		errno = 0;
		long v = strtol(val, &end, 10);
		if (errno || end == val || *end || v < 1 || v > 1000000)
			return rt_err_add(err, RETORT_EINVALID,
			                  "%s: key '%s': expected a positive integer, got '%s'",
			                  where(st, k), kd->name, val);
		*(int *)field = (int)v;
		return RETORT_OK;
	}
	case K_BOOL:
		if (!parse_bool(val, (bool *)field))
			return rt_err_add(err, RETORT_EINVALID,
			                  "%s: key '%s': expected true or false, got '%s'",
			                  where(st, k), kd->name, val);
		return RETORT_OK;
	case K_SECONDS: {
		char *end;
		errno = 0;
		double v = strtod(val, &end);
		if (errno || end == val || *end || !(v >= 0) || v > 86400 * 7)
			return rt_err_add(err, RETORT_EINVALID,
			                  "%s: key '%s': expected a number of seconds, got '%s'",
			                  where(st, k), kd->name, val);
		*(double *)field = v;
		return RETORT_OK;
	}
	case K_LOCK:
		if (strcmp(val, "advisory") == 0)
			c->lock = RT_LOCK_ADVISORY;
		else if (strcmp(val, "table") == 0)
			c->lock = RT_LOCK_TABLE;
		else
			return rt_err_add(err, RETORT_EINVALID,
			                  "%s: key '%s': expected 'advisory' or 'table', got '%s'",
			                  where(st, k), kd->name, val);
		return RETORT_OK;
	}
	return RETORT_OK;
}

int
rt_config_parse(rt_arena *a, const char *path, const char *text, size_t len,
                rt_config **out, rt_err *err)
{
	load_state st;
	memset(&st, 0, sizeof(st));
	st.a = a;
	st.path = path;
	st.err = err;

	rt_err_clear(err);
	int rc = rt_ini_parse(text, len, path, on_key, &st, err);
	if (rc != RETORT_OK)
		return RETORT_EINVALID;
	if (!st.have_section)
		return rt_err_add(err, RETORT_EINVALID, "%s: no [retort] section",
		                  path);

	rt_config *c = rt_new(a, rt_config);
	c->path = rt_path_absolute(a, path, NULL);
	c->here = rt_path_dirname(a, c->path);

	/* Unknown or repeated keys were recorded by on_key; the values are
	 * still checked so that one run reports every problem. */
	int bad = st.rc;
	for (size_t k = 0; k < NKEYS; k++) {
		char *val;
		if (interpolate(&st, c->here, (int)k, 0, &val) != RETORT_OK) {
			bad = RETORT_EINVALID;
			continue;
		}
		if (!val)
			continue;
		if (set_field(&st, c, (int)k, val) != RETORT_OK)
			bad = RETORT_EINVALID;
	}
	if (bad != RETORT_OK)
		return RETORT_EINVALID;

	int url_key = key_index("url");
	if (url_key >= 0 && st.line[url_key])
		c->url_origin = where(&st, url_key);
	else
		c->url_origin = path;
	/* The line of every key, for later messages (rt_config_where). */
	int *lines = rt_alloc(a, sizeof(int) * NKEYS);
	memcpy(lines, st.line, sizeof(int) * NKEYS);
	c->lines_ = lines;
	*out = c;
	return RETORT_OK;
}

int
rt_config_load(rt_arena *a, const char *path, rt_config **out, rt_err *err)
{
	char *text;
	size_t len;
	int rc = rt_read_file(a, path, MAX_CONFIG_SIZE, &text, &len, err);
	if (rc == RETORT_ENOTFOUND)
		return rt_err_set(err, RETORT_ENOTFOUND,
		                  "%s: no such file (create a project with 'retort init', or name the file with -c or RETORT_CONFIG)",
		                  path);
	if (rc != RETORT_OK)
		return rc == RETORT_ERROR ? rc : RETORT_EINVALID;
	return rt_config_parse(a, path, text, len, out, err);
}

const char *
rt_config_where(rt_arena *a, const rt_config *c, const char *key)
{
	int k = key_index(key);
	if (k >= 0 && c->lines_ && c->lines_[k])
		return rt_sprintf(a, "%s:%d", c->path, c->lines_[k]);
	return c->path;
}

bool
rt_config_excludes(const rt_config *c, const char *table)
{
	if (strcmp(table, c->version_table) == 0 ||
	    strcmp(table, c->history_table) == 0 ||
	    strcmp(table, c->lock_table) == 0)
		return true;
	for (size_t i = 0; i < c->exclude_tables.n; i++)
		if (rt_glob_match(c->exclude_tables.v[i], table))
			return true;
	return false;
}
