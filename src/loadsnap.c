/*
 * The snapshot of a whole load (loadsnap.h).  What makes it safe is
 * what makes a row safe (index.c): it is used only for a walk equal to
 * the one it was made from, byte for byte -- every directory, its
 * `.gloss.yaml' key names and language, every file's path and stat
 * identity, every message of the walk -- when every one of those files
 * was settled (not racily clean) when the run that made it began; and
 * the terms it names are still read from their own sealed rows.
 *
 * The data, in tval_pack's codec: the caller's numbers; the table's
 * language, directories and bytes; the messages; the number of terms;
 * the index entries and the link-key entries in table order, each with
 * its key and its term's place; then for each term in table order its
 * directory, its path below it, its language and its mentions (what
 * the language step and table_index leave).
 */
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "loader_int.h"
#include "loadsnap.h"
#include "termfile.h"
#include "tval_pack.h"

#define SNAP_FORMAT 1

struct loader_snap {
	char *const *dirs;
	size_t n;
	const struct loader_opts *opts;
	char *key;	       /* the caller's key, the options, the dirs */
	struct loader_walk *w; /* one per directory */
	unsigned char *walked; /* w[i] holds its walk still */
	int reuse;	       /* the walks are what loader_load_dir takes */
	int64_t stamp;	       /* taken before the walks */
	struct sbuf fp;	       /* the walks, as the snapshot records them */
	uint64_t hash;	       /* of fp */
	int home;	       /* the directory whose index keeps it, or -1 */
	int settled;	       /* every file was settled at stamp */
};

static uint64_t
fnv64(const char *p, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * UINT64_C(0x100000001b3);
	return h;
}

static int
has_code(const struct diag *d, enum diag_code c)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].code == c)
			return 1;
	return 0;
}

/* A file's identity, as varints: the walk is compared whole. */
static void
pack_stat(struct sbuf *sb, const struct stat *st)
{
	tval_pack_uint(sb, (uint64_t)st->st_dev);
	tval_pack_uint(sb, (uint64_t)st->st_ino);
	tval_pack_uint(sb, (uint64_t)st->st_size);
	tval_pack_uint(sb, (uint64_t)st->st_mode);
	tval_pack_uint(sb, (uint64_t)st->st_mtim.tv_sec);
	tval_pack_uint(sb, (uint64_t)st->st_mtim.tv_nsec);
	tval_pack_uint(sb, (uint64_t)st->st_ctim.tv_sec);
	tval_pack_uint(sb, (uint64_t)st->st_ctim.tv_nsec);
}

/* Record walk w into the fingerprint; 0 if the walk can be reused. */
static int
print_walk(struct sbuf *fp, const struct loader_walk *w)
{
	size_t i;
	int ok = !has_code(&w->diag, DIAG_GLOSSARY_TOO_LARGE);

	tval_pack_str(fp, w->dir);
	tval_pack_uint(fp, w->rc < 0 ? 0 : (uint64_t)w->rc + 1);
	loader_conf_context(&w->conf, fp);
	sb_addc(fp, '\0');
	tval_pack_str(fp, w->conf.lang != NULL ? w->conf.lang : "");
	(void)tval_pack_diag(&w->diag, NULL, fp);
	tval_pack_uint(fp, w->list.n);
	for (i = 0; i < w->list.n; i++) {
		const struct walk_item *it = &w->list.v[i];

		/* Below the directory, recorded once above; no messages is
		 * one byte, as most files have none. */
		tval_pack_str(fp, it->path != NULL ? it->rel : "");
		if (it->path != NULL)
			pack_stat(fp, &it->st);
		if (it->diag.n == 0)
			sb_addc(fp, '\0');
		else
			(void)tval_pack_diag(&it->diag, NULL, fp);
		if (has_code(&it->diag, DIAG_GLOSSARY_TOO_LARGE))
			ok = 0;
	}
	return ok ? 0 : -1;
}

/* Whether every file walked was settled at stamp. */
static int
all_settled(const struct loader_snap *s, int64_t stamp)
{
	size_t i, j;

	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->w[i].list.n; j++)
			if (s->w[i].list.v[j].path != NULL &&
			    !index_settled(&s->w[i].list.v[j].st, stamp))
				return 0;
	return 1;
}

struct loader_snap *
loader_snap_begin(char *const *dirs, size_t n, const char *key,
    const struct loader_opts *opts)
{
	struct loader_snap *s;
	size_t i, j, used = 0;

	if (opts == NULL || opts->cache_dir == NULL || opts->parse_all)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->dirs = dirs;
	s->n = n;
	s->opts = opts;
	s->key = xasprintf("%s\n%zu", key, opts->max_bytes);
	s->w = xcalloc(n + 1, sizeof(*s->w));
	s->walked = xcalloc(n + 1, 1);
	s->stamp = index_clock();
	s->reuse = 1;
	s->home = -1;
	sb_init(&s->fp);
	for (i = 0; i < n; i++) {
		loader_walk_dir(&s->w[i], dirs[i], used, opts);
		s->walked[i] = 1;
		for (j = 0; j < s->w[i].list.n; j++)
			if (s->w[i].list.v[j].path != NULL)
				used += (size_t)s->w[i].list.v[j].st.st_size;
		if (print_walk(&s->fp, &s->w[i]) < 0)
			s->reuse = 0;
		if (s->home < 0 && s->w[i].rc == 0)
			s->home = (int)i;
	}
	s->hash = fnv64(s->fp.s, s->fp.len);
	s->settled = all_settled(s, s->stamp);
	return s;
}

int
loader_snap_load_dir(
    struct loader_snap *s, struct table *table, int dirno, struct diag *d)
{
	int rc;

	if (!s->reuse || !s->walked[dirno])
		return loader_load_dir(
		    table, s->dirs[dirno], dirno, s->opts, d);
	rc = loader_load_walk(table, &s->w[dirno], dirno, s->opts, d);
	loader_walk_release(&s->w[dirno]);
	s->walked[dirno] = 0;
	return rc;
}

void
loader_snap_end(struct loader_snap *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		if (s->walked[i])
			loader_walk_release(&s->w[i]);
	free(s->w);
	free(s->walked);
	free(s->key);
	sb_release(&s->fp);
	free(s);
}

static void
pack_opt(struct sbuf *sb, const char *s)
{
	tval_pack_uint(sb, s != NULL);
	if (s != NULL)
		tval_pack_str(sb, s);
}

/* The index entries v[0..n) of tab: key, term, which name. */
static void
pack_entries(struct sbuf *sb, const struct table_entry *v, size_t n)
{
	size_t i;

	tval_pack_uint(sb, n);
	for (i = 0; i < n; i++) {
		tval_pack_str(sb, v[i].key);
		tval_pack_uint(sb, v[i].term->idx);
		tval_pack_uint(sb, (uint64_t)v[i].alias + 1); /* -1: 0 */
		tval_pack_uint(sb, (uint64_t)v[i].derived);
	}
}

/* The snapshot's data of tab, d and extra; -1 if it cannot be made. */
static int
pack_data(const struct loader_snap *s, const struct table *tab,
    const struct diag *d, const int64_t *extra, size_t nextra, struct sbuf *sb)
{
	struct sbuf db;
	size_t i, j;
	int rc;

	tval_pack_uint(sb, SNAP_FORMAT);
	tval_pack_uint(sb, nextra);
	for (i = 0; i < nextra; i++)
		tval_pack_uint(sb, (uint64_t)extra[i]);
	pack_opt(sb, tab->lang);
	tval_pack_uint(sb, (uint64_t)tab->ndirs);
	tval_pack_uint(sb, tab->bytes);
	sb_init(&db);
	rc = tval_pack_diag(d, NULL, &db);
	tval_pack_uint(sb, db.len);
	sb_addn(sb, db.s, db.len);
	sb_release(&db);
	tval_pack_uint(sb, tab->n);
	pack_entries(sb, tab->idx, tab->nidx);
	pack_entries(sb, tab->ids, tab->nids);
	for (i = 0; i < tab->n && rc == 0; i++) {
		const struct term *t = tab->terms[i];

		if (t->idx != i || t->dirno < 0 || (size_t)t->dirno >= s->n)
			return -1;
		tval_pack_uint(sb, (uint64_t)t->dirno);
		tval_pack_str(sb, loader_rel_path(s->dirs[t->dirno], t->path));
		pack_opt(sb, t->lang);
		tval_pack_uint(sb, t->mentions.n);
		for (j = 0; j < t->mentions.n; j++)
			tval_pack_str(sb, t->mentions.v[j]);
	}
	return rc;
}

void
loader_snap_save(struct loader_snap *s, const struct table *tab,
    const struct diag *d, const int64_t *extra, size_t nextra)
{
	struct index_snap sn, old;
	struct index *ix;
	struct diag ixd;
	struct sbuf data;

	if (s == NULL || !s->reuse || !s->settled || s->home < 0)
		return;
	diag_init(&ixd);
	ix = index_open(s->opts->cache_dir, s->dirs[s->home], 0, &ixd);
	if (ix == NULL) {
		diag_release(&ixd);
		return;
	}
	sb_init(&data);
	if (index_snap_get(ix, s->key, &old) && old.hash == s->hash &&
	    old.walklen == s->fp.len &&
	    memcmp(old.walk, s->fp.s, s->fp.len) == 0)
		; /* kept already */
	else if (pack_data(s, tab, d, extra, nextra, &data) == 0) {
		memset(&sn, 0, sizeof(sn));
		sn.written = s->stamp;
		sn.hash = s->hash;
		sn.walk = s->fp.s;
		sn.walklen = s->fp.len;
		sn.data = data.s;
		sn.datalen = data.len;
		(void)index_snap_put(ix, s->key, &sn);
	}
	index_snap_release(&old);
	sb_release(&data);
	(void)index_close(ix, &ixd);
	if (s->opts->index_diag != NULL && s->opts->index_diag->n == 0 &&
	    ixd.n > 0)
		diag_push(s->opts->index_diag, &ixd.v[0]);
	diag_release(&ixd);
}

/* A term of the snapshot: where it came from, what the load set. */
struct snap_term {
	uint64_t dirno;
	char *rel, *lang;
	struct strlist mentions;
	int want;
	struct term *t; /* once read */
};

/* What pick reads of the data. */
struct snap_view {
	int64_t *extra;
	size_t nextra;
	char *lang;
	uint64_t ndirs, bytes, n;
	struct diag diag;
	struct snap_term *terms;
	struct tval_rd r; /* what is not read yet */
};

static void
view_release(struct snap_view *v)
{
	size_t i;

	for (i = 0; v->terms != NULL && i < v->n; i++) {
		free(v->terms[i].rel);
		free(v->terms[i].lang);
		strlist_release(&v->terms[i].mentions);
		term_free(v->terms[i].t);
	}
	free(v->terms);
	free(v->extra);
	free(v->lang);
	diag_release(&v->diag);
	memset(v, 0, sizeof(*v));
}

/* Skip an optional string, or take it into *out when out is not NULL. */
static int
take_opt(struct tval_rd *r, char **out)
{
	uint64_t has;
	const char *p;
	size_t n;

	if (tval_read_uint(r, 1, &has) < 0 ||
	    (has && tval_read_span(r, &p, &n) < 0))
		return -1;
	if (out != NULL)
		*out = has ? xstrndup(p, n) : NULL;
	return 0;
}

/* The next term of the data; its strings are kept when it is wanted. */
static int
read_term(struct tval_rd *r, size_t ndirs, struct snap_term *st)
{
	uint64_t k, n;
	const char *p;
	size_t len;

	if (tval_read_uint(r, ndirs - 1, &st->dirno) < 0 ||
	    tval_read_span(r, &p, &len) < 0)
		return -1;
	if (st->want)
		st->rel = xstrndup(p, len);
	if (take_opt(r, st->want ? &st->lang : NULL) < 0 ||
	    tval_read_uint(r, LOADER_MAX_ITEMS, &n) < 0)
		return -1;
	for (k = 0; k < n; k++) {
		if (tval_read_span(r, &p, &len) < 0)
			return -1;
		if (st->want)
			strlist_push(&st->mentions, xstrndup(p, len));
	}
	return 0;
}

/*
 * Read data (len bytes, of a load of ndirs directories) into v, which
 * the caller releases, up to the lists of entries, where v->r is left.
 */
static int
view_read(struct snap_view *v, const void *data, size_t len, size_t ndirs)
{
	struct tval_rd r;
	uint64_t x, dlen;

	memset(v, 0, sizeof(*v));
	diag_init(&v->diag);
	r.p = data;
	r.end = r.p + len;
	if (tval_read_uint(&r, SNAP_FORMAT, &x) < 0 || x != SNAP_FORMAT ||
	    tval_read_uint(&r, 64, &x) < 0)
		return -1;
	v->extra = xcalloc(x + 1, sizeof(*v->extra));
	for (v->nextra = 0; v->nextra < x; v->nextra++) {
		if (tval_read_uint(&r, UINT64_MAX, &dlen) < 0)
			return -1;
		v->extra[v->nextra] = (int64_t)dlen;
	}
	if (take_opt(&r, &v->lang) < 0 ||
	    tval_read_uint(&r, ndirs, &v->ndirs) < 0 ||
	    tval_read_uint(&r, UINT64_MAX, &v->bytes) < 0 ||
	    tval_read_uint(&r, (uint64_t)(r.end - r.p), &dlen) < 0 ||
	    tval_unpack_diag(r.p, (size_t)dlen, NULL, &v->diag) < 0)
		return -1;
	r.p += dlen;
	if (tval_read_uint(&r, (uint64_t)(r.end - r.p), &v->n) < 0)
		return -1;
	v->terms = xcalloc(v->n + 1, sizeof(*v->terms));
	v->r = r;
	return 0;
}

/* One index entry as the data holds it. */
struct snap_entry {
	char *key;
	uint64_t ord, alias, derived;
};

/*
 * The entries of the list at r whose key is one of keys, in order, into
 * *out (*nout of them); each key found sets its found[k], each term
 * found its want.  r is left after the list.  -1 on malformed data.
 */
static int
scan_entries(struct tval_rd *r, struct snap_view *v, const struct strlist *keys,
    const size_t *klen, unsigned char *found, struct snap_entry **out,
    size_t *nout)
{
	uint64_t n, i;
	size_t k, len;
	const char *p;

	if (v->n == 0 || tval_read_uint(r, UINT32_MAX, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct snap_entry e;

		if (tval_read_span(r, &p, &len) < 0 ||
		    tval_read_uint(r, v->n - 1, &e.ord) < 0 ||
		    tval_read_uint(r, UINT32_MAX, &e.alias) < 0 ||
		    tval_read_uint(r, 1, &e.derived) < 0)
			return -1;
		for (k = 0; k < keys->n; k++)
			if (klen[k] == len && memcmp(keys->v[k], p, len) == 0)
				break;
		if (k == keys->n)
			continue;
		found[k] = 1;
		v->terms[e.ord].want = 1;
		e.key = xstrndup(p, len);
		*out = xreallocarray(*out, *nout + 1, sizeof(**out));
		(*out)[(*nout)++] = e;
	}
	return 0;
}

static void
entries_free(struct snap_entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].key);
	free(v);
}

/* The walk item of dirs[dirno] at rel, or NULL. */
static const struct walk_item *
find_item(const struct loader_snap *s, size_t dirno, const char *rel)
{
	const struct walk_list *l = &s->w[dirno].list;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].path != NULL && strcmp(l->v[i].rel, rel) == 0)
			return &l->v[i];
	return NULL;
}

/* Close an index this file only read (NULL: none); it has nothing to
 * say that a load without the snapshot would not. */
static void
index_close_quietly(struct index *ix)
{
	struct diag tmp;

	diag_init(&tmp);
	(void)index_close(ix, &tmp);
	diag_release(&tmp);
}

/* dirs[dirno]'s index, sealed as the loader seals it, read only. */
static struct index *
open_dir_index(const struct loader_snap *s, size_t dirno)
{
	struct index *ix;
	struct diag tmp;
	struct sbuf ctx;

	diag_init(&tmp);
	ix =
	    index_open(s->opts->cache_dir, s->dirs[dirno], INDEX_NOWRITE, &tmp);
	diag_release(&tmp); /* a load without the snapshot says it */
	if (ix == NULL)
		return NULL;
	sb_init(&ctx);
	loader_conf_context(&s->w[dirno].conf, &ctx);
	index_context(ix, ctx.s, ctx.len);
	sb_release(&ctx);
	return ix;
}

/* Read the term st names from its row (and its file when the text is
 * kept): 0, or -1 when it is not there as the walk saw it. */
static int
read_one(const struct loader_snap *s, struct index *ix, struct snap_term *st,
    struct readfile_buf *rb)
{
	const struct walk_item *it = find_item(s, st->dirno, st->rel);
	int keep = !s->opts->drop_text, rc = -1;
	struct index_rec rec;
	enum load_status ls;
	struct stat fst;
	ssize_t len;

	if (it == NULL || !index_lookup(ix, st->rel, it->path, &it->st, &rec))
		return -1;
	if (termfile_from_record(&rec, it->path, keep, &ls, &st->t) == 0 &&
	    ls == LOAD_OK && st->t != NULL &&
	    (!keep ||
		loader_hit_text(st->t, it->path, &it->st, rb, &len, &fst) == 0))
		rc = 0;
	index_rec_release(&rec);
	if (rc == 0) {
		free(st->t->lang);
		st->t->lang = st->lang;
		st->lang = NULL;
		strlist_release(&st->t->mentions);
		st->t->mentions = st->mentions;
		memset(&st->mentions, 0, sizeof(st->mentions));
		st->t->dirno = (int)st->dirno;
	}
	return rc;
}

/* Read every term pick wants; 0, or -1.  home: the home index, open. */
static int
read_terms(const struct loader_snap *s, struct snap_view *v, struct index *home)
{
	struct index **ix = xcalloc(s->n, sizeof(*ix));
	struct readfile_buf rb = {NULL, 0};
	size_t i;
	int rc = 0;

	ix[s->home] = home;
	for (i = 0; i < v->n && rc == 0; i++) {
		struct snap_term *st = &v->terms[i];

		if (!st->want)
			continue;
		if (ix[st->dirno] == NULL &&
		    (ix[st->dirno] = open_dir_index(s, st->dirno)) == NULL)
			rc = -1;
		else
			rc = read_one(s, ix[st->dirno], st, &rb);
	}
	for (i = 0; i < s->n; i++)
		if (i != (size_t)s->home)
			index_close_quietly(ix[i]);
	free(ix);
	free(rb.s);
	return rc;
}

/* The table entry e names, with its key borrowed from its term. */
static int
make_entry(const struct snap_entry *e, struct term *t, int ids,
    struct table_entry *out)
{
	const struct strlist *l = ids ? &t->ids
	    : e->derived	      ? &t->derived_keys
				      : &t->alias_keys;
	const char *key;

	if (e->alias == 0 && !ids)
		key = t->key;
	else if (e->alias > 0 && e->alias - 1 < l->n)
		key = l->v[e->alias - 1];
	else
		return -1;
	if (strcmp(key, e->key) != 0)
		return -1;
	out->key = key;
	out->term = t;
	out->alias = (int)e->alias - 1;
	out->derived = (int)e->derived;
	return 0;
}

/* v's entries e[0..n) as tab's, on the terms read. */
static int
make_entries(const struct snap_view *v, const struct snap_entry *e, size_t n,
    int ids, struct table_entry **out, size_t *nout)
{
	size_t i;

	*out = xcalloc(n + 1, sizeof(**out));
	*nout = n;
	for (i = 0; i < n; i++)
		if (make_entry(&e[i], v->terms[e[i].ord].t, ids, &(*out)[i]) <
		    0)
			return -1;
	return 0;
}

/*
 * The snapshot kept for s's key and walk, if it can be trusted; the
 * home directory's index, which holds it, is left open in *ixp for the
 * rows (or NULL).
 */
static int
snap_get(const struct loader_snap *s, struct index_snap *sn, struct index **ixp)
{
	int ok;

	if ((*ixp = open_dir_index(s, (size_t)s->home)) == NULL)
		return 0;
	ok = index_snap_get(*ixp, s->key, sn);
	if (ok &&
	    (sn->walklen != s->fp.len ||
		memcmp(sn->walk, s->fp.s, s->fp.len) != 0 ||
		!all_settled(s, sn->written))) {
		index_snap_release(sn);
		ok = 0;
	}
	return ok;
}

/* The folded names, each once, into keys; -1 if one folds to nothing. */
static int
fold_names(char *const *names, size_t n, struct strlist *keys)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		char *key = term_key(names[i]);

		if (key[0] == '\0') {
			free(key);
			return -1;
		}
		for (k = 0; k < keys->n && strcmp(keys->v[k], key) != 0; k++)
			;
		if (k < keys->n)
			free(key);
		else
			strlist_push(keys, key);
	}
	return 0;
}

/* Move the terms read into the empty tab, with the entries found. */
static int
fill_table(struct table *tab, struct snap_view *v, const struct snap_entry *e,
    size_t ne, const struct snap_entry *ids, size_t nids)
{
	size_t i;

	if (make_entries(v, e, ne, 0, &tab->idx, &tab->nidx) < 0 ||
	    make_entries(v, ids, nids, 1, &tab->ids, &tab->nids) < 0) {
		free(tab->idx);
		free(tab->ids);
		table_init(tab);
		return -1;
	}
	for (i = 0; i < v->n; i++)
		if (v->terms[i].t != NULL) {
			v->terms[i].t->idx = tab->n;
			table_add(tab, v->terms[i].t);
			v->terms[i].t = NULL;
		}
	tab->lang = v->lang;
	v->lang = NULL;
	tab->ndirs = (int)v->ndirs;
	tab->bytes = (size_t)v->bytes;
	return 0;
}

int
loader_snap_pick(struct loader_snap *s, char *const *names, size_t nnames,
    struct table *tab, struct diag *d, int64_t *extra, size_t nextra)
{
	struct strlist keys = {0};
	struct snap_entry *e = NULL, *ids = NULL;
	struct index_snap sn;
	struct index *home = NULL;
	struct snap_view v;
	size_t ne = 0, nids = 0, k, i, *klen = NULL;
	unsigned char *found = NULL;
	int rc = -1;

	if (s == NULL || !s->reuse || s->home < 0 || nnames == 0)
		return -1;
	if (!snap_get(s, &sn, &home)) {
		index_close_quietly(home);
		return -1;
	}
	if (view_read(&v, sn.data, sn.datalen, s->n) < 0 ||
	    v.nextra != nextra || fold_names(names, nnames, &keys) < 0)
		goto out;
	found = xcalloc(keys.n + 1, 1);
	klen = xcalloc(keys.n + 1, sizeof(*klen));
	for (k = 0; k < keys.n; k++)
		klen[k] = strlen(keys.v[k]);
	if (scan_entries(&v.r, &v, &keys, klen, found, &e, &ne) < 0 ||
	    scan_entries(&v.r, &v, &keys, klen, found, &ids, &nids) < 0)
		goto out;
	for (k = 0; k < keys.n && found[k]; k++)
		;
	for (i = 0; k == keys.n && i < v.n; i++)
		if (read_term(&v.r, s->n, &v.terms[i]) < 0)
			goto out;
	if (k < keys.n || v.r.p != v.r.end || read_terms(s, &v, home) < 0 ||
	    fill_table(tab, &v, e, ne, ids, nids) < 0)
		goto out;
	diag_move(d, &v.diag);
	memcpy(extra, v.extra, nextra * sizeof(*extra));
	rc = (int)v.n;
out:
	free(found);
	free(klen);
	entries_free(e, ne);
	entries_free(ids, nids);
	strlist_release(&keys);
	view_release(&v);
	index_snap_release(&sn);
	index_close_quietly(home);
	return rc;
}
