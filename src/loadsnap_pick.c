/*
 * Taking from the snapshot of a load only the terms some names name
 * (loadsnap.h, loader_snap_pick): the snapshot read and checked against
 * this run's walk, the entries of those names found, their terms read
 * from their own rows, and a table of just them made.
 */
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "loader_int.h"
#include "loadsnap.h"
#include "loadsnap_int.h"
#include "termfile.h"
#include "tval_pack.h"

/* A term of the snapshot that a name asks for: where it came from, what
 * the load set. */
struct snap_term {
	uint64_t ord; /* its place in the table */
	uint64_t dirno;
	char *rel, *lang;
	struct strlist mentions;
	struct term *t; /* once read */
};

/* What pick reads of the data. */
struct snap_view {
	int64_t *extra;
	size_t nextra;
	char *lang;
	uint64_t ndirs, bytes, n;
	struct diag diag;
	struct snap_term *want; /* the terms asked for, by ord once sorted */
	size_t nwant;
	struct tval_rd r; /* what is not read yet */
};

static void
view_release(struct snap_view *v)
{
	size_t i;

	for (i = 0; i < v->nwant; i++) {
		free(v->want[i].rel);
		free(v->want[i].lang);
		strlist_release(&v->want[i].mentions);
		term_free(v->want[i].t);
	}
	free(v->want);
	free(v->extra);
	free(v->lang);
	diag_release(&v->diag);
	memset(v, 0, sizeof(*v));
}

/* The wanted term at ord, or NULL. */
static struct snap_term *
find_want(const struct snap_view *v, uint64_t ord)
{
	size_t i;

	for (i = 0; i < v->nwant; i++)
		if (v->want[i].ord == ord)
			return &v->want[i];
	return NULL;
}

/* Ask for the term at ord. */
static void
want_term(struct snap_view *v, uint64_t ord)
{
	if (find_want(v, ord) != NULL)
		return;
	v->want = xreallocarray(v->want, v->nwant + 1, sizeof(*v->want));
	memset(&v->want[v->nwant], 0, sizeof(*v->want));
	v->want[v->nwant++].ord = ord;
}

static int
cmp_want(const void *a, const void *b)
{
	const struct snap_term *x = a, *y = b;

	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/*
 * A table of n + 1 offsets at r (pack_data) into *tab, and the items
 * after it into *items; r is left after the items.  -1 out of bounds.
 */
static int
read_offsets(struct tval_rd *r, uint64_t n, const unsigned char **tab,
    struct tval_rd *items)
{
	uint32_t len;

	if ((uint64_t)(r->end - r->p) / 4 <= n)
		return -1;
	*tab = r->p;
	items->p = r->p + 4 * (n + 1);
	len = get_u32(*tab + 4 * n);
	if (len > (size_t)(r->end - items->p))
		return -1;
	items->end = items->p + len;
	r->p = items->end;
	return 0;
}

/* A cursor over item i of a table read_offsets read; -1 out of bounds. */
static int
item_at(const unsigned char *tab, const struct tval_rd *items, uint64_t i,
    struct tval_rd *out)
{
	uint32_t lo = get_u32(tab + 4 * i), hi = get_u32(tab + 4 * (i + 1));

	if (lo > hi || hi > (size_t)(items->end - items->p))
		return -1;
	out->p = items->p + lo;
	out->end = items->p + hi;
	return 0;
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

/* The wanted term st, from its own bytes r. */
static int
read_term(struct tval_rd *r, size_t ndirs, struct snap_term *st)
{
	uint64_t k, n;
	const char *p;
	size_t len;

	if (tval_read_uint(r, ndirs - 1, &st->dirno) < 0 ||
	    tval_read_span(r, &p, &len) < 0)
		return -1;
	st->rel = xstrndup(p, len);
	if (take_opt(r, &st->lang) < 0 ||
	    tval_read_uint(r, LOADER_MAX_ITEMS, &n) < 0)
		return -1;
	for (k = 0; k < n; k++) {
		if (tval_read_span(r, &p, &len) < 0)
			return -1;
		strlist_push(&st->mentions, xstrndup(p, len));
	}
	return r->p == r->end ? 0 : -1;
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
	v->r = r;
	return 0;
}

/* One index entry as the data holds it. */
struct snap_entry {
	char *key;
	uint64_t pos, ord, alias, derived;
};

static int
cmp_entry_pos(const void *a, const void *b)
{
	const struct snap_entry *x = a, *y = b;

	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/*
 * The entries of the list at r kept under the tag of one of keys (each
 * once), in the list's order, into *out (*nout of them), each with that
 * key (make_entry checks it against the term's row); each key found
 * sets its found[k], each term found is wanted.  r is left after the
 * list.  -1 on malformed data.
 */
static int
scan_entries(struct tval_rd *r, struct snap_view *v, const struct strlist *keys,
    const size_t *klen, unsigned char *found, struct snap_entry **out,
    size_t *nout)
{
	const unsigned char *tab;
	struct tval_rd items, b;
	uint64_t nb;
	size_t k;

	if (v->n == 0 || tval_read_uint(r, UINT32_MAX, &nb) < 0 || nb == 0 ||
	    (nb & (nb - 1)) != 0 || read_offsets(r, nb, &tab, &items) < 0)
		return -1;
	for (k = 0; k < keys->n; k++) {
		uint64_t h = table_key_hash(keys->v[k], klen[k]);

		if (item_at(tab, &items, h & (nb - 1), &b) < 0)
			return -1;
		while (b.p < b.end) {
			struct snap_entry e;
			uint32_t tag;

			if (b.end - b.p < 4)
				return -1;
			tag = get_u32(b.p);
			b.p += 4;
			if (tval_read_uint(&b, UINT32_MAX, &e.pos) < 0 ||
			    tval_read_uint(&b, v->n - 1, &e.ord) < 0 ||
			    tval_read_uint(&b, UINT32_MAX, &e.alias) < 0 ||
			    tval_read_uint(&b, 1, &e.derived) < 0)
				return -1;
			if (tag != LOADSNAP_TAG(h))
				continue;
			found[k] = 1;
			want_term(v, e.ord);
			e.key = xstrdup(keys->v[k]);
			*out = xreallocarray(*out, *nout + 1, sizeof(**out));
			(*out)[(*nout)++] = e;
		}
	}
	if (*nout > 1)
		qsort(*out, *nout, sizeof(**out), cmp_entry_pos);
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
	if (termfile_from_record(&rec, it->path, keep, NULL, &ls, &st->t) ==
		0 &&
	    ls == LOAD_OK && st->t != NULL &&
	    (!keep ||
		loader_hit_text(st->t, it->path, &it->st, rb, &len, &fst) == 0))
		rc = 0;
	index_rec_release(&rec);
	if (rc == 0) {
		term_drop_str(st->t, st->t->lang);
		st->t->lang = st->lang;
		st->lang = NULL;
		term_drop_list(st->t, &st->t->mentions);
		st->t->mentions = st->mentions;
		memset(&st->mentions, 0, sizeof(st->mentions));
		st->t->dirno = (int)st->dirno;
	}
	return rc;
}

/*
 * Read every term pick wants, whose bytes are the items of the table at
 * tab; 0, or -1.  home: the home index, open.
 */
static int
read_terms(const struct loader_snap *s, struct snap_view *v,
    const unsigned char *tab, const struct tval_rd *items, struct index *home)
{
	struct index **ix = xcalloc(s->n, sizeof(*ix));
	struct readfile_buf rb = {NULL, 0};
	struct tval_rd tr;
	size_t i;
	int rc = 0;

	ix[s->home] = home;
	for (i = 0; i < v->nwant && rc == 0; i++) {
		struct snap_term *st = &v->want[i];

		if (item_at(tab, items, st->ord, &tr) < 0 ||
		    read_term(&tr, s->n, st) < 0 ||
		    (ix[st->dirno] == NULL &&
			(ix[st->dirno] = open_dir_index(s, st->dirno)) == NULL))
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
	for (i = 0; i < n; i++) {
		const struct snap_term *st = find_want(v, e[i].ord);

		if (st == NULL || st->t == NULL ||
		    make_entry(&e[i], st->t, ids, &(*out)[i]) < 0)
			return -1;
	}
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
	    (!loadsnap_same_walk(s, sn) || !loadsnap_settled(s, sn->written))) {
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
	for (i = 0; i < v->nwant; i++) { /* in table order */
		v->want[i].t->idx = tab->n;
		table_add(tab, v->want[i].t);
		v->want[i].t = NULL;
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
	struct tval_rd titems;
	const unsigned char *ttab;
	size_t ne = 0, nids = 0, k, *klen = NULL;
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
	if (k < keys.n || read_offsets(&v.r, v.n, &ttab, &titems) < 0 ||
	    v.r.p != v.r.end)
		goto out;
	if (v.nwant > 1)
		qsort(v.want, v.nwant, sizeof(*v.want), cmp_want);
	if (read_terms(s, &v, ttab, &titems, home) < 0 ||
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
