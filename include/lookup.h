/*
 * Name lookup with SPEC 3's fallbacks: exact name or alias, then a
 * unique prefix, then a unique substring, then did-you-mean suggestions.
 * Results borrow terms from the table.
 */
#ifndef GLOSS_LOOKUP_H
#define GLOSS_LOOKUP_H

#include <stddef.h>

#include "filter.h"
#include "table.h"

/* How a term was found, by lookup or by ranked search. */
enum match_kind {
	MATCH_NONE,
	MATCH_EXACT,
	MATCH_ALIAS,
	MATCH_PREFIX,
	MATCH_SUBSTRING,
	MATCH_FUZZY,
	MATCH_FULLTEXT
};

/* "exact", "alias", ... as SPEC writes them; NULL for MATCH_NONE. */
const char *match_name(enum match_kind);

struct lookup {
	enum match_kind kind;	   /* MATCH_NONE when nothing was found */
	const struct term *term;   /* the match, borrowed from the table */
	int ambiguous;		   /* the prefix fits several terms */
	const struct term **cands; /* ambiguous: the candidates by name;
				      else the suggestions, best first */
	size_t ncands;
};

/*
 * Look query up among the terms that pass f (NULL: all): exact name or
 * alias, then (unless exact) a unique prefix, then a unique substring.
 * When nothing is found, cands holds at most SUGGEST_MAX suggestions.
 * lk is always filled; lookup_release frees what it holds.
 */
void lookup_find(const struct table *, const char *query, int exact,
    const struct filter *f, struct lookup *lk);
/* Free the candidates of a lookup and clear it. */
void lookup_release(struct lookup *);

#endif
