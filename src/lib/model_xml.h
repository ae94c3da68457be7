/*
 * model_xml.h: model files (XML, DESIGN.md section 2, docs/models.md) to
 * and from the in-memory model.
 *
 * Reading a model goes in three steps, each reporting every problem it finds
 * (one line each, "file:line: object: problem") before the call fails with
 * RETORT_EINVALID:
 *
 *   1. XML, parsed safely: no network, no DTD (so no entities, internal or
 *      external), at most RT_MODEL_MAX_BYTES per file, UTF-8 only, no NUL,
 *      nesting limited by libxml2.
 *   2. Validation against schemas/model.rng (found through rt_datadir()).
 *   3. Semantics: duplicates, dangling references, foreign keys whose columns
 *      don't match, misused identity, things the dialect cannot express.
 *
 * On success the model holds every object with its file and line, column
 * shorthands (primary-key, unique, references) turned into constraints,
 * every unnamed constraint and index named by the naming convention, types
 * mapped to the dialect (typemap.h), PostgreSQL objects given their schema.
 */
#ifndef RT_MODEL_XML_H
#define RT_MODEL_XML_H

#include "rt.h"
#include "model.h"
#include "util.h"

/* Largest model file read, in bytes. */
#define RT_MODEL_MAX_BYTES (16 * 1024 * 1024)

typedef struct rt_model_opts {
	rt_dialect dialect;
	const char *default_schema;  /* PostgreSQL; NULL -> "public" */
} rt_model_opts;

/* Parses, validates (schemas/model.rng) and checks every file matching the
 * globs into one model; naming convention applied, types mapped. A glob
 * that matches no file is an error (an empty model would drop every
 * table). *out is the caller's (rt_model_free), untouched on failure. */
int rt_model_load(const rt_strv *globs, const rt_model_opts *o,
                  rt_model **out, rt_err *err);

/* Same for one in-memory document called name (tests, fuzzing). */
int rt_model_parse_string(const char *name, const char *xml, size_t len,
                          const rt_model_opts *o, rt_model **out, rt_err *err);

/* Writes m as a model file (used by `retort inspect`): every object with
 * its explicit name, so parsing the output gives a model that dumps the
 * same as m (rt_model_dump). */
void rt_model_write_xml(const rt_model *m, rt_buf *out);

#endif
