/*
 * fuzz_revision.c: revision files through the header parser and the
 * statement splitters of both dialects, then the checksum. Any bytes must
 * give a revision or an error naming a line, never a crash.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "revision.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const rt_dialect dialects[] = { 0, RT_SQLITE, RT_POSTGRES };
	rt_arena *a = rt_arena_new();
	char *text = rt_alloc(a, size + 1);
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';
	for (size_t i = 0; i < sizeof(dialects) / sizeof(dialects[0]); i++) {
		rt_err err = RT_ERR_INIT;
		rt_revision *rev = NULL;
		if (rt_revision_parse(a, "fuzz.sql", text, size, dialects[i], &rev,
		                      &err) == RETORT_OK) {
			/* Statements must lie within the text and keep an order. */
			int last = 0;
			for (size_t k = 0; k < rev->upgrade.nstmts; k++) {
				if (rev->upgrade.stmts[k].line < last)
					__builtin_trap();
				last = rev->upgrade.stmts[k].line;
			}
		}
		rt_err_free(&err);
	}
	/* The splitter on its own, over the raw bytes. */
	for (size_t i = 1; i < sizeof(dialects) / sizeof(dialects[0]); i++) {
		rt_stmt *stmts;
		size_t n;
		rt_err err = RT_ERR_INIT;
		(void)rt_sql_split(a, dialects[i], text, size, 1, &stmts, &n, &err);
		rt_err_free(&err);
	}
	char sum[65];
	rt_revision_checksum(text, size, sum);
	rt_arena_free(a);
	return 0;
}
