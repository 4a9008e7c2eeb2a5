#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontmatter.h"
#include "index.h"
#include "lang.h"
#include "loader.h"
#include "loader_int.h"
#include "loader_post.h"
#include "readfile.h"
#include "schema.h"
#include "siteconf.h"
#include "table.h"
#include "term_pack.h"
#include "termfile.h"
#include "walk.h"

/* The sources' checksum, from the Makefile: part of every index seal. */
#ifndef GLOSS_SRCSUM
#define GLOSS_SRCSUM ""
#endif

/*
 * With an index, the files whose records are looked up ahead of the
 * puts: the window grows by this many once fewer than half of it wait
 * to be loaded, and never holds more than three times this many files
 * not yet put, so that the records and captures of some hundreds of
 * files are in memory, not a glossary's.
 */
#define LOADER_WINDOW 256

/* What loading one file of a walk gave. */
struct result {
	struct term *term;
	enum load_status st;
	struct index_rec *hit; /* the index's record of the file, or NULL */
	struct capture *put;   /* what to record in the index, or NULL */
	struct stat src;       /* the identity the term was read from */
	atomic_int done;       /* loaded: the rest is final */
};

/*
 * The files of a walk, shared by the loading threads.  Items below
 * limit have been looked up and may be loaded; each is taken once (next)
 * and marked done when loaded.  The main thread moves limit on and puts
 * the done items in path order; a helper that finds nothing to take
 * waits for limit to move (win), the main thread for the item it is to
 * put next (done), each only when nothing else is to be done.
 */
struct pool {
	struct walk_item *items;
	struct result *res; /* one per item */
	size_t n;
	atomic_size_t next;	     /* the next item to load */
	atomic_size_t limit;	     /* items below it may be loaded */
	int keep_text;		     /* terms keep their file's text */
	int keep_miss;		     /* and those parsed, for postings */
	int indexed;		     /* an index is open: capture parses */
	const struct siteconf *conf; /* the glossary's .gloss.yaml */
	atomic_size_t slots;	     /* the helper threads so far */
	pthread_mutex_t mu;
	pthread_cond_t win;	 /* limit moved */
	pthread_cond_t done;	 /* an item was done */
	atomic_int helpers_wait; /* helpers waiting on win */
	atomic_int main_waits;	 /* the main thread waits on done */
	struct term_pool terms[LOADER_MAX_THREADS]; /* where each thread
						       makes terms */
};

int
loader_same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size && a->st_mode == b->st_mode &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	    a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/*
 * Read and parse item i, capturing what the index records.  The bytes
 * may already be in rb (len >= 0, their fstat in *fst).  The record is
 * put under the identity the walk saw, with no fstat of its own: any
 * change to the file after that stat moved its ctime on, so a record of
 * bytes read after such a change is never matched again (index.h).
 */
static void
load_miss(struct pool *p, size_t i, struct readfile_buf *rb, ssize_t len,
    const struct stat *fst)
{
	struct walk_item *it = &p->items[i];
	struct result *r = &p->res[i];
	struct capture *c = NULL;
	int had = len >= 0 && fst != NULL;

	if (len < 0)
		len = readfile_read_walked(it->path, &it->st, rb, &it->diag);
	if (len < 0) {
		r->st = LOAD_ERROR;
		return;
	}
	if (p->indexed) {
		c = xcalloc(1, sizeof(*c));
		index_rec_init(&c->rec);
		c->ok = 1;
		c->st = had ? *fst : it->st;
	}
	r->st = termfile_load_text(rb, (size_t)len, it->path, p->conf,
	    &it->diag, &r->term, p->keep_text || p->keep_miss, c);
	r->put = c;
}

int
loader_hit_text(struct term *t, const char *path, const struct stat *walked,
    struct readfile_buf *rb, ssize_t *len, struct stat *fst)
{
	struct diag tmp;

	diag_init(&tmp);
	*len = readfile_read(path, rb, &tmp, fst);
	diag_release(&tmp);
	if (*len < 0 || !loader_same_file(fst, walked) ||
	    (size_t)*len != t->textlen)
		return -1;
	/* The buffer grew in 4 KiB steps; keep only the file. */
	t->text =
	    rb->cap > (size_t)*len + 1 ? xrealloc(rb->s, *len + 1) : rb->s;
	rb->s = NULL;
	rb->cap = 0;
	return 0;
}

/*
 * The term of item i from the index's record, as the parse that made
 * it gave it.  When the term keeps its text, the file is read, and
 * must be the file the walk saw: else it is parsed.  Returns -1 when
 * the record is unusable and nothing was changed: the file is then
 * parsed.
 */
static int
load_hit(
    struct pool *p, size_t i, struct readfile_buf *rb, struct term_pool *pool)
{
	struct walk_item *it = &p->items[i];
	struct result *r = &p->res[i];
	struct index_rec *rec = r->hit;
	enum load_status st;
	struct term *t;
	struct stat fst;
	ssize_t len;

	if (termfile_from_record(rec, it->path, p->keep_text, pool, &st, &t) <
	    0)
		return -1;
	if (t != NULL && p->keep_text &&
	    loader_hit_text(t, it->path, &it->st, rb, &len, &fst) < 0) {
		term_free(t);
		load_miss(p, i, rb, len, &fst);
		return 0;
	}
	diag_move(&it->diag, &rec->diag);
	r->st = st;
	r->term = t;
	return 0;
}

/* Load item i on this thread, then mark it done. */
static void
load_one(
    struct pool *p, size_t i, struct readfile_buf *rb, struct term_pool *pool)
{
	struct result *r = &p->res[i];

	if (p->items[i].path != NULL) {
		if (r->hit == NULL || load_hit(p, i, rb, pool) < 0)
			load_miss(p, i, rb, -1, NULL);
		if (r->hit != NULL) { /* done with: free it now */
			index_rec_release(r->hit);
			free(r->hit);
			r->hit = NULL;
		}
	}
	atomic_store(&r->done, 1);
	if (atomic_load(&p->main_waits)) {
		pthread_mutex_lock(&p->mu);
		pthread_cond_signal(&p->done);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Take the next item below the window's limit: its index, p->n when
 * every item is taken, or SIZE_MAX when the window has none left now. */
static size_t
take(struct pool *p)
{
	size_t i = atomic_load(&p->next);

	do {
		if (i >= p->n)
			return p->n;
		if (i >= atomic_load(&p->limit))
			return SIZE_MAX;
	} while (!atomic_compare_exchange_weak(&p->next, &i, i + 1));
	return i;
}

static void *
helper(void *arg)
{
	struct pool *p = arg;
	struct readfile_buf rb = {NULL, 0};
	struct term_pool *pool = &p->terms[atomic_fetch_add(&p->slots, 1)];
	size_t i;

	while ((i = take(p)) != p->n) {
		if (i != SIZE_MAX) {
			load_one(p, i, &rb, pool);
			continue;
		}
		/* helpers_wait is set before limit is read again, and the
		 * main thread moves limit before it reads helpers_wait:
		 * one of the two sees the other. */
		pthread_mutex_lock(&p->mu);
		atomic_fetch_add(&p->helpers_wait, 1);
		while (atomic_load(&p->next) >= atomic_load(&p->limit) &&
		    atomic_load(&p->limit) < p->n)
			pthread_cond_wait(&p->win, &p->mu);
		atomic_fetch_sub(&p->helpers_wait, 1);
		pthread_mutex_unlock(&p->mu);
	}
	free(rb.s);
	return NULL;
}

/* Record what item i's parse gave, if it was captured whole, and free
 * the capture. */
static void
put_one(struct index *ix, struct pool *p, size_t i)
{
	struct walk_item *it = &p->items[i];
	struct result *r = &p->res[i];
	struct capture *c = r->put;

	r->src = c != NULL ? c->st : it->st;
	if (c == NULL)
		return;
	if (ix != NULL && c->ok)
		(void)index_put(ix, it->rel, it->path, &c->st, &c->rec);
	termfile_capture_release(c);
	r->put = NULL;
}

/* Look items lo to hi up in the index (NULL: none), then let them be
 * loaded. */
static void
open_window(struct pool *p, struct index *ix, size_t lo, size_t hi)
{
	struct index_rec rec;
	size_t i;

	for (i = lo; ix != NULL && i < hi; i++) {
		struct walk_item *it = &p->items[i];

		if (it->path == NULL ||
		    !index_lookup(ix, it->rel, it->path, &it->st, &rec))
			continue;
		p->res[i].hit = xmalloc(sizeof(rec));
		*p->res[i].hit = rec;
	}
	atomic_store(&p->limit, hi);
	if (atomic_load(&p->helpers_wait) > 0) {
		pthread_mutex_lock(&p->mu);
		pthread_cond_broadcast(&p->win);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Wait until item i is done. */
static void
wait_done(struct pool *p, size_t i)
{
	pthread_mutex_lock(&p->mu);
	atomic_store(&p->main_waits, 1);
	while (!atomic_load(&p->res[i].done))
		pthread_cond_wait(&p->done, &p->mu);
	atomic_store(&p->main_waits, 0);
	pthread_mutex_unlock(&p->mu);
}

/* Helper threads for n files: one a processor (at most
 * LOADER_MAX_THREADS in all), when there are files enough to pay for
 * starting them. */
static size_t
helpers_for(size_t n)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = ncpu > 1 ? (size_t)ncpu : 1;

	if (nt > LOADER_MAX_THREADS)
		nt = LOADER_MAX_THREADS;
	if (nt > n / 64 + 1)
		nt = n / 64 + 1;
	return nt - 1;
}

const char *
loader_rel_path(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	while (n > 0 && dir[n - 1] == '/')
		n--;
	if (strncmp(path, dir, n) != 0 || path[n] != '/')
		return path;
	return path + n + 1;
}

/*
 * Whether the glossary is split by language folders: every top-level
 * folder that holds a term file is named by a language tag (en/, de/).
 */
static int
lang_dirs(const char *dir, const struct pool *p)
{
	size_t i;
	int any = 0;

	for (i = 0; i < p->n; i++) {
		const char *rel, *slash;

		if (p->items[i].path == NULL || p->res[i].st != LOAD_OK)
			continue;
		rel = loader_rel_path(dir, p->items[i].path);
		if ((slash = strchr(rel, '/')) == NULL)
			continue;
		if (!lang_is_tag(rel, (size_t)(slash - rel)))
			return 0;
		any = 1;
	}
	return any;
}

/*
 * The language of a term whose front matter names none: a Hugo suffix
 * (pod.de.md), else its language folder when bydir (and else, in
 * merge_all, the `lang:' of the glossary's .gloss.yaml).
 */
static void
lang_from_path(struct term *t, const char *dir, int bydir)
{
	const char *rel = loader_rel_path(dir, t->path), *base, *end, *tag,
		   *slash;

	if (t->lang != NULL)
		return;
	base = strrchr(rel, '/');
	base = base != NULL ? base + 1 : rel;
	end = base + strlen(base);
	if (end - base > 3 && strcmp(end - 3, ".md") == 0) {
		end -= 3;
		for (tag = end; tag > base && tag[-1] != '.'; tag--)
			;
		/* name.TAG.md: a name, a dot, a tag */
		if (tag > base + 1 && lang_is_tag(tag, (size_t)(end - tag))) {
			t->lang = lang_normalize(tag, (size_t)(end - tag));
			return;
		}
	}
	if (bydir && (slash = strchr(rel, '/')) != NULL)
		t->lang = lang_normalize(rel, (size_t)(slash - rel));
}

/* Move the results into the table and diag, in path order. */
static int
merge_all(struct table *table, struct pool *p, const char *dir, int dirno,
    const char *deflang, struct lpost_dir *pd, struct diag *d)
{
	size_t i;
	int added = 0, bydir = lang_dirs(dir, p);

	for (i = 0; i < p->n; i++) {
		struct walk_item *it = &p->items[i];
		struct result *r = &p->res[i];

		if (it->path != NULL && r->st == LOAD_OK) {
			lang_from_path(r->term, dir, bydir);
			if (r->term->lang == NULL && deflang != NULL)
				r->term->lang = xstrdup(deflang);
			r->term->dirno = dirno;
			table_add(table, r->term);
			loader_post_term(table, pd, r->term, it->rel, &r->src);
			added++;
		} else if (it->path != NULL && r->st == LOAD_NOT_TERM)
			diag_add(
			    &it->diag, DIAG_NO_FRONT_MATTER, it->path, 0, 0);
		/* The schema reads keys before values: report in file order. */
		diag_sort(&it->diag);
		diag_move(d, &it->diag);
	}
	return added;
}

/*
 * What besides a file's bytes and its stem (in its record) decides its
 * record: this gloss and its build (the code of the schema step), the
 * term's packing, and the glossary's own key names.  The rest of what
 * the loader does with a term that depends on the glossary (its
 * language from a folder or `lang:', dirno) or the run (the text kept)
 * is done after the record is made or given back.
 */
void
loader_conf_context(const struct siteconf *conf, struct sbuf *sb)
{
	size_t f, k;

	sb_addf(sb, "gloss %s %s term %d", GLOSS_VERSION, GLOSS_SRCSUM,
	    TERM_PACK_VERSION);
	for (f = 0; f < SF_NFIELDS; f++) {
		sb_addf(sb, "\n%zu:", f);
		for (k = 0; k < conf->keys.v[f].n; k++)
			sb_addf(sb, "%zu %s;", strlen(conf->keys.v[f].v[k]),
			    conf->keys.v[f].v[k]);
	}
}

/* Seal the index's rows with loader_conf_context. */
static void
index_conf(struct index *ix, const struct siteconf *conf)
{
	struct sbuf sb;

	sb_init(&sb);
	loader_conf_context(conf, &sb);
	index_context(ix, sb.s, sb.len);
	sb_release(&sb);
}

/*
 * Load the items on as many threads as there are processors, without
 * a pause: with an index, this thread looks up the records of a window
 * of files ahead (one handle), puts the entries of those loaded in path
 * order as they are done, and loads files itself in between; the
 * helpers load what the window holds, so that the index's writes cost
 * the first run, and its reads a later run, little time of their own.
 */
static void
load_all(struct pool *p, struct index *ix)
{
	pthread_t tid[LOADER_MAX_THREADS];
	struct readfile_buf rb = {NULL, 0};
	size_t i, nh, put = 0, w = ix != NULL ? LOADER_WINDOW : p->n;

	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->win, NULL);
	pthread_cond_init(&p->done, NULL);
	atomic_store(&p->slots, 1); /* the first pool is this thread's */
	open_window(p, ix, 0, p->n > w ? w : p->n);
	nh = helpers_for(p->n);
	for (i = 0; i < nh; i++)
		if (pthread_create(&tid[i], NULL, helper, p) != 0)
			break;
	nh = i;
	while (put < p->n) {
		size_t lim = atomic_load(&p->limit), j;

		if (lim < p->n && lim - atomic_load(&p->next) < w / 2 &&
		    lim - put < 2 * w)
			open_window(
			    p, ix, lim, p->n - lim > w ? lim + w : p->n);
		else if (atomic_load(&p->res[put].done))
			put_one(ix, p, put++);
		else if ((j = take(p)) < p->n)
			load_one(p, j, &rb, &p->terms[0]);
		else /* every item of the window is taken: put's too */
			wait_done(p, put);
	}
	for (i = 0; i < nh; i++)
		pthread_join(tid[i], NULL);
	free(rb.s);
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->win);
	pthread_mutex_destroy(&p->mu);
}

/* The index's warnings: at most one a run, kept apart (index_diag). */
static void
index_warn(const struct loader_opts *opts, struct diag *ixd)
{
	if (ixd->n > 0 && opts->index_diag != NULL && opts->index_diag->n == 0)
		diag_push(opts->index_diag, &ixd->v[0]);
	diag_release(ixd);
}

void
loader_walk_dir(struct loader_walk *w, const char *dir, size_t used,
    const struct loader_opts *opts)
{
	size_t max = LOADER_MAX_BYTES;

	memset(w, 0, sizeof(*w));
	if (opts != NULL && opts->max_bytes != 0)
		max = opts->max_bytes;
	w->dir = xstrdup(dir);
	diag_init(&w->diag);
	siteconf_init(&w->conf);
	(void)siteconf_load(dir, &w->conf, &w->diag);
	w->rc = walk_tree(dir, used, max, &w->conf.skip, &w->list, &w->diag);
}

void
loader_walk_release(struct loader_walk *w)
{
	free(w->dir);
	diag_release(&w->diag);
	siteconf_release(&w->conf);
	walk_release(&w->list);
	memset(w, 0, sizeof(*w));
}

int
loader_load_walk(struct table *table, struct loader_walk *w, int dirno,
    const struct loader_opts *opts, struct diag *d)
{
	struct index *ix = NULL;
	struct lpost_dir *pd = NULL;
	struct diag ixd;
	struct pool p;
	size_t i;
	int added;

	diag_init(&ixd);
	if (opts != NULL && opts->cache_dir != NULL &&
	    (ix = index_open(opts->cache_dir, w->dir,
		 opts->parse_all ? INDEX_NOREAD : 0, &ixd)) != NULL)
		index_conf(ix, &w->conf);
	w->built = ix != NULL && index_building(ix);
	if (ix != NULL && opts->postings)
		pd = loader_post_dir(
		    table, opts->cache_dir, w->dir, index_stamp(ix));
	diag_move(d, &w->diag);
	memset(&p, 0, sizeof(p));
	p.items = w->list.v;
	p.n = w->list.n;
	p.res = xcalloc(w->list.n + 1, sizeof(*p.res));
	/* Search without an index reads every text, as without postings. */
	p.keep_text =
	    opts == NULL || !opts->drop_text || (opts->postings && ix == NULL);
	/* A term parsed has no stored postings: search makes them from
	 * the text it has in hand, not read again (loader_post.c). */
	p.keep_miss = opts != NULL && opts->postings;
	p.indexed = ix != NULL;
	p.conf = &w->conf;
	atomic_init(&p.next, 0);
	atomic_init(&p.limit, 0);
	atomic_init(&p.slots, 0);
	atomic_init(&p.helpers_wait, 0);
	atomic_init(&p.main_waits, 0);
	load_all(&p, ix);
	for (i = 0; i < LOADER_MAX_THREADS; i++)
		term_pool_move(&table->pool, &p.terms[i]);
	added = merge_all(table, &p, w->dir, dirno, w->conf.lang, pd, d);
	if (ix != NULL && w->rc == 0)
		index_prune(ix);
	if (pd != NULL && index_building(ix))
		loader_post_adopt(pd, ix, opts->index_diag);
	else
		(void)index_close(ix, &ixd);
	if (opts != NULL)
		index_warn(opts, &ixd);
	diag_release(&ixd);
	free(p.res);
	return w->rc < 0 ? -1 : added;
}

int
loader_load_dir(struct table *table, const char *dir, int dirno,
    const struct loader_opts *opts, struct diag *d)
{
	struct loader_walk w;
	int rc;

	loader_walk_dir(&w, dir, table->bytes, opts);
	rc = loader_load_walk(table, &w, dirno, opts, d);
	loader_walk_release(&w);
	return rc;
}
