/* template.c: see template.h. */
#include "template.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "quote.h"

/* The type of a value. */
typedef enum vtype { V_STR, V_LIST, V_OPS, V_OP, V_BOOL } vtype;

typedef struct tval {
	vtype type;
	const char *s;              /* V_STR (NULL: None) */
	const rt_strv *list;        /* V_LIST */
	const rt_op_info *ops;      /* V_OPS (n items), V_OP (one) */
	size_t n;
	bool b;                     /* V_BOOL */
} tval;

struct rt_tctx {
	rt_arena *a;
	rt_dialect dialect;
	rt_map *vars;               /* name -> tval */
	rt_strv names;              /* the names, for suggestions */
};

rt_tctx *
rt_tctx_new(rt_arena *a, rt_dialect dialect)
{
	rt_tctx *c = rt_new(a, rt_tctx);
	c->a = a;
	c->dialect = dialect;
	c->vars = rt_map_new(a);
	return c;
}

static void
set(rt_tctx *c, const char *name, tval v)
{
	tval *p = rt_new(c->a, tval);
	*p = v;
	if (!rt_map_put(c->vars, name, p))
		rt_strv_push(c->a, &c->names, rt_strdup(c->a, name));
}

void
rt_tctx_set_str(rt_tctx *c, const char *name, const char *value)
{
	set(c, name, (tval){ .type = V_STR, .s = value });
}

void
rt_tctx_set_list(rt_tctx *c, const char *name, const rt_strv *list)
{
	set(c, name, (tval){ .type = V_LIST, .list = list });
}

void
rt_tctx_set_ops(rt_tctx *c, const char *name, const rt_op_info *ops,
                size_t n)
{
	set(c, name, (tval){ .type = V_OPS, .ops = ops, .n = n });
}

/*
 * The tree.
 */

typedef enum nkind { N_TEXT, N_EXPR, N_IF, N_FOR } nkind;

/* NAME or NAME.field, where it was written. */
typedef struct tref {
	const char *name;
	const char *field;          /* or NULL */
	int line, col;
} tref;

typedef struct tcond {
	tref ref;
	bool neg;                   /* not NAME */
	const char *cmp;            /* NAME == cmp, or NULL */
	bool ne;                    /* != instead of == */
} tcond;

typedef struct tbranch {
	tcond *cond;                /* NULL for else */
	rt_vec body;
} tbranch;

typedef struct tnode {
	nkind kind;
	int line, col;
	const char *text;           /* N_TEXT */
	size_t len;
	tref ref;                   /* N_EXPR; N_FOR: the list */
	rt_strv filters;            /* N_EXPR */
	rt_vec branches;            /* N_IF: tbranch */
	bool has_else;
	const char *var;            /* N_FOR */
	rt_vec body;                /* N_FOR */
} tnode;

static const char *const filters[] = { "comma", "n", "upper", "lower", "trim",
                                       "sql" };
static const char *const op_fields[] = { "kind", "table", "summary", "sql",
                                         "destructive" };

/* The parser's state. */
typedef struct tparse {
	rt_arena *a;
	const char *name;
	const char *text, *end;
	const char *p;
	const char *bol;            /* start of the current line */
	int line;
	rt_err *err;
	rt_vec root;
	/* open blocks */
	tnode *stack[64];
	rt_vec *bodies[64];
	int depth;
} tparse;

static int
col_of(const tparse *t, const char *at)
{
	return (int)(at - t->bol) + 1;
}

static void
perr(tparse *t, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void
perr(tparse *t, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = rt_vsprintf(t->a, fmt, ap);
	va_end(ap);
	rt_err_add(t->err, RETORT_EINVALID, "%s:%d:%d: %s", t->name, line, col,
	           msg);
}

static rt_vec *
cur_body(tparse *t)
{
	return t->depth ? t->bodies[t->depth - 1] : &t->root;
}

static void
add_text(tparse *t, const char *s, size_t n)
{
	if (!n)
		return;
	tnode *x = rt_new(t->a, tnode);
	x->kind = N_TEXT;
	x->text = s;
	x->len = n;
	rt_vec_push(t->a, cur_body(t), x);
}

static bool
is_ident_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool
is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static const char *
skip_ws(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static const char *
trim_end(const char *s, const char *e)
{
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return e;
}

/* Parses NAME or NAME.field at *sp (leading blanks skipped); false when
 * there is none. */
static bool
parse_ref(tparse *t, const char **sp, const char *e, tref *r)
{
	const char *s = skip_ws(*sp, e);
	if (s >= e || !is_ident_start(*s))
		return false;
	const char *n = s;
	while (s < e && is_ident(*s))
		s++;
	r->name = rt_strndup(t->a, n, (size_t)(s - n));
	r->field = NULL;
	r->line = t->line;
	r->col = col_of(t, n);
	if (s < e && *s == '.') {
		const char *f = ++s;
		while (s < e && is_ident(*s))
			s++;
		if (s == f)
			return false;
		r->field = rt_strndup(t->a, f, (size_t)(s - f));
	}
	*sp = s;
	return true;
}

static const char *
suggestion(rt_arena *a, const char *word, const char *const *cands, size_t n)
{
	const char *s = rt_suggest(word, cands, n);
	if (s)
		return rt_sprintf(a, " (did you mean '%s'?)", s);
	rt_strv sv = { (const char **)cands, n };
	return n ? rt_sprintf(a, " (known: %s)", rt_strv_join(a, &sv, ", ")) : "";
}

/* ${ ... } from s (after "${") to e (the '}'). */
static void
parse_expr(tparse *t, const char *s, const char *e, int col)
{
	tnode *x = rt_new(t->a, tnode);
	x->kind = N_EXPR;
	x->line = t->line;
	x->col = col;
	const char *q = s;
	if (!parse_ref(t, &q, e, &x->ref)) {
		perr(t, t->line, col, "bad expression '%.*s' (expected NAME or NAME.field, then | filters)",
		     (int)(e - s), s);
		return;
	}
	q = skip_ws(q, e);
	if (q < e && *q != '|') {
		perr(t, t->line, col_of(t, q), "bad expression '%.*s': unexpected '%.*s' (expected '|' or '}')",
		     (int)(e - s), s, (int)(trim_end(q, e) - q), q);
		return;
	}
	while (q < e) {
		q = skip_ws(q + 1, e);  /* past '|' or ',' */
		const char *f = q;
		while (q < e && is_ident(*q))
			q++;
		if (q == f) {
			perr(t, t->line, col_of(t, f), "expected a filter name after '|' or ','");
			return;
		}
		char *name = rt_strndup(t->a, f, (size_t)(q - f));
		bool known = false;
		for (size_t i = 0; i < RT_ARRAY_LEN(filters); i++)
			known |= strcmp(filters[i], name) == 0;
		if (!known)
			perr(t, t->line, col_of(t, f), "unknown filter '%s'%s", name,
			     suggestion(t->a, name, filters, RT_ARRAY_LEN(filters)));
		rt_strv_push(t->a, &x->filters, name);
		q = skip_ws(q, e);
		if (q < e && *q != '|' && *q != ',') {
			perr(t, t->line, col_of(t, q), "unexpected '%c' after filter '%s'", *q, name);
			return;
		}
	}
	rt_vec_push(t->a, cur_body(t), x);
}

/* A condition from s to e. */
static tcond *
parse_cond(tparse *t, const char *s, const char *e, int col)
{
	tcond *c = rt_new(t->a, tcond);
	s = skip_ws(s, e);
	e = trim_end(s, e);
	if (e - s > 4 && strncmp(s, "not", 3) == 0 && isspace((unsigned char)s[3])) {
		c->neg = true;
		s += 4;
	}
	const char *q = s;
	if (!parse_ref(t, &q, e, &c->ref))
		goto bad;
	q = skip_ws(q, e);
	if (q == e)
		return c;
	if (c->neg || e - q < 2 || (q[0] != '=' && q[0] != '!') || q[1] != '=')
		goto bad;
	c->ne = q[0] == '!';
	q = skip_ws(q + 2, e);
	if (q < e && (*q == '"' || *q == '\'') && e - q >= 2 && e[-1] == *q) {
		c->cmp = rt_strndup(t->a, q + 1, (size_t)(e - q - 2));
		if (!strchr(c->cmp, *q))
			return c;
	}
bad:
	perr(t, t->line, col, "bad condition '%.*s' (expected NAME, not NAME, or NAME == \"text\")",
	     (int)(e - s), s);
	return NULL;
}

static tnode *
top(tparse *t)
{
	return t->depth ? t->stack[t->depth - 1] : NULL;
}

static void
push(tparse *t, tnode *n, rt_vec *body, int col)
{
	if (t->depth == (int)RT_ARRAY_LEN(t->stack)) {
		perr(t, t->line, col, "blocks nested too deeply");
		return;
	}
	rt_vec_push(t->a, cur_body(t), n);
	t->stack[t->depth] = n;
	t->bodies[t->depth++] = body;
}

/* A control line: s is just after the '%', e the end of the line. */
static void
parse_control(tparse *t, const char *s, const char *e, int col)
{
	s = skip_ws(s, e);
	e = trim_end(s, e);
	const char *k = s;
	while (s < e && is_ident(*s))
		s++;
	size_t kn = (size_t)(s - k);
	char *kw = rt_strndup(t->a, k, kn);
	bool colon = e > s && e[-1] == ':';
	const char *body_end = colon ? e - 1 : e;
	tnode *open = top(t);

	if (strcmp(kw, "if") == 0 || strcmp(kw, "elif") == 0) {
		tcond *c = NULL;
		if (!colon)
			perr(t, t->line, col, "expected ':' at the end of '%% %s'", kw);
		else
			c = parse_cond(t, s, body_end, col);
		if (!c)
			c = rt_new(t->a, tcond);   /* keep the structure */
		tbranch *b = rt_new(t->a, tbranch);
		b->cond = c;
		if (kw[0] == 'i') {
			tnode *x = rt_new(t->a, tnode);
			x->kind = N_IF;
			x->line = t->line;
			x->col = col;
			rt_vec_push(t->a, &x->branches, b);
			push(t, x, &b->body, col);
			return;
		}
		if (!open || open->kind != N_IF || open->has_else) {
			perr(t, t->line, col, "'%% elif' without '%% if'");
			return;
		}
		rt_vec_push(t->a, &open->branches, b);
		t->bodies[t->depth - 1] = &b->body;
	} else if (strcmp(kw, "else") == 0) {
		if (!colon || skip_ws(s, body_end) != body_end) {
			perr(t, t->line, col, "expected '%% else:'");
			return;
		}
		if (!open || open->kind != N_IF || open->has_else) {
			perr(t, t->line, col, "'%% else' without '%% if'");
			return;
		}
		tbranch *b = rt_new(t->a, tbranch);
		rt_vec_push(t->a, &open->branches, b);
		open->has_else = true;
		t->bodies[t->depth - 1] = &b->body;
	} else if (strcmp(kw, "endif") == 0 || strcmp(kw, "endfor") == 0) {
		nkind want = kw[3] == 'i' ? N_IF : N_FOR;
		s = skip_ws(s, e);
		if (s != e) {
			perr(t, t->line, col, "unexpected '%.*s' after '%% %s'",
			     (int)(e - s), s, kw);
			return;
		}
		if (!open || open->kind != want) {
			perr(t, t->line, col, "'%% %s' without '%% %s'%s", kw,
			     want == N_IF ? "if" : "for",
			     open ? rt_sprintf(t->a, " (the '%% %s' of line %d is open)",
			                       open->kind == N_IF ? "if" : "for",
			                       open->line)
			          : "");
			return;
		}
		t->depth--;
	} else if (strcmp(kw, "for") == 0) {
		tnode *x = rt_new(t->a, tnode);
		x->kind = N_FOR;
		x->line = t->line;
		x->col = col;
		const char *q = skip_ws(s, body_end);
		const char *v = q;
		while (q < body_end && is_ident(*q))
			q++;
		const char *in = skip_ws(q, body_end);
		const char *r = in + 2;
		if (!colon || q == v || !is_ident_start(*v) || body_end - in < 3 ||
		    strncmp(in, "in", 2) != 0 || !isspace((unsigned char)in[2]) ||
		    !parse_ref(t, &r, body_end, &x->ref) ||
		    skip_ws(r, body_end) != body_end) {
			perr(t, t->line, col, "bad loop '%% %.*s' (expected '%% for NAME in LIST:')",
			     (int)(e - k), k);
			x->ref.name = NULL;
		}
		x->var = rt_strndup(t->a, v, (size_t)(q - v));
		push(t, x, &x->body, col);
	} else {
		perr(t, t->line, col, "unknown control line '%% %s' (expected if, elif, else, endif, for or endfor)",
		     kw);
	}
}

/* Parses the whole template into t->root. */
static void
parse(tparse *t)
{
	bool bol = true;
	const char *p = t->text, *e = t->end;
	t->bol = p;
	while (p < e) {
		if (bol) {
			const char *q = skip_ws(p, e);
			const char *eol = memchr(q, '\n', (size_t)(e - q));
			const char *next = eol ? eol + 1 : e;
			if (!eol)
				eol = e;
			if (q + 1 < e && q[0] == '%' && q[1] == '%') {
				add_text(t, p, (size_t)(q - p + 1));
				p = q + 2;
				bol = false;
				continue;
			}
			if (q < e && q[0] == '%') {
				parse_control(t, q + 1, eol, col_of(t, q));
				p = next;
				t->line++;
				t->bol = p;
				continue;
			}
			if (q + 1 < e && q[0] == '#' && q[1] == '#') {
				p = next;
				t->line++;
				t->bol = p;
				continue;
			}
		}
		bol = false;
		const char *s = p;
		while (p < e && *p != '\n' && !(p[0] == '$' && p + 1 < e && p[1] == '{') &&
		       !(p[0] == '<' && p + 1 < e && p[1] == '%') &&
		       !(p[0] == '\\' && p + 1 < e && p[1] == '\n'))
			p++;
		add_text(t, s, (size_t)(p - s));
		if (p >= e)
			break;
		if (*p == '\n') {
			add_text(t, p, 1);
			p++;
			t->line++;
			t->bol = p;
			bol = true;
		} else if (*p == '\\') {
			p += 2;
			t->line++;
			t->bol = p;
		} else if (*p == '$') {
			const char *close = p + 2;
			while (close < e && *close != '}' && *close != '\n')
				close++;
			if (close >= e || *close != '}') {
				perr(t, t->line, col_of(t, p), "'${' is never closed (expected '}')");
				p = close;
				continue;
			}
			parse_expr(t, p + 2, close, col_of(t, p));
			p = close + 1;
		} else {
			static const struct {
				const char *open, *close;
				bool keep;
			} tags[] = { { "<%doc>", "</%doc>", false },
			             { "<%text>", "</%text>", true } };
			size_t i = 0;
			for (; i < RT_ARRAY_LEN(tags); i++)
				if ((size_t)(e - p) >= strlen(tags[i].open) &&
				    strncmp(p, tags[i].open, strlen(tags[i].open)) == 0)
					break;
			if (i == RT_ARRAY_LEN(tags)) {
				const char *w = p + 2;
				while (w < e && is_ident(*w))
					w++;
				perr(t, t->line, col_of(t, p), "unsupported tag '%.*s' (only <%%doc> and <%%text>)",
				     (int)(w - p), p);
				p = w;
				continue;
			}
			const char *body = p + strlen(tags[i].open);
			const char *c = NULL;
			size_t cl = strlen(tags[i].close);
			for (const char *r = body; r + cl <= e; r++)
				if (*r == '<' && strncmp(r, tags[i].close, cl) == 0) {
					c = r;
					break;
				}
			if (!c) {
				perr(t, t->line, col_of(t, p), "'%s' is never closed (expected '%s')",
				     tags[i].open, tags[i].close);
				return;
			}
			if (tags[i].keep)
				add_text(t, body, (size_t)(c - body));
			/* A dropped block on lines of its own leaves no empty line. */
			bool own_line = !tags[i].keep && skip_ws(t->bol, p) == p;
			for (const char *r = p; r < c; r++)
				if (*r == '\n') {
					t->line++;
					t->bol = r + 1;
				}
			p = c + cl;
			if (own_line && p < e && *p == '\n') {
				p++;
				t->line++;
				t->bol = p;
				bol = true;
			}
		}
	}
	while (t->depth > 0) {
		tnode *o = t->stack[--t->depth];
		perr(t, o->line, o->col, "'%% %s' is never closed (expected '%% %s')",
		     o->kind == N_IF ? "if" : "for", o->kind == N_IF ? "endif" : "endfor");
	}
}

/*
 * Checking and rendering.
 */

/* A loop variable in scope. */
typedef struct scope {
	const char *name;
	tval val;
	const struct scope *up;
} scope;

typedef struct trender {
	rt_arena *a;
	const char *name;
	const rt_tctx *c;
	rt_err *err;
	rt_buf *out;
} trender;

/* The value of r (check: its type; the value may be a placeholder).
 * Returns false after reporting. */
static bool
eval(trender *x, const tref *r, const scope *sc, tval *out)
{
	const tval *v = NULL;
	if (!r->name)          /* a part that did not parse (reported) */
		return false;
	for (const scope *s = sc; s && !v; s = s->up)
		if (strcmp(s->name, r->name) == 0)
			v = &s->val;
	if (!v)
		v = rt_map_get(x->c->vars, r->name);
	if (!v) {
		rt_strv cands = { NULL, 0 };
		for (const scope *s = sc; s; s = s->up)
			rt_strv_push(x->a, &cands, s->name);
		for (size_t i = 0; i < x->c->names.n; i++)
			rt_strv_push(x->a, &cands, x->c->names.v[i]);
		rt_err_add(x->err, RETORT_EINVALID, "%s:%d:%d: unknown variable '%s'%s",
		           x->name, r->line, r->col, r->name,
		           suggestion(x->a, r->name, cands.v, cands.n));
		return false;
	}
	if (!r->field) {
		*out = *v;
		return true;
	}
	if (v->type != V_OP) {
		rt_err_add(x->err, RETORT_EINVALID, "%s:%d:%d: '%s' is a %s and has no field '%s'",
		           x->name, r->line, r->col, r->name,
		           v->type == V_STR ? "string" : v->type == V_BOOL ? "boolean" : "list",
		           r->field);
		return false;
	}
	const rt_op_info *op = v->ops;
	const char *f = r->field;
	if (strcmp(f, "destructive") == 0) {
		*out = (tval){ .type = V_BOOL, .b = op && op->destructive };
		return true;
	}
	const char *s = NULL;
	if (strcmp(f, "kind") == 0)
		s = op ? op->kind : "";
	else if (strcmp(f, "table") == 0)
		s = op ? op->table : "";
	else if (strcmp(f, "summary") == 0)
		s = op ? op->summary : "";
	else if (strcmp(f, "sql") == 0)
		s = op ? op->sql : "";
	else {
		rt_err_add(x->err, RETORT_EINVALID, "%s:%d:%d: an op has no field '%s'%s",
		           x->name, r->line, r->col, f,
		           suggestion(x->a, f, op_fields, RT_ARRAY_LEN(op_fields)));
		return false;
	}
	*out = (tval){ .type = V_STR, .s = s };
	return true;
}

static const char *
to_string(trender *x, const tval *v)
{
	switch (v->type) {
	case V_STR:
		return v->s ? v->s : "";
	case V_LIST:
		return rt_strv_join(x->a, v->list, ", ");
	case V_OPS: {
		rt_strv sv = { NULL, 0 };
		for (size_t i = 0; i < v->n; i++)
			rt_strv_push(x->a, &sv, v->ops[i].summary ? v->ops[i].summary : "");
		return rt_strv_join(x->a, &sv, ", ");
	}
	case V_OP:
		return v->ops && v->ops->summary ? v->ops->summary : "";
	case V_BOOL:
		return v->b ? "True" : "False";
	}
	return "";
}

static bool
truthy(const tval *v)
{
	switch (v->type) {
	case V_STR:
		return v->s && *v->s;
	case V_LIST:
		return v->list && v->list->n > 0;
	case V_OPS:
		return v->n > 0;
	case V_OP:
		return true;
	case V_BOOL:
		return v->b;
	}
	return false;
}

static const char *
apply_filters(trender *x, const char *s, const rt_strv *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		const char *f = fs->v[i];
		if (strcmp(f, "upper") == 0 || strcmp(f, "lower") == 0) {
			char *c = rt_strdup(x->a, s);
			for (char *q = c; *q; q++)
				*q = (char)(f[0] == 'u' ? toupper((unsigned char)*q)
				                        : tolower((unsigned char)*q));
			s = c;
		} else if (strcmp(f, "trim") == 0) {
			s = rt_trim(rt_strdup(x->a, s));
		} else if (strcmp(f, "sql") == 0) {
			s = rt_literal(x->a, s, x->c->dialect);
		}
		/* comma: lists already print joined with ", "; n: nothing */
	}
	return s;
}

/* Walks body; with check, every branch once and no output (types only),
 * else renders. Returns false after reporting. */
static bool
walk(trender *x, const rt_vec *body, const scope *sc, bool check)
{
	bool ok = true;
	for (size_t i = 0; i < body->n; i++) {
		const tnode *n = body->items[i];
		tval v;
		switch (n->kind) {
		case N_TEXT:
			if (!check)
				rt_buf_put(x->out, n->text, n->len);
			break;
		case N_EXPR:
			if (!eval(x, &n->ref, sc, &v)) {
				ok = false;
				break;
			}
			if (!check)
				rt_buf_puts(x->out, apply_filters(x, to_string(x, &v),
				                                  &n->filters));
			break;
		case N_IF: {
			bool taken = false;
			for (size_t b = 0; b < n->branches.n; b++) {
				const tbranch *br = n->branches.items[b];
				bool yes = true;
				if (br->cond) {
					if (!eval(x, &br->cond->ref, sc, &v)) {
						ok = false;
						if (check)   /* still check the body */
							ok &= walk(x, &br->body, sc, true);
						continue;
					}
					if (br->cond->cmp)
						yes = (strcmp(to_string(x, &v), br->cond->cmp) == 0) !=
						      br->cond->ne;
					else
						yes = truthy(&v) != br->cond->neg;
				}
				if (check) {
					ok &= walk(x, &br->body, sc, true);
				} else if (yes && !taken) {
					taken = true;
					ok &= walk(x, &br->body, sc, false);
				}
			}
			break;
		}
		case N_FOR: {
			if (!n->ref.name)
				break;
			if (!eval(x, &n->ref, sc, &v)) {
				ok = false;
				break;
			}
			if (v.type != V_LIST && v.type != V_OPS) {
				rt_err_add(x->err, RETORT_EINVALID, "%s:%d:%d: '%s' is not a list",
				           x->name, n->ref.line, n->ref.col, n->ref.name);
				ok = false;
				break;
			}
			scope inner = { n->var, { 0 }, sc };
			inner.val.type = v.type == V_LIST ? V_STR : V_OP;
			size_t count = v.type == V_LIST ? (v.list ? v.list->n : 0) : v.n;
			if (check) {
				ok &= walk(x, &n->body, &inner, true);
				break;
			}
			for (size_t k = 0; k < count; k++) {
				if (v.type == V_LIST)
					inner.val.s = v.list->v[k];
				else
					inner.val.ops = &v.ops[k];
				ok &= walk(x, &n->body, &inner, false);
			}
			break;
		}
		}
	}
	return ok;
}

/* One reported problem, for sorting. */
typedef struct problem {
	long line, col;
	size_t seq;
	const char *text;
} problem;

static int
cmp_problem(const void *x, const void *y)
{
	const problem *a = x, *b = y;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Puts the problems of e ("NAME:LINE:COL: ...", one per line) in the
 * order of the template, whichever pass found them. */
static void
sort_problems(rt_arena *a, const char *name, rt_err *e)
{
	size_t skip = strlen(name) + 1;
	problem *v = rt_alloc(a, (e->count + 1) * sizeof(*v));
	size_t n = 0;
	char *text = rt_strdup(a, rt_err_msg(e));
	for (char *l = text; l && *l && n <= e->count;) {
		char *nl = strchr(l, '\n');
		if (nl)
			*nl = '\0';
		v[n].line = strlen(l) > skip ? strtol(l + skip, NULL, 10) : 0;
		const char *c = strlen(l) > skip ? strchr(l + skip, ':') : NULL;
		v[n].col = c ? strtol(c + 1, NULL, 10) : 0;
		v[n].seq = n;
		v[n++].text = l;
		l = nl ? nl + 1 : NULL;
	}
	qsort(v, n, sizeof(*v), cmp_problem);
	rt_buf_clear(&e->msg);
	for (size_t i = 0; i < n; i++)
		rt_buf_printf(&e->msg, "%s%s", i ? "\n" : "", v[i].text);
}

int
rt_template_render(rt_arena *a, const char *name, const char *text,
                   size_t len, const rt_tctx *c, rt_buf *out, rt_err *err)
{
	rt_err local = RT_ERR_INIT;
	tparse t = { 0 };
	t.a = a;
	t.name = name;
	t.text = text;
	t.end = text + len;
	t.line = 1;
	t.err = &local;
	parse(&t);
	trender x = { a, name, c, &local, out };
	size_t mark = out->len;
	/* Checked even after syntax errors, so that one run reports all. */
	walk(&x, &t.root, NULL, true);
	if (!local.count)
		walk(&x, &t.root, NULL, false);
	if (local.count) {
		if (out->len > mark)
			rt_buf_truncate(out, mark);
		sort_problems(a, name, &local);
		int rc = local.code;
		rt_err_move(err, &local);
		rt_err_free(&local);
		return rc;
	}
	rt_err_free(&local);
	return RETORT_OK;
}
