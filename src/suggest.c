#include <stdlib.h>
#include <string.h>

#include "editdist.h"
#include "suggest.h"
#include "utf8.h"

/* Edit distance scaled by length: 0 is equal, 1 shares nothing. */
static double
scaled(const char *a, size_t n, const char *b, size_t m)
{
	size_t big = n > m ? n : m;

	if (big == 0)
		return 1;
	return (double)editdist_mem(a, n, b, m) /
	    (double)(big > EDITDIST_MAX ? EDITDIST_MAX : big);
}

/* The name, alias or derived name an index entry stands for. */
static const char *
entry_name(const struct table_entry *e)
{
	if (e->alias < 0)
		return e->term->name;
	return e->derived ? e->term->derived.v[e->alias]
			  : e->term->aliases.v[e->alias];
}

/*
 * How far entry e is from the key q (lower is closer): the whole-name
 * distance, or being a prefix or substring, or the closest word of the
 * name.
 */
static double
distance(const char *q, const struct table_entry *e)
{
	const char *key = e->key, *name = entry_name(e);
	size_t qn = strlen(q), kn = strlen(key);
	double best = scaled(q, qn, key, kn);
	char *words = utf8_fold(name, strlen(name));
	const char *w = words, *sp;

	if (qn >= 2 && strncmp(key, q, qn) == 0 && best > 0.15)
		best = 0.15;
	else if (qn >= 3 && strstr(key, q) != NULL && best > 0.25)
		best = 0.25;
	/* Word by word: "retension" is close to "customer retention". */
	for (;;) {
		size_t wn;
		double dw;

		sp = strchr(w, ' ');
		wn = sp != NULL ? (size_t)(sp - w) : strlen(w);
		if (sp != NULL || w != words) {
			dw = scaled(q, qn, w, wn) + 0.1;
			if (dw < best)
				best = dw;
		}
		if (sp == NULL)
			break;
		w = sp + 1;
	}
	free(words);
	return best;
}

struct cand {
	const struct term *t;
	double d;
};

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return strcmp(x->t->key, y->t->key);
}

size_t
suggest_find(const struct table *tab, const char *query, const struct filter *f,
    const struct term **out, size_t max)
{
	struct cand *c;
	char *q = term_key(query);
	size_t i, j, n = 0;

	if (q[0] == '\0' || tab->nidx == 0) {
		free(q);
		return 0;
	}
	c = xcalloc(tab->nidx, sizeof(*c));
	for (i = 0; i < tab->nidx; i++) {
		const struct table_entry *e = &tab->idx[i];
		double d;

		if (!filter_match(f, e->term))
			continue;
		d = distance(q, e);
		if (d > 0.45)
			continue;
		for (j = 0; j < n; j++)
			if (c[j].t == e->term)
				break;
		if (j < n) {
			if (d < c[j].d)
				c[j].d = d;
			continue;
		}
		c[n].t = e->term;
		c[n++].d = d;
	}
	qsort(c, n, sizeof(*c), cmp_cand);
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		out[i] = c[i].t;
	free(c);
	free(q);
	return n;
}
