/*
 * What a parse of one term file learns from its body, kept in the index
 * beside the front matter's tree (index_rec.aux), so that a term served
 * from the index needs no read of its file unless the command wants the
 * text: the schema's record of the body (schema_body), the body's
 * examples and the file's length.  The bytes come back from a cache, so
 * unpacking checks every length.  Part of the loader layer.
 */
#ifndef GLOSS_LOADFACTS_H
#define GLOSS_LOADFACTS_H

#include <stddef.h>

#include "schema.h"
#include "util.h"

/* The format's version: part of every index context (loader.c). */
#define LOADFACTS_VERSION 1

struct loadfacts {
	struct schema_body body; /* the schema's record of the body */
	struct strlist examples; /* the body's `## Examples' */
	size_t textlen;		 /* the file's bytes */
};

/* Free what f holds; it is then empty (and so is a zeroed one). */
void loadfacts_release(struct loadfacts *f);

/* Append f to out. */
void loadfacts_pack(const struct loadfacts *f, struct sbuf *out);

/*
 * Read len bytes at buf into f (zeroed beforehand).  Returns 0, or -1 on
 * malformed or trailing input, with f left empty.
 */
int loadfacts_unpack(const void *buf, size_t len, struct loadfacts *f);

#endif
