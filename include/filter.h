/*
 * The category and vertical filters of the cli's -c and -V: keep only
 * the terms of one category and/or one vertical, compared folded.
 */
#ifndef GLOSS_FILTER_H
#define GLOSS_FILTER_H

#include "term.h"

struct filter {
	char *category; /* folded, or NULL for any */
	char *vertical;
};

/*
 * Fold the given names (either may be NULL: any) into f, which owns the
 * copies; filter_release frees them.
 */
void filter_init(struct filter *, const char *category, const char *vertical);
/* Free what filter_init allocated; the filter then matches every term. */
void filter_release(struct filter *);
/* Whether t passes f; a NULL filter passes every term. */
int filter_match(const struct filter *, const struct term *);

#endif
