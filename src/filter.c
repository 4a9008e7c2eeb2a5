#include <stdlib.h>
#include <string.h>

#include "filter.h"

void
filter_init(struct filter *f, const char *category, const char *vertical)
{
	f->category = category ? term_key(category) : NULL;
	f->vertical = vertical ? term_key(vertical) : NULL;
}

void
filter_release(struct filter *f)
{
	free(f->category);
	free(f->vertical);
	f->category = f->vertical = NULL;
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

int
filter_match(const struct filter *f, const struct term *t)
{
	if (f == NULL)
		return 1;
	if (f->category != NULL && !same_folded(f->category, t->category))
		return 0;
	if (f->vertical != NULL && !same_folded(f->vertical, t->vertical))
		return 0;
	return 1;
}
