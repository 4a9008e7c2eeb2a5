/*
 * The category, tag and vertical filters of the cli's -c, -t and
 * --vertical: keep only the terms that have one of the categories
 * given (any of theirs), one of the tags and/or one of the verticals,
 * compared folded.
 */
#ifndef GLOSS_FILTER_H
#define GLOSS_FILTER_H

#include <stddef.h>

#include "term.h"

/* Each list holds folded names; a term passes a list it has one of,
 * and an empty list lets every term pass. */
struct filter {
	struct strlist category;
	struct strlist vertical;
	struct strlist tag;
};

enum filter_facet { FILTER_CATEGORY, FILTER_VERTICAL, FILTER_TAG };

/*
 * Fold the given names (any may be NULL: any) into f, which owns the
 * copies; filter_release frees them.
 */
void filter_init(struct filter *, const char *category, const char *vertical,
    const char *tag);
/* Let the terms with name in facet pass too (-c a -c b: either). */
void filter_add(struct filter *, enum filter_facet, const char *name);
/* Whether any list is set: not every term passes. */
int filter_active(const struct filter *);
/* Free what filter_init allocated; the filter then matches every term. */
void filter_release(struct filter *);
/* Whether t passes f; a NULL filter passes every term. */
int filter_match(const struct filter *, const struct term *);

#endif
