/*
 * url.h: database URLs and the masking of their passwords.
 *
 *   sqlite:///relative/path.db     relative to base_dir (the config's)
 *   sqlite:////absolute/path.db
 *   sqlite:///:memory:  or  sqlite://
 *   postgresql://user:pass@host:5432/db?sslmode=require   (also postgres://,
 *   postgresql+psycopg2:// as SQLAlchemy writes it)
 *   host=db user=app dbname=app     a libpq conninfo string
 *
 * PostgreSQL URLs and conninfo strings go to libpq as they are, so PG*
 * variables, ~/.pgpass and every libpq option work.
 */
#ifndef RT_URL_H
#define RT_URL_H

#include "rt.h"

typedef struct rt_url {
	rt_dialect dialect;
	const char *target;   /* SQLite: a file path or ":memory:";
	                         PostgreSQL: what libpq is given */
	const char *display;  /* the URL for messages, password masked */
} rt_url;

/* Parses url; base_dir (may be NULL: the working directory) anchors a
 * relative SQLite path. An unknown scheme is RETORT_EINVALID. */
int rt_url_parse(rt_arena *a, const char *url, const char *base_dir,
                 rt_url *out, rt_err *err);

/* url with any password replaced by "***": in the userinfo of a URL, in a
 * password= query parameter, or in a password= conninfo keyword. */
char *rt_url_mask(rt_arena *a, const char *url);

/* msg with every occurrence of the password in url replaced by "***" (for
 * messages from libraries that might echo it). */
char *rt_mask_password_in(rt_arena *a, const char *msg, const char *url);

#endif
