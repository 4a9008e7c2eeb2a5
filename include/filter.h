/*
 * The category, tag and vertical filters of the cli's -c, -t and
 * --vertical: keep only the terms that have one category (any of
 * theirs), one tag and/or one vertical, compared folded.
 */
#ifndef GLOSS_FILTER_H
#define GLOSS_FILTER_H

#include <stddef.h>

#include "term.h"

struct filter {
	char *category; /* folded, or NULL for any */
	char *vertical;
	char *tag;
};

/*
 * Fold the given names (any may be NULL: any) into f, which owns the
 * copies; filter_release frees them.
 */
void filter_init(struct filter *, const char *category, const char *vertical,
    const char *tag);
/* Free what filter_init allocated; the filter then matches every term. */
void filter_release(struct filter *);
/* Whether t passes f; a NULL filter passes every term. */
int filter_match(const struct filter *, const struct term *);
/* Whether one of the n strings of v is name, compared folded. */
int filter_has(const char *const *v, size_t n, const char *name);

#endif
