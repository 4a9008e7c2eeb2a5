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

struct memo *
post_memo_new(void)
{
	return memo_new(POST_MEMO_MAX);
}

/* A stem's hash: its slot in a maker, and its bits in a Bloom filter
 * (which the index keeps: a change is a change of its format). */
static uint64_t
hash_str(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * UINT64_C(0x100000001b3);
	return h;
}

/*
 * The stem of w (n bytes), as query_stem makes it, and its hash_str in
 * *h: the memo's copy, or buf's.  The memo, when there is one, keeps
 * the stem under no tag with its length and its hash, so that a word
 * met again costs one probe of the memo and nothing else.
 */
static const char *
memo_stem(struct memo *m, struct sb_stemmer *st, const char *w, size_t n,
    char *buf, size_t bufsz, size_t *len, uint64_t *h)
{
	const struct memo_val *v;

	if (m != NULL && (v = memo_get(m, 0, w, n)) != NULL) {
		*len = (size_t)v->num;
		*h = v->aux;
		return v->str;
	}
	*len = query_stem(st, w, n, buf, bufsz);
	*h = hash_str(buf);
	if (m != NULL)
		memo_put(m, 0, w, n, (long)*len, *h, buf);
	return buf;
}

/*
 * The distinct stems of a term as they are found: each is copied once
 * into one pool of the term's (d->pool when done), at off[i], with its
 * hash at sh[i].
 */
struct maker {
	struct memo *memo;
	struct sb_stemmer *st;
	struct post_doc *d;
	size_t *slot; /* open addressing: index + 1 into off and sh */
	size_t *off;
	uint64_t *sh;
	struct sbuf pool;
	size_t cap, nalloc;
	int field;
};

void
post_bloom_bits(const char *stem, unsigned bits[POST_BLOOM_K])
{
	uint64_t h = hash_str(stem);
	uint32_t a = (uint32_t)h, b = (uint32_t)(h >> 32) | 1;
	unsigned i;

	for (i = 0; i < POST_BLOOM_K; i++)
		bits[i] = (a + i * b) % (POST_BLOOM * 8);
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

/* Set the bits of the stem of hash h (hash_str) in bloom: as
 * post_bloom_bits. */
static void
bloom_add(unsigned char *bloom, uint64_t h)
{
	uint32_t a = (uint32_t)h, b = (uint32_t)(h >> 32) | 1;
	unsigned i, bit;

	for (i = 0; i < POST_BLOOM_K; i++) {
		bit = (a + i * b) % (POST_BLOOM * 8);
		bloom[bit / 8] |= (unsigned char)(1u << (bit % 8));
	}
}

static void
mk_grow(struct maker *m)
{
	size_t i, j, cap = m->cap ? m->cap * 2 : 256;

	free(m->slot);
	m->slot = xcalloc(cap, sizeof(*m->slot));
	m->cap = cap;
	for (i = 0; i < m->d->nstems; i++) {
		j = (size_t)m->sh[i] & (cap - 1);
		while (m->slot[j] != 0)
			j = (j + 1) & (cap - 1);
		m->slot[j] = i + 1;
	}
}

/* Count stem (len bytes, hash h) in the field being read: a new stem,
 * or one more. */
static void
mk_add(struct maker *m, const char *stem, size_t len, uint64_t h)
{
	struct post_doc *d = m->d;
	size_t j, k;

	if (2 * (d->nstems + 1) > m->cap)
		mk_grow(m);
	j = (size_t)h & (m->cap - 1);
	while ((k = m->slot[j]) != 0 &&
	    (m->sh[k - 1] != h || strcmp(m->pool.s + m->off[k - 1], stem) != 0))
		j = (j + 1) & (m->cap - 1);
	if (k == 0) {
		if (d->nstems == m->nalloc) {
			m->nalloc = m->nalloc ? m->nalloc * 2 : 64;
			m->off =
			    xreallocarray(m->off, m->nalloc, sizeof(*m->off));
			m->sh = xreallocarray(m->sh, m->nalloc, sizeof(*m->sh));
			d->tf = xreallocarray(
			    d->tf, m->nalloc, POST_NFIELDS * sizeof(*d->tf));
		}
		m->off[d->nstems] = m->pool.len;
		sb_addn(&m->pool, stem, len + 1); /* and its NUL */
		m->sh[d->nstems] = h;
		memset(&d->tf[d->nstems * POST_NFIELDS], 0,
		    POST_NFIELDS * sizeof(*d->tf));
		bloom_add(d->bloom, h);
		k = m->slot[j] = ++d->nstems;
	}
	d->tf[(k - 1) * POST_NFIELDS + (size_t)m->field]++;
}

static int
mk_word(void *arg, const char *s, size_t start, size_t end)
{
	struct maker *m = arg;
	char buf[QUERY_STEM_BUF];
	unsigned char c = (unsigned char)s[start];
	size_t n = end - start, len;
	const char *stem;
	uint64_t h;

	m->d->len[m->field]++;
	stem =
	    memo_stem(m->memo, m->st, s + start, n, buf, sizeof(buf), &len, &h);
	if (len == 0)
		return 0;
	/* query_find_stem skips such a word unstemmed, by its first
	 * letter and length, when the query's stems allow: then the
	 * postings could count it where rank does not. */
	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	if (c < 0x80 && ((unsigned char)stem[0] != c || n < len))
		m->d->irregular = 1;
	mk_add(m, stem, len, h);
	return 0;
}

void
post_make(const struct term *t, const char *algo, struct sb_stemmer *st,
    struct memo *memo, struct post_doc *d)
{
	struct maker m;
	struct sbuf sb;
	const char *b;

	memset(d, 0, sizeof(*d));
	memset(&m, 0, sizeof(m));
	d->algo = algo;
	m.memo = memo;
	m.st = st;
	m.d = d;
	sb_init(&sb);
	for (m.field = PF_NAME; m.field < PF_BODY; m.field++) {
		sb.len = 0;
		post_field_text(t, (enum post_field)m.field, &sb);
		query_words(sb.s ? sb.s : "", sb.len, mk_word, &m);
	}
	b = term_body_text(t);
	query_words(b, strlen(b), mk_word, &m);
	sb_release(&sb);
	/* The pool moves no more: the stems can point into it. */
	if (d->nstems > 0) {
		size_t i;

		d->stems = xreallocarray(NULL, d->nstems, sizeof(*d->stems));
		for (i = 0; i < d->nstems; i++)
			d->stems[i] = m.pool.s + m.off[i];
		d->pool = m.pool.s;
	} else
		sb_release(&m.pool);
	free(m.slot);
	free(m.off);
	free(m.sh);
}

void
post_doc_release(struct post_doc *d)
{
	free(d->pool);
	free(d->stems);
	free(d->tf);
	memset(d, 0, sizeof(*d));
}
