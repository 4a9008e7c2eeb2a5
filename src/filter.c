#include <stdlib.h>
#include <string.h>

#include "filter.h"

void
filter_init(struct filter *f, const char *category, const char *vertical,
    const char *tag)
{
	f->tag = tag ? term_key(tag) : NULL;
	f->category = category ? term_key(category) : NULL;
	f->vertical = vertical ? term_key(vertical) : NULL;
}

void
filter_release(struct filter *f)
{
	free(f->category);
	free(f->vertical);
	free(f->tag);
	f->category = f->vertical = f->tag = NULL;
}

static int
same_folded(const char *folded, const char *s)
{
	char *k;
	int eq;

	if (s == NULL)
		return 0;
	k = term_key(s);
	eq = strcmp(k, folded) == 0;
	free(k);
	return eq;
}

/* Whether one of the n strings of v folds to folded. */
static int
any_folded(const char *folded, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same_folded(folded, v[i]))
			return 1;
	return 0;
}

int
filter_has(const char *const *v, size_t n, const char *name)
{
	char *k = term_key(name);
	int has = any_folded(k, v, n);

	free(k);
	return has;
}

int
filter_match(const struct filter *f, const struct term *t)
{
	if (f == NULL)
		return 1;
	if (f->category != NULL &&
	    !any_folded(f->category, (const char *const *)t->categories.v,
		t->categories.n))
		return 0;
	if (f->tag != NULL &&
	    !any_folded(f->tag, (const char *const *)t->tags.v, t->tags.n))
		return 0;
	if (f->vertical != NULL && !same_folded(f->vertical, t->vertical))
		return 0;
	return 1;
}
