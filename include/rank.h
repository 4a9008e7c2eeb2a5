/*
 * Ranked full-text search: BM25F over the stemmed words of each term's
 * name, aliases, description, examples and body, with one pass of typo
 * correction when a word occurs nowhere.  Hits borrow terms from the
 * table.
 */
#ifndef GLOSS_RANK_H
#define GLOSS_RANK_H

#include <stddef.h>

#include "filter.h"
#include "lookup.h"
#include "table.h"

struct hit {
	const struct term *term;
	double score;
	enum match_kind match;
	char *snippet; /* an excerpt of the text that matched, or NULL */
	size_t *marks; /* byte ranges [marks[2i], marks[2i+1]) to mark */
	size_t nmarks;
};

struct hits {
	struct hit *v;
	size_t n;
	size_t total; /* hits before the limit cut them to n */
	/*
	 * The words and phrases of the query, as typed, that no term
	 * passing the filter contains, even after typo correction.
	 */
	char **unmatched;
	size_t nunmatched;
	int stop_only; /* the query had only stopwords: names were searched */
	int stale;     /* a term's file changed since the table was loaded,
			  and its text is needed: load again, with every
			  text and no postings, and search again */
};

/*
 * Every word (or "quoted phrase") of query must occur in a term that
 * passes f (NULL: all); of a query of three words or more, half of them
 * will do; if no term holds enough, any that holds one.  A query of
 * stopwords only ("the") looks at names and aliases alone, since every
 * text holds them.  Fills out with the hits, best first, ties by name,
 * at most limit when limit > 0, each with its snippet, and with the
 * words no term holds.  Returns the number of hits; out is always
 * filled, and hits_release frees it.
 */
size_t rank_query(const struct table *, const char *query,
    const struct filter *f, size_t limit, struct hits *out);
/* Free the hits, their snippets and marks, the words, and clear h. */
void hits_release(struct hits *h);

#endif
