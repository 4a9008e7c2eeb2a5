/*
 * A memo of short words (memo.h): linear probing in a power-of-two
 * table kept at most half full, a hash of the word eight bytes at a
 * step, seeded with the tag; each entry keeps its hash, so that a probe
 * compares bytes only where the hashes are equal.
 */
#include <stdlib.h>
#include <string.h>

#include "memo.h"
#include "util.h"

#define MEMO_CAP0 1024 /* the first table's slots */

struct memo_ent {
	uint64_t h; /* word_hash of the word under its tag */
	uintptr_t tag;
	struct memo_val val;
	unsigned char n; /* the word's bytes; 0: an empty slot */
	char w[MEMO_WORD];
};

struct memo {
	struct memo_ent *v;
	size_t cap, n, max;
};

struct memo *
memo_new(size_t max)
{
	struct memo *m = xcalloc(1, sizeof(*m));

	m->max = max;
	return m;
}

void
memo_free(struct memo *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++)
		free(m->v[i].val.str);
	free(m->v);
	free(m);
}

/* One step of word_hash: a bijection of h and of x. */
static uint64_t
mix(uint64_t h, uint64_t x)
{
	h = (h ^ x) * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ (h >> 29);
}

/* The last t bytes (1 to 7) of a word as a number: two loads that
 * overlap, which together hold every byte, so that for one t no two
 * tails give one number. */
static uint64_t
tail(const char *p, size_t t)
{
	uint32_t a, b;
	uint16_t c, d;

	if (t >= 4) {
		memcpy(&a, p, 4);
		memcpy(&b, p + t - 4, 4);
		return (uint64_t)a | (uint64_t)b << 32;
	}
	if (t >= 2) {
		memcpy(&c, p, 2);
		memcpy(&d, p + t - 2, 2);
		return (uint64_t)c | (uint64_t)d << 16;
	}
	return (unsigned char)p[0];
}

/* The hash of w (n bytes, at most MEMO_WORD) under tag; n is part of
 * it, which tells the tails of two lengths apart. */
static uint64_t
word_hash(uintptr_t tag, const char *w, size_t n)
{
	uint64_t h = mix(UINT64_C(0xcbf29ce484222325) ^ (uint64_t)tag, n), x;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&x, w + i, 8);
		h = mix(h, x);
	}
	if (i < n)
		h = mix(h, tail(w + i, n - i));
	return h;
}

/* The slot of w (n bytes, hash h) under tag: its entry or an empty one. */
static struct memo_ent *
memo_slot(
    const struct memo *m, uint64_t h, uintptr_t tag, const char *w, size_t n)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->v[i].n != 0 &&
	    (m->v[i].h != h || m->v[i].n != n || m->v[i].tag != tag ||
		memcmp(m->v[i].w, w, n) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

static void
memo_grow(struct memo *m)
{
	struct memo_ent *old = m->v;
	size_t i, cap = m->cap;

	m->cap = cap ? cap * 2 : MEMO_CAP0;
	m->v = xcalloc(m->cap, sizeof(*m->v));
	for (i = 0; i < cap; i++)
		if (old[i].n != 0)
			*memo_slot(m, old[i].h, old[i].tag, old[i].w,
			    old[i].n) = old[i];
	free(old);
}

const struct memo_val *
memo_get(const struct memo *m, uintptr_t tag, const char *w, size_t n)
{
	const struct memo_ent *e;

	if (m->cap == 0 || n == 0 || n > MEMO_WORD)
		return NULL;
	e = memo_slot(m, word_hash(tag, w, n), tag, w, n);
	return e->n != 0 ? &e->val : NULL;
}

void
memo_put(struct memo *m, uintptr_t tag, const char *w, size_t n, long num,
    uint64_t aux, const char *str)
{
	struct memo_ent *e;
	uint64_t h;

	if (n == 0 || n > MEMO_WORD || m->n >= m->max)
		return;
	if (2 * (m->n + 1) > m->cap)
		memo_grow(m);
	h = word_hash(tag, w, n);
	e = memo_slot(m, h, tag, w, n);
	if (e->n != 0)
		return;
	e->h = h;
	e->tag = tag;
	e->val.num = num;
	e->val.aux = aux;
	e->val.str = str != NULL ? xstrdup(str) : NULL;
	e->n = (unsigned char)n;
	memcpy(e->w, w, n);
	m->n++;
}

size_t
memo_count(const struct memo *m)
{
	return m->n;
}
