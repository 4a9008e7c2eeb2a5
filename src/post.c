/*
 * A term's postings (post_make.h): the same words, in the same fields,
 * as rank.c counts, so that counts read from the postings are the counts
 * rank.c would make of the text.
 */
#include <stdlib.h>
#include <string.h>

#include "memo.h"
#include "post_make.h"
#include "query.h"

void
post_field_text(const struct term *t, enum post_field f, struct sbuf *sb)
{
	size_t i;

	switch (f) {
	case PF_NAME:
		sb_adds(sb, t->name);
		break;
	case PF_ALIAS:
		for (i = 0; i < t->aliases.n; i++) {
			sb_adds(sb, t->aliases.v[i]);
			sb_adds(sb, " \n ");
		}
		break;
	case PF_DESC:
		sb_adds(sb, t->description);
		break;
	case PF_EXAMPLE:
		for (i = 0; i < t->examples.n; i++) {
			sb_adds(sb, t->examples.v[i]);
			sb_adds(sb, " \n ");
		}
		break;
	default:
		break;
	}
}

/* One word into h: each step a bijection of h and of w. */
static uint64_t
key_u64(uint64_t h, uint64_t w)
{
	h = (h ^ w) * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ (h >> 29);
}

/* A string (NULL told apart from "") and its length into h, eight
 * bytes at a time. */
static uint64_t
key_str(uint64_t h, const char *s)
{
	size_t n = s != NULL ? strlen(s) : SIZE_MAX, i, k;
	uint64_t w;

	h = key_u64(h, (uint64_t)n);
	for (i = 0; s != NULL && i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = key_u64(h, w);
	}
	if (s != NULL && i < n) {
		for (w = 0, k = 0; i + k < n; k++)
			w |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
		h = key_u64(h, w);
	}
	return h;
}

uint64_t
post_key(const struct term *t, const char *algo)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	h = key_str(h, algo);
	h = key_str(h, t->name);
	for (i = 0; i < t->aliases.n; i++)
		h = key_str(h, t->aliases.v[i]);
	h = key_str(h, "\x1f");
	h = key_str(h, t->description);
	for (i = 0; i < t->examples.n; i++)
		h = key_str(h, t->examples.v[i]);
	h = key_u64(h, (uint64_t)t->aliases.n);
	h = key_u64(h, (uint64_t)t->examples.n);
	h = key_u64(h, (uint64_t)t->textlen);
	return key_u64(h, (uint64_t)t->body_off);
}

/* At most this many words are kept by a stemmer's memo. */
#define POST_MEMO_MAX (1u << 17)

/*
 * What the post_make calls of one thread share: the words stemmed so
 * far, each to the number of its stem (-1: none), and each stem once,
 * with its hash and what the term being made does with it.  A word met
 * again then costs one probe of the memo and no hashing or comparing
 * of its stem.
 */
struct post_memo {
	struct memo *words;
	struct {
		char *s;
		size_t len;
		uint64_t h;
		size_t term; /* the last term (post_memo's terms) that has it */
		size_t at;   /* its index among that term's stems */
	} * stem;
	size_t n, nalloc;
	size_t *slot; /* open addressing by hash: stem number + 1 */
	size_t cap;
	size_t terms; /* the terms made so far, this one too */
};

struct post_memo *
post_memo_new(void)
{
	struct post_memo *pm = xcalloc(1, sizeof(*pm));

	pm->words = memo_new(POST_MEMO_MAX);
	return pm;
}

void
post_memo_free(struct post_memo *pm)
{
	size_t i;

	if (pm == NULL)
		return;
	memo_free(pm->words);
	for (i = 0; i < pm->n; i++)
		free(pm->stem[i].s);
	free(pm->stem);
	free(pm->slot);
	free(pm);
}

static void
stems_grow(struct post_memo *pm)
{
	size_t i, j, cap = pm->cap ? pm->cap * 2 : 1024;

	free(pm->slot);
	pm->slot = xcalloc(cap, sizeof(*pm->slot));
	pm->cap = cap;
	for (i = 0; i < pm->n; i++) {
		j = (size_t)pm->stem[i].h & (cap - 1);
		while (pm->slot[j] != 0)
			j = (j + 1) & (cap - 1);
		pm->slot[j] = i + 1;
	}
}

/* The number of stem (len bytes), given one if it has none. */
static long
stem_number(struct post_memo *pm, const char *stem, size_t len)
{
	uint64_t h = post_stem_hash(stem);
	size_t j, k;

	if (2 * (pm->n + 1) > pm->cap)
		stems_grow(pm);
	j = (size_t)h & (pm->cap - 1);
	while ((k = pm->slot[j]) != 0 &&
	    (pm->stem[k - 1].h != h || strcmp(pm->stem[k - 1].s, stem) != 0))
		j = (j + 1) & (pm->cap - 1);
	if (k == 0) {
		if (pm->n == pm->nalloc) {
			pm->nalloc = pm->nalloc ? pm->nalloc * 2 : 1024;
			pm->stem = xreallocarray(
			    pm->stem, pm->nalloc, sizeof(*pm->stem));
		}
		pm->stem[pm->n].s = xstrdup(stem);
		pm->stem[pm->n].len = len;
		pm->stem[pm->n].h = h;
		pm->stem[pm->n].term = 0; /* no term's yet */
		pm->stem[pm->n].at = 0;
		k = pm->slot[j] = ++pm->n;
	}
	return (long)k - 1;
}

/* The number of the stem of w (n bytes), as query_stem makes it, or -1
 * when it has none. */
static long
word_stem(struct post_memo *pm, struct sb_stemmer *st, const char *w, size_t n)
{
	const struct memo_val *v;
	char buf[QUERY_STEM_BUF];
	size_t len;
	long id;

	if ((v = memo_get(pm->words, 0, w, n)) != NULL)
		return v->num;
	len = query_stem(st, w, n, buf, sizeof(buf));
	id = len > 0 ? stem_number(pm, buf, len) : -1;
	memo_put(pm->words, 0, w, n, id, 0, NULL);
	return id;
}

/* A term's postings as they are made. */
struct maker {
	struct post_memo *pm;
	struct sb_stemmer *st;
	struct post_doc *d;
	size_t *num;  /* the number of each of its stems */
	unsigned *tf; /* and its counts, stem i's at tf[i * POST_NFIELDS] */
	size_t nalloc;
	int field;
};

/* The Bloom bits of the stem of hash h (post_stem_hash). */
static void
bloom_bits(uint64_t h, unsigned bits[POST_BLOOM_K])
{
	uint32_t a = (uint32_t)h, b = (uint32_t)(h >> 32) | 1;
	unsigned i;

	for (i = 0; i < POST_BLOOM_K; i++)
		bits[i] = (a + i * b) % (POST_BLOOM * 8);
}

void
post_bloom_bits(const char *stem, unsigned bits[POST_BLOOM_K])
{
	bloom_bits(post_stem_hash(stem), bits);
}

int
post_bloom_may(const unsigned char *bloom, const unsigned *bits)
{
	unsigned i;

	for (i = 0; i < POST_BLOOM_K; i++)
		if (!(bloom[bits[i] / 8] & (1u << (bits[i] % 8))))
			return 0;
	return 1;
}

/* Set the bits of the stem of hash h (post_stem_hash) in bloom. */
static void
bloom_add(unsigned char *bloom, uint64_t h)
{
	unsigned bits[POST_BLOOM_K], i;

	bloom_bits(h, bits);
	for (i = 0; i < POST_BLOOM_K; i++)
		bloom[bits[i] / 8] |= (unsigned char)(1u << (bits[i] % 8));
}

/* Count stem number id in the field being read: a new stem of the
 * term's, or one more. */
static void
mk_add(struct maker *m, size_t id)
{
	struct post_doc *d = m->d;
	struct post_memo *pm = m->pm;
	size_t at;

	if (pm->stem[id].term == pm->terms)
		at = pm->stem[id].at;
	else {
		if (d->nstems == m->nalloc) {
			m->nalloc = m->nalloc ? m->nalloc * 2 : 64;
			m->num =
			    xreallocarray(m->num, m->nalloc, sizeof(*m->num));
			m->tf = xreallocarray(
			    m->tf, m->nalloc, POST_NFIELDS * sizeof(*m->tf));
		}
		at = d->nstems++;
		m->num[at] = id;
		memset(&m->tf[at * POST_NFIELDS], 0,
		    POST_NFIELDS * sizeof(*m->tf));
		bloom_add(d->bloom, pm->stem[id].h);
		pm->stem[id].term = pm->terms;
		pm->stem[id].at = at;
	}
	m->tf[at * POST_NFIELDS + (size_t)m->field]++;
}

static int
mk_word(void *arg, const char *s, size_t start, size_t end)
{
	struct maker *m = arg;
	unsigned char c = (unsigned char)s[start];
	size_t n = end - start;
	long id;

	m->d->len[m->field]++;
	if ((id = word_stem(m->pm, m->st, s + start, n)) < 0)
		return 0;
	/* query_find_stem skips such a word unstemmed, by its first
	 * letter and length, when the query's stems allow: then the
	 * postings could count it where rank does not. */
	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	if (c < 0x80 &&
	    ((unsigned char)m->pm->stem[id].s[0] != c ||
		n < m->pm->stem[id].len))
		m->d->irregular = 1;
	mk_add(m, (size_t)id);
	return 0;
}

/* Give d its stems (m->num), their hashes and their counts packed,
 * each in one block of its own: d outlives the memo, which is the
 * thread's, and is kept until the postings are written. */
static void
mk_done(struct maker *m)
{
	struct post_doc *d = m->d;
	struct post_memo *pm = m->pm;
	size_t i, size = 0;
	unsigned char *tf, *q;
	char *p;

	if (d->nstems == 0)
		return;
	for (i = 0; i < d->nstems; i++)
		size += pm->stem[m->num[i]].len + 1;
	d->hash = xreallocarray(NULL, d->nstems, sizeof(*d->hash));
	d->pool = p = xmalloc(size);
	for (i = 0; i < d->nstems; i++) {
		memcpy(p, pm->stem[m->num[i]].s, pm->stem[m->num[i]].len + 1);
		d->hash[i] = (uint32_t)pm->stem[m->num[i]].h;
		p += pm->stem[m->num[i]].len + 1;
	}
	/* The counts, packed in room for the most, which then shrinks to
	 * their size. */
	tf = q = xreallocarray(NULL, d->nstems, POST_TF_MAX);
	for (i = 0; i < d->nstems; i++)
		q = post_tf_put(q, &m->tf[i * POST_NFIELDS]);
	d->tflen = (size_t)(q - tf);
	d->tf = xrealloc(tf, d->tflen);
}

void
post_make(const struct term *t, const char *algo, struct sb_stemmer *st,
    struct post_memo *pm, struct post_doc *d)
{
	struct maker m;
	struct sbuf sb;
	const char *b;

	memset(d, 0, sizeof(*d));
	memset(&m, 0, sizeof(m));
	d->algo = algo;
	m.pm = pm;
	m.st = st;
	m.d = d;
	pm->terms++;
	sb_init(&sb);
	for (m.field = PF_NAME; m.field < PF_BODY; m.field++) {
		sb.len = 0;
		post_field_text(t, (enum post_field)m.field, &sb);
		query_words(sb.s ? sb.s : "", sb.len, mk_word, &m);
	}
	b = term_body_text(t);
	query_body_words(b, strlen(b), mk_word, &m);
	sb_release(&sb);
	mk_done(&m);
	free(m.num);
	free(m.tf);
}
