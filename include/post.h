/*
 * Stored postings, as search sees them: what the loader layer may give a
 * table (table->post) so that a search reads only its own stems and the
 * bodies it needs, instead of every term's text.  The search layer makes
 * the postings of a term (post.c: its words stemmed, its field lengths)
 * and decides everything; the source only keeps them across runs (in the
 * index) and reads a term's file on demand.  With no source (no index,
 * --no-cache), search reads every term's text as it always did.
 */
#ifndef GLOSS_POST_H
#define GLOSS_POST_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "varint.h"

/* The fields search counts words in, in rank.c's order. */
#define POST_NFIELDS 5
/* The body: the last of them. */
#define POST_BODY (POST_NFIELDS - 1)
/* Bytes of a term's Bloom filter of its stems (post_make.h). */
#define POST_BLOOM 128

/* A stem's hash (FNV-1a): its bits in a Bloom filter, which the index
 * keeps, so a change is a change of the index's format. */
static inline uint64_t
post_stem_hash(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * UINT64_C(0x100000001b3);
	return h;
}

/*
 * A stem's counts in a term's fields (tf[POST_NFIELDS]), packed as the
 * index keeps them and as a post_doc holds them: the body's count
 * shifted over a bit for each other field that has the stem (a word of
 * the name, say), then those fields' counts less one, in their order,
 * each a varint.  A stem is mostly in the body alone, or besides in one
 * field: one or two bytes.  A change is a change of the index's format.
 */
#define POST_TF_MAX ((size_t)POST_NFIELDS * VARINT_MAX)

/* tf packed at p, which has room for POST_TF_MAX bytes; the end of it. */
static inline unsigned char *
post_tf_put(unsigned char *p, const unsigned *tf)
{
	unsigned mask = 0;
	int f;

	for (f = 0; f < POST_BODY; f++)
		mask |= (unsigned)(tf[f] != 0) << f;
	p = varint_put(p, (uint64_t)tf[POST_BODY] << POST_BODY | mask);
	for (f = 0; f < POST_BODY; f++)
		if (tf[f] != 0)
			p = varint_put(p, tf[f] - 1);
	return p;
}

/* The counts packed at *pp, before end, into tf, *pp stepped past
 * them: 0, or -1 when they are malformed (*pp then says nothing). */
static inline int
post_tf_get(const unsigned char **pp, const unsigned char *end, unsigned *tf)
{
	uint64_t x, y;
	int f;

	if (varint_get(pp, end,
		(uint64_t)UINT32_MAX << POST_BODY | ((1u << POST_BODY) - 1),
		&x) < 0)
		return -1;
	tf[POST_BODY] = (unsigned)(x >> POST_BODY);
	for (f = 0; f < POST_BODY; f++) {
		tf[f] = 0;
		if (x & (1u << f)) {
			if (varint_get(pp, end, UINT32_MAX - 1, &y) < 0)
				return -1;
			tf[f] = (unsigned)y + 1;
		}
	}
	return 0;
}

/* What is kept of one term. */
struct post_doc {
	size_t len[POST_NFIELDS]; /* its words in each field */
	int irregular; /* a word whose stem does not start with its first
			  letter, or is longer: counted from the text */
	/* Which stems it may hold: a stem's list that lacks the term where
	 * this says it may hold it is not trusted for the term (a list
	 * lost to a damaged index reads as no list). */
	unsigned char bloom[POST_BLOOM];
	/*
	 * For put only: its nstems distinct stems, each with how often it
	 * occurs in each field; freed by post_doc_release.  Stem i is the
	 * i-th string of pool (each ends in NUL, the next follows), its
	 * counts the i-th packed in tf (post_tf_put, tflen bytes in all),
	 * and hash, when not NULL, holds the low 32 bits of each one's
	 * post_stem_hash.  Packed so, a first search over 100,000 terms
	 * holds its 8.6 M entries in some 13 bytes each, not 44.
	 */
	const char *algo; /* the stemmer (query_algo), or NULL: none */
	char *pool;
	uint32_t *hash;
	unsigned char *tf;
	size_t tflen;
	size_t nstems;
};

/* Free what d owns (its stems, hashes and counts) and empty it: the
 * one list of them, for whoever holds a doc (search, the source). */
static inline void
post_doc_release(struct post_doc *d)
{
	free(d->pool);
	free(d->hash);
	free(d->tf);
	memset(d, 0, sizeof(*d));
}

/* Called for each term whose postings hold a stem, with how often it
 * occurs in each field of the term (tf[POST_NFIELDS], borrowed). */
typedef void (*post_fn)(void *arg, const struct term *, const unsigned *tf);

/* A term whose kept postings search asks for (docs_get). */
struct post_req {
	const struct term *t;
	uint64_t key;	    /* what search makes of its fields (post_key) */
	struct post_doc *d; /* d->algo says the stemmer */
	int found;	    /* set by docs_get */
};

struct post_ops {
	/*
	 * For each of r[0..n): the postings kept of its term, when they
	 * were made from the term it is now (the source checks key with
	 * the file's identity): fills d's lengths, irregular and Bloom
	 * filter and sets found to 1, else found is 0.  All at once, so
	 * that the source can read its records in its own order.
	 */
	void (*docs_get)(void *ctx, struct post_req *r, size_t n);
	/* Keep d as t's postings under key: seen by stem_each at once,
	 * written to the index by flush.  Takes what d owns (its stems
	 * and counts), leaving d empty. */
	void (*doc_put)(
	    void *ctx, const struct term *t, uint64_t key, struct post_doc *d);
	/*
	 * Call fn for each term whose postings, made by stemmer algo,
	 * hold stem (only terms docs_get found or doc_put was given this
	 * run).  Returns 0, or -1 when the stem's list is damaged: then
	 * search cannot trust the postings and reads every text.  A term
	 * whose Bloom filter may hold the stem but that is not in its list
	 * is counted from its text (a list lost to a damaged index reads
	 * as no list).
	 */
	int (*stem_each)(void *ctx, const char *algo, const char *stem,
	    post_fn fn, void *arg);
	/* Give t (when it has none) its file's text, as the loader would
	 * have: 0, or -1 when the file is not the one the term came from. */
	int (*text)(void *ctx, const struct term *t);
	/*
	 * Begin writing what doc_put kept on a thread of its own, or do
	 * nothing: until flush, the source is asked for nothing but text.
	 */
	void (*flush_begin)(void *ctx);
	/* Write what doc_put kept, or wait for flush_begin's writing to
	 * end; errors only cost the next run time. */
	void (*flush)(void *ctx);
	/* Free the source. */
	void (*release)(void *ctx);
};

/* A source of postings: the table owns it (table_release frees it). */
struct post_src {
	const struct post_ops *ops;
	void *ctx;
};

#endif
