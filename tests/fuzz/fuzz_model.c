/*
 * fuzz_model.c: the libFuzzer target of the model parser.
 *
 * Each input is a model file; its first byte picks the dialect (odd:
 * SQLite, even: PostgreSQL). Whatever the bytes, parsing must not crash,
 * leak or trip a sanitizer, and a model that parses must read back equal
 * after going through the writer (parse(write(m)) dumps like m).
 *
 * Built as a fuzzer with `meson setup build-fuzz -Dfuzz=true` and clang
 * (tools: CC=clang); run with
 *     build-fuzz/tests/fuzz-model -max_total_time=600 tests/fuzz/corpus/model
 * Without RT_FUZZING this file has a main that replays the files (or
 * directories of files) given as arguments: the test suite replays the
 * seed corpus that way.
 */
#include <dirent.h>
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

#ifndef RT_FUZZING
/* Runs one file through the target; returns the number of files run. */
static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	rt_buf b = RT_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rt_buf_put(&b, chunk, n);
	fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)(b.ptr ? b.ptr : ""), b.len);
	rt_buf_free(&b);
	return 1;
}

/* Replays every file named, and every file in every directory named. */
int
main(int argc, char **argv)
{
	int count = 0;
	for (int i = 1; i < argc; i++) {
		if (!rt_path_is_dir(argv[i])) {
			count += replay_file(argv[i]);
			continue;
		}
		DIR *d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			return 1;
		}
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
			count += replay_file(path);
		}
		closedir(d);
	}
	printf("replayed %d inputs\n", count);
	return count > 0 ? 0 : 1;
}
#endif
