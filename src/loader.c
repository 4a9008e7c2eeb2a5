#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontmatter.h"
#include "index.h"
#include "loadfacts.h"
#include "lang.h"
#include "loader.h"
#include "loader_post.h"
#include "md.h"
#include "readfile.h"
#include "schema.h"
#include "siteconf.h"
#include "table.h"
#include "termfile.h"
#include "tval_pack.h"
#include "walk.h"
#include "yaml_tree.h"

/* Files loaded a round when there is an index (load_all). */
#define LOADER_ROUND 1024

/* What loading one file of a walk gave. */
struct result {
	struct term *term;
	enum load_status st;
	struct index_rec *hit; /* the index's record of the file, or NULL */
	struct capture *put;   /* what to record in the index, or NULL */
	struct stat src;       /* the identity the term was read from */
};

/* The files of a walk, shared by the loading threads. */
struct pool {
	struct walk_item *items;
	struct result *res; /* one per item */
	size_t n;
	atomic_size_t next;	     /* the next item to load */
	size_t end;		     /* the end of this round's items */
	int keep_text;		     /* terms keep their file's text */
	int indexed;		     /* an index is open: capture parses */
	const struct siteconf *conf; /* the glossary's .gloss.yaml */
};

/* Whether two stats are of one file, unchanged. */
static int
same_file(const struct stat *a, const struct stat *b)
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
 * may already be in rb (len >= 0, their fstat in *fst).
 */
static void
load_miss(struct pool *p, size_t i, struct readfile_buf *rb, ssize_t len,
    const struct stat *fst)
{
	struct walk_item *it = &p->items[i];
	struct result *r = &p->res[i];
	struct capture *c = NULL;
	struct stat st;
	int had = len >= 0 && fst != NULL;

	if (len < 0 &&
	    (len = readfile_read(it->path, rb, &it->diag, &st)) < 0) {
		r->st = LOAD_ERROR;
		return;
	}
	if (p->indexed) {
		c = xcalloc(1, sizeof(*c));
		index_rec_init(&c->rec);
		sb_init(&c->tree);
		c->ok = 1;
		c->st = had ? *fst : st;
	}
	r->st = termfile_load_text(rb, (size_t)len, it->path, p->conf,
	    &it->diag, &r->term, p->keep_text, c);
	r->put = c;
}

/*
 * The term of item i from the index's record: the schema step on the
 * recorded tree, with the body's facts from the record, or from the
 * file when the term keeps its text (which must be the file the walk
 * saw: else it is parsed).  Returns -1 when the record is unusable and
 * nothing was changed: the file is then parsed.
 */
static int
load_hit(struct pool *p, size_t i, struct readfile_buf *rb)
{
	struct walk_item *it = &p->items[i];
	struct result *r = &p->res[i];
	struct index_rec *rec = r->hit;
	struct loadfacts facts;
	struct stat st;
	ssize_t len = -1;

	if (!rec->has_tree) {
		if (rec->kind != LOAD_NOT_TERM && rec->kind != LOAD_ERROR)
			return -1;
		r->st = (enum load_status)rec->kind;
		diag_move(&it->diag, &rec->diag);
		return 0;
	}
	if (loadfacts_unpack(rec->aux, rec->auxlen, &facts) < 0)
		return -1;
	if (rec->body_off > facts.textlen) {
		loadfacts_release(&facts);
		return -1;
	}
	if (p->keep_text) {
		struct diag tmp;

		diag_init(&tmp);
		len = readfile_read(it->path, rb, &tmp, &st);
		diag_release(&tmp);
		if (len < 0 || !same_file(&st, &it->st) ||
		    (size_t)len != facts.textlen) {
			loadfacts_release(&facts);
			load_miss(p, i, rb, len, &st);
			return 0;
		}
	}
	diag_move(&it->diag, &rec->diag);
	r->st = termfile_from_tree(&rec->tree,
	    len >= 0 ? rb->s + rec->body_off : NULL,
	    len >= 0 ? (size_t)len - rec->body_off : 0, it->path, p->conf,
	    len >= 0 ? NULL : &facts.body, NULL, &it->diag, &r->term);
	if (r->st == LOAD_OK && len >= 0) {
		size_t n = (size_t)len;

		termfile_set_file(r->term, it->path, rb->s, n, rec->body_off);
		if (rb->cap > n + 1)
			r->term->text = xrealloc(rb->s, n + 1);
		rb->s = NULL;
		rb->cap = 0;
		if (md_has_examples(
			r->term->text + rec->body_off, n - rec->body_off))
			md_examples(r->term->text + rec->body_off,
			    n - rec->body_off, &r->term->examples);
	} else if (r->st == LOAD_OK) {
		size_t k;

		termfile_set_file(
		    r->term, it->path, NULL, facts.textlen, rec->body_off);
		for (k = 0; k < facts.examples.n; k++)
			strlist_push(&r->term->examples, facts.examples.v[k]);
		facts.examples.n = 0;
	}
	loadfacts_release(&facts);
	return 0;
}

static void *
parse_jobs(void *arg)
{
	struct pool *p = arg;
	struct readfile_buf rb = {NULL, 0};
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->end) {
		if (p->items[i].path == NULL)
			continue;
		if (p->res[i].hit == NULL || load_hit(p, i, &rb) < 0)
			load_miss(p, i, &rb, -1, NULL);
	}
	free(rb.s);
	return NULL;
}

/*
 * Parse every queued file, on as many threads as there are processors
 * (at most LOADER_MAX_THREADS), when there are enough files to pay for
 * starting them.
 */
static void
parse_all(struct pool *p)
{
	pthread_t tid[LOADER_MAX_THREADS];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t i, nt, n = p->end - atomic_load(&p->next);

	nt = ncpu > 1 ? (size_t)ncpu : 1;
	if (nt > LOADER_MAX_THREADS)
		nt = LOADER_MAX_THREADS;
	if (nt > n / 64 + 1)
		nt = n / 64 + 1;
	for (i = 1; i < nt; i++)
		if (pthread_create(&tid[i], NULL, parse_jobs, p) != 0)
			break;
	nt = i;
	parse_jobs(p);
	for (i = 1; i < nt; i++)
		pthread_join(tid[i], NULL);
}

/* Record what item i's parse gave, if it was captured whole. */
static void
put_one(struct index *ix, struct pool *p, size_t i)
{
	struct walk_item *it = &p->items[i];
	struct capture *c = p->res[i].put;
	struct sbuf aux;

	if (c == NULL || !c->ok)
		return;
	sb_init(&aux);
	loadfacts_pack(&c->facts, &aux);
	c->rec.tree_packed = c->tree.s;
	c->rec.tree_packedlen = c->tree.len;
	c->rec.aux = (unsigned char *)aux.s;
	c->rec.auxlen = aux.len;
	(void)index_put(ix, it->rel, it->path, &c->st, &c->rec);
	c->rec.aux = NULL;
	sb_release(&aux);
}

/* path below the glossary root dir: the part after "dir/". */
static const char *
rel_path(const char *dir, const char *path)
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
		rel = rel_path(dir, p->items[i].path);
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
	const char *rel = rel_path(dir, t->path), *base, *end, *tag, *slash;

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
 * What besides a file's bytes decides its record: this gloss, the
 * format of the body's facts, and the glossary's own key names.
 */
static void
index_conf(struct index *ix, const struct siteconf *conf)
{
	struct sbuf sb;
	size_t f, k;

	sb_init(&sb);
	sb_addf(&sb, "gloss %s facts %d", GLOSS_VERSION, LOADFACTS_VERSION);
	for (f = 0; f < SF_NFIELDS; f++) {
		sb_addf(&sb, "\n%zu:", f);
		for (k = 0; k < conf->keys.v[f].n; k++)
			sb_addf(&sb, "%zu %s;", strlen(conf->keys.v[f].v[k]),
			    conf->keys.v[f].v[k]);
	}
	index_context(ix, sb.s, sb.len);
	sb_release(&sb);
}

/*
 * Load the items, in rounds of LOADER_ROUND when there is an index: the
 * lookups of a round on this thread (one handle), then its files on the
 * threads, then its entries put in path order, so that the records and
 * captures of one round at a time are in memory, not a glossary's.
 */
static void
load_all(struct pool *p, struct index *ix)
{
	size_t lo, hi, i, round = ix != NULL ? LOADER_ROUND : p->n;
	struct index_rec rec;

	for (lo = 0; lo < p->n; lo = hi) {
		hi = p->n - lo > round ? lo + round : p->n;
		for (i = lo; ix != NULL && i < hi; i++) {
			struct walk_item *it = &p->items[i];

			if (it->path == NULL ||
			    !index_lookup(ix, it->rel, it->path, &it->st, &rec))
				continue;
			p->res[i].hit = xmalloc(sizeof(rec));
			*p->res[i].hit = rec;
		}
		atomic_store(&p->next, lo);
		p->end = hi;
		parse_all(p);
		for (i = lo; ix != NULL && i < hi; i++) {
			struct result *r = &p->res[i];

			put_one(ix, p, i);
			r->src = r->put != NULL ? r->put->st : p->items[i].st;
			if (r->put != NULL)
				termfile_capture_release(r->put);
			if (r->hit != NULL) {
				index_rec_release(r->hit);
				free(r->hit);
			}
			r->put = NULL;
			r->hit = NULL;
		}
	}
}

/* The index's warnings: at most one a run, kept apart (index_diag). */
static void
index_warn(const struct loader_opts *opts, struct diag *ixd)
{
	if (ixd->n > 0 && opts->index_diag != NULL && opts->index_diag->n == 0)
		diag_push(opts->index_diag, &ixd->v[0]);
	diag_release(ixd);
}

int
loader_load_dir(struct table *table, const char *dir, int dirno,
    const struct loader_opts *opts, struct diag *d)
{
	struct walk_list list = {NULL, 0, 0};
	struct siteconf conf;
	struct index *ix = NULL;
	struct lpost_dir *pd = NULL;
	struct diag ixd;
	struct pool p;
	size_t max = LOADER_MAX_BYTES;
	int rc, added;

	diag_init(&ixd);
	if (opts != NULL && opts->max_bytes != 0)
		max = opts->max_bytes;
	if (opts != NULL && opts->cache_dir != NULL)
		ix = index_open(opts->cache_dir, dir,
		    opts->parse_all ? INDEX_NOREAD : 0, &ixd);
	siteconf_init(&conf);
	(void)siteconf_load(dir, &conf, d);
	if (ix != NULL)
		index_conf(ix, &conf);
	if (ix != NULL && opts->postings)
		pd = loader_post_dir(
		    table, opts->cache_dir, dir, index_stamp(ix));
	rc = walk_tree(dir, table->bytes, max, &conf.skip, &list, d);
	memset(&p, 0, sizeof(p));
	p.items = list.v;
	p.n = list.n;
	p.res = xcalloc(list.n + 1, sizeof(*p.res));
	/* Search without an index reads every text, as without postings. */
	p.keep_text =
	    opts == NULL || !opts->drop_text || (opts->postings && ix == NULL);
	p.indexed = ix != NULL;
	p.conf = &conf;
	atomic_init(&p.next, 0);
	load_all(&p, ix);
	added = merge_all(table, &p, dir, dirno, conf.lang, pd, d);
	if (ix != NULL && rc == 0)
		index_prune(ix);
	(void)index_close(ix, &ixd);
	if (opts != NULL)
		index_warn(opts, &ixd);
	diag_release(&ixd);
	free(p.res);
	walk_release(&list);
	siteconf_release(&conf);
	return rc < 0 ? -1 : added;
}
