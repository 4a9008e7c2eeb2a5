/*
 * Search's postings in the index's key-value store (index_post.h).  Keys:
 * "m" the store's own numbers; "d" and a relative path, a file's record;
 * "s", a stemmer's name, NUL and a stem, the stem's list.  Every value
 * starts with a checksum over its key and the rest of it.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index_int.h"
#include "index_post.h"
#include "tval_pack.h"

#define POST_SEED    UINT64_C(0x706f7374696e6773) /* "postings" */
#define POST_FORMAT  2
#define POST_COMPACT 1024 /* stale numbers that may wait for compaction */

/* The checksum of a value: its key (kn bytes) and its bytes after the
 * sum. */
static uint64_t
post_sum(const void *k, size_t kn, const void *v, size_t n)
{
	uint64_t h = index_sum_u64(POST_SEED, POST_FORMAT);

	h = index_sum_blob(h, k, kn, 1);
	h = index_sum_blob(h, v, n, 1);
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	return h ^ (h >> 33);
}

/* Seal the value in v (its first 8 bytes kept for the sum) under k. */
static void
post_seal(const struct sbuf *k, struct sbuf *v)
{
	uint64_t h = post_sum(k->s, k->len, v->s + 8, v->len - 8);
	int i;

	for (i = 0; i < 8; i++)
		v->s[i] = (char)(unsigned char)(h >> (8 * i));
}

/* An empty value with room for its sum. */
static void
post_value(struct sbuf *v)
{
	v->len = 0;
	sb_addn(v, "\0\0\0\0\0\0\0\0", 8);
}

/* A reader over what follows the sum of value v of key k, when v is
 * sealed: 1, else -1 (damaged). */
static int
post_open(
    const void *k, size_t kn, const void *v, size_t vn, struct tval_rd *rd)
{
	const unsigned char *b = v;
	uint64_t h = 0;
	int i;

	if (vn < 8)
		return -1;
	for (i = 0; i < 8; i++)
		h |= (uint64_t)b[i] << (8 * i);
	if (h != post_sum(k, kn, b + 8, vn - 8))
		return -1;
	rd->p = b + 8;
	rd->end = b + vn;
	return 1;
}

/* Read k's value; a reader over what follows its sum when it is sealed.
 * 1, 0 (none), -1 (damaged or unreadable). */
static int
post_get(
    struct index *ix, const struct sbuf *k, struct sbuf *v, struct tval_rd *rd)
{
	int rc;

	if ((rc = index_kv_get(ix, k->s, k->len, v)) <= 0)
		return rc;
	return post_open(k->s, k->len, v->s, v->len, rd);
}

static void
key_doc(struct sbuf *k, const char *relpath)
{
	k->len = 0;
	sb_addc(k, 'd');
	sb_adds(k, relpath);
}

static void
key_stem(struct sbuf *k, const char *algo, const char *stem)
{
	k->len = 0;
	sb_addc(k, 's');
	sb_adds(k, algo != NULL ? algo : "");
	sb_addn(k, "", 1);
	sb_adds(k, stem);
}

/* A signed number as a varint (zigzag). */
static void
pack_int(struct sbuf *v, int64_t x)
{
	uint64_t u = (uint64_t)x << 1;

	tval_pack_uint(v, x < 0 ? ~u : u);
}

static int
read_int(struct tval_rd *rd, int64_t *x)
{
	uint64_t u;

	if (tval_read_uint(rd, UINT64_MAX, &u) < 0)
		return -1;
	*x = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
	return 0;
}

/* The record's fields but its number, in the order they are packed. */
static int
read_doc(struct tval_rd *rd, int64_t id[ID_N], int64_t *written, uint64_t *key,
    uint64_t *num, struct post_doc *d)
{
	uint64_t x;
	int i;

	for (i = 0; i < ID_N; i++)
		if (read_int(rd, &id[i]) < 0)
			return -1;
	if (read_int(rd, written) < 0 ||
	    tval_read_uint(rd, UINT64_MAX, key) < 0 ||
	    tval_read_uint(rd, UINT64_MAX, num) < 0 ||
	    tval_read_uint(rd, 1, &x) < 0)
		return -1;
	d->irregular = (int)x;
	for (i = 0; i < POST_NFIELDS; i++) {
		if (tval_read_uint(rd, SIZE_MAX, &x) < 0)
			return -1;
		d->len[i] = (size_t)x;
	}
	if (rd->end - rd->p != POST_BLOOM)
		return -1;
	memcpy(d->bloom, rd->p, POST_BLOOM);
	return 0;
}

/* Whether the sealed record rd (key k) holds for r: then fill r. */
static int
doc_take(struct index *ix, struct tval_rd *rd, struct index_post_req *r)
{
	int64_t id[ID_N], now[ID_N], written;
	uint64_t kk;
	int i;

	if (index_ident_of(r->st, now) < 0 ||
	    read_doc(rd, id, &written, &kk, &r->id, r->d) < 0 || kk != r->key ||
	    written > index_stamp(ix) || !index_ident_settled(id, written))
		return 0;
	for (i = 0; i < ID_N && id[i] == now[i]; i++)
		;
	return r->found = i == ID_N;
}

/* One lookup of r's record. */
static void
doc_lookup(struct index *ix, struct index_post_req *r)
{
	struct sbuf k, v;
	struct tval_rd rd;

	r->found = 0;
	sb_init(&k);
	sb_init(&v);
	key_doc(&k, r->relpath);
	if (post_get(ix, &k, &v, &rd) == 1)
		doc_take(ix, &rd, r);
	sb_release(&k);
	sb_release(&v);
}

int
index_post_doc(struct index *ix, const char *relpath, const struct stat *st,
    uint64_t key, uint64_t *num, struct post_doc *d)
{
	struct index_post_req r = {relpath, st, key, 0, d, 0};

	doc_lookup(ix, &r);
	*num = r.id;
	return r.found;
}

/* The requests of a pass over the records, in the records' order. */
struct doc_pass {
	struct index *ix;
	struct index_post_req **r;
	size_t n, i;
};

/* Compare a request's path with a record's, as the store orders keys
 * (memcmp, a prefix first). */
static int
cmp_path(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c != 0 ? c : (an > bn) - (an < bn);
}

/* Two requests in the store's order: strcmp's, for paths hold no NUL. */
static int
cmp_req(const void *a, const void *b)
{
	const struct index_post_req *x = *(struct index_post_req *const *)a;
	const struct index_post_req *y = *(struct index_post_req *const *)b;

	return strcmp(x->relpath, y->relpath);
}

/* A record of the pass: give it to the requests of its path. */
static int
doc_pass_one(void *arg, const void *k, size_t kn, const void *v, size_t vn)
{
	struct doc_pass *dp = arg;
	const char *path = (const char *)k + 1, *p0;
	size_t pn = kn - 1;
	struct tval_rd rd;
	int c = -1;

	while (dp->i < dp->n &&
	    (c = cmp_path(dp->r[dp->i]->relpath, strlen(dp->r[dp->i]->relpath),
		 path, pn)) < 0)
		dp->i++;
	if (dp->i == dp->n)
		return 1; /* nothing more is asked */
	if (c != 0 || post_open(k, kn, v, vn, &rd) < 0)
		return 0;
	/* A path asked twice is given the record twice. */
	p0 = dp->r[dp->i]->relpath;
	for (; dp->i < dp->n && !strcmp(dp->r[dp->i]->relpath, p0); dp->i++) {
		struct tval_rd one = rd;

		doc_take(dp->ix, &one, dp->r[dp->i]);
	}
	return 0;
}

void
index_post_docs(
    struct index *ix, struct index_post_req *r, size_t n, size_t total)
{
	struct doc_pass dp;
	size_t i;

	for (i = 0; i < n; i++)
		r[i].found = 0;
	/*
	 * A lookup costs what some five rows of a pass cost (callgrind,
	 * 10,000 terms: one category in six, 1,650 asked, 21 M by
	 * lookups and 26 M by a pass; all asked, 111 M and 62 M).
	 */
	if (n * 5 < total) {
		for (i = 0; i < n; i++)
			doc_lookup(ix, &r[i]);
		return;
	}
	dp.ix = ix;
	dp.r = xreallocarray(NULL, n, sizeof(*dp.r));
	dp.n = n;
	dp.i = 0;
	for (i = 0; i < n; i++)
		dp.r[i] = &r[i];
	qsort(dp.r, n, sizeof(*dp.r), cmp_req);
	/* Every key of a record is "d" and its path. */
	(void)index_kv_scan(ix, "d", 1, "e", 1, doc_pass_one, &dp);
	free(dp.r);
}

/* An entry's counts, packed (post_tf_put). */
static void
pack_tf(struct sbuf *v, const unsigned *tf)
{
	sb_reserve(v, POST_TF_MAX);
	v->len =
	    (size_t)((char *)post_tf_put((unsigned char *)v->s + v->len, tf) -
		v->s);
	v->s[v->len] = '\0';
}

static int
read_tf(struct tval_rd *rd, unsigned *tf)
{
	return post_tf_get(&rd->p, rd->end, tf);
}

/* The entries of a list after its sum, appended to *v. */
static int
read_list(struct tval_rd *rd, struct index_post_ref **v, size_t *n)
{
	uint64_t cnt, id = 0, d;
	size_t i;

	if (tval_read_uint(rd, (uint64_t)(rd->end - rd->p), &cnt) < 0)
		return -1;
	*v = xreallocarray(*v, *n + (size_t)cnt + 1, sizeof(**v));
	for (i = 0; i < cnt; i++) {
		if (tval_read_uint(rd, UINT64_MAX - id, &d) < 0 ||
		    read_tf(rd, (*v)[*n].tf) < 0)
			return -1;
		id += d;
		(*v)[(*n)++].id = id;
	}
	return rd->p == rd->end ? 0 : -1;
}

int
index_post_stem(struct index *ix, const char *algo, const char *stem,
    struct index_post_ref **v, size_t *n)
{
	struct sbuf k, b;
	struct tval_rd rd;
	int rc;

	sb_init(&k);
	sb_init(&b);
	key_stem(&k, algo, stem);
	rc = post_get(ix, &k, &b, &rd);
	if (rc == 1 && read_list(&rd, v, n) < 0)
		rc = -1;
	sb_release(&k);
	sb_release(&b);
	return rc;
}

/*
 * The store's numbers: the next record's, the first since the store was
 * last emptied, and how many paths have one.  Numbers are never reused,
 * even when the store is emptied, so that a record a damaged database
 * brings back can never be taken for another.
 */
struct post_meta {
	uint64_t next, base, paths;
};

static int
meta_get(struct index *ix, struct post_meta *m)
{
	struct sbuf k, v;
	struct tval_rd rd;
	int rc;

	sb_init(&k);
	sb_init(&v);
	sb_addc(&k, 'm');
	m->next = m->base = 1;
	m->paths = 0;
	rc = post_get(ix, &k, &v, &rd);
	if (rc == 1 &&
	    (tval_read_uint(&rd, UINT64_MAX / 2, &m->next) < 0 ||
		tval_read_uint(&rd, m->next, &m->base) < 0 ||
		tval_read_uint(&rd, m->next, &m->paths) < 0 || rd.p != rd.end))
		rc = -1;
	sb_release(&k);
	sb_release(&v);
	return rc;
}

/* Seal v and put it under k; fresh: k has no value (see doc_put). */
static int
put_sealed(struct index *ix, const struct sbuf *k, struct sbuf *v, int fresh)
{
	post_seal(k, v);
	return fresh ? index_kv_add(ix, k->s, k->len, v->s, v->len)
		     : index_kv_put(ix, k->s, k->len, v->s, v->len);
}

static int
meta_put(struct index *ix, const struct post_meta *m)
{
	struct sbuf k, v;
	int rc;

	sb_init(&k);
	sb_init(&v);
	sb_addc(&k, 'm');
	post_value(&v);
	tval_pack_uint(&v, m->next);
	tval_pack_uint(&v, m->base);
	tval_pack_uint(&v, m->paths);
	rc = put_sealed(ix, &k, &v, 0);
	sb_release(&k);
	sb_release(&v);
	return rc;
}

/*
 * Write record r as number num, counting in m a path that had none:
 * 1, 0 when it is not kept (racily clean), -1 on a failure.  fresh: the
 * store was emptied in this transaction, so that nothing need be read
 * (a path has no record yet, a stem no list) or trimmed.
 */
static int
doc_put(struct index *ix, const struct index_post_new *r, uint64_t num,
    struct post_meta *m, int fresh)
{
	struct sbuf k, v;
	int64_t id[ID_N];
	int rc = -1, i;

	if (index_ident_of(&r->st, id) < 0 ||
	    !index_ident_settled(id, r->stamp))
		return 0; /* racily clean: never trusted, not kept */
	sb_init(&k);
	sb_init(&v);
	key_doc(&k, r->relpath);
	if ((i = fresh ? 0 : index_kv_get(ix, k.s, k.len, &v)) < 0)
		goto out;
	m->paths += i == 0;
	post_value(&v);
	for (i = 0; i < ID_N; i++)
		pack_int(&v, id[i]);
	pack_int(&v, r->stamp);
	tval_pack_uint(&v, r->key);
	tval_pack_uint(&v, num);
	tval_pack_uint(&v, r->d.irregular != 0);
	for (i = 0; i < POST_NFIELDS; i++)
		tval_pack_uint(&v, r->d.len[i]);
	sb_addn(&v, (const char *)r->d.bloom, POST_BLOOM);
	rc = put_sealed(ix, &k, &v, fresh) < 0 ? -1 : 1;
out:
	sb_release(&k);
	sb_release(&v);
	return rc;
}

/* The new records of a write, in path order (lists_add's o), with the
 * number each is written as (0: not written). */
struct adds {
	const struct index_post_new *const *o;
	const uint64_t *num;
	size_t n;
};

/*
 * The entries a write adds to one list, packed as its value holds them
 * (list_add), the first one's number taken from 0, in the order of the
 * records: their numbers increase.
 */
struct post_list {
	const char *algo, *stem; /* its stemmer ("": none) and stem */
	struct sbuf v;
	uint64_t first, last;
	size_t n;
};

/* The order of lists, as of their keys: by stemmer, then stem. */
static int
cmp_list(const struct post_list *l, const char *algo, const char *stem)
{
	int c = l->algo == algo ? 0 : strcmp(l->algo, algo);

	return c != 0 ? c : strcmp(l->stem, stem);
}

/* The hash of a list, from its stem's (the low 32 bits post_make kept,
 * else made) and its stemmer's (ah). */
static uint64_t
list_hash(const struct post_doc *d, size_t j, const char *stem, uint64_t ah)
{
	uint64_t h =
	    d->hash != NULL ? d->hash[j] : (uint32_t)post_stem_hash(stem);

	h = (h ^ ah) * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ (h >> 29);
}

/* A slot of make_lists' table: a list's hash, and its number + 1. */
struct list_slot {
	uint64_t h;
	uint32_t g;
};

static struct list_slot *
slots_grow(struct list_slot *old, size_t oc, size_t cap)
{
	struct list_slot *v = xcalloc(cap, sizeof(*v));
	size_t i, j;

	for (i = 0; i < oc; i++) {
		if (old[i].g == 0)
			continue;
		j = (size_t)old[i].h & (cap - 1);
		while (v[j].g != 0)
			j = (j + 1) & (cap - 1);
		v[j] = old[i];
	}
	free(old);
	return v;
}

/* An entry at v's end: the step from the last entry's number, then
 * the n bytes of its packed counts.  Written in place: a first search
 * adds some 860,000 entries at 10,000 terms. */
static void
list_put(struct sbuf *v, uint64_t step, const unsigned char *tf, size_t n)
{
	unsigned char *p;

	if (v->cap - v->len <= VARINT_MAX + n)
		sb_reserve(v, VARINT_MAX + n);
	p = varint_put((unsigned char *)v->s + v->len, step);
	memcpy(p, tf, n);
	v->len = (size_t)((char *)p + n - v->s);
	v->s[v->len] = '\0';
}

/*
 * The entries of the written records, each packed at once into its
 * list's value, in one pass over the records: *out, their number in
 * *nout; the caller frees each one's v and *out.  Returns 0, or -1 when
 * a record's counts are malformed.  The table holds the lists, not the
 * entries: at 100,000 terms 8.6 M entries fall in some 150,000 lists,
 * and a table sized for the entries (64 MB) missed the cache at every
 * probe, as did a second pass that copied each entry to its list.  An
 * entry's counts are copied as the record holds them, packed.
 */
static int
make_lists(const struct adds *s, struct post_list **out, size_t *nout)
{
	size_t cap = 1024, nl = 512, ng = 0, i, j, k;
	struct list_slot *slot = xcalloc(cap, sizeof(*slot));
	struct post_list *v = xreallocarray(NULL, nl, sizeof(*v)), *l;
	const unsigned char *q, *q0, *end;
	unsigned tf[POST_NFIELDS];
	const char *algo, *stem;
	uint64_t h, ah, id;
	int rc = 0;

	for (i = 0; i < s->n && rc == 0; i++) {
		const struct post_doc *d = &s->o[i]->d;

		if ((id = s->num[i]) == 0)
			continue;
		algo = d->algo != NULL ? d->algo : "";
		ah = post_stem_hash(algo) * UINT64_C(0xff51afd7ed558ccd);
		stem = d->pool;
		q = d->tf;
		end = d->tf + d->tflen;
		for (k = 0; k < d->nstems; k++, stem += strlen(stem) + 1) {
			q0 = q;
			if (post_tf_get(&q, end, tf) < 0) {
				rc = -1;
				break;
			}
			h = list_hash(d, k, stem, ah);
			j = (size_t)h & (cap - 1);
			while (slot[j].g != 0 &&
			    (slot[j].h != h ||
				cmp_list(&v[slot[j].g - 1], algo, stem) != 0))
				j = (j + 1) & (cap - 1);
			if (slot[j].g == 0) {
				if (ng == UINT32_MAX - 1) {
					rc = -1; /* past slot's numbers */
					break;
				}
				if (ng == nl) {
					nl *= 2;
					v = xreallocarray(v, nl, sizeof(*v));
				}
				memset(&v[ng], 0, sizeof(v[ng]));
				v[ng].algo = algo;
				v[ng].stem = stem;
				v[ng].first = id;
				slot[j].h = h;
				slot[j].g = (uint32_t)++ng;
				l = &v[ng - 1];
				if (2 * ng > cap) {
					slot = slots_grow(slot, cap, 2 * cap);
					cap *= 2;
				}
			} else
				l = &v[slot[j].g - 1];
			list_put(&l->v, id - l->last, q0, (size_t)(q - q0));
			l->last = id;
			l->n++;
		}
	}
	free(slot);
	*out = v;
	*nout = ng;
	return rc;
}

/* Add the entries l made to its list (fresh: it has none, see
 * doc_put).  -2: it is damaged. */
static int
list_add(struct index *ix, const struct post_list *l, int fresh)
{
	const char *algo = l->algo, *stem = l->stem;
	struct index_post_ref *old = NULL;
	struct tval_rd rd;
	struct sbuf k, v;
	size_t nold = 0, i;
	uint64_t last = 0, first;
	int rc;

	sb_init(&k);
	sb_init(&v);
	rc = fresh ? 0 : index_post_stem(ix, algo, stem, &old, &nold);
	if (rc < 0 || (nold > 0 && old[nold - 1].id >= l->first)) {
		rc = -2;
		goto out;
	}
	key_stem(&k, algo, stem);
	post_value(&v);
	tval_pack_uint(&v, nold + l->n);
	for (i = 0; i < nold; i++) {
		tval_pack_uint(&v, old[i].id - last);
		pack_tf(&v, old[i].tf);
		last = old[i].id;
	}
	/* The first new entry's number, packed from 0, follows the last
	 * old one's. */
	rd.p = (const unsigned char *)l->v.s;
	rd.end = rd.p + l->v.len;
	if (tval_read_uint(&rd, UINT64_MAX, &first) < 0 || first != l->first) {
		rc = -1;
		goto out;
	}
	tval_pack_uint(&v, first - last);
	sb_addn(&v, (const char *)rd.p, (size_t)(rd.end - rd.p));
	rc = put_sealed(ix, &k, &v, fresh);
out:
	free(old);
	sb_release(&k);
	sb_release(&v);
	return rc;
}

/* Lists in the order of their keys: by stemmer, then stem. */
static int
cmp_lists(const void *x, const void *y)
{
	const struct post_list *b = *(const struct post_list *const *)y;

	return cmp_list(*(const struct post_list *const *)x, b->algo, b->stem);
}

/*
 * Add the stems of the new records *o[0..n) to the lists, one list at
 * a time in the order of their keys: b-tree inserts in key order fill
 * the pages, where inserts in random order leave them a third empty.
 */
static int
lists_add(struct index *ix, const struct index_post_new *const *o, size_t n,
    const uint64_t *num, int fresh)
{
	struct post_list *v, **by;
	struct adds s;
	size_t i, ng;
	int rc = 0;

	s.o = o;
	s.num = num;
	s.n = n;
	rc = make_lists(&s, &v, &ng);
	by = xcalloc(ng + 1, sizeof(*by));
	for (i = 0; i < ng; i++)
		by[i] = &v[i];
	if (ng > 1)
		qsort(by, ng, sizeof(*by), cmp_lists);
	for (i = 0; i < ng && rc == 0; i++)
		rc = list_add(ix, by[i], fresh);
	for (i = 0; i < ng; i++)
		sb_release(&v[i].v);
	free(by);
	free(v);
	return rc;
}

/* Records by path: their keys' order (see lists_add). */
static int
cmp_new(const void *x, const void *y)
{
	return strcmp((*(const struct index_post_new *const *)x)->relpath,
	    (*(const struct index_post_new *const *)y)->relpath);
}

/*
 * The time in nanoseconds, to the nanosecond: a store made again takes
 * its numbers from it, so it must move between two runs however close
 * (the run's stamp is the coarse clock, which can stand still for
 * milliseconds; the numbers of the store before would then come back).
 */
static uint64_t
fine_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0 || ts.tv_sec < 0)
		return 1;
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int
index_post_write(struct index *ix, const struct index_post_new *r, size_t n)
{
	const struct index_post_new **o;
	struct post_meta m;
	uint64_t *num;
	size_t i;
	int rc, fresh = 0;

	if (n == 0 || index_kv_begin(ix) < 0)
		return -1;
	/* None (the numbers could be reused), damaged, or mostly stale:
	 * start again from nothing, with numbers above any given before
	 * (the time in nanoseconds is, when the old ones are lost). */
	rc = meta_get(ix, &m);
	if (rc <= 0 ||
	    (m.next - m.base - m.paths > POST_COMPACT &&
		m.next - m.base > 2 * m.paths)) {
		uint64_t now = fine_now();

		if (index_kv_clear(ix) < 0)
			return -1;
		m.base = m.next > now ? m.next : now;
		m.next = m.base;
		m.paths = 0;
		fresh = 1;
	}
	rc = 0;
	num = xcalloc(n, sizeof(*num));
	o = xcalloc(n, sizeof(*o));
	for (i = 0; i < n; i++)
		o[i] = &r[i];
	qsort(o, n, sizeof(*o), cmp_new);
	for (i = 1; i < n && fresh; i++) /* a path's second record reads
					    and replaces its first */
		if (strcmp(o[i - 1]->relpath, o[i]->relpath) == 0)
			fresh = 0;
	for (i = 0; i < n && rc >= 0; i++)
		if ((rc = doc_put(ix, o[i], m.next, &m, fresh)) == 1)
			num[i] = m.next++;
	if (rc >= 0)
		rc = lists_add(ix, o, n, num, fresh);
	if (rc == -2) /* a damaged list: none can be trusted */
		rc = index_kv_clear(ix) < 0 ? -1 : -2;
	else if (rc >= 0)
		rc = meta_put(ix, &m);
	free(o);
	free(num);
	return rc < 0 ? -1 : 0;
}

int
index_post_clear(struct index *ix)
{
	return index_kv_clear(ix);
}
