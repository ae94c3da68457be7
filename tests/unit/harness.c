/* harness.c: see harness.h. */
#include "harness.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[256];

static void
remove_tmpdir(void)
{
	if (tmpdir[0]) {
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
}

const char *
test_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof(tmpdir), "%s/retort-test-XXXXXX",
		         base && *base ? base : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			exit(1);
		}
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

int
test_pg_enabled(void)
{
	const char *pg = getenv("RETORT_TEST_PG");
	if (pg && *pg)
		return 1;
	const char *skip = getenv("RETORT_TEST_SKIP_PG");
	if (skip && strcmp(skip, "1") == 0) {
		fprintf(stderr, "SKIPPING PostgreSQL tests: RETORT_TEST_SKIP_PG=1\n");
		return 0;
	}
	fprintf(stderr,
	        "RETORT_TEST_PG is not set: run tools/test.sh, which starts a "
	        "throwaway PostgreSQL server (or set RETORT_TEST_SKIP_PG=1 to skip "
	        "these tests knowingly)\n");
	exit(1);
}

const char *
test_pg_url(const char *dbname)
{
	static char buf[8][1024];
	static int next;
	const char *base = getenv("RETORT_TEST_PG");
	if (!dbname)
		return base;

	PGconn *c = PQconnectdb(base);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "test server: %s", PQerrorMessage(c));
		exit(1);
	}
	char sql[512];
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)",
	         dbname);
	PQclear(PQexec(c, sql));
	snprintf(sql, sizeof(sql), "CREATE DATABASE \"%s\"", dbname);
	PGresult *res = PQexec(c, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "test server: %s", PQerrorMessage(c));
		exit(1);
	}
	PQclear(res);
	PQfinish(c);
	char *out = buf[next++ % 8];
	snprintf(out, 1024, "%s dbname=%s", base, dbname);
	return out;
}

int
main(void)
{
	SRunner *sr = srunner_create(make_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
