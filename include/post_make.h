/*
 * A term's postings as search makes them (post.h): the words of each
 * field counted, stemmed as the term's language stems, each distinct
 * stem with how often it occurs in the body; and the key that says which
 * term they were made from.  Part of the search layer (rank.c uses it).
 */
#ifndef GLOSS_POST_MAKE_H
#define GLOSS_POST_MAKE_H

#include <stdint.h>

#include "post.h"
#include "term.h"
#include "util.h"

struct sb_stemmer;

/* The fields, in rank's order: name, aliases, description, examples, body. */
enum post_field { PF_NAME, PF_ALIAS, PF_DESC, PF_EXAMPLE, PF_BODY };

/* The text of field f (not the body) of t, appended to sb. */
void post_field_text(const struct term *t, enum post_field f, struct sbuf *sb);

/*
 * What t's postings depend on besides its file's bytes: its fields as
 * search reads them (but the body) and the stemmer algo (query_algo).
 */
uint64_t post_key(const struct term *t, const char *algo);

/*
 * What post_make keeps from term to term of one stemmer (one thread):
 * the words it has stemmed, as the words of a glossary repeat, and
 * their stems.  post_memo_free frees it (NULL is a no-op).
 */
struct post_memo;
struct post_memo *post_memo_new(void);
void post_memo_free(struct post_memo *);

/*
 * The postings of t (whose text it holds, or it has none), stemmed by
 * st, stemmer algo, into d; post_doc_release (post.h) frees what d
 * then owns.  memo is st's (post_memo_new), and grows.
 */
void post_make(const struct term *t, const char *algo, struct sb_stemmer *st,
    struct post_memo *memo, struct post_doc *d);

/* The bits of a stem in a post_doc's Bloom filter. */
#define POST_BLOOM_K 4
void post_bloom_bits(const char *stem, unsigned bits[POST_BLOOM_K]);
/* Whether the filter bloom may hold the stem of those bits. */
int post_bloom_may(const unsigned char *bloom, const unsigned *bits);

#endif
