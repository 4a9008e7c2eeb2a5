/*
 * Queries against the table: name lookup with SPEC 3's fallbacks and
 * suggestions, ranked full-text search (BM25F over stemmed words), and
 * the related-term graph.  Results borrow terms from the table.
 */
#ifndef GLOSS_SEARCH_H
#define GLOSS_SEARCH_H

#include <stddef.h>

#include "table.h"

enum match_kind {
	MATCH_NONE,
	MATCH_EXACT,
	MATCH_ALIAS,
	MATCH_PREFIX,
	MATCH_SUBSTRING,
	MATCH_FUZZY,
	MATCH_FULLTEXT
};

/* "exact", "alias", ...; NULL for MATCH_NONE. */
const char *match_name(enum match_kind);

/* Keep only terms of a category and/or vertical (folded comparison). */
struct filter {
	char *category; /* folded, or NULL for any */
	char *vertical;
};

/* Fold the given names (either may be NULL); filter_release frees. */
void filter_init(struct filter *, const char *category, const char *vertical);
void filter_release(struct filter *);
int filter_match(const struct filter *, const struct term *);

#define SEARCH_MAX_SUGGEST 5

struct lookup {
	enum match_kind kind;	   /* MATCH_NONE when nothing was found */
	const struct term *term;   /* the match */
	int ambiguous;		   /* the prefix fits several terms */
	const struct term **cands; /* ambiguous: the candidates; else the
				      suggestions, best first */
	size_t ncands;
};

/*
 * Look query up: exact name or alias, then (unless exact) a unique
 * prefix, then a unique substring.  When nothing is found, cands holds
 * at most SEARCH_MAX_SUGGEST suggestions.  lookup_release frees.
 */
void search_lookup(const struct table *, const char *query, int exact,
    const struct filter *, struct lookup *);
void lookup_release(struct lookup *);

/* Edit distance of a and b (Damerau-Levenshtein, adjacent swaps), bytes. */
size_t search_edits(const char *a, const char *b);

/* Suggestions for a name that was not found, best first. */
size_t search_suggest(const struct table *, const char *query,
    const struct filter *, const struct term **out, size_t max);

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
};

/*
 * Ranked full-text search: every word (or "quoted phrase") of query must
 * occur in the name, aliases, description, examples or body.  Returns
 * the number of hits (at most limit when limit > 0), best first, ties by
 * name.  hits_release frees.
 */
size_t search_query(const struct table *, const char *query,
    const struct filter *, size_t limit, struct hits *);
void hits_release(struct hits *);

/* The term a related name means (exact name or alias), or NULL. */
const struct term *search_resolve(const struct table *, const char *name);
/* The term a link of a term means, or NULL. */
const struct term *search_link(const struct table *, const struct term_link *);

/*
 * Every related name of a table resolved once, both ways: the j-th link
 * of term t means out_to[out_first[t->idx] + j] (NULL: no such term);
 * the terms linking to t, in name order, each once, are
 * in_from[in_first[t->idx] ...] for in_len[t->idx] entries.
 */
struct search_links {
	size_t *out_first;
	const struct term **out_to;
	size_t *in_first;
	size_t *in_len;
	const struct term **in_from;
};

/* Resolve the links of tab; search_links_release frees. */
void search_links_build(const struct table *, struct search_links *);
void search_links_release(struct search_links *);
/* Whether from lists to among its related terms. */
int search_links_to(const struct search_links *, const struct term *from,
    const struct term *to);

enum rel_dir { REL_OUT = 1, REL_IN = 2, REL_BOTH = 3 };

struct rel {
	const struct term *term; /* NULL for a name that resolves to nothing */
	const char *name;	 /* the name as written (borrowed) */
	enum rel_dir dir; /* how it links to the term it was reached from */
	int depth;	  /* 1 for direct links */
	const struct term *from;
};

struct rels {
	struct rel *v;
	size_t n, cap;
};

/*
 * The terms t links to and the terms that link to it, then (depth > 1)
 * their links, breadth-first, each term once.  rels_release frees.
 */
void search_related(
    const struct table *, const struct term *t, int depth, struct rels *);
void rels_release(struct rels *);

#endif
