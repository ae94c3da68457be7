/*
 * lint.c: destructive and locking-hazard statements in revision files.
 *
 * Each statement is cut into tokens (words lowered, quoted identifiers kept
 * as written, strings and comments skipped) and matched against a few
 * statement shapes: DROP TABLE, ALTER TABLE with its comma-separated
 * actions, CREATE INDEX, TRUNCATE, DELETE and UPDATE. That is enough for
 * the statements people and autogenerate write; anything else passes.
 */
#include "lint.h"

#include <ctype.h>
#include <string.h>

#include "model.h"

const rt_lint_rule rt_lint_rules[] = {
	{ "drop-table", RT_LINT_WARNING, false,
	  "DROP TABLE: the table and its data are gone" },
	{ "drop-schema", RT_LINT_WARNING, false,
	  "DROP SCHEMA: every object in it is gone" },
	{ "drop-column", RT_LINT_WARNING, false,
	  "ALTER TABLE ... DROP COLUMN: the column and its data are gone" },
	{ "truncate", RT_LINT_WARNING, false, "TRUNCATE removes every row" },
	{ "delete-all", RT_LINT_WARNING, false,
	  "DELETE without WHERE removes every row" },
	{ "update-all", RT_LINT_WARNING, false,
	  "UPDATE without WHERE rewrites every row" },
	{ "rename", RT_LINT_WARNING, false,
	  "renaming a table or column breaks the code still running with the old name" },
	{ "not-null-without-default", RT_LINT_WARNING, false,
	  "ADD COLUMN ... NOT NULL without a default fails on a table with rows (always on SQLite)" },
	{ "alter-type", RT_LINT_WARNING, true,
	  "ALTER COLUMN ... TYPE rewrites the table under an ACCESS EXCLUSIVE lock" },
	{ "set-not-null", RT_LINT_WARNING, true,
	  "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock" },
	{ "constraint-not-valid", RT_LINT_WARNING, true,
	  "a foreign key or check added without NOT VALID checks every row under lock" },
	{ "constraint-builds-index", RT_LINT_WARNING, true,
	  "a unique or primary key constraint added to a table builds its index under lock" },
	{ "volatile-default", RT_LINT_WARNING, true,
	  "ADD COLUMN with a volatile default rewrites the table" },
	{ "index-not-concurrent", RT_LINT_WARNING, true,
	  "CREATE INDEX without CONCURRENTLY blocks writes to the table" },
	{ "transaction-forbidden", RT_LINT_ERROR, false,
	  "CONCURRENTLY, VACUUM ... cannot run in a transaction: use a transaction:false section" },
	{ NULL, 0, false, NULL },
};

/* One token of a statement. */
typedef struct tok {
	const char *text;   /* lowered word, identifier as written, or the
	                       punctuation character */
	bool word;          /* a keyword or unquoted identifier */
	bool ident;         /* a quoted identifier */
	bool string;        /* a string literal (text is "'") */
	int depth;          /* parenthesis depth it appears at */
} tok;

typedef struct toks {
	tok *v;
	size_t n;
} toks;

static bool
is_ident_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* Skips a string starting at s[i] (a quote char q); returns the index
 * after its end (or len). Doubled quotes stay inside. */
static size_t
skip_quoted(const char *s, size_t len, size_t i, char q, bool backslash)
{
	for (i++; i < len; i++) {
		if (backslash && s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] == q) {
			if (i + 1 < len && s[i + 1] == q) {
				i++;
				continue;
			}
			return i + 1;
		}
	}
	return len;
}

/* Cuts sql into tokens allocated from a. */
static toks
tokenize(rt_arena *a, const char *s)
{
	toks t = { NULL, 0 };
	size_t len = strlen(s), i = 0;
	int depth = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (isspace(c)) {
			i++;
		} else if (c == '-' && i + 1 < len && s[i + 1] == '-') {
			while (i < len && s[i] != '\n')
				i++;
		} else if (c == '/' && i + 1 < len && s[i + 1] == '*') {
			int nest = 0;
			while (i < len) {
				if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
					nest++;
					i += 2;
				} else if (s[i] == '*' && i + 1 < len && s[i + 1] == '/') {
					i += 2;
					if (--nest == 0)
						break;
				} else {
					i++;
				}
			}
		} else if (c == '\'' || ((c == 'e' || c == 'E') && i + 1 < len &&
		                         s[i + 1] == '\'')) {
			bool esc = c != '\'';
			i = skip_quoted(s, len, esc ? i + 1 : i, '\'', esc);
			tok k = { "'", false, false, true, depth };
			RT_PUSH(a, t.v, t.n, k);
		} else if (c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : (char)c;
			size_t start = i + 1;
			size_t end = c == '[' ? start : skip_quoted(s, len, i, close, false);
			if (c == '[') {
				while (end < len && s[end] != ']')
					end++;
				i = end < len ? end + 1 : len;
				end = end < len ? end + 1 : len;
			} else {
				i = end;
			}
			size_t n = end > start ? end - start - 1 : 0;
			tok k = { rt_strndup(a, s + start, n), false, true, false, depth };
			RT_PUSH(a, t.v, t.n, k);
		} else if (c == '$' && i + 1 < len && (s[i + 1] == '$' ||
		                                       isalpha((unsigned char)s[i + 1]) ||
		                                       s[i + 1] == '_')) {
			/* $tag$ ... $tag$: a string. */
			size_t j = i + 1;
			while (j < len && s[j] != '$' && is_ident_char((unsigned char)s[j]))
				j++;
			if (j < len && s[j] == '$') {
				size_t taglen = j - i + 1;
				const char *end = NULL;
				for (size_t k = j + 1; k + taglen <= len; k++)
					if (memcmp(s + k, s + i, taglen) == 0) {
						end = s + k;
						break;
					}
				i = end ? (size_t)(end - s) + taglen : len;
				tok k = { "'", false, false, true, depth };
				RT_PUSH(a, t.v, t.n, k);
			} else {
				i = j;
			}
		} else if (is_ident_char(c)) {
			size_t start = i;
			while (i < len && is_ident_char((unsigned char)s[i]))
				i++;
			char *w = rt_strndup(a, s + start, i - start);
			for (char *p = w; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			tok k = { w, true, false, false, depth };
			RT_PUSH(a, t.v, t.n, k);
		} else {
			if (c == ')' && depth > 0)
				depth--;
			char *p = rt_strndup(a, s + i, 1);
			tok k = { p, false, false, false, depth };
			if (c == '(')
				depth++;
			RT_PUSH(a, t.v, t.n, k);
			i++;
		}
	}
	return t;
}

/* True when token i is the keyword kw. */
static bool
kw(const toks *t, size_t i, const char *w)
{
	return i < t->n && t->v[i].word && strcmp(t->v[i].text, w) == 0;
}

/* True when token i is the punctuation p. */
static bool
punct(const toks *t, size_t i, char p)
{
	return i < t->n && !t->v[i].word && !t->v[i].ident && !t->v[i].string &&
	       t->v[i].text[0] == p;
}

/* Reads a possibly qualified name at *i (a.b.c); returns its last part
 * (NULL when there is no name) and moves *i past it. */
static const char *
read_name(const toks *t, size_t *i)
{
	const char *last = NULL;
	while (*i < t->n && (t->v[*i].word || t->v[*i].ident)) {
		last = t->v[*i].text;
		(*i)++;
		if (!punct(t, *i, '.'))
			break;
		(*i)++;
	}
	return last;
}

/* Skips IF [NOT] EXISTS and ONLY at *i. */
static void
skip_modifiers(const toks *t, size_t *i)
{
	for (;;) {
		if (kw(t, *i, "if") && kw(t, *i + 1, "exists"))
			*i += 2;
		else if (kw(t, *i, "if") && kw(t, *i + 1, "not") &&
		         kw(t, *i + 2, "exists"))
			*i += 3;
		else if (kw(t, *i, "only"))
			(*i)++;
		else
			return;
	}
}

/* True when a word in [from, to) at depth 0 is w. */
static bool
has_kw(const toks *t, size_t from, size_t to, const char *w)
{
	for (size_t i = from; i < to && i < t->n; i++)
		if (kw(t, i, w))
			return true;
	return false;
}

typedef struct lint_ctx {
	rt_arena *a;
	const rt_revision *rev;
	rt_dialect dialect;
	const rt_stmt *stmt;
	rt_strv new_tables;       /* created earlier in this section */
	rt_strv ignored;          /* rules silenced for this statement */
	rt_lint_finding **out;
	size_t *n;
} lint_ctx;

static const rt_lint_rule *
find_rule(const char *name)
{
	for (const rt_lint_rule *r = rt_lint_rules; r->name; r++)
		if (strcmp(r->name, name) == 0)
			return r;
	return NULL;
}

static void
report(lint_ctx *c, const char *rule, rt_lint_severity sev, const char *fmt,
       ...) RT_PRINTF(4, 5);

static void
report(lint_ctx *c, const char *rule, rt_lint_severity sev, const char *fmt,
       ...)
{
	const rt_lint_rule *r = find_rule(rule);
	if (r->postgres_only && c->dialect != RT_POSTGRES)
		return;
	if (rt_strv_contains(&c->ignored, rule) ||
	    rt_strv_contains(&c->ignored, "all"))
		return;
	va_list ap;
	va_start(ap, fmt);
	rt_lint_finding f = { c->rev, c->stmt->line, r->name,
	                      sev ? sev : r->severity,
	                      rt_vsprintf(c->a, fmt, ap) };
	va_end(ap);
	RT_PUSH(c->a, *c->out, *c->n, f);
}

static bool
is_new(const lint_ctx *c, const char *table)
{
	return table && rt_strv_contains(&c->new_tables, table);
}

static const char *
volatile_function(const toks *t, size_t from, size_t to)
{
	static const char *const fns[] = {
		"random", "clock_timestamp", "timeofday", "gen_random_uuid",
		"uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
		"nextval", "txid_current",
	};
	for (size_t i = from; i < to && i < t->n; i++)
		for (size_t k = 0; k < RT_ARRAY_LEN(fns); k++)
			if (kw(t, i, fns[k]) && punct(t, i + 1, '('))
				return fns[k];
	return NULL;
}

/* One action of ALTER TABLE, tokens [i, end). */
static void
lint_alter_action(lint_ctx *c, const toks *t, size_t i, size_t end,
                  const char *table)
{
	bool fresh = is_new(c, table);
	if (kw(t, i, "drop")) {
		size_t j = i + 1;
		if (kw(t, j, "constraint"))
			return;
		if (kw(t, j, "column"))
			j++;
		skip_modifiers(t, &j);
		const char *col = read_name(t, &j);
		if (col)
			report(c, "drop-column", 0,
			       "drops column \"%s\" of \"%s\" and its data", col,
			       table);
		return;
	}
	if (kw(t, i, "rename")) {
		size_t j = i + 1;
		if (kw(t, j, "to")) {
			report(c, "rename", 0,
			       "renames table \"%s\": code still running with the old "
			       "name breaks; deploy code that works with both first",
			       table);
			return;
		}
		if (kw(t, j, "constraint"))
			return;
		if (kw(t, j, "column"))
			j++;
		const char *col = read_name(t, &j);
		if (col && !fresh)
			report(c, "rename", 0,
			       "renames column \"%s\" of \"%s\": code still running "
			       "with the old name breaks; deploy code that works with "
			       "both first", col, table);
		return;
	}
	if (kw(t, i, "alter")) {
		size_t j = i + 1;
		if (kw(t, j, "column"))
			j++;
		const char *col = read_name(t, &j);
		if (!col || fresh)
			return;
		if (kw(t, j, "type") || (kw(t, j, "set") && kw(t, j + 1, "data") &&
		                         kw(t, j + 2, "type")))
			report(c, "alter-type", 0,
			       "changing the type of \"%s\".\"%s\" rewrites the table "
			       "under an ACCESS EXCLUSIVE lock and may lose data; add a "
			       "new column, backfill it, then switch", table, col);
		else if (kw(t, j, "set") && kw(t, j + 1, "not") &&
		         kw(t, j + 2, "null"))
			report(c, "set-not-null", 0,
			       "SET NOT NULL on \"%s\".\"%s\" scans the whole table "
			       "under an ACCESS EXCLUSIVE lock; add CHECK (%s IS NOT "
			       "NULL) NOT VALID, VALIDATE it, then SET NOT NULL", table,
			       col, col);
		return;
	}
	if (kw(t, i, "add")) {
		size_t j = i + 1;
		bool constraint = false;
		if (kw(t, j, "constraint")) {
			j++;
			read_name(t, &j);
			constraint = true;
		}
		if (constraint || kw(t, j, "foreign") || kw(t, j, "check") ||
		    kw(t, j, "unique") || kw(t, j, "primary") ||
		    kw(t, j, "exclude")) {
			if (fresh)
				return;
			if (kw(t, j, "foreign") || kw(t, j, "check")) {
				if (!has_kw(t, j, end, "valid"))
					report(c, "constraint-not-valid", 0,
					       "adding a %s to existing table \"%s\" checks "
					       "every row under lock; add it NOT VALID, then "
					       "VALIDATE CONSTRAINT in a later revision",
					       kw(t, j, "check") ? "check" : "foreign key",
					       table);
			} else if ((kw(t, j, "unique") || kw(t, j, "primary")) &&
			           !has_kw(t, j, end, "using")) {
				report(c, "constraint-builds-index", 0,
				       "adding a %s constraint to existing table \"%s\" "
				       "builds its index under an ACCESS EXCLUSIVE lock; "
				       "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD "
				       "CONSTRAINT ... USING INDEX",
				       kw(t, j, "unique") ? "unique" : "primary key", table);
			}
			return;
		}
		if (kw(t, j, "column"))
			j++;
		skip_modifiers(t, &j);
		const char *col = read_name(t, &j);
		if (!col || fresh)
			return;
		bool has_default = has_kw(t, j, end, "default") ||
		                   has_kw(t, j, end, "generated");
		bool not_null = false;
		for (size_t k = j; k + 1 < end; k++)
			if (kw(t, k, "not") && kw(t, k + 1, "null"))
				not_null = true;
		if (not_null && !has_default) {
			if (c->dialect == RT_SQLITE)
				report(c, "not-null-without-default", RT_LINT_ERROR,
				       "SQLite refuses ADD COLUMN \"%s\" NOT NULL without a "
				       "non-NULL default", col);
			else
				report(c, "not-null-without-default", 0,
				       "ADD COLUMN \"%s\" NOT NULL without a default fails "
				       "when \"%s\" has rows; add a default, or add the "
				       "column nullable, backfill, then SET NOT NULL", col,
				       table);
		}
		const char *fn = volatile_function(t, j, end);
		if (fn && has_default)
			report(c, "volatile-default", 0,
			       "ADD COLUMN \"%s\" with the volatile default %s() "
			       "rewrites table \"%s\" under lock; add the column without "
			       "a default, then backfill", col, fn, table);
	}
}

static void
lint_statement(lint_ctx *c, const toks *t, bool in_transaction)
{
	size_t i = 0;
	/* CREATE [OR REPLACE] [TEMP|UNLOGGED] TABLE name */
	if (kw(t, 0, "create")) {
		i = 1;
		while (kw(t, i, "or") || kw(t, i, "replace") || kw(t, i, "temp") ||
		       kw(t, i, "temporary") || kw(t, i, "unlogged"))
			i++;
		if (kw(t, i, "table")) {
			i++;
			skip_modifiers(t, &i);
			const char *name = read_name(t, &i);
			if (name)
				rt_strv_push(c->a, &c->new_tables, name);
			return;
		}
		bool unique = kw(t, i, "unique");
		if (unique)
			i++;
		if (!kw(t, i, "index"))
			return;
		i++;
		bool concurrently = kw(t, i, "concurrently");
		if (concurrently)
			i++;
		skip_modifiers(t, &i);
		if (!kw(t, i, "on"))
			read_name(t, &i);
		if (!kw(t, i, "on"))
			return;
		i++;
		skip_modifiers(t, &i);
		const char *table = read_name(t, &i);
		if (concurrently && in_transaction)
			report(c, "transaction-forbidden", 0,
			       "CREATE INDEX CONCURRENTLY cannot run inside a "
			       "transaction: put it in a section marked "
			       "transaction:false");
		else if (!concurrently && table && !is_new(c, table))
			report(c, "index-not-concurrent", 0,
			       "CREATE %sINDEX on existing table \"%s\" blocks writes "
			       "until it is built; use CREATE %sINDEX CONCURRENTLY in "
			       "a section marked transaction:false",
			       unique ? "UNIQUE " : "", table, unique ? "UNIQUE " : "");
		return;
	}
	if (kw(t, 0, "drop") && kw(t, 1, "table")) {
		i = 2;
		skip_modifiers(t, &i);
		do {
			const char *name = read_name(t, &i);
			if (!name)
				break;
			report(c, "drop-table", 0,
			       "DROP TABLE removes table \"%s\" and its data", name);
		} while (punct(t, i, ',') && ++i);
		return;
	}
	if (kw(t, 0, "drop") && kw(t, 1, "schema")) {
		i = 2;
		skip_modifiers(t, &i);
		const char *name = read_name(t, &i);
		report(c, "drop-schema", 0,
		       "DROP SCHEMA removes schema \"%s\"%s", name ? name : "?",
		       has_kw(t, i, t->n, "cascade") ? " and every object in it" : "");
		return;
	}
	if (kw(t, 0, "drop") && kw(t, 1, "index") && kw(t, 2, "concurrently")) {
		if (in_transaction)
			report(c, "transaction-forbidden", 0,
			       "DROP INDEX CONCURRENTLY cannot run inside a "
			       "transaction: put it in a section marked "
			       "transaction:false");
		return;
	}
	if ((kw(t, 0, "reindex") && has_kw(t, 1, t->n, "concurrently")) ||
	    kw(t, 0, "vacuum")) {
		if (in_transaction)
			report(c, "transaction-forbidden", 0,
			       "%s cannot run inside a transaction: put it in a "
			       "section marked transaction:false",
			       kw(t, 0, "vacuum") ? "VACUUM" : "REINDEX CONCURRENTLY");
		return;
	}
	if (kw(t, 0, "truncate")) {
		i = 1;
		if (kw(t, i, "table"))
			i++;
		skip_modifiers(t, &i);
		const char *name = read_name(t, &i);
		report(c, "truncate", 0, "TRUNCATE removes every row of \"%s\"",
		       name ? name : "?");
		return;
	}
	if (kw(t, 0, "delete") && kw(t, 1, "from")) {
		i = 2;
		skip_modifiers(t, &i);
		const char *name = read_name(t, &i);
		if (!has_kw(t, i, t->n, "where") && !is_new(c, name))
			report(c, "delete-all", 0,
			       "DELETE without WHERE removes every row of \"%s\"",
			       name ? name : "?");
		return;
	}
	if (kw(t, 0, "update")) {
		i = 1;
		skip_modifiers(t, &i);
		const char *name = read_name(t, &i);
		if (!has_kw(t, i, t->n, "where") && !is_new(c, name))
			report(c, "update-all", 0,
			       "UPDATE without WHERE rewrites every row of \"%s\"",
			       name ? name : "?");
		return;
	}
	if (kw(t, 0, "alter") && kw(t, 1, "table")) {
		i = 2;
		skip_modifiers(t, &i);
		const char *table = read_name(t, &i);
		if (!table)
			return;
		/* Actions are separated by commas outside parentheses. */
		size_t start = i;
		for (size_t k = i; k <= t->n; k++) {
			if (k == t->n || (punct(t, k, ',') && t->v[k].depth == 0)) {
				lint_alter_action(c, t, start, k, table);
				start = k + 1;
			}
		}
		/* ALTER TABLE a RENAME TO b: b is as new as a was. */
		if (kw(t, i, "rename") && kw(t, i + 1, "to") && is_new(c, table)) {
			size_t j = i + 2;
			const char *to = read_name(t, &j);
			if (to)
				rt_strv_push(c->a, &c->new_tables, to);
		}
	}
}

/* Collects the rules named by `-- lint:ignore RULE[, RULE]` comments in
 * text (a statement, or the comment lines above it). */
static void
collect_ignores(rt_arena *a, const char *text, size_t len, rt_strv *out)
{
	const char *end = text + len;
	for (const char *p = text; p < end; p++) {
		if (!(p + 11 <= end && memcmp(p, "lint:ignore", 11) == 0))
			continue;
		p += 11;
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		rt_strv words = rt_split_words(a, rt_strndup(a, p, (size_t)(eol - p)),
		                               true);
		for (size_t i = 0; i < words.n; i++)
			rt_strv_push(a, out, words.v[i]);
		p = eol - 1;
	}
}

/* Where each line of the section's text starts, indexed by file line
 * minus s->first_line; *n gets their number. */
static const char **
line_starts(rt_arena *a, const rt_section *s, size_t *n)
{
	const char **starts = NULL;
	*n = 0;
	const char *p = s->text;
	while (p) {
		RT_PUSH(a, starts, *n, p);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return starts;
}

/* The comment lines right above line `line` of the section (none blank in
 * between); starts/nstarts from line_starts. */
static void
comments_above(rt_arena *a, const rt_section *s, const char **starts,
               size_t nstarts, int line, rt_strv *out)
{
	for (int l = line - 1; l >= s->first_line; l--) {
		size_t k = (size_t)(l - s->first_line);
		if (k >= nstarts)
			continue;
		const char *b = starts[k];
		while (*b == ' ' || *b == '\t')
			b++;
		if (b[0] != '-' || b[1] != '-')
			break;
		const char *eol = strchr(b, '\n');
		size_t len = eol ? (size_t)(eol - b) : strlen(b);
		collect_ignores(a, b, len, out);
	}
}

void
rt_lint_revision(rt_arena *a, const rt_revision *rev, rt_dialect d,
                 rt_lint_finding **out, size_t *n)
{
	lint_ctx c;
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.rev = rev;
	c.dialect = d;
	c.out = out;
	c.n = n;
	const rt_section *s = &rev->upgrade;
	size_t nstarts = 0;
	const char **starts = s->text ? line_starts(a, s, &nstarts) : NULL;
	for (size_t k = 0; k < s->nstmts; k++) {
		c.stmt = &s->stmts[k];
		c.ignored.n = 0;
		collect_ignores(a, c.stmt->sql, strlen(c.stmt->sql), &c.ignored);
		if (s->text)
			comments_above(a, s, starts, nstarts, c.stmt->line, &c.ignored);
		toks t = tokenize(a, c.stmt->sql);
		lint_statement(&c, &t, s->transaction);
	}
}

/*
 * The public command: lints the revisions of a range.
 */
#include "graph.h"
#include "handle.h"

int
retort_lint(retort *r, const char *range, char **out, size_t *nfindings)
{
	rt_begin_call(r);
	int rc = rt_need_config(r);
	if (rc != RETORT_OK)
		return rc;
	const rt_url *u;
	if ((rc = rt_handle_url(r, &u)) != RETORT_OK)
		return rc;

	rt_err e = RT_ERR_INIT;
	rt_graph *g = NULL;
	rt_arena *a = rt_arena_new();
	rt_buf b = RT_BUF_INIT;
	rt_lint_finding *found = NULL;
	size_t n = 0;
	if ((rc = rt_graph_load(r->config, u->dialect, &g, &e)) != RETORT_OK)
		goto out;
	rt_revision **revs;
	size_t nrevs;
	if ((rc = rt_graph_range(g, range, NULL, &revs, &nrevs, &e)) != RETORT_OK)
		goto out;
	/* Oldest first, statements in file order: the order to read them. */
	for (size_t i = nrevs; i-- > 0;)
		rt_lint_revision(a, revs[i], u->dialect, &found, &n);
	for (size_t i = 0; i < n; i++)
		rt_buf_printf(&b, "%s:%d: %s: %s: %s\n", found[i].rev->path,
		              found[i].line,
		              found[i].severity == RT_LINT_ERROR ? "error" : "warning",
		              found[i].rule, found[i].message);
	*out = rt_buf_detach(&b);
	if (nfindings)
		*nfindings = n;
	rc = n ? RETORT_EDIFF : RETORT_OK;
	if (n)
		rt_fail(r, RETORT_EDIFF, "%zu finding%s in %zu revision%s", n,
		        n == 1 ? "" : "s", nrevs, nrevs == 1 ? "" : "s");
out:
	if (rc != RETORT_OK && rc != RETORT_EDIFF)
		rc = rt_fail_with(r, &e);
	rt_err_free(&e);
	rt_buf_free(&b);
	rt_graph_free(g);
	rt_arena_free(a);
	return rc;
}
