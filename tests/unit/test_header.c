/* The public header compiles on its own, pedantically, and the library
 * provides what the README's start-up example uses. */
#include <retort.h>
#include <stdio.h>
#include <string.h>

int
main(void)
{
	char want[32];
	snprintf(want, sizeof(want), "%d.%d.%d", RETORT_VERSION_MAJOR,
	         RETORT_VERSION_MINOR, RETORT_VERSION_PATCH);
	if (strcmp(retort_version(), want) != 0) {
		fprintf(stderr, "retort_version() is %s, the header says %s\n",
		        retort_version(), want);
		return 1;
	}
	/* Opening a missing config fails with a message on the handle. */
	retort *r = NULL;
	int rc = retort_open(&r, "/nonexistent/retort.ini", NULL);
	if (rc != RETORT_ENOTFOUND || !r ||
	    !strstr(retort_errmsg(r), "/nonexistent/retort.ini")) {
		fprintf(stderr, "retort_open: rc %d, message '%s'\n", rc,
		        retort_errmsg(r));
		return 1;
	}
	retort_close(r);
	retort_close(NULL);
	return 0;
}
