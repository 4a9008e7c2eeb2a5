#include <stdlib.h>
#include <string.h>

#include "lookup.h"
#include "suggest.h"

const char *
match_name(enum match_kind k)
{
	static const char *const names[] = {
	    NULL, "exact", "alias", "prefix", "substring", "fuzzy", "fulltext"};

	return names[k];
}

/* Add t to a list of distinct terms. */
static void
push_term(const struct term ***v, size_t *n, const struct term *t)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == t)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = t;
}

static int
cmp_term_key(const void *a, const void *b)
{
	const struct term *x = *(const struct term *const *)a;
	const struct term *y = *(const struct term *const *)b;

	return strcmp(x->key, y->key);
}

/*
 * Whether one of the index entries [first, last), which start with key,
 * is key itself and passes f; lk then holds it.
 */
static int
find_exact(const struct table *tab, const char *key, size_t first, size_t last,
    const struct filter *f, struct lookup *lk)
{
	size_t i;

	for (i = first; i < last; i++) {
		const struct table_entry *e = &tab->idx[i];

		if (strcmp(e->key, key) != 0)
			break;
		if (filter_match(f, e->term)) {
			lk->term = e->term;
			lk->kind = e->alias < 0 ? MATCH_EXACT : MATCH_ALIAS;
			return 1;
		}
	}
	return 0;
}

/* Whether key is a link key (id, stem) of a term that passes f. */
static int
find_id(const struct table *tab, const char *key, const struct filter *f,
    struct lookup *lk)
{
	size_t i, first, last;

	table_ids(tab, key, &first, &last);
	for (i = first; i < last; i++)
		if (filter_match(f, tab->ids[i].term)) {
			lk->term = tab->ids[i].term;
			lk->kind = MATCH_ALIAS;
			return 1;
		}
	return 0;
}

/*
 * Settle lk with the n distinct terms v found as kind, which it takes:
 * one is the match; several are ambiguous as a prefix, and nothing as
 * a substring.  Returns whether lk is settled.
 */
static int
settle(const struct term **v, size_t n, enum match_kind kind, struct lookup *lk)
{
	if (n == 1) {
		lk->term = v[0];
		lk->kind = kind;
		free(v);
		return 1;
	}
	if (n > 1 && kind == MATCH_PREFIX) {
		qsort(v, n, sizeof(*v), cmp_term_key);
		lk->ambiguous = 1;
		lk->cands = v;
		lk->ncands = n;
		return 1;
	}
	free(v);
	return 0;
}

static int
find_prefix(const struct table *tab, size_t first, size_t last,
    const struct filter *f, struct lookup *lk)
{
	const struct term **v = NULL;
	size_t i, n = 0;

	for (i = first; i < last; i++)
		if (filter_match(f, tab->idx[i].term))
			push_term(&v, &n, tab->idx[i].term);
	return settle(v, n, MATCH_PREFIX, lk);
}

static int
find_substring(const struct table *tab, const char *key, const struct filter *f,
    struct lookup *lk)
{
	const struct term **v = NULL;
	size_t i, n = 0;

	for (i = 0; i < tab->nidx; i++)
		if (strstr(tab->idx[i].key, key) != NULL &&
		    filter_match(f, tab->idx[i].term))
			push_term(&v, &n, tab->idx[i].term);
	return settle(v, n, MATCH_SUBSTRING, lk);
}

void
lookup_find(const struct table *tab, const char *query, int exact,
    const struct filter *f, struct lookup *lk)
{
	size_t first, last;
	char *key;

	memset(lk, 0, sizeof(*lk));
	key = term_key(query);
	if (key[0] == '\0') {
		free(key);
		return;
	}
	table_prefix(tab, key, &first, &last);
	if (!find_exact(tab, key, first, last, f, lk) &&
	    !find_id(tab, key, f, lk) && !exact &&
	    !find_prefix(tab, first, last, f, lk) &&
	    !find_substring(tab, key, f, lk)) {
		lk->cands = xcalloc(SUGGEST_MAX, sizeof(*lk->cands));
		lk->ncands =
		    suggest_find(tab, query, f, lk->cands, SUGGEST_MAX);
	}
	free(key);
}

void
lookup_release(struct lookup *lk)
{
	free(lk->cands);
	memset(lk, 0, sizeof(*lk));
}
