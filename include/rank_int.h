/*
 * What rank.c and rank_post.c share: the fields a query is counted in,
 * a term's counts and the pass over the corpus that holds them.  Not a
 * public interface (rank.h is).
 */
#ifndef GLOSS_RANK_INT_H
#define GLOSS_RANK_INT_H

#include <stddef.h>
#include <stdint.h>

#include "filter.h"
#include "post.h"
#include "query.h"
#include "table.h"

/* The fields of a term that a query is counted in, in weight order. */
enum field { F_NAME, F_ALIAS, F_DESC, F_EXAMPLE, F_BODY, NFIELDS };

/* One term's counts: of each clause in each field, and the fields'
 * lengths in words. */
struct doc {
	const struct term *t;
	unsigned *tf; /* [clause][field] */
	size_t len[NFIELDS];
};

/* The filtered corpus with, for each term, the counts of each clause. */
struct pass {
	struct doc *docs; /* the terms counted: those that may match */
	size_t ndocs;
	size_t n;	     /* terms that pass the filter */
	size_t *df;	     /* terms holding each clause */
	double avg[NFIELDS]; /* average field lengths in words */
};

/* Count each clause of q in each field of t (in its body only with
 * body) into d, whose tf the caller frees (pass_release). */
void doc_count(struct query *q, const struct term *t, struct doc *d, int body);
/* One more term, d, for the count of terms holding each clause. */
void count_df(const struct query *q, const struct doc *d, struct pass *ps);
/* Free what ps holds, and empty it. */
void pass_release(struct pass *ps);
/*
 * Count q through tab's stored postings (rank_post.c) into ps, which the
 * caller releases: 0 when ps is filled, 1 when the counting must read
 * every text (a word to correct, a list that could not be read), -1
 * when a text could not be read.
 */
int post_passes(struct query *q, const struct table *tab,
    const struct filter *flt, struct pass *ps);

/* A term whose postings are to be made, with its stemmer algo. */
struct rank_make {
	const struct term *t; /* its text read */
	const char *algo;
	uint64_t key;	   /* post_key, for the caller */
	size_t at;	   /* the caller's */
	struct post_doc d; /* made: the caller owns it */
};

/* Make the postings of the n terms v (rank_make.c), on two threads when
 * there are many. */
void rank_make_all(struct rank_make *v, size_t n);

#endif
