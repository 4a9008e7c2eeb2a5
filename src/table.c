#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "table.h"

uint64_t
table_key_hash(const char *key, size_t len)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * UINT64_C(0x100000001b3);
	h = (h ^ (h >> 33)) * UINT64_C(0xff51afd7ed558ccd);
	return h ^ (h >> 29);
}

void
table_init(struct table *tab)
{
	memset(tab, 0, sizeof(*tab));
}

void
table_flush(const struct table *tab)
{
	if (tab->post != NULL)
		tab->post->ops->flush(tab->post->ctx);
}

void
table_flush_begin(const struct table *tab)
{
	if (tab->post != NULL)
		tab->post->ops->flush_begin(tab->post->ctx);
}

void
table_release(struct table *tab)
{
	size_t i;

	if (tab->post != NULL) {
		tab->post->ops->release(tab->post->ctx);
		free(tab->post);
	}
	for (i = 0; i < tab->n; i++)
		term_free(tab->terms[i]);
	term_pool_release(&tab->pool); /* after its terms */
	free(tab->terms);
	free(tab->idx);
	free(tab->ids);
	free(tab->lang);
	for (i = 0; i < 3; i++)
		free(tab->prefer[i]);
	table_init(tab);
}

void
table_add(struct table *tab, struct term *t)
{
	if (tab->n == tab->cap) {
		tab->cap = tab->cap ? tab->cap * 2 : 64;
		tab->terms =
		    xreallocarray(tab->terms, tab->cap, sizeof(*tab->terms));
	}
	tab->terms[tab->n++] = t;
	tab->bytes += t->textlen;
}

/*
 * The language of some term that pref matches; exactly when exact, else
 * by language alone.  NULL when none does.
 */
static const char *
lang_present(const struct table *tab, const char *pref, int exact)
{
	size_t i;

	for (i = 0; i < tab->n; i++) {
		const char *l = tab->terms[i]->lang;

		if (l != NULL &&
		    (exact ? strcmp(pref, l) == 0 : lang_matches(pref, l)))
			return l;
	}
	return NULL;
}

/* The language present that pref asks for: exactly, else by language. */
static const char *
lang_best(const struct table *tab, const char *pref)
{
	const char *l = lang_present(tab, pref, 1);

	return l != NULL ? l : lang_present(tab, pref, 0);
}

/* The language to serve when none was asked for; NULL: none named. */
static const char *
lang_choose(const struct table *tab, const char *const *prefs, size_t n)
{
	const char *l;
	size_t i;

	for (i = 0; i < n; i++)
		if (prefs[i] != NULL && (l = lang_best(tab, prefs[i])) != NULL)
			return l;
	for (i = 0; i < tab->n; i++)
		if (tab->terms[i]->lang != NULL)
			return tab->terms[i]->lang;
	return NULL;
}

size_t
table_serve_lang(
    struct table *tab, const char *lang, const char *const *prefs, size_t n)
{
	const char *l;
	size_t i, kept = 0, dropped;

	free(tab->lang);
	tab->lang = NULL;
	if (lang != NULL && strcmp(lang, "all") == 0) {
		/* A name that terms of several languages have finds the one
		 * of the language that would be served first. */
		for (i = 0; i < 3; i++) {
			free(tab->prefer[i]);
			tab->prefer[i] = i < n && prefs[i] != NULL &&
				strcmp(prefs[i], "all") != 0
			    ? xstrdup(prefs[i])
			    : NULL;
		}
		return 0;
	}
	if (lang == NULL)
		l = lang_choose(tab, prefs, n);
	else if ((l = lang_best(tab, lang)) == NULL)
		l = lang;
	if (l == NULL)
		return 0;
	tab->lang = xstrdup(l);
	for (i = 0; i < tab->n; i++) {
		struct term *t = tab->terms[i];

		if (t->lang == NULL || strcmp(t->lang, tab->lang) == 0) {
			tab->terms[kept++] = t;
			continue;
		}
		tab->bytes -= t->textlen;
		term_free(t);
	}
	dropped = tab->n - kept;
	tab->n = kept;
	return dropped;
}

/*
 * strcmp(a, b)'s sign, the first bytes compared inline: sorting the
 * index calls this some 40,000 times at 1,000 terms, and most keys
 * differ there.
 */
static int
key_cmp(const char *a, const char *b)
{
	int c = (unsigned char)a[0] - (unsigned char)b[0];

	return c != 0 || a[0] == '\0' ? c : strcmp(a + 1, b + 1);
}

/* Order languages: none first, then by tag. */
static int
cmp_lang(const struct term *x, const struct term *y)
{
	if (x->lang == NULL || y->lang == NULL)
		return (x->lang != NULL) - (y->lang != NULL);
	return strcmp(x->lang, y->lang);
}

/* Name 0, alias 1, derived name 2: the order entries of one key take. */
static int
entry_rank(const struct table_entry *e)
{
	return e->alias < 0 ? 0 : e->derived ? 2 : 1;
}

/*
 * Where t's language stands when every language is served (tab->prefer):
 * none 0, the preferred 1 to 3 in order, any other 4.
 */
static int
lang_rank(const struct table *tab, const struct term *t)
{
	int i;

	if (t->lang == NULL)
		return 0;
	for (i = 0; i < 3; i++)
		if (tab->prefer[i] != NULL &&
		    lang_matches(tab->prefer[i], t->lang))
			return 1 + i;
	return 4;
}

static int
cmp_entry(const struct table *tab, const struct table_entry *x,
    const struct table_entry *y)
{
	int c = key_cmp(x->key, y->key);

	if (c != 0)
		return c;
	if (entry_rank(x) != entry_rank(y))
		return entry_rank(x) < entry_rank(y) ? -1 : 1;
	/* Stable among equals: earlier directory, then the preferred
	 * language, then name order. */
	if (x->term->dirno != y->term->dirno)
		return x->term->dirno < y->term->dirno ? -1 : 1;
	if ((c = lang_rank(tab, x->term) - lang_rank(tab, y->term)) != 0)
		return c;
	c = strcmp(x->term->key, y->term->key);
	if (c != 0)
		return c;
	return x->alias < y->alias ? -1 : x->alias > y->alias;
}

/*
 * The sort of the index and of the terms: each item is a key's first 16
 * bytes, big-endian (so that they order as strcmp does), and its place
 * in what is sorted; a tie of prefixes is settled by the sort's tie
 * function on the two places.  Most keys differ in their first 16 bytes,
 * so most comparisons are of two numbers: qsort(3), with a call and a
 * strcmp for each, cost `list' 3% of its instructions.
 */
struct sort_item {
	uint64_t pre[2];
	size_t i;
};

typedef int sort_tie(const void *arg, size_t a, size_t b);

struct sort {
	sort_tie *tie;
	const void *arg;
};

/*
 * The first 16 bytes of k as two numbers that order as strcmp does: the
 * keys of a glossary often share their first 8 bytes (a common first
 * word), and each tie costs a strcmp of two keys far apart in memory.
 */
static void
key_prefix(const char *k, uint64_t pre[2])
{
	int h, j;

	for (h = 0; h < 2; h++) {
		pre[h] = 0;
		for (j = 0; j < 8; j++) {
			pre[h] <<= 8;
			if (*k != '\0')
				pre[h] |= (unsigned char)*k++;
		}
	}
}

static int
cmp_item(
    const struct sort_item *x, const struct sort_item *y, const struct sort *so)
{
	if (x->pre[0] != y->pre[0])
		return x->pre[0] < y->pre[0] ? -1 : 1;
	if (x->pre[1] != y->pre[1])
		return x->pre[1] < y->pre[1] ? -1 : 1;
	return so->tie(so->arg, x->i, y->i);
}

/*
 * Sort it[0..n) (tmp has room for n) stably, as glibc's qsort (a merge
 * sort) would: a merge sort, by insertion below 9 items.
 */
static void
sort_items(struct sort_item *it, struct sort_item *tmp, size_t n,
    const struct sort *so)
{
	size_t h = n / 2, i = 0, j = h, k = 0;
	struct sort_item x;

	if (n <= 8) {
		for (i = 1; i < n; i++) {
			x = it[i];
			for (j = i; j > 0 && cmp_item(&x, &it[j - 1], so) < 0;
			     j--)
				it[j] = it[j - 1];
			it[j] = x;
		}
		return;
	}
	sort_items(it, tmp, h, so);
	sort_items(it + h, tmp, n - h, so);
	while (i < h && j < n)
		tmp[k++] = cmp_item(&it[j], &it[i], so) < 0 ? it[j++] : it[i++];
	while (i < h)
		tmp[k++] = it[i++];
	memcpy(it, tmp, k * sizeof(*it));
}

/*
 * Items lo to lo + n of a sort: keyed by key(arg, i), then sorted; and
 * each key's table_key_hash in hash[i] when hash is not NULL, while the
 * key is at hand.
 */
struct sort_part {
	struct sort_item *it, *tmp;
	size_t lo, n;
	const char *(*key)(const void *, size_t);
	const struct sort *so;
	uint64_t *hash;
};

static void *
sort_part_run(void *arg)
{
	struct sort_part *p = arg;
	size_t i;

	for (i = 0; i < p->n; i++) {
		const char *k = p->key(p->so->arg, p->lo + i);

		key_prefix(k, p->it[i].pre);
		p->it[i].i = p->lo + i;
		if (p->hash != NULL)
			p->hash[p->lo + i] = table_key_hash(k, strlen(k));
	}
	sort_items(p->it, p->tmp, p->n, p->so);
	return NULL;
}

/* Below this many items a sort stays on one thread. */
#define SORT_SPLIT_MIN 4096

/*
 * The order of n things whose keys key(arg, i) gives, ties settled by
 * tie: a new array of their places, which the caller frees.  A large
 * sort's first half is keyed and sorted on a thread of its own, then
 * the halves merged: the sorts of table_index are serial work after
 * the load, some 16 ms at 10,000 terms, most of it cache misses on
 * keys that the loading threads left far apart.
 */
static size_t *
sort_order(size_t n, const char *(*key)(const void *, size_t), sort_tie *tie,
    const void *arg, uint64_t *hash)
{
	struct sort_item *it = xreallocarray(NULL, 2 * n + 1, sizeof(*it));
	size_t *order = xreallocarray(NULL, n + 1, sizeof(*order));
	size_t h = n / 2, i = 0, j = h, k = 0;
	struct sort so = {tie, arg};
	struct sort_part a = {it, it + n, 0, h, key, &so, hash};
	struct sort_part b = {it + h, it + n + h, h, n - h, key, &so, hash};
	pthread_t tid;

	if (n < SORT_SPLIT_MIN ||
	    pthread_create(&tid, NULL, sort_part_run, &a) != 0) {
		a.n = n;
		(void)sort_part_run(&a);
	} else {
		(void)sort_part_run(&b);
		pthread_join(tid, NULL);
		while (i < h && j < n)
			it[n + k++] = cmp_item(&it[j], &it[i], &so) < 0
			    ? it[j++]
			    : it[i++];
		while (i < h)
			it[n + k++] = it[i++];
		while (j < n)
			it[n + k++] = it[j++];
		memcpy(it, it + n, n * sizeof(*it));
	}
	for (i = 0; i < n; i++)
		order[i] = it[i].i;
	free(it);
	return order;
}

/* What the sort of a table's entries reads. */
struct entries {
	const struct table *tab;
	const struct table_entry *v;
};

static const char *
entry_key(const void *arg, size_t i)
{
	return ((const struct entries *)arg)->v[i].key;
}

static int
entry_tie(const void *arg, size_t a, size_t b)
{
	const struct entries *e = arg;

	return cmp_entry(e->tab, &e->v[a], &e->v[b]);
}

/* Sort the n entries at v of tab by cmp_entry, stably. */
static void
entries_sort(const struct table *tab, struct table_entry *v, size_t n)
{
	struct entries e = {tab, v};
	uint64_t *hash = xreallocarray(NULL, n + 1, sizeof(*hash));
	size_t *order = sort_order(n, entry_key, entry_tie, &e, hash), i;
	struct table_entry *sorted = xreallocarray(NULL, n + 1, sizeof(*v));

	for (i = 0; i < n; i++) {
		sorted[i] = v[order[i]];
		sorted[i].hash = hash[order[i]];
	}
	memcpy(v, sorted, n * sizeof(*v));
	free(sorted);
	free(order);
	free(hash);
}

static const char *
term_key_at(const void *terms, size_t i)
{
	return ((struct term *const *)terms)[i]->key;
}

/* Terms by key, then language; among equals, load order (i). */
static int
term_tie(const void *terms, size_t a, size_t b)
{
	const struct term *x = ((struct term *const *)terms)[a];
	const struct term *y = ((struct term *const *)terms)[b];
	int c = strcmp(x->key, y->key);

	if (c != 0 || (c = cmp_lang(x, y)) != 0)
		return c;
	return a < b ? -1 : a > b;
}

static void
drop_duplicates(struct table *tab, struct diag *d)
{
	size_t *order =
	    sort_order(tab->n, term_key_at, term_tie, tab->terms, NULL);
	struct term **o = xreallocarray(NULL, tab->n + 1, sizeof(*o));
	size_t i, n = 0;

	for (i = 0; i < tab->n; i++)
		o[i] = tab->terms[order[i]];
	free(order);
	for (i = 0; i < tab->n; i++) {
		struct term *t = o[i], *keep;

		if (n == 0 || strcmp(tab->terms[n - 1]->key, t->key) != 0 ||
		    cmp_lang(tab->terms[n - 1], t) != 0) {
			tab->terms[n++] = t;
			continue;
		}
		keep = tab->terms[n - 1];
		if (keep->dirno == t->dirno)
			diag_add(d, DIAG_DUPLICATE_TERM, t->path, t->line,
			    t->col, t->name, keep->path);
		else
			diag_add(d, DIAG_SHADOWED_TERM, t->path, t->line,
			    t->col, t->name, keep->path);
		term_free(t);
	}
	tab->n = n;
	free(o);
}

/* Each alias that loses to an earlier entry of the same key is warned of. */
static void
check_aliases(struct table *tab, struct diag *d)
{
	size_t i, first = 0;

	for (i = 1; i < tab->nidx; i++) {
		const struct table_entry *a = &tab->idx[first];
		const struct table_entry *b = &tab->idx[i];
		const struct term *bt = b->term;
		enum diag_code code;

		if (strcmp(a->key, b->key) != 0) {
			first = i;
			continue;
		}
		if (b->alias < 0 || b->derived || a->term == bt)
			continue;
		/* In one directory a clash is a mistake; across, a choice. */
		if (a->term->dirno == bt->dirno)
			code = a->alias < 0 ? DIAG_ALIAS_IS_NAME
					    : DIAG_ALIAS_IS_ALIAS;
		else
			code = a->alias < 0 ? DIAG_ALIAS_SHADOWED_NAME
					    : DIAG_ALIAS_SHADOWED_ALIAS;
		diag_add(d, code, bt->path, bt->line, bt->col,
		    bt->aliases.v[b->alias], bt->name, a->term->path);
	}
}

/* Whether an id of t only restates its name or an alias. */
static int
id_restates(const struct term *t, const char *k)
{
	size_t j;

	if (strcmp(k, t->key) == 0)
		return 1;
	for (j = 0; j < t->alias_keys.n; j++)
		if (strcmp(k, t->alias_keys.v[j]) == 0)
			return 1;
	return 0;
}

/* The link keys of every term, sorted as the name index is. */
static void
index_ids(struct table *tab)
{
	size_t i, j, n = 0;

	for (i = 0; i < tab->n; i++)
		n += tab->terms[i]->ids.n;
	free(tab->ids);
	tab->ids = xcalloc(n ? n : 1, sizeof(*tab->ids));
	n = 0;
	for (i = 0; i < tab->n; i++) {
		const struct term *t = tab->terms[i];

		for (j = 0; j < t->ids.n; j++) {
			if (id_restates(t, t->ids.v[j]))
				continue;
			tab->ids[n].key = t->ids.v[j];
			tab->ids[n].term = t;
			tab->ids[n].place = i;
			tab->ids[n++].alias = (int)j;
		}
	}
	tab->nids = n;
	entries_sort(tab, tab->ids, n);
}

/* Each term's mentions: the names of the other terms they mean. */
static void
resolve_mentions(struct table *tab)
{
	size_t i, j, k;

	for (i = 0; i < tab->n; i++) {
		struct term *t = tab->terms[i];
		struct strlist names = {0};

		for (j = 0; j < t->mentions.n; j++) {
			char *key = term_key(t->mentions.v[j]);
			const struct term *u = table_get(tab, key, NULL);

			free(key);
			if (u == NULL || u == t)
				continue;
			for (k = 0; k < names.n; k++)
				if (strcmp(names.v[k], u->name) == 0)
					break;
			if (k == names.n)
				strlist_push(&names, xstrdup(u->name));
		}
		term_drop_list(t, &t->mentions);
		t->mentions = names;
	}
}

/* Add an entry for key of t at *n, unless it only restates the name. */
static void
add_entry(struct table *tab, size_t *n, const struct term *t, const char *key,
    int alias, int derived)
{
	if (alias >= 0 && (key[0] == '\0' || strcmp(key, t->key) == 0))
		return;
	tab->idx[*n].key = key;
	tab->idx[*n].term = t;
	tab->idx[*n].place = t->idx;
	tab->idx[*n].alias = alias;
	tab->idx[(*n)++].derived = derived;
}

void
table_index(struct table *tab, struct diag *d)
{
	size_t i, j, n = 0;

	drop_duplicates(tab, d);
	for (i = 0; i < tab->n; i++) {
		n += 1 + tab->terms[i]->alias_keys.n +
		    tab->terms[i]->derived_keys.n;
		tab->terms[i]->idx = i;
	}
	free(tab->idx);
	tab->idx = xcalloc(n, sizeof(*tab->idx));
	n = 0;
	for (i = 0; i < tab->n; i++) {
		const struct term *t = tab->terms[i];

		add_entry(tab, &n, t, t->key, -1, 0);
		for (j = 0; j < t->alias_keys.n; j++)
			add_entry(tab, &n, t, t->alias_keys.v[j], (int)j, 0);
		for (j = 0; j < t->derived_keys.n; j++)
			add_entry(tab, &n, t, t->derived_keys.v[j], (int)j, 1);
	}
	tab->nidx = n;
	entries_sort(tab, tab->idx, n);
	check_aliases(tab, d);
	index_ids(tab);
	resolve_mentions(tab);
}

/* The first entry of v[0..n) whose key is not less than key. */
static size_t
lower_bound(const struct table_entry *v, size_t n, const char *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct term *
table_get(const struct table *tab, const char *key, int *alias)
{
	size_t i = lower_bound(tab->idx, tab->nidx, key);

	if (i < tab->nidx && strcmp(tab->idx[i].key, key) == 0) {
		if (alias != NULL)
			*alias = tab->idx[i].alias;
		return tab->idx[i].term;
	}
	i = lower_bound(tab->ids, tab->nids, key);
	if (i < tab->nids && strcmp(tab->ids[i].key, key) == 0) {
		if (alias != NULL)
			*alias = TABLE_ID;
		return tab->ids[i].term;
	}
	return NULL;
}

void
table_ids(const struct table *tab, const char *key, size_t *first, size_t *last)
{
	size_t i;

	*first = lower_bound(tab->ids, tab->nids, key);
	for (i = *first; i < tab->nids; i++)
		if (strcmp(tab->ids[i].key, key) != 0)
			break;
	*last = i;
}

void
table_prefix(
    const struct table *tab, const char *prefix, size_t *first, size_t *last)
{
	size_t n = strlen(prefix), i;

	*first = lower_bound(tab->idx, tab->nidx, prefix);
	for (i = *first; i < tab->nidx; i++)
		if (strncmp(tab->idx[i].key, prefix, n) != 0)
			break;
	*last = i;
}
