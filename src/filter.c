#include <stdlib.h>
#include <string.h>

#include "filter.h"

void
filter_init(struct filter *f, const char *category, const char *vertical,
    const char *tag)
{
	memset(f, 0, sizeof(*f));
	if (category != NULL)
		filter_add(f, FILTER_CATEGORY, category);
	if (vertical != NULL)
		filter_add(f, FILTER_VERTICAL, vertical);
	if (tag != NULL)
		filter_add(f, FILTER_TAG, tag);
}

void
filter_add(struct filter *f, enum filter_facet facet, const char *name)
{
	struct strlist *l = facet == FILTER_CATEGORY ? &f->category
	    : facet == FILTER_VERTICAL		     ? &f->vertical
						     : &f->tag;
	char *key = term_key(name);
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], key) == 0) {
			free(key); /* the same name twice is once */
			return;
		}
	strlist_push(l, key);
}

int
filter_active(const struct filter *f)
{
	return f->category.n > 0 || f->vertical.n > 0 || f->tag.n > 0;
}

void
filter_release(struct filter *f)
{
	strlist_release(&f->category);
	strlist_release(&f->vertical);
	strlist_release(&f->tag);
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

/* Whether one of the folded keys of l is one of the n strings of v. */
static int
any_of(const struct strlist *l, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (any_folded(l->v[i], v, n))
			return 1;
	return 0;
}

int
filter_match(const struct filter *f, const struct term *t)
{
	if (f == NULL)
		return 1;
	if (f->category.n > 0 &&
	    !any_of(&f->category, (const char *const *)t->categories.v,
		t->categories.n))
		return 0;
	if (f->tag.n > 0 &&
	    !any_of(&f->tag, (const char *const *)t->tags.v, t->tags.n))
		return 0;
	if (f->vertical.n > 0 &&
	    (t->vertical == NULL ||
		!any_of(&f->vertical, (const char *const *)&t->vertical, 1)))
		return 0;
	return 1;
}
