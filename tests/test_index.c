/*
 * The index and its packing, linked only with index.o, tval_pack.o and
 * the layers below: round trips, every identity field, racily clean
 * entries, pruning, and a cache that is corrupt, truncated, foreign,
 * unwritable, full or locked by another writer; search's postings.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#include "index.h"
#include "index_int.h"
#include "index_post.h"
#include "tval_pack.h"

/* ---- trees ---- */

static void
mk_str(struct tval *v, const char *s, int scalar, unsigned line)
{
	memset(v, 0, sizeof(*v));
	v->type = TV_STR;
	v->str = xstrdup(s);
	v->scalar = (enum tval_scalar)scalar;
	v->line = line;
	v->col = 3;
}

/* {term: Churn, aliases: [attrition, "logo churn"], x: {y: ~}} */
static void
mk_tree(struct tval *root)
{
	struct tval *al, *x;

	memset(root, 0, sizeof(*root));
	root->type = TV_MAP;
	root->line = 2;
	root->col = 1;
	root->n = 3;
	root->items = xcalloc(3, sizeof(*root->items));
	root->keys = xcalloc(3, sizeof(*root->keys));
	root->keys[0] = xstrdup("term");
	mk_str(&root->items[0], "Churn", TS_STR, 2);
	root->keys[1] = xstrdup("aliases");
	al = &root->items[1];
	al->type = TV_SEQ;
	al->line = 3;
	al->n = 2;
	al->items = xcalloc(2, sizeof(*al->items));
	mk_str(&al->items[0], "attrition", TS_STR, 3);
	mk_str(&al->items[1], "logo churn", TS_STR, 4);
	root->keys[2] = xstrdup("x");
	x = &root->items[2];
	x->type = TV_MAP;
	x->line = 4000000000u; /* positions keep all 32 bits */
	x->n = 1;
	x->items = xcalloc(1, sizeof(*x->items));
	x->keys = xcalloc(1, sizeof(*x->keys));
	x->keys[0] = xstrdup("y");
	mk_str(&x->items[0], "~", TS_NULL, 5);
}

static void
assert_tv_equal(const struct tval *a, const struct tval *b)
{
	size_t i;

	assert_int_equal(a->type, b->type);
	assert_int_equal(a->scalar, b->scalar);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->col, b->col);
	if (a->type == TV_STR) {
		assert_string_equal(a->str, b->str);
		return;
	}
	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		if (a->type == TV_MAP)
			assert_string_equal(a->keys[i], b->keys[i]);
		assert_tv_equal(&a->items[i], &b->items[i]);
	}
}

static void
test_tval_round_trip(void **state)
{
	struct tval t, u;
	struct sbuf a, b;

	(void)state;
	mk_tree(&t);
	sb_init(&a);
	sb_init(&b);
	assert_int_equal(tval_pack(&t, &a), 0);
	assert_int_equal(tval_unpack(a.s, a.len, &u), 0);
	assert_tv_equal(&t, &u);
	assert_int_equal(tval_pack(&u, &b), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.s, b.s, a.len);
	tval_release(&t);
	tval_release(&u);
	sb_release(&a);
	sb_release(&b);
}

/* Every proper prefix, every extension and every one-byte change that
 * makes the input malformed fails cleanly, with *out left empty. */
static void
test_tval_malformed(void **state)
{
	struct tval t, u;
	struct sbuf a;
	size_t i;
	char *c;

	(void)state;
	mk_tree(&t);
	sb_init(&a);
	assert_int_equal(tval_pack(&t, &a), 0);
	for (i = 0; i < a.len; i++) {
		assert_int_equal(tval_unpack(a.s, i, &u), -1);
		assert_null(u.items);
		assert_int_equal(u.n, 0);
	}
	c = xmalloc(a.len + 1);
	memcpy(c, a.s, a.len);
	c[a.len] = 0;
	assert_int_equal(tval_unpack(c, a.len + 1, &u), -1); /* trailing */
	c[0] = TVAL_PACK_VERSION + 1;
	assert_int_equal(tval_unpack(c, a.len, &u), -1); /* version */
	free(c);
	/* Hand-made: type 3, scalar 5, overlong varint, NUL, huge count. */
	assert_int_equal(tval_unpack("\x02\x03\x00\x01\x01\x00", 6, &u), -1);
	assert_int_equal(tval_unpack("\x02\x00\x05\x01\x01\x00", 6, &u), -1);
	assert_int_equal(
	    tval_unpack("\x02\x00\x00\x81\x00\x01\x00", 7, &u), -1);
	assert_int_equal(
	    tval_unpack("\x02\x00\x00\x01\x01\x01\x00", 7, &u), -1);
	assert_int_equal(tval_unpack("\x02\x00\x00\x01\x01\x01x", 7, &u), 0);
	assert_string_equal(u.str, "x");
	tval_release(&u);
	assert_int_equal(
	    tval_unpack("\x02\x01\x00\x01\x01\xff\xff\xff\x0f", 9, &u), -1);
	/* A length that counts its own byte: "xy" lies past the end. */
	assert_int_equal(tval_unpack("\x02\x00\x00\x01\x01\x02xy", 7, &u), -1);
	tval_release(&t);
	sb_release(&a);
}

static void
test_tval_limits(void **state)
{
	struct tval t, *v;
	struct sbuf a;
	int i;

	(void)state;
	sb_init(&a);
	memset(&t, 0, sizeof(t)); /* a scalar with no string */
	assert_int_equal(tval_pack(&t, &a), -1);
	mk_str(&t, "s", TS_FLOAT + 1, 1); /* no such scalar type */
	sb_release(&a);
	assert_int_equal(tval_pack(&t, &a), -1);
	tval_release(&t);
	/* 100 nested sequences: deeper than any packing accepts. */
	memset(&t, 0, sizeof(t));
	for (v = &t, i = 0; i < 100; i++) {
		v->type = TV_SEQ;
		v->n = 1;
		v->items = xcalloc(1, sizeof(*v->items));
		v = v->items;
	}
	mk_str(v, "deep", TS_STR, 1);
	sb_release(&a);
	assert_int_equal(tval_pack(&t, &a), -1);
	tval_release(&t);
	/* The same nesting, hand-packed, is refused when read. */
	sb_release(&a);
	sb_addc(&a, TVAL_PACK_VERSION);
	for (i = 0; i < 100; i++)
		sb_addn(&a, "\x01\x00\x01\x01\x01", 5);
	sb_addn(&a, "\x00\x00\x01\x01\x01x", 6);
	assert_int_equal(tval_unpack(a.s, a.len, &t), -1);
	sb_release(&a);
}

static void
test_diag_round_trip(void **state)
{
	struct diag d, e;
	struct sbuf a;
	size_t i;

	(void)state;
	diag_init(&d);
	diag_init(&e);
	sb_init(&a);
	diag_add(&d, DIAG_MISSING_KEY, "old/x.md", 3, 7, "term");
	diag_add(&d, DIAG_DUPLICATE_KEY, "other.md", 0, 0, "x");
	diag_add(&d, DIAG_NO_FRONT_MATTER, NULL, 1, 1);
	assert_int_equal(tval_pack_diag(&d, "old/x.md", &a), 0);
	assert_int_equal(tval_unpack_diag(a.s, a.len, "new/x.md", &e), 0);
	assert_int_equal(e.n, 3);
	assert_int_equal(e.nerr, 1);
	assert_int_equal(e.nwarn, 1);
	assert_string_equal(e.v[0].file, "new/x.md"); /* renamed */
	assert_int_equal(e.v[0].code, DIAG_MISSING_KEY);
	assert_int_equal(e.v[0].level, DIAG_ERROR);
	assert_int_equal(e.v[0].line, 3);
	assert_int_equal(e.v[0].col, 7);
	assert_string_equal(e.v[0].msg, "missing required key 'term'");
	assert_string_equal(e.v[1].file, "other.md");
	assert_int_equal(e.v[1].code, DIAG_DUPLICATE_KEY);
	assert_null(e.v[2].file);
	assert_int_equal(e.v[2].code, DIAG_NO_FRONT_MATTER);
	for (i = 0; i < a.len; i++) {
		assert_int_equal(tval_unpack_diag(a.s, i, "y", &e), -1);
		assert_int_equal(e.n, 3); /* nothing added */
	}
	/* A code this gloss does not know: one message, code "no-such". */
	assert_int_equal(tval_unpack_diag("\x02\x01\x07no-such\x00\x00\x00"
					  "\x01m",
			     15, "y", &e),
	    -1);
	assert_int_equal(tval_unpack_diag("\x02\x01\x07utf16xx\x00\x00\x00"
					  "\x01m",
			     15, "y", &e),
	    -1);
	assert_int_equal(tval_unpack_diag("\x02\x01\x05utf16\x00\x00\x00"
					  "\x01m",
			     13, "y", &e),
	    0);
	assert_int_equal(e.v[3].code, DIAG_UTF16);
	assert_string_equal(e.v[3].msg, "m");
	diag_release(&d);
	diag_release(&e);
	sb_release(&a);
}

/* ---- the index ---- */

struct fx {
	char *tmp, *root, *cache;
};

static int
fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	char tmpl[] = "/tmp/gloss-test-index-XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	f->tmp = xstrdup(tmpl);
	f->root = xasprintf("%s/glossary", tmpl);
	f->cache = xasprintf("%s/cache/gloss", tmpl);
	assert_int_equal(mkdir(f->root, 0755), 0);
	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("chmod -R u+w '%s'; rm -rf '%s'", f->tmp, f->tmp);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->tmp);
	free(f->root);
	free(f->cache);
	free(f);
	return 0;
}

/* A stat of a file settled long before stamp. */
static struct stat
mk_stat(int64_t stamp)
{
	struct stat st;
	int64_t t = stamp - 10 * INDEX_RACY_NS;

	memset(&st, 0, sizeof(st));
	st.st_dev = 11;
	st.st_ino = 22;
	st.st_size = 333;
	st.st_mode = S_IFREG | 0644;
	st.st_mtim.tv_sec = (time_t)(t / 1000000000);
	st.st_mtim.tv_nsec = (long)(t % 1000000000);
	st.st_ctim = st.st_mtim;
	return st;
}

static void
mk_rec(struct index_rec *r)
{
	index_rec_init(r);
	r->kind = 2;
	diag_add(&r->diag, DIAG_DUPLICATE_KEY, "g/a.md", 2, 9, "aliases");
	r->data = (unsigned char *)xstrdup("row bytes");
	r->datalen = 9;
}

static void
assert_rec_equal(const struct index_rec *a, const struct index_rec *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->diag.n, b->diag.n);
	assert_int_equal(a->data != NULL, b->data != NULL);
	assert_int_equal(a->datalen, b->datalen);
	if (a->datalen > 0)
		assert_memory_equal(a->data, b->data, a->datalen);
}

/* The index of f opened with no message: NULL when there is none. */
static struct index *
open_none(struct fx *f, int flags)
{
	struct diag d;
	struct index *ix;

	diag_init(&d);
	ix = index_open(f->cache, f->root, flags, &d);
	if (d.n > 0)
		print_message("%s: %s\n", d.v[0].file, d.v[0].msg);
	assert_int_equal(d.n, 0);
	diag_release(&d);
	return ix;
}

static struct index *
open_ok(struct fx *f, int flags)
{
	struct index *ix = open_none(f, flags);

	assert_non_null(ix);
	return ix;
}

static void
close_ok(struct index *ix)
{
	struct diag d;

	diag_init(&d);
	assert_int_equal(index_close(ix, &d), 0);
	assert_int_equal(d.n, 0);
	diag_release(&d);
}

/* Store the record of mk_rec as a.md with mk_stat's identity. */
static void
put_a(struct fx *f, struct stat *st)
{
	struct index *ix = open_ok(f, 0);
	struct index_rec r;

	*st = mk_stat(index_stamp(ix));
	mk_rec(&r);
	assert_int_equal(index_put(ix, "a.md", "g/a.md", st, &r), 0);
	index_rec_release(&r);
	close_ok(ix);
}

/* Whether a.md is served for st by a new handle. */
static int
hit_a(struct fx *f, const struct stat *st)
{
	struct index *ix = open_ok(f, 0);
	struct index_rec r, want;
	int hit;

	hit = index_lookup(ix, "a.md", "h/a.md", st, &r);
	if (hit) {
		mk_rec(&want);
		assert_rec_equal(&want, &r);
		assert_string_equal(r.diag.v[0].file, "h/a.md");
		index_rec_release(&want);
	} else {
		assert_null(r.data);
		assert_int_equal(r.diag.n, 0);
	}
	index_rec_release(&r);
	close_ok(ix);
	return hit;
}

static void
test_index_round_trip(void **state)
{
	struct fx *f = *state;
	struct stat st;
	struct index *ix;
	struct index_rec r;
	char *p, *q;

	put_a(f, &st);
	assert_true(hit_a(f, &st));
	/* A record with no data and no messages. */
	ix = open_ok(f, 0);
	index_rec_init(&r);
	r.kind = 1;
	assert_int_equal(index_put(ix, "b/c.md", "b/c.md", &st, &r), 0);
	close_ok(ix);
	ix = open_ok(f, 0);
	assert_int_equal(index_lookup(ix, "b/c.md", "b/c.md", &st, &r), 1);
	assert_int_equal(r.kind, 1);
	assert_null(r.data);
	index_rec_release(&r);
	close_ok(ix);
	/* Data of no bytes is not no data; bytes with NULs come back. */
	{
		static const char bin[] = "a\0b\0";
		struct index_rec w, got;
		size_t k;

		for (k = 0; k < 2; k++) {
			ix = open_ok(f, 0);
			index_rec_init(&w);
			w.datalen = k == 0 ? 0 : sizeof(bin);
			w.data = xmalloc(sizeof(bin));
			memcpy(w.data, bin, sizeof(bin));
			assert_int_equal(
			    index_put(ix, "p.md", "g/a.md", &st, &w), 0);
			close_ok(ix);
			ix = open_ok(f, 0);
			assert_int_equal(
			    index_lookup(ix, "p.md", "g/a.md", &st, &got), 1);
			assert_rec_equal(&w, &got);
			index_rec_release(&w);
			index_rec_release(&got);
			close_ok(ix);
		}
	}
	/* One database per real path, however the directory is named. */
	p = xasprintf("%s/../glossary/.", f->root);
	q = index_file(f->cache, p);
	free(p);
	p = index_file(f->cache, f->root);
	assert_string_equal(p, q);
	assert_int_equal(access(q, F_OK), 0);
	free(p);
	free(q);
}

static void
test_index_identity(void **state)
{
	struct fx *f = *state;
	struct stat st, s2;

	put_a(f, &st);
	assert_true(hit_a(f, &st));
	s2 = st, s2.st_dev++;
	assert_false(hit_a(f, &s2));
	s2 = st, s2.st_ino++;
	assert_false(hit_a(f, &s2));
	s2 = st, s2.st_size++;
	assert_false(hit_a(f, &s2));
	s2 = st, s2.st_mode ^= 0100;
	assert_false(hit_a(f, &s2));
	s2 = st, s2.st_mtim.tv_nsec ^= 1;
	assert_false(hit_a(f, &s2));
	s2 = st, s2.st_ctim.tv_nsec ^= 1;
	assert_false(hit_a(f, &s2));
	s2 = st, s2.st_mtim.tv_sec--;
	assert_false(hit_a(f, &s2));
	assert_true(hit_a(f, &st)); /* misses did not disturb it */
	/* Another path, or a file the index never saw. */
	{
		struct index *ix = open_ok(f, 0);
		struct index_rec r;

		assert_int_equal(index_lookup(ix, "A.md", "A.md", &st, &r), 0);
		assert_int_equal(index_lookup(ix, "a.md/", "a", &st, &r), 0);
		close_ok(ix);
	}
}

/* Set st's mtime and ctime to stamp - back nanoseconds. */
static void
at(struct stat *st, int64_t stamp, int64_t back, int which)
{
	int64_t t = stamp - back;
	struct timespec ts = {(time_t)(t / 1000000000), (long)(t % 1000000000)};

	if (which & 1)
		st->st_mtim = ts;
	if (which & 2)
		st->st_ctim = ts;
}

static void
test_index_racy(void **state)
{
	struct fx *f = *state;
	struct index *ix;
	struct index_rec r;
	struct stat st;
	int64_t s;
	int which;

	for (which = 1; which <= 3; which++) {
		ix = open_ok(f, 0);
		s = index_stamp(ix);
		st = mk_stat(s);
		mk_rec(&r);
		/* Changed within the last tick: never written. */
		at(&st, s, INDEX_RACY_NS - 1, which);
		assert_int_equal(index_put(ix, "a.md", "g/a.md", &st, &r), -1);
		/* A time in the future, the same. */
		at(&st, s, -INDEX_RACY_NS * 100, which);
		assert_int_equal(index_put(ix, "a.md", "g/a.md", &st, &r), -1);
		/* Exactly one tick old: settled. */
		at(&st, s, INDEX_RACY_NS, which);
		assert_int_equal(index_put(ix, "a.md", "g/a.md", &st, &r), 0);
		index_rec_release(&r);
		close_ok(ix);
		assert_true(hit_a(f, &st));
	}
	/* Times no nanosecond count can hold. */
	ix = open_ok(f, 0);
	st = mk_stat(index_stamp(ix));
	st.st_mtim.tv_sec = (time_t)INT64_MAX;
	mk_rec(&r);
	assert_int_equal(index_put(ix, "a.md", "g/a.md", &st, &r), -1);
	index_rec_release(&r);
	assert_int_equal(index_lookup(ix, "a.md", "a.md", &st, &r), 0);
	close_ok(ix);
}

static void
test_index_flags_prune(void **state)
{
	struct fx *f = *state;
	struct index *ix;
	struct index_rec r;
	struct stat st;

	put_a(f, &st);
	ix = open_ok(f, INDEX_NOREAD);
	assert_int_equal(index_lookup(ix, "a.md", "a.md", &st, &r), 0);
	mk_rec(&r);
	assert_int_equal(index_put(ix, "b.md", "b.md", &st, &r), 0);
	index_rec_release(&r);
	close_ok(ix);
	ix = open_ok(f, INDEX_NOWRITE);
	mk_rec(&r);
	assert_int_equal(index_put(ix, "c.md", "c.md", &st, &r), -1);
	index_rec_release(&r);
	assert_int_equal(index_lookup(ix, "b.md", "b.md", &st, &r), 1);
	index_rec_release(&r);
	close_ok(ix);
	/* Only b.md seen: a.md is pruned. */
	ix = open_ok(f, 0);
	assert_int_equal(index_lookup(ix, "b.md", "b.md", &st, &r), 1);
	index_rec_release(&r);
	index_prune(ix);
	close_ok(ix);
	assert_false(hit_a(f, &st));
	ix = open_ok(f, 0);
	assert_int_equal(index_lookup(ix, "b.md", "b.md", &st, &r), 1);
	index_rec_release(&r);
	close_ok(ix);
}

/* Entries written under one context are misses under another. */
static void
test_index_context(void **state)
{
	struct fx *f = *state;
	struct index *ix;
	struct index_rec r;
	struct stat st;
	const char *ctx[] = {"keys: a", "keys: b", NULL};
	int w, l;

	for (w = 0; w < 3; w++) {
		ix = open_ok(f, 0);
		index_context(ix, ctx[w], ctx[w] ? strlen(ctx[w]) : 0);
		st = mk_stat(index_stamp(ix));
		mk_rec(&r);
		assert_int_equal(index_put(ix, "a.md", "g/a.md", &st, &r), 0);
		index_rec_release(&r);
		close_ok(ix);
		for (l = 0; l < 3; l++) {
			ix = open_ok(f, 0);
			index_context(ix, ctx[l], ctx[l] ? strlen(ctx[l]) : 0);
			assert_int_equal(
			    index_lookup(ix, "a.md", "g/a.md", &st, &r),
			    w == l);
			index_rec_release(&r);
			close_ok(ix);
		}
	}
}

/* Many files, half of them gone: the set of files seen grows past its
 * first size, and only the gone half is pruned. */
static void
test_index_prune_many(void **state)
{
	struct fx *f = *state;
	struct index *ix;
	struct index_rec r, e;
	struct stat st;
	char name[32];
	int i;

	ix = open_ok(f, 0);
	st = mk_stat(index_stamp(ix));
	index_rec_init(&e);
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "d%d/f%d.md", i % 7, i);
		assert_int_equal(index_put(ix, name, name, &st, &e), 0);
	}
	close_ok(ix);
	ix = open_ok(f, 0);
	for (i = 0; i < 1000; i += 2) {
		snprintf(name, sizeof(name), "d%d/f%d.md", i % 7, i);
		assert_int_equal(index_lookup(ix, name, name, &st, &r), 1);
		index_rec_release(&r);
	}
	index_prune(ix);
	close_ok(ix);
	ix = open_ok(f, 0);
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "d%d/f%d.md", i % 7, i);
		assert_int_equal(
		    index_lookup(ix, name, name, &st, &r), i % 2 == 0);
		index_rec_release(&r);
	}
	close_ok(ix);
}

/*
 * A run's rows are committed in batches (index.c, INDEX_COMMIT_ROWS):
 * those committed stay when another writer takes the lock in between,
 * and the run that lost it stops writing, without a warning.
 */
static void
test_index_commit_batches(void **state)
{
	struct fx *f = *state;
	struct index *a, *b;
	struct index_rec r, e;
	struct stat st;
	char name[32];
	int i;

	/* Batches are the WAL's: of an index that is there, not a build. */
	close_ok(open_ok(f, 0));
	a = open_ok(f, 0);
	st = mk_stat(index_stamp(a));
	index_rec_init(&e);
	for (i = 0; i < 256; i++) {
		snprintf(name, sizeof(name), "r%03d.md", i);
		assert_int_equal(index_put(a, name, name, &st, &e), 0);
	}
	b = open_ok(f, 0);
	assert_int_equal(index_put(b, "zz.md", "zz.md", &st, &e), 0);
	assert_int_equal(index_put(a, "r256.md", "r256.md", &st, &e), -1);
	close_ok(a);
	close_ok(b);
	a = open_ok(f, 0);
	for (i = 0; i <= 256; i++) {
		snprintf(name, sizeof(name), "r%03d.md", i);
		assert_int_equal(index_lookup(a, name, name, &st, &r), i < 256);
		index_rec_release(&r);
	}
	assert_int_equal(index_lookup(a, "zz.md", "zz.md", &st, &r), 1);
	index_rec_release(&r);
	close_ok(a);
}

/*
 * Lookups in path order sweep the rows (index.c, ix_seek), and a sweep
 * that saw every row lets index_prune skip its scan: a row not asked
 * for -- before the first lookup, between two, after the last -- must
 * still be pruned, and one asked for kept.
 */
static void
test_index_prune_sweep(void **state)
{
	static const char *const paths[] = {"a.md", "b.md", "c.md", "d/e.md"};
	static const char *const asks[] = {
	    "1111", "0111", "1011", "1110", "1001"};
	struct fx *f = *state;
	struct index *ix;
	struct index_rec r, e;
	struct stat st;
	size_t k, i;

	for (k = 0; k < sizeof(asks) / sizeof(asks[0]); k++) {
		ix = open_ok(f, 0);
		st = mk_stat(index_stamp(ix));
		index_rec_init(&e);
		for (i = 0; i < 4; i++)
			assert_int_equal(
			    index_put(ix, paths[i], paths[i], &st, &e), 0);
		close_ok(ix);
		ix = open_ok(f, 0);
		for (i = 0; i < 4; i++) {
			if (asks[k][i] == '0')
				continue;
			assert_int_equal(
			    index_lookup(ix, paths[i], paths[i], &st, &r), 1);
			index_rec_release(&r);
		}
		index_prune(ix);
		close_ok(ix);
		ix = open_ok(f, 0);
		for (i = 0; i < 4; i++) { /* backwards: no sweep */
			const char *p = paths[3 - i];

			assert_int_equal(index_lookup(ix, p, p, &st, &r),
			    asks[k][3 - i] == '1');
			index_rec_release(&r);
		}
		close_ok(ix);
	}
}

/* ---- a fresh index, built aside (index_build.c) ---- */

static char *
db_of(struct fx *f)
{
	char *p = index_file(f->cache, f->root);

	assert_non_null(p);
	return p;
}

static int
same_inode(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev &&
	    x.st_ino == y.st_ino;
}

/* Whether file is a WAL database: the file format numbers of its header
 * (offsets 18 and 19) are 2. */
static int
is_wal(const char *file)
{
	unsigned char h[20];
	int fd = open(file, O_RDONLY), ok;

	assert_true(fd >= 0);
	ok = pread(fd, h, sizeof(h), 0) == (ssize_t)sizeof(h) && h[18] == 2 &&
	    h[19] == 2;
	close(fd);
	return ok;
}

/*
 * The first open builds in FILE.new, where no other open sees it: they
 * get no index (and make none) until it is closed, put in place whole,
 * in WAL mode, with its rows.  A build closed without committing is
 * thrown away.
 */
static void
test_index_build(void **state)
{
	struct fx *f = *state;
	char *db = db_of(f), *tmp = xasprintf("%s.new", db);
	struct index *a, *b;
	struct index_rec e, r;
	struct stat st, sb;

	assert_null(open_none(f, INDEX_NOWRITE)); /* no index, none made */
	assert_int_equal(lstat(tmp, &sb), -1);
	a = open_ok(f, 0);
	st = mk_stat(index_stamp(a));
	mk_rec(&e);
	assert_int_equal(index_put(a, "a.md", "a.md", &st, &e), 0);
	assert_int_equal(lstat(db, &sb), -1);
	assert_int_equal(lstat(tmp, &sb), 0);
	assert_null(open_none(f, 0)); /* another builds it */
	close_ok(a);
	assert_int_equal(lstat(tmp, &sb), -1);
	assert_true(is_wal(db));
	b = open_ok(f, INDEX_NOWRITE);
	assert_int_equal(index_lookup(b, "a.md", "a.md", &st, &r), 1);
	assert_rec_equal(&r, &e);
	index_rec_release(&r);
	close_ok(b);
	index_rec_release(&e);
	free(tmp);
	free(db);
}

/*
 * What builders that died leave: a FILE.new of garbage and its journal
 * (killed mid-build) is built over; a FILE.new that is FILE's second
 * name (killed between the link and the unlink), or any FILE.new beside
 * a FILE, is unnamed, FILE kept.
 * A live builder's lock keeps others out; a FILE that appears while a
 * build runs wins over it.
 */
static void
test_index_build_leftovers(void **state)
{
	struct fx *f = *state;
	char *db = db_of(f), *tmp = xasprintf("%s.new", db),
	     *jr = xasprintf("%s.new-journal", db),
	     *other = xasprintf("%s/other", f->tmp);
	struct index_build b;
	struct index *a;
	struct index_rec e;
	struct stat st, sb;
	int fd;

	/* Garbage and a journal, no lock. */
	assert_int_equal(index_make_dirs(f->cache), 0);
	fd = open(tmp, O_CREAT | O_WRONLY, 0644);
	assert_int_equal(write(fd, "not a database", 14), 14);
	close(fd);
	fd = open(jr, O_CREAT | O_WRONLY, 0644);
	assert_int_equal(write(fd, "junk", 4), 4);
	close(fd);
	a = open_ok(f, 0);
	st = mk_stat(index_stamp(a));
	mk_rec(&e);
	assert_int_equal(index_put(a, "a.md", "a.md", &st, &e), 0);
	close_ok(a);
	assert_true(is_wal(db));
	assert_int_equal(lstat(jr, &sb), -1);
	/* FILE.new, FILE's second name. */
	assert_int_equal(link(db, tmp), 0);
	assert_int_equal(index_build_begin(db, &b), 1);
	assert_int_equal(lstat(tmp, &sb), -1);
	assert_int_equal(lstat(db, &sb), 0);
	/* Garbage beside a FILE that is there: removed too. */
	fd = open(tmp, O_CREAT | O_WRONLY, 0644);
	close(fd);
	assert_int_equal(index_build_begin(db, &b), 1);
	assert_int_equal(lstat(tmp, &sb), -1);
	assert_true(is_wal(db));
	/* A live builder: its lock. */
	assert_int_equal(unlink(db), 0);
	assert_int_equal(index_build_begin(db, &b), 0);
	assert_null(open_none(f, 0));
	assert_int_equal(lstat(db, &sb), -1);
	/* FILE appears meanwhile: kept, the build thrown away. */
	fd = open(other, O_CREAT | O_WRONLY, 0644);
	close(fd);
	assert_int_equal(link(other, db), 0);
	assert_int_equal(index_build_end(&b, db, 1), 0);
	assert_true(same_inode(db, other));
	assert_int_equal(lstat(tmp, &sb), -1);
	index_rec_release(&e);
	free(other);
	free(jr);
	free(tmp);
	free(db);
}

/* ---- damaged caches ---- */

static void
write_at(const char *file, off_t off, const void *b, size_t n)
{
	int fd = open(file, O_WRONLY);

	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, b, n, off), (ssize_t)n);
	close(fd);
}

static off_t
file_size(const char *file)
{
	struct stat st;

	assert_int_equal(stat(file, &st), 0);
	return st.st_size;
}

/*
 * Whatever a damaged cache holds: opening it gives a handle with no
 * message or NULL with at most one warning; a hit is exactly what was
 * stored; and after one more run the cache works again.
 */
static void
assert_survives(struct fx *f, const struct stat *st)
{
	struct diag d;
	struct index *ix;
	struct index_rec r, want;
	struct stat again;

	diag_init(&d);
	ix = index_open(f->cache, f->root, 0, &d);
	assert_true(d.n <= 1);
	if (ix != NULL) {
		if (index_lookup(ix, "a.md", "g/a.md", st, &r)) {
			mk_rec(&want);
			assert_rec_equal(&want, &r);
			index_rec_release(&want);
		}
		index_rec_release(&r);
		mk_rec(&r);
		(void)index_put(ix, "a.md", "g/a.md", st, &r);
		index_rec_release(&r);
		index_close(ix, &d);
		assert_true(d.n <= 1);
	}
	diag_release(&d);
	put_a(f, &again);
	assert_true(hit_a(f, &again));
}

static void
test_index_corrupt(void **state)
{
	struct fx *f = *state;
	struct stat st;
	char *db = db_of(f), junk[4096];
	unsigned seed = 13;
	off_t size;
	int i, j;

	put_a(f, &st);
	/* Random bytes over the whole file: rebuilt without a word. */
	for (j = 0; j < (int)sizeof(junk); j++)
		junk[j] = (char)rand_r(&seed);
	write_at(db, 0, junk, sizeof(junk));
	{
		struct index *ix = open_ok(f, 0);
		struct index_rec r;

		assert_int_equal(index_lookup(ix, "a.md", "a", &st, &r), 0);
		close_ok(ix);
	}
	put_a(f, &st);
	assert_true(hit_a(f, &st));
	/* Single bytes at random offsets, many times over (faults.py does
	 * a thousand, through whole runs). */
	for (i = 0; i < (int)test_scale(50, 10); i++) {
		put_a(f, &st);
		size = file_size(db);
		junk[0] = (char)rand_r(&seed);
		write_at(db, (off_t)rand_r(&seed) % size, junk, 1);
		assert_survives(f, &st);
	}
	free(db);
}

/* The stored bytes of the record, altered: the row's checksum catches it. */
static void
test_index_row_checksum(void **state)
{
	struct fx *f = *state;
	struct stat st;
	char *db = db_of(f), *buf;
	off_t size, i;
	int fd, found = 0;

	put_a(f, &st);
	size = file_size(db);
	buf = xmalloc((size_t)size);
	fd = open(db, O_RDONLY);
	assert_int_equal(read(fd, buf, (size_t)size), (ssize_t)size);
	close(fd);
	for (i = 0; i + 9 <= size; i++)
		if (memcmp(buf + i, "row bytes", 9) == 0) {
			write_at(db, i, "row bytez", 9);
			found = 1;
		}
	assert_true(found);
	assert_false(hit_a(f, &st));
	free(buf);
	free(db);
}

static void
test_index_truncated_foreign(void **state)
{
	struct fx *f = *state;
	struct stat st;
	char *db = db_of(f);
	off_t size;
	unsigned char v[4] = {0, 0, 0x03, 0xe7}; /* user_version 999 */

	put_a(f, &st);
	size = file_size(db);
	assert_int_equal(truncate(db, size / 2), 0);
	assert_survives(f, &st);
	assert_int_equal(truncate(db, 0), 0);
	assert_survives(f, &st);
	put_a(f, &st);
	assert_int_equal(truncate(db, 10), 0);
	assert_survives(f, &st);
	/* Another version's index: emptied and rebuilt, silently. */
	put_a(f, &st);
	write_at(db, 60, v, 4);
	assert_false(hit_a(f, &st));
	put_a(f, &st);
	assert_true(hit_a(f, &st));
	free(db);
}

static void
assert_unusable(const char *cache, const char *root)
{
	struct diag d;

	diag_init(&d);
	assert_null(index_open(cache, root, 0, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.nwarn, 1);
	diag_release(&d);
}

static void
test_index_unwritable(void **state)
{
	struct fx *f = *state;
	struct diag d;
	char *file = xasprintf("%s/plain", f->tmp), *under, *db;
	int fd;

	/* The cache directory is under a regular file. */
	fd = open(file, O_CREAT | O_WRONLY, 0644);
	close(fd);
	under = xasprintf("%s/gloss", file);
	assert_unusable(under, f->root);
	/* The database's name is taken by a directory. */
	db = db_of(f);
	close_ok(open_ok(f, 0));
	assert_int_equal(unlink(db), 0);
	assert_int_equal(mkdir(db, 0700), 0);
	assert_unusable(f->cache, f->root);
	rmdir(db);
	/* A read-only directory, when permissions apply to us. */
	if (geteuid() != 0) {
		assert_int_equal(chmod(f->cache, 0500), 0);
		assert_unusable(f->cache, f->root);
		assert_int_equal(chmod(f->cache, 0700), 0);
	}
	/* A glossary that does not exist: the loader says so, not us. */
	diag_init(&d);
	assert_null(index_open(f->cache, "/nonexistent/glossary", 0, &d));
	assert_int_equal(d.n, 0);
	diag_release(&d);
	free(db);
	free(under);
	free(file);
}

/* A disk that fills up: RLIMIT_FSIZE makes every write past it fail. */
static void
test_index_full(void **state)
{
	struct fx *f = *state;
	struct rlimit old, lim;
	struct index *ix;
	struct index_rec r;
	struct diag d;
	struct stat st;
	char name[32], *db;
	int i, ok = 0;

	put_a(f, &st);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_IGN);
	lim = old;
	db = db_of(f);
	lim.rlim_cur = (rlim_t)file_size(db) + 8192;
	free(db);
	diag_init(&d);
	ix = index_open(f->cache, f->root, 0, &d);
	assert_non_null(ix);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	mk_rec(&r);
	free(r.data);
	r.datalen = 100000;
	r.data = xcalloc(1, r.datalen);
	for (i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "f%d.md", i);
		ok += index_put(ix, name, name, &st, &r) == 0;
	}
	index_rec_release(&r);
	assert_true(ok < 50);
	assert_int_equal(index_close(ix, &d), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.nwarn, 1);
	assert_true(diag_has(&d, "cannot write the index"));
	diag_release(&d);
	/* Nothing half-written is served; the old entry still is. */
	assert_true(hit_a(f, &st));
	ix = open_ok(f, 0);
	assert_int_equal(index_lookup(ix, "f0.md", "f0.md", &st, &r), 0);
	close_ok(ix);
}

/* Two writers: the second skips writing, silently; reading goes on. */
static void
test_index_two_writers(void **state)
{
	struct fx *f = *state;
	struct index *a, *b;
	struct index_rec r;
	struct stat st;

	put_a(f, &st);
	a = open_ok(f, 0);
	b = open_ok(f, 0);
	mk_rec(&r);
	assert_int_equal(index_put(a, "x.md", "x.md", &st, &r), 0);
	assert_int_equal(index_put(b, "y.md", "y.md", &st, &r), -1);
	index_rec_release(&r);
	assert_int_equal(index_lookup(b, "a.md", "a.md", &st, &r), 1);
	index_rec_release(&r);
	assert_int_equal(index_lookup(b, "x.md", "x.md", &st, &r), 0);
	close_ok(b);
	close_ok(a);
	a = open_ok(f, 0);
	assert_int_equal(index_lookup(a, "x.md", "x.md", &st, &r), 1);
	index_rec_release(&r);
	assert_int_equal(index_lookup(a, "y.md", "y.md", &st, &r), 0);
	close_ok(a);
}

/*
 * One worker of test_index_processes: many runs, each a handle that
 * looks up and writes the same entries as the others.  Returns what the
 * process exits with: 0 when every hit was the record written and no
 * run said a word.
 */
static int
worker(struct fx *f, const struct stat *st, int seed)
{
	struct index_rec r, want;
	struct index *ix;
	struct diag d;
	char name[32];
	int run, i, bad = 0;

	mk_rec(&want);
	diag_init(&d);
	for (run = 0; run < 20 && !bad; run++) {
		if ((ix = index_open(f->cache, f->root, 0, &d)) == NULL)
			continue; /* locked while another made it: allowed */
		for (i = 0; i < 40; i++) {
			snprintf(name, sizeof(name), "f%d.md", (i + seed) % 40);
			if (index_lookup(ix, name, "g/a.md", st, &r)) {
				bad |= r.kind != want.kind || r.datalen != 9 ||
				    memcmp(r.data, want.data, 9) != 0;
				index_rec_release(&r);
			} else
				(void)index_put(ix, name, "g/a.md", st, &want);
		}
		if (run % 5 == seed % 5)
			index_prune(ix);
		index_close(ix, &d);
	}
	bad |= d.n != 0;
	diag_release(&d);
	index_rec_release(&want);
	return bad;
}

/* Eight processes reading and writing one index at once. */
static void
test_index_processes(void **state)
{
	struct fx *f = *state;
	struct stat st;
	pid_t pid[8];
	int i, status;

	put_a(f, &st);
	for (i = 0; i < 8; i++) {
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] == 0)
			_exit(worker(f, &st, i));
	}
	for (i = 0; i < 8; i++) {
		assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
}

/* ---- search's postings (index_post.h) ---- */

/* A stem's counts, packed as a post_doc and the index hold them
 * (post.h): each comes back, in the bytes the format says, and bytes
 * that are not the shortest form, run short or overflow are refused. */
static void
test_post_tf(void **state)
{
	static const unsigned tfs[][POST_NFIELDS] = {
	    {0, 0, 0, 0, 1},
	    {0, 0, 0, 0, 0},
	    {1, 0, 0, 0, 3},
	    {0, 2, 0, 7, 0},
	    {200, 1, 300, 1, 100000},
	    {UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX},
	};
	/* Body 3, the name once: 3 << 4 | 1, then 1 - 1. */
	static const unsigned char name3[] = {0x31, 0x00};
	static const unsigned char bad[][4] = {
	    {0x80, 0x00},	/* 0 in two bytes */
	    {0x81, 0x80, 0x80}, /* runs short */
	    {0x01},		/* the name's count missing */
	    {0x01, 0x80, 0x00}, /* the name's count not the shortest */
	};
	static const size_t badlen[] = {2, 3, 1, 3};
	unsigned char buf[POST_TF_MAX + 8], big[2 * VARINT_MAX], *e;
	const unsigned char *p;
	unsigned got[POST_NFIELDS];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(tfs) / sizeof(tfs[0]); i++) {
		e = post_tf_put(buf, tfs[i]);
		assert_true(e > buf && e <= buf + POST_TF_MAX);
		p = buf;
		assert_int_equal(post_tf_get(&p, e, got), 0);
		assert_true(p == e);
		assert_memory_equal(got, tfs[i], sizeof(got));
		p = buf; /* one byte short */
		assert_int_equal(post_tf_get(&p, e - 1, got), -1);
	}
	e = post_tf_put(buf, tfs[2]);
	assert_int_equal(e - buf, 2);
	assert_memory_equal(buf, name3, sizeof(name3));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = bad[i];
		assert_int_equal(post_tf_get(&p, bad[i] + badlen[i], got), -1);
	}
	/* A body's count past 32 bits. */
	e = varint_put(big, ((uint64_t)UINT32_MAX + 1) << POST_BODY);
	p = big;
	assert_int_equal(post_tf_get(&p, e, got), -1);
	/* Past 64 bits. */
	memset(big, 0xff, sizeof(big));
	big[VARINT_MAX - 1] = 0x02;
	p = big;
	assert_int_equal(post_tf_get(&p, big + sizeof(big), got), -1);
}

/* A record of relpath with stems s[0..n) (stem i's counts at
 * tf[i * POST_NFIELDS]), in r; its stems and counts packed, as
 * post_make leaves them, in one of eight places reused in turn. */
static void
mk_post(struct index_post_new *r, const char *relpath, const struct stat *st,
    int64_t stamp, uint64_t key, char **s, unsigned *tf, size_t n)
{
	static char pool[8][64];
	static unsigned char packed[8][8 * POST_TF_MAX];
	static unsigned turn;
	unsigned char *q;
	char *p;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->relpath = relpath;
	r->st = *st;
	r->stamp = stamp;
	r->key = key;
	for (i = 0; i < POST_NFIELDS; i++)
		r->d.len[i] = 10 * i + n;
	r->d.irregular = n == 3;
	r->d.bloom[7] = (unsigned char)n;
	r->d.algo = "english";
	r->d.pool = p = pool[turn];
	r->d.tf = q = packed[turn];
	turn = (turn + 1) % 8;
	assert_true(n <= 8);
	for (i = 0; i < n; i++) {
		assert_true(
		    p + strlen(s[i]) + 1 <= r->d.pool + sizeof(pool[0]));
		memcpy(p, s[i], strlen(s[i]) + 1);
		p += strlen(s[i]) + 1;
		q = post_tf_put(q, &tf[i * POST_NFIELDS]);
	}
	r->d.tflen = (size_t)(q - r->d.tf);
	r->d.nstems = n;
}

/* The list of stem: its numbers and counts as "id:tf ..." in out, the
 * body's, then "+" and the other fields' when one has the stem. */
static int
list_of(struct index *ix, const char *stem, uint64_t base, char *out)
{
	struct index_post_ref *v = NULL;
	size_t n = 0, i;
	int rc = index_post_stem(ix, "english", stem, &v, &n);

	*out = '\0';
	for (i = 0; i < n; i++) {
		out += sprintf(out, "%s%llu:%u", i ? " " : "",
		    (unsigned long long)(v[i].id - base), v[i].tf[POST_BODY]);
		if (v[i].tf[0] || v[i].tf[1] || v[i].tf[2] || v[i].tf[3])
			out += sprintf(out, "+%u.%u.%u.%u", v[i].tf[0],
			    v[i].tf[1], v[i].tf[2], v[i].tf[3]);
	}
	free(v);
	return rc;
}

static void
test_index_post(void **state)
{
	struct fx *f = *state;
	char w1[] = "churn", w2[] = "rate", w3[] = "logo", w4[] = "seat";
	char *sa[] = {w1, w2, w3}, *sb[] = {w1, w4};
	/* churn, rate (in the name and an example only), logo; churn
	 * (also in the description), seat. */
	unsigned ta[] = {0, 0, 0, 0, 2, 1, 0, 0, 3, 0, 0, 0, 0, 0, 1},
		 tb[] = {0, 0, 1, 0, 5, 0, 0, 0, 0, 1};
	struct index_post_new r[2];
	struct post_doc d;
	struct index *ix = open_ok(f, 0);
	int64_t stamp = index_stamp(ix);
	struct stat st = mk_stat(stamp), other = st;
	uint64_t ida, idb, base;
	char buf[256];

	other.st_ino++;
	mk_post(&r[0], "a.md", &st, stamp, 7, sa, ta, 3);
	mk_post(&r[1], "b.md", &other, stamp, 8, sb, tb, 2);
	assert_int_equal(index_post_write(ix, r, 2), 0);
	close_ok(ix);

	ix = open_ok(f, 0);
	memset(&d, 0, sizeof(d));
	assert_int_equal(index_post_doc(ix, "a.md", &st, 7, &ida, &d), 1);
	assert_int_equal(d.len[4], 43);
	assert_int_equal(d.irregular, 1);
	assert_int_equal(d.bloom[7], 3);
	assert_int_equal(index_post_doc(ix, "b.md", &other, 8, &idb, &d), 1);
	assert_int_equal(d.irregular, 0);
	assert_true(idb == ida + 1);
	base = ida;
	/* Another key, another identity: not these postings. */
	assert_int_equal(index_post_doc(ix, "a.md", &st, 8, &ida, &d), 0);
	assert_int_equal(index_post_doc(ix, "a.md", &other, 7, &ida, &d), 0);
	assert_int_equal(index_post_doc(ix, "c.md", &st, 7, &ida, &d), 0);
	assert_int_equal(list_of(ix, "churn", base, buf), 1);
	assert_string_equal(buf, "0:2 1:5+0.0.1.0");
	assert_int_equal(list_of(ix, "rate", base, buf), 1);
	assert_string_equal(buf, "0:0+1.0.0.3");
	assert_int_equal(list_of(ix, "seat", base, buf), 1);
	assert_string_equal(buf, "1:1");
	assert_int_equal(list_of(ix, "nothing", base, buf), 0);
	/* Another stemmer's list is another list. */
	assert_int_equal(index_post_stem(ix, "german", "churn",
			     &(struct index_post_ref *){NULL}, &(size_t){0}),
	    0);

	/* a.md made again: a new number; the old one stays in the lists,
	 * held by no record. */
	sa[1] = w4;
	mk_post(&r[0], "a.md", &st, stamp, 9, sa, ta, 2);
	assert_int_equal(index_post_write(ix, r, 1), 0);
	close_ok(ix);
	ix = open_ok(f, 0);
	assert_int_equal(index_post_doc(ix, "a.md", &st, 9, &ida, &d), 1);
	assert_int_equal(ida - base, 2);
	assert_int_equal(list_of(ix, "seat", base, buf), 1);
	assert_string_equal(buf, "1:1 2:0+1.0.0.3");

	/* A racily clean file's record is not kept. */
	other.st_mtim.tv_sec = (time_t)(stamp / 1000000000);
	mk_post(&r[0], "c.md", &other, stamp, 1, sb, tb, 2);
	assert_int_equal(index_post_write(ix, r, 1), 0);
	assert_int_equal(index_post_doc(ix, "c.md", &other, 1, &idb, &d), 0);
	assert_int_equal(list_of(ix, "churn", base, buf), 1);
	assert_string_equal(buf, "0:2 1:5+0.0.1.0 2:2");

	/* A damaged list reads as such; adding to it empties the store,
	 * whose numbers then never go back. */
	assert_int_equal(
	    index_kv_put(ix, "senglish\0logo", 13, "garbage", 7), 0);
	assert_int_equal(list_of(ix, "logo", base, buf), -1);
	mk_post(&r[0], "d.md", &st, stamp, 3, sa, ta, 3);
	sa[2] = w3;
	assert_int_equal(index_post_write(ix, r, 1), -1);
	assert_int_equal(index_post_doc(ix, "a.md", &st, 9, &ida, &d), 0);
	assert_int_equal(list_of(ix, "churn", base, buf), 0);
	mk_post(&r[0], "e.md", &st, stamp, 4, sb, tb, 2);
	assert_int_equal(index_post_write(ix, r, 1), 0);
	assert_int_equal(index_post_doc(ix, "e.md", &st, 4, &idb, &d), 1);
	assert_true(idb > base + 2);
	close_ok(ix);
}

/*
 * A first write into an empty store reads nothing back (index_post.c,
 * fresh), unless two records share a path: the second then replaces
 * the first, as in a store that had one, and both numbers stay in the
 * lists, the first held by no record.
 */
static void
test_index_post_fresh(void **state)
{
	struct fx *f = *state;
	char w1[] = "churn", w2[] = "rate";
	char *sa[] = {w1, w2}, *sb[] = {w1};
	unsigned ta[] = {0, 0, 0, 0, 2, 0, 0, 0, 0, 1}, tb[] = {0, 0, 0, 0, 4};
	struct index_post_new r[3];
	struct post_doc d;
	struct index *ix = open_ok(f, 0);
	int64_t stamp = index_stamp(ix);
	struct stat st = mk_stat(stamp), other = st;
	uint64_t id, base;
	char buf[256];

	other.st_ino++;
	mk_post(&r[0], "b.md", &st, stamp, 5, sa, ta, 2);
	mk_post(&r[1], "a.md", &st, stamp, 7, sa, ta, 2);
	mk_post(&r[2], "a.md", &other, stamp, 8, sb, tb, 1);
	assert_int_equal(index_post_write(ix, r, 3), 0);
	close_ok(ix);
	ix = open_ok(f, 0);
	memset(&d, 0, sizeof(d));
	assert_int_equal(index_post_doc(ix, "a.md", &st, 7, &id, &d), 0);
	assert_int_equal(index_post_doc(ix, "a.md", &other, 8, &id, &d), 1);
	assert_int_equal(index_post_doc(ix, "b.md", &st, 5, &base, &d), 1);
	/* Numbered in path order: a.md's two, then b.md. */
	assert_true(id == base - 1);
	base -= 2;
	assert_int_equal(list_of(ix, "churn", base, buf), 1);
	assert_string_equal(buf, "0:2 1:4 2:2");
	assert_int_equal(list_of(ix, "rate", base, buf), 1);
	assert_string_equal(buf, "0:1 2:1");
	close_ok(ix);
}

/*
 * The key-value store keeps a long value in parts (index.c, KV_PART):
 * values of every length round-trip, and a shorter value leaves none of
 * a longer one's parts behind (12,345 bytes, then 3).
 */
static void
test_index_kv_parts(void **state)
{
	static const size_t lens[] = {0, 1, 1899, 1900, 1901, 5000, 12345, 3};
	struct fx *f = *state;
	struct index *ix;
	struct sbuf out;
	char *v = malloc(12345);
	size_t i, j;

	assert_non_null(v);
	for (j = 0; j < 12345; j++)
		v[j] = (char)(j * 7 + j / 256);
	sb_init(&out);
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		ix = open_ok(f, 0);
		v[0] = (char)i;
		assert_int_equal(index_kv_put(ix, "k\0x", 3, v, lens[i]), 0);
		close_ok(ix);
		ix = open_ok(f, 0);
		assert_int_equal(index_kv_get(ix, "k\0x", 3, &out), 1);
		assert_int_equal(out.len, lens[i]);
		assert_memory_equal(out.s, v, lens[i]);
		assert_int_equal(index_kv_get(ix, "k", 1, &out), 0);
		close_ok(ix);
	}
	/* A key with no value, added to without trimming. */
	ix = open_ok(f, 0);
	assert_int_equal(index_kv_add(ix, "k2", 2, v, 5000), 0);
	close_ok(ix);
	ix = open_ok(f, 0);
	assert_int_equal(index_kv_get(ix, "k2", 2, &out), 1);
	assert_int_equal(out.len, 5000);
	assert_memory_equal(out.s, v, 5000);
	close_ok(ix);
	sb_release(&out);
	free(v);
}

/* What a scan of the store gave: each key and its value, and when to
 * stop. */
struct scanned {
	char keys[8][16];
	size_t lens[8];
	unsigned char first[8];
	size_t n, stop_at;
};

static int
scan_one(void *arg, const void *k, size_t kn, const void *v, size_t vn)
{
	struct scanned *sc = arg;

	assert_true(sc->n < 8 && kn < sizeof(sc->keys[0]));
	memcpy(sc->keys[sc->n], k, kn);
	sc->keys[sc->n][kn] = '\0';
	sc->lens[sc->n] = vn;
	sc->first[sc->n] = vn > 0 ? *(const unsigned char *)v : 0;
	return ++sc->n == sc->stop_at ? 7 : 0;
}

/*
 * A scan of the store (index_kv_scan) gives the keys in [lo, hi) in
 * order, prefixes first, each value's parts joined; fn's non-zero
 * stops it and is returned.
 */
static void
test_index_kv_scan(void **state)
{
	struct fx *f = *state;
	struct index *ix = open_ok(f, 0);
	struct scanned sc;
	char *v = malloc(5000);
	struct sbuf out;
	size_t j;

	assert_non_null(v);
	for (j = 0; j < 5000; j++)
		v[j] = (char)(j * 13 + j / 300);
	assert_int_equal(index_kv_put(ix, "c", 1, "1", 1), 0);
	assert_int_equal(index_kv_put(ix, "db", 2, v, 5000), 0);
	assert_int_equal(index_kv_put(ix, "d", 1, "2", 1), 0);
	assert_int_equal(index_kv_put(ix, "da/b", 4, "3", 1), 0);
	assert_int_equal(index_kv_put(ix, "da-b", 4, "", 0), 0);
	assert_int_equal(index_kv_put(ix, "e", 1, "4", 1), 0);
	close_ok(ix);

	ix = open_ok(f, 0);
	memset(&sc, 0, sizeof(sc));
	assert_int_equal(index_kv_scan(ix, "d", 1, "e", 1, scan_one, &sc), 0);
	assert_int_equal(sc.n, 4);
	assert_string_equal(sc.keys[0], "d");
	assert_int_equal(sc.first[0], '2');
	assert_string_equal(sc.keys[1], "da-b");
	assert_int_equal(sc.lens[1], 0);
	assert_string_equal(sc.keys[2], "da/b");
	assert_string_equal(sc.keys[3], "db");
	assert_int_equal(sc.lens[3], 5000);
	/* The joined parts are the value put. */
	sb_init(&out);
	assert_int_equal(index_kv_get(ix, "db", 2, &out), 1);
	assert_memory_equal(out.s, v, 5000);
	assert_int_equal(sc.first[3], (unsigned char)v[0]);
	sb_release(&out);

	memset(&sc, 0, sizeof(sc));
	sc.stop_at = 2;
	assert_int_equal(index_kv_scan(ix, "d", 1, "e", 1, scan_one, &sc), 7);
	assert_int_equal(sc.n, 2);
	memset(&sc, 0, sizeof(sc));
	assert_int_equal(index_kv_scan(ix, "da", 2, "db", 2, scan_one, &sc), 0);
	assert_int_equal(sc.n, 2);
	close_ok(ix);
	free(v);
}

/*
 * Asked many records at once (index_post_docs), the store answers as
 * a lookup of each would, whether it passes over its records in path
 * order (the requests in any order, a path asked twice, one with a
 * byte below '/') or looks each up; a damaged record is not found.
 */
static void
test_index_post_docs(void **state)
{
	static const char *const paths[] = {"a.md", "a-b.md", "a/b.md", "b.md"};
	static const char *const ask[] = {"b.md", "a/b.md", "x.md", "a.md",
	    "a-b.md", "b.md", "bad.md", "a.md"};
	struct fx *f = *state;
	char w1[] = "churn", w2[] = "rate";
	char *sa[] = {w1, w2};
	unsigned ta[] = {0, 0, 0, 0, 2, 0, 0, 0, 0, 1};
	struct index_post_new r[4];
	struct index_post_req q[8];
	struct post_doc d[8];
	struct index *ix = open_ok(f, 0);
	int64_t stamp = index_stamp(ix);
	struct stat st = mk_stat(stamp), other = st;
	uint64_t want[8];
	int found[8], pass;
	size_t i, k;

	other.st_ino++;
	for (i = 0; i < 4; i++)
		mk_post(&r[i], paths[i], &st, stamp, 10 + i, sa, ta, 1 + i % 2);
	assert_int_equal(index_post_write(ix, r, 4), 0);
	assert_int_equal(
	    index_kv_put(ix, "dbad.md", 7, "garbage!garbage", 15), 0);
	close_ok(ix);

	ix = open_ok(f, 0);
	/* What one lookup each finds. */
	for (i = 0; i < 8; i++) {
		uint64_t key = 0;

		for (k = 0; k < 4; k++)
			if (strcmp(ask[i], paths[k]) == 0)
				key = 10 + k;
		memset(&d[i], 0, sizeof(d[i]));
		found[i] = index_post_doc(
		    ix, ask[i], i == 5 ? &other : &st, key, &want[i], &d[i]);
	}
	assert_int_equal(
	    found[0] + found[1] + found[3] + found[4] + found[7], 5);
	assert_int_equal(found[2] + found[5] + found[6], 0);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < 8; i++) {
			memset(&d[i], 0, sizeof(d[i]));
			q[i].relpath = ask[i];
			q[i].st = i == 5 ? &other : &st;
			q[i].key = 0;
			for (k = 0; k < 4; k++)
				if (strcmp(ask[i], paths[k]) == 0)
					q[i].key = 10 + k;
			q[i].id = 0;
			q[i].d = &d[i];
			q[i].found = -1;
		}
		/* total 0: one pass over the records; 1,000: lookups. */
		index_post_docs(ix, q, 8, pass == 0 ? 0 : 1000);
		for (i = 0; i < 8; i++) {
			assert_int_equal(q[i].found, found[i]);
			if (!found[i])
				continue;
			assert_true(q[i].id == want[i]);
			assert_int_equal(
			    d[i].len[4], 40 + (q[i].key % 2 ? 2 : 1));
		}
	}
	close_ok(ix);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tval_round_trip),
	    cmocka_unit_test(test_tval_malformed),
	    cmocka_unit_test(test_tval_limits),
	    cmocka_unit_test(test_diag_round_trip),
	    cmocka_unit_test(test_post_tf),
	    cmocka_unit_test_setup_teardown(
		test_index_round_trip, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_identity, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_racy, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_flags_prune, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_context, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_prune_many, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_commit_batches, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_prune_sweep, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_build, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_build_leftovers, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_corrupt, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_row_checksum, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_truncated_foreign, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_unwritable, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_full, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_two_writers, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_processes, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_post, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_post_fresh, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_kv_parts, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_kv_scan, fx_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(
		test_index_post_docs, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
