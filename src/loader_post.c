/*
 * The loader's source of stored postings (loader_post.h).  Each
 * glossary directory's index is opened again when search first asks,
 * after the loader has closed it (or, one the loader built, kept open
 * from the load: loader_post_adopt); records found valid give their
 * numbers, which map the stems' lists to terms; new records wait in
 * memory, where search sees them at once, and are written by flush.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "index_post.h"
#include "loader_int.h"
#include "loader_post.h"
#include "readfile.h"
#include "schema.h"

/* A number of a valid record, and its term. */
struct lp_live {
	uint64_t id;
	const struct term *t;
};

/* A stemmer and how many valid records of one directory it made. */
struct lp_algo {
	const char *algo; /* borrowed from search (static strings) */
	size_t stored;
};

struct lpost_dir {
	char *root, *cache_dir;
	int64_t stamp;
	struct index *ix;
	int opened;	   /* the index was opened (ix NULL: unusable) */
	int built;	   /* it was just built: it holds no postings */
	struct diag *warn; /* where closing ix warns (loader_post_adopt) */
	struct lp_live *live;
	size_t nlive, sorted;
	int dup;     /* two valid records of one number: trust none */
	int damaged; /* a list could not be read: empty the store */
	struct lp_algo *algos;
	size_t nalgos;
	size_t nterms;		     /* the terms the loader gave of it */
	struct index_post_new *pend; /* records to write */
	const struct term **pend_t;
	size_t npend;
};

/* A term the loader gave the table. */
struct lp_term {
	struct term *t;
	struct lpost_dir *dir;
	char *rel;
	struct stat st;
};

struct lpost {
	struct lp_term *terms;
	size_t n, cap;
	int sorted;
	struct lpost_dir **dirs;
	size_t ndirs;
	struct lpost_dir *mem; /* the postings of terms of no index */
	pthread_t writer;      /* lp_flush_begin's, while writing */
	int writing;
};

static int
cmp_term(const void *a, const void *b)
{
	const struct lp_term *x = a, *y = b;
	uintptr_t p = (uintptr_t)x->t, q = (uintptr_t)y->t;

	return p < q ? -1 : p > q;
}

/* The record of t; NULL if the loader did not give it. */
static struct lp_term *
lp_find(struct lpost *lp, const struct term *t)
{
	struct lp_term key;

	if (!lp->sorted) {
		qsort(lp->terms, lp->n, sizeof(*lp->terms), cmp_term);
		lp->sorted = 1;
	}
	memset(&key, 0, sizeof(key));
	key.t = (struct term *)(uintptr_t)t;
	return bsearch(&key, lp->terms, lp->n, sizeof(*lp->terms), cmp_term);
}

/* The directory's index, opened on first use; NULL if unusable. */
static struct index *
lp_index(struct lpost_dir *d)
{
	struct diag tmp;

	if (!d->opened) {
		diag_init(&tmp);
		d->ix = index_open(d->cache_dir, d->root, 0, &tmp);
		diag_release(&tmp); /* the loader gave the one warning */
		d->opened = 1;
	}
	return d->ix;
}

static struct lp_algo *
lp_algo(struct lpost_dir *d, const char *algo)
{
	size_t i;

	for (i = 0; i < d->nalgos; i++)
		if (str_same(d->algos[i].algo, algo))
			return &d->algos[i];
	d->algos = xreallocarray(d->algos, d->nalgos + 1, sizeof(*d->algos));
	d->algos[d->nalgos].algo = algo;
	d->algos[d->nalgos].stored = 0;
	return &d->algos[d->nalgos++];
}

/* The directory of the terms no index holds: kept in memory alone. */
static struct lpost_dir *
lp_mem(struct lpost *lp)
{
	if (lp->mem == NULL) {
		lp->mem = xcalloc(1, sizeof(*lp->mem));
		lp->mem->opened = 1;
		lp->dirs =
		    xreallocarray(lp->dirs, lp->ndirs + 1, sizeof(*lp->dirs));
		lp->dirs[lp->ndirs++] = lp->mem;
	}
	return lp->mem;
}

/* What one directory's index is asked (lp_docs_get). */
struct lp_ask {
	struct lpost_dir *dir;
	struct index_post_req *r;
	struct post_req **of; /* the request each of r answers */
	size_t n, total;      /* asked; the terms it gave */
};

static int
cmp_ask(const void *a, const void *b)
{
	uintptr_t p = (uintptr_t)((const struct lp_ask *)a)->dir;
	uintptr_t q = (uintptr_t)((const struct lp_ask *)b)->dir;

	return p < q ? -1 : p > q;
}

/* Each directory's ask of what r asks. */
static struct lp_ask *
lp_asks(struct lpost *lp, struct post_req *r, size_t n)
{
	struct lp_ask *a, key, **at;
	struct lp_term **tt;
	size_t i;

	memset(&key, 0, sizeof(key));
	a = xcalloc(lp->ndirs + 1, sizeof(*a));
	for (i = 0; i < lp->ndirs; i++) {
		a[i].dir = lp->dirs[i];
		a[i].total = lp->dirs[i]->nterms;
	}
	qsort(a, lp->ndirs, sizeof(*a), cmp_ask);
	at = xcalloc(n + 1, sizeof(*at));
	tt = xcalloc(n + 1, sizeof(*tt));
	for (i = 0; i < n; i++) {
		r[i].found = 0;
		if ((tt[i] = lp_find(lp, r[i].t)) == NULL)
			continue;
		key.dir = tt[i]->dir;
		if ((at[i] = bsearch(
			 &key, a, lp->ndirs, sizeof(*a), cmp_ask)) != NULL)
			at[i]->n++;
	}
	for (i = 0; i < lp->ndirs; i++) {
		a[i].r = xcalloc(a[i].n + 1, sizeof(*a[i].r));
		a[i].of = xcalloc(a[i].n + 1, sizeof(*a[i].of));
		a[i].n = 0;
	}
	for (i = 0; i < n; i++) {
		struct lp_ask *e = at[i];

		if (e == NULL || tt[i] == NULL)
			continue;
		e->r[e->n].relpath = tt[i]->rel;
		e->r[e->n].st = &tt[i]->st;
		e->r[e->n].key = r[i].key;
		e->r[e->n].d = r[i].d;
		e->of[e->n++] = &r[i];
	}
	free(at);
	free(tt);
	return a;
}

static void
lp_docs_get(void *ctx, struct post_req *r, size_t n)
{
	struct lpost *lp = ctx;
	struct lp_ask *a;
	size_t i, j;

	a = lp_asks(lp, r, n);
	for (i = 0; i < lp->ndirs; i++) {
		struct lpost_dir *dir = a[i].dir;
		struct index *ix;

		/* An index just built holds no postings. */
		if (a[i].n > 0 && !dir->built && (ix = lp_index(dir)) != NULL) {
			index_post_docs(ix, a[i].r, a[i].n, a[i].total);
			dir->live = xreallocarray(
			    dir->live, dir->nlive + a[i].n, sizeof(*dir->live));
		}
		for (j = 0; j < a[i].n; j++) {
			if (!a[i].r[j].found) /* calloc's 0 when not asked */
				continue;
			a[i].of[j]->found = 1;
			dir->live[dir->nlive].id = a[i].r[j].id;
			dir->live[dir->nlive++].t = a[i].of[j]->t;
			lp_algo(dir, a[i].of[j]->d->algo)->stored++;
		}
		free(a[i].r);
		free(a[i].of);
	}
	free(a);
}

static void
lp_doc_put(void *ctx, const struct term *t, uint64_t key, struct post_doc *d)
{
	struct lp_term *e = lp_find(ctx, t);
	struct lpost_dir *dir;
	struct index_post_new *r;

	if ((dir = e != NULL ? e->dir : lp_mem(ctx)) == NULL)
		return;
	dir->pend =
	    xreallocarray(dir->pend, dir->npend + 1, sizeof(*dir->pend));
	dir->pend_t =
	    xreallocarray(dir->pend_t, dir->npend + 1, sizeof(*dir->pend_t));
	dir->pend_t[dir->npend] = t;
	r = &dir->pend[dir->npend++];
	memset(r, 0, sizeof(*r));
	r->relpath = e != NULL ? e->rel : "";
	if (e != NULL)
		r->st = e->st;
	r->stamp = dir->stamp;
	r->key = key;
	r->d = *d; /* its stems and counts, taken */
	memset(d, 0, sizeof(*d));
}

static int
cmp_live(const void *a, const void *b)
{
	const struct lp_live *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The term of valid record id, or NULL. */
static const struct term *
live_term(struct lpost_dir *d, uint64_t id)
{
	struct lp_live key, *e;
	size_t i;

	if (d->sorted != d->nlive) {
		qsort(d->live, d->nlive, sizeof(*d->live), cmp_live);
		for (i = 1; i < d->nlive; i++)
			if (d->live[i].id == d->live[i - 1].id)
				d->dup = 1;
		d->sorted = d->nlive;
	}
	memset(&key, 0, sizeof(key));
	key.id = id;
	e = bsearch(&key, d->live, d->nlive, sizeof(*d->live), cmp_live);
	return e != NULL ? e->t : NULL;
}

/* The stem's list of one directory's index, to fn; -1: not whole. */
static int
dir_stem(struct lpost_dir *d, const char *algo, const char *stem, post_fn fn,
    void *arg)
{
	struct index_post_ref *v = NULL;
	const struct term *t;
	size_t n = 0, i;
	int rc = 0;

	if (d->ix != NULL && lp_algo(d, algo)->stored > 0) {
		/* None: no record has the stem (SQLite's commits are
		 * atomic).  Damaged: none can be trusted; emptied at flush. */
		rc = index_post_stem(d->ix, algo, stem, &v, &n) < 0 ? -1 : 0;
		for (i = 0; rc == 0 && i < n; i++)
			if ((t = live_term(d, v[i].id)) != NULL)
				fn(arg, t, v[i].tf);
		if (d->dup)
			rc = -1;
		if (rc < 0)
			d->damaged = 1;
	}
	free(v);
	return rc;
}

/*
 * Whether d holds stem (of hash h), with its counts then in tf.  The
 * hashes find it; only then are the stems and counts before it stepped
 * over, packed as they are one after another.
 */
static int
doc_stem(const struct post_doc *d, const char *stem, uint64_t h, unsigned *tf)
{
	const unsigned char *q = d->tf, *end = d->tf + d->tflen;
	const char *s = d->pool;
	size_t k, at = 0; /* s and q are stem at's */

	for (k = 0; k < d->nstems; k++) {
		if (d->hash != NULL && d->hash[k] != (uint32_t)h)
			continue;
		for (; at < k; at++) {
			s += strlen(s) + 1;
			if (post_tf_get(&q, end, tf) < 0)
				return 0;
		}
		if (strcmp(s, stem) == 0)
			return post_tf_get(&q, end, tf) == 0;
	}
	return 0;
}

static int
lp_stem_each(
    void *ctx, const char *algo, const char *stem, post_fn fn, void *arg)
{
	struct lpost *lp = ctx;
	uint64_t h = post_stem_hash(stem);
	unsigned tf[POST_NFIELDS];
	size_t i, j;

	for (i = 0; i < lp->ndirs; i++) {
		struct lpost_dir *d = lp->dirs[i];

		if (dir_stem(d, algo, stem, fn, arg) < 0)
			return -1;
		for (j = 0; j < d->npend; j++)
			if (str_same(d->pend[j].d.algo, algo) &&
			    doc_stem(&d->pend[j].d, stem, h, tf))
				fn(arg, d->pend_t[j], tf);
	}
	return 0;
}

static int
lp_text(void *ctx, const struct term *ct)
{
	struct lp_term *e = lp_find(ctx, ct);
	struct readfile_buf rb = {NULL, 0};
	struct stat st;
	struct diag tmp;
	struct term *t;
	ssize_t len;

	if (ct->text != NULL)
		return 0; /* kept by the loader (a directory with no index) */
	if (e == NULL)
		return -1;
	t = e->t;
	diag_init(&tmp);
	len = readfile_read(t->path, &rb, &tmp, &st);
	diag_release(&tmp);
	if (len < 0 || !loader_same_file(&st, &e->st) ||
	    (size_t)len != t->textlen || t->body_off > (size_t)len) {
		free(rb.s);
		return -1;
	}
	t->text =
	    rb.cap > (size_t)len + 1 ? xrealloc(rb.s, (size_t)len + 1) : rb.s;
	free(t->body_text);
	t->body_text =
	    schema_body_text(t->text + t->body_off, (size_t)len - t->body_off);
	return 0;
}

/* Close d's index.  A failure costs only time, and is told only of a
 * build the loader gave (loader_post_adopt). */
static void
dir_close(struct lpost_dir *d)
{
	struct diag tmp;

	diag_init(&tmp);
	(void)index_close(d->ix, &tmp);
	if (tmp.n > 0 && d->warn != NULL && d->warn->n == 0)
		diag_push(d->warn, &tmp.v[0]);
	diag_release(&tmp);
	d->ix = NULL;
}

/* Write each directory's new records and close its index: a second
 * time, nothing is left to do. */
static void *
write_all(void *ctx)
{
	struct lpost *lp = ctx;
	size_t i;

	for (i = 0; i < lp->ndirs; i++) {
		struct lpost_dir *d = lp->dirs[i];

		if (d->damaged && d->ix != NULL)
			(void)index_post_clear(d->ix);
		else if (d->npend > 0 && d->ix != NULL)
			(void)index_post_write(d->ix, d->pend, d->npend);
		dir_close(d);
	}
	return NULL;
}

/*
 * The writer reads the records, the directories and their indexes, and
 * may add the run's one index warning (dir_close), which the cli prints
 * only at exit; search meanwhile reads texts (lp_text: the terms and
 * lp->terms), so the two share nothing that either changes.
 */
static void
lp_flush_begin(void *ctx)
{
	struct lpost *lp = ctx;

	if (!lp->writing &&
	    pthread_create(&lp->writer, NULL, write_all, lp) == 0)
		lp->writing = 1;
}

static void
lp_flush(void *ctx)
{
	struct lpost *lp = ctx;

	if (lp->writing) {
		pthread_join(lp->writer, NULL);
		lp->writing = 0;
	} else
		(void)write_all(lp);
}

static void
dir_free(struct lpost_dir *d)
{
	size_t i;

	dir_close(d);
	for (i = 0; i < d->npend; i++)
		post_doc_release(&d->pend[i].d);
	free(d->pend);
	free(d->pend_t);
	free(d->live);
	free(d->algos);
	free(d->root);
	free(d->cache_dir);
	free(d);
}

static void
lp_release(void *ctx)
{
	struct lpost *lp = ctx;
	size_t i;

	if (lp->writing)
		pthread_join(lp->writer, NULL);
	for (i = 0; i < lp->n; i++)
		free(lp->terms[i].rel);
	for (i = 0; i < lp->ndirs; i++)
		dir_free(lp->dirs[i]);
	free(lp->terms);
	free(lp->dirs);
	free(lp);
}

static const struct post_ops lp_ops = {lp_docs_get, lp_doc_put, lp_stem_each,
    lp_text, lp_flush_begin, lp_flush, lp_release};

struct lpost_dir *
loader_post_dir(
    struct table *tab, const char *cache_dir, const char *root, int64_t stamp)
{
	struct lpost *lp;
	struct lpost_dir *d;

	if (tab->post == NULL) {
		tab->post = xcalloc(1, sizeof(*tab->post));
		tab->post->ops = &lp_ops;
		tab->post->ctx = xcalloc(1, sizeof(struct lpost));
	}
	if (tab->post->ops != &lp_ops)
		return NULL;
	lp = tab->post->ctx;
	d = xcalloc(1, sizeof(*d));
	d->root = xstrdup(root);
	d->cache_dir = xstrdup(cache_dir);
	d->stamp = stamp;
	lp->dirs = xreallocarray(lp->dirs, lp->ndirs + 1, sizeof(*lp->dirs));
	lp->dirs[lp->ndirs++] = d;
	return d;
}

void
loader_post_adopt(struct lpost_dir *d, struct index *ix, struct diag *warn)
{
	d->ix = ix;
	d->opened = 1;
	d->built = 1;
	d->warn = warn;
}

void
loader_post_term(struct table *tab, struct lpost_dir *d, struct term *t,
    const char *rel, const struct stat *st)
{
	struct lpost *lp;
	struct lp_term *e;

	if (d == NULL || tab->post == NULL || tab->post->ops != &lp_ops)
		return;
	lp = tab->post->ctx;
	if (lp->n == lp->cap) {
		lp->cap = lp->cap ? lp->cap * 2 : 256;
		lp->terms =
		    xreallocarray(lp->terms, lp->cap, sizeof(*lp->terms));
	}
	e = &lp->terms[lp->n++];
	e->t = t;
	e->dir = d;
	e->rel = xstrdup(rel);
	e->st = *st;
	d->nterms++;
	lp->sorted = 0;
}
