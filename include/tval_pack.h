/*
 * A parsed YAML tree (struct tval) and a file's diagnostics as bytes, for
 * the persistent index.  The bytes come back from a cache that anything
 * may have written, so unpacking trusts nothing: every length and count
 * is checked against what is left, and any malformed or truncated input
 * is an error, never a crash or a partial tree.
 */
#ifndef GLOSS_TVAL_PACK_H
#define GLOSS_TVAL_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "term.h"
#include "util.h"

/*
 * The format's version: part of the index's schema version, so bytes of
 * another format are never read.  Bump it with any change to the format
 * (a new row in tval_pack.c's field table).
 */
#define TVAL_PACK_VERSION 2

/*
 * Append v, with everything below it, to out.  Returns 0, or -1 if the
 * tree cannot be packed (a number out of range, a scalar with no string,
 * deeper than LOADER-style limits allow); out may then hold a partial
 * encoding, which the caller discards.
 */
int tval_pack(const struct tval *, struct sbuf *out);

/*
 * Rebuild a tree from len bytes at buf, which must hold exactly one
 * packed tree.  On success *out is a tree the caller releases with
 * tval_release and 0 is returned; on any malformed, truncated or
 * trailing input, -1 is returned and *out is left empty (zeroed).
 */
int tval_unpack(const void *buf, size_t len, struct tval *out);

/*
 * Append the messages of d to out: each message's code by its stable
 * name, its position and its text as formatted.  A message's file is
 * stored as "the file itself" when it equals path, so that it can be
 * renamed on the way back.  Returns 0, or -1 for a message with no code
 * or text.
 */
int tval_pack_diag(const struct diag *, const char *path, struct sbuf *out);

/*
 * Append to d the messages packed in len bytes at buf, naming the file
 * itself path; a code this gloss does not know is malformed input.
 * Returns 0, or -1 on malformed input, when nothing is added to d.
 */
int tval_unpack_diag(
    const void *buf, size_t len, const char *path, struct diag *);

/*
 * The codec under both packings, for other records (term_pack.c): a
 * number as a varint (unsigned LEB128), a string as its length and its
 * bytes.  Reading accepts only the shortest form, and never reads past
 * end.
 */
struct tval_rd {
	const unsigned char *p, *end; /* a cursor over untrusted bytes */
};
void tval_pack_uint(struct sbuf *, uint64_t);
void tval_pack_str(struct sbuf *, const char *);
/* A canonical varint no larger than max into *out; 0, or -1. */
int tval_read_uint(struct tval_rd *, uint64_t max, uint64_t *out);
/* A string without NUL, which the caller frees; NULL when malformed. */
char *tval_read_str(struct tval_rd *);
/* The same string placed by term_mem_strndup (m may be NULL). */
char *tval_read_str_in(struct tval_rd *, struct term_mem *m);
/* The same string in place: its n bytes at *s, in r's buffer; 0, or -1. */
int tval_read_span(struct tval_rd *, const char **s, size_t *n);
/*
 * One packed tree (what tval_pack appended) at the cursor into *out,
 * which the caller releases; the cursor is left after it.  Returns 0,
 * or -1 on malformed input, with *out empty.
 */
int tval_read_tree(struct tval_rd *, struct tval *out);
/*
 * The same tree, its pieces placed by term_mem_strndup and
 * term_mem_calloc in a term's room m; on failure, -1 with what was read
 * left in *out, for the term's owner to free with it (tval_drop).
 */
int tval_read_tree_in(struct tval_rd *, struct term_mem *m, struct tval *out);

#endif
