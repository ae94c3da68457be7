/*
 * startup.c: an application that brings its database up to date before it
 * serves, the way an Alembic user calls command.upgrade(cfg, "head").
 *
 * Build it against an installed libretort:
 *
 *     cc startup.c -o startup $(pkg-config --cflags --libs retort)
 *     ./startup path/to/retort.ini
 *
 * It needs nothing but retort.h: open the project, upgrade to head (the
 * library takes the migration lock, so any number of replicas may start at
 * once), report what went wrong if anything did, close.
 */
#include <retort.h>
#include <stdio.h>

/* Progress ("Running upgrade a -> b, msg (4 ms)") and warnings go to the
 * application's own log; here, standard error. */
static void
log_line(retort_log_level level, const char *msg, void *payload)
{
	(void)payload;
	fprintf(stderr, "[migrations]%s %s\n",
	        level == RETORT_LOG_WARNING ? " warning:" : "", msg);
}

int
main(int argc, char **argv)
{
	retort_options o = { 0 };
	o.version = RETORT_OPTIONS_VERSION;
	o.log = log_line;

	retort *r;
	int rc = retort_open(&r, argc > 1 ? argv[1] : "retort.ini", &o);
	if (rc == RETORT_OK)
		rc = retort_upgrade(r, "head");
	if (rc != RETORT_OK) {
		fprintf(stderr, "migrations failed: %s\n", retort_errmsg(r));
		retort_close(r);
		return 1;
	}

	char **current = NULL;
	if (retort_current(r, &current) == RETORT_OK) {
		printf("serving; database at");
		for (char **p = current; *p; p++)
			printf(" %s", *p);
		printf("\n");
		retort_free(current);
	}
	retort_close(r);
	return 0;
}
