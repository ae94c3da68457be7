/*
 * introspect_pg.c: the PostgreSQL catalog read into the model.
 */
#include "introspect.h"

int
rt_introspect_pg(rt_conn *c, const rt_introspect_opts *o, rt_model **out,
                 rt_err *err)
{
	(void)o;
	(void)out;
	return rt_err_set(err, RETORT_ERROR,
	                  "%s: reading a PostgreSQL schema is not implemented yet",
	                  c->display);
}
