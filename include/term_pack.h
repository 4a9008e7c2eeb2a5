/*
 * A term as the loader returns it for one file, as bytes, for the
 * persistent index: every field the parse sets (the schema step's, the
 * body's reduced text, mentions and examples, where the body starts and
 * the file's length), so that a term served from the index needs no
 * parse at all.  Not packed: what depends on the run rather than the
 * file (path, text, dirno, idx).  In tval_pack's codec; the bytes come
 * back from a cache, so unpacking checks every length and count.  Part
 * of the loader layer.
 */
#ifndef GLOSS_TERM_PACK_H
#define GLOSS_TERM_PACK_H

#include "term.h"
#include "tval_pack.h"
#include "util.h"

/*
 * The format's version: part of the index's context (loader.c), so bytes
 * of another format are never read.  Bump it with any change to the
 * format or to struct term's fields.
 */
#define TERM_PACK_VERSION 2

/*
 * Append t to out.  Returns 0, or -1 if t cannot be packed (extra not a
 * mapping, a NULL in a list, a tree tval_pack refuses); out may then
 * hold a partial encoding, which the caller discards.
 */
int term_pack(const struct term *t, struct sbuf *out);

/* term_unpack's flags. */
#define TERM_UNPACK_NO_BODY 0x1 /* skip body_text: the text is not kept */

/*
 * Rebuild a term (a new one, *out, which the caller frees with
 * term_free) from one packing at the cursor r, which is left after it.
 * path, text, dirno and idx are left zero.  Returns 0, or -1 on
 * malformed input, with *out NULL.
 */
int term_unpack(struct tval_rd *r, int flags, struct term **out);
/*
 * The same, the term made in pool (term.h), which must outlive it;
 * with a NULL pool, term_unpack.
 */
int term_unpack_pooled(
    struct tval_rd *r, int flags, struct term_pool *pool, struct term **out);

#endif
