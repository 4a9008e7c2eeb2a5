/*
 * Did-you-mean: the names closest to one that was not found, by edit
 * distance of the whole name or of one of its words, or by containing
 * it.
 */
#ifndef GLOSS_SUGGEST_H
#define GLOSS_SUGGEST_H

#include <stddef.h>

#include "filter.h"
#include "table.h"

/* The most suggestions the cli shows. */
#define SUGGEST_MAX 5

/*
 * Fill out[0..max) with the terms passing f (NULL: all) whose names or
 * aliases are close to query, best first, ties by name, each once.
 * Returns how many; the terms are borrowed from the table.
 */
size_t suggest_find(const struct table *, const char *query,
    const struct filter *f, const struct term **out, size_t max);

#endif
