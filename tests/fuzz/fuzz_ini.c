/*
 * fuzz_ini.c: retort.ini through the configuration reader (ini.c and
 * config.c): any bytes must give a config or an error, never a crash.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rt_arena *a = rt_arena_new();
	rt_err err = RT_ERR_INIT;
	rt_config *cfg = NULL;
	char *text = rt_alloc(a, size + 1);
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';
	if (rt_config_parse(a, "/fuzz/retort.ini", text, size, &cfg, &err) ==
	    RETORT_OK) {
		/* Touch what a command would use. */
		(void)rt_config_excludes(cfg, "retort_version");
		(void)rt_config_where(a, cfg, "url");
	}
	rt_err_free(&err);
	rt_arena_free(a);
	return 0;
}
