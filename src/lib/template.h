/*
 * template.h: the Mako-like template renderer (DESIGN.md section 4).
 *
 * A template is text with `${name}`, `${name.field}` and filters
 * (`${down_revision | comma}`; filters comma, n, upper, lower, trim, sql),
 * control lines (`% if x:`, `% elif x:`, `% else:`, `% endif`,
 * `% for o in ops:`, `% endfor`; a condition is NAME, `not NAME` or
 * `NAME == "text"` / `NAME != "text"`, where NAME may have a .field),
 * `## comment` lines (dropped), `<%doc>...</%doc>` (dropped),
 * `<%text>...</%text>` (copied raw), `%%` at the start of a line (a literal
 * `%`) and a `\` ending a line (joins the next). Nothing executes code.
 *
 * The values come from a context of strings, string lists and op lists:
 *
 *     rt_tctx *c = rt_tctx_new(a, RT_POSTGRES);
 *     rt_tctx_set_str(c, "message", "add users");
 *     rt_tctx_set_list(c, "down_revision", &parents);
 *     rt_tctx_set_ops(c, "upgrade_ops", ag->up, ag->nup);
 *     rt_buf out = RT_BUF_INIT;
 *     if (rt_template_render(a, "script.sql.mako", text, len, c, &out, &err))
 *             ...   // "script.sql.mako:12:5: unknown variable 'mesage'
 *                   //  (did you mean 'message'?)"
 *
 * The whole template is checked before anything is rendered, branches
 * not taken included: every syntax error, unknown variable, unknown field
 * and unknown filter is reported as "template:line:column: message" (all
 * of them, one per line) and the code is RETORT_EINVALID.
 *
 * Values print as: a string as it is (NULL as ""); a list joined with
 * ", "; an op as its summary; a boolean as True or False.
 */
#ifndef RT_TEMPLATE_H
#define RT_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "rt.h"
#include "opinfo.h"
#include "util.h"

typedef struct rt_tctx rt_tctx;

/* A new, empty context in a; dialect is what the sql filter quotes for. */
rt_tctx *rt_tctx_new(rt_arena *a, rt_dialect dialect);

/* Sets name to a string (NULL: None, false in a condition, prints ""). */
void rt_tctx_set_str(rt_tctx *c, const char *name, const char *value);

/* Sets name to a list of strings (borrowed; copy what may change). */
void rt_tctx_set_list(rt_tctx *c, const char *name, const rt_strv *list);

/* Sets name to a list of ops (borrowed), whose items have the fields
 * kind, table, summary, sql (strings) and destructive (a boolean). */
void rt_tctx_set_ops(rt_tctx *c, const char *name, const rt_op_info *ops,
                     size_t n);

/* Renders text (len bytes, called name in messages) with c, appending to
 * *out. On failure *out is left as it was. */
int rt_template_render(rt_arena *a, const char *name, const char *text,
                       size_t len, const rt_tctx *c, rt_buf *out,
                       rt_err *err);

#endif
