/*
 * harness.h: what the unit test programs share. Each test file defines
 * make_suite(); harness.c runs it and returns the number of failures.
 */
#ifndef TEST_HARNESS_H
#define TEST_HARNESS_H

#include <check.h>

Suite *make_suite(void);

/*
 * The libpq conninfo of the test server (RETORT_TEST_PG, set by
 * tools/test.sh), for a database of its own when name is not NULL
 * (created fresh, dropped first if it exists). When RETORT_TEST_PG is
 * unset the test fails, unless RETORT_TEST_SKIP_PG=1 asks to skip the
 * PostgreSQL tests, which then say so on standard error.
 */
const char *test_pg_url(const char *dbname);

/* True when PostgreSQL tests should run (see test_pg_url). */
int test_pg_enabled(void);

/* A fresh temporary directory (removed at exit). */
const char *test_tmpdir(void);

#endif
