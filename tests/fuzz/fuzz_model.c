/*
 * fuzz_model.c: the libFuzzer target of the model parser.
 *
 * Each input is a model file; its first byte picks the dialect (odd:
 * SQLite, even: PostgreSQL). Whatever the bytes, parsing must not crash,
 * leak or trip a sanitizer, and a model that parses must read back equal
 * after going through the writer (parse(write(m)) dumps like m).
 *
 * `tools/fuzz 600 model` builds it with clang (-Dfuzz=true) and runs it
 * for ten minutes from the seed corpus tests/fuzz/corpus/model/ with the
 * dictionary tests/fuzz/model.dict; the normal test suite replays the
 * corpus through tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"
#include "model.h"
#include "model_xml.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rt_model_opts o = { size && (data[0] & 1) ? RT_SQLITE : RT_POSTGRES, NULL };
	rt_model *m = NULL, *m2 = NULL;
	rt_err err = RT_ERR_INIT;
	if (rt_model_parse_string("fuzz.xml", (const char *)data, size, &o, &m,
	                          &err) != RETORT_OK) {
		if (!err.count || !*rt_err_msg(&err))
			abort(); /* a failure must say why */
		rt_err_free(&err);
		return 0;
	}
	rt_buf xml = RT_BUF_INIT, d1 = RT_BUF_INIT, d2 = RT_BUF_INIT;
	rt_model_write_xml(m, &xml);
	if (rt_model_parse_string("written.xml", xml.ptr, xml.len, &o, &m2,
	                          &err) != RETORT_OK) {
		fprintf(stderr, "written model does not parse:\n%s\n%s\n",
		        rt_err_msg(&err), xml.ptr);
		abort();
	}
	rt_model_dump(m, &d1);
	rt_model_dump(m2, &d2);
	if (strcmp(rt_buf_cstr(&d1), rt_buf_cstr(&d2)) != 0) {
		fprintf(stderr, "round trip differs:\n%s\n---\n%s\n", d1.ptr, d2.ptr);
		abort();
	}
	rt_buf_free(&xml);
	rt_buf_free(&d1);
	rt_buf_free(&d2);
	rt_model_free(m);
	rt_model_free(m2);
	rt_err_free(&err);
	return 0;
}
