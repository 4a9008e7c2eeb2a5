/*
 * The index's paths: its database file, named by a hash of the
 * glossary's real path, in directories private to the user; and the
 * set of relative paths a run has seen, for pruning the rest.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "index.h"
#include "index_int.h"

/* FNV-1a, 64 bits: for naming a database after a path. */
static uint64_t
fnv(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * UINT64_C(0x100000001b3);
	return h;
}

/* A key's hash, never 0 (an empty slot). */
static uint64_t
seen_hash(const char *key)
{
	uint64_t h = fnv(key);

	return h != 0 ? h : 1;
}

/* The slot of h: where it is, or the empty one where it would go. */
static size_t
seen_find(const struct index_seen *t, uint64_t h)
{
	/* The high bits: FNV's low bits mix worst. */
	size_t i = (size_t)(h >> 32 ^ h) & (t->cap - 1);

	while (t->slot[i] != 0 && t->slot[i] != h)
		i = (i + 1) & (t->cap - 1);
	return i;
}

int
index_seen_has(const struct index_seen *t, const char *key)
{
	return t->cap > 0 && t->slot[seen_find(t, seen_hash(key))] != 0;
}

void
index_seen_add(struct index_seen *t, const char *key)
{
	uint64_t h = seen_hash(key);
	size_t i;

	if (2 * (t->n + 1) > t->cap) { /* keep it at most half full */
		struct index_seen big = {NULL, t->cap ? t->cap * 2 : 256, 0};

		big.slot = xcalloc(big.cap, sizeof(*big.slot));
		for (i = 0; i < t->cap; i++)
			if (t->slot[i] != 0)
				big.slot[seen_find(&big, t->slot[i])] =
				    t->slot[i];
		big.n = t->n;
		free(t->slot);
		*t = big;
	}
	i = seen_find(t, h);
	if (t->slot[i] == 0) {
		t->slot[i] = h;
		t->n++;
	}
}

void
index_seen_release(struct index_seen *t)
{
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

int
index_make_dirs(const char *dir)
{
	char *p, *s, c;
	int rc = 0;

	if (dir[0] == '\0')
		return -1;
	/* Mostly it is there: one call, not one for each of its parents. */
	if (mkdir(dir, 0700) == 0 || errno == EEXIST)
		return 0;
	p = xstrdup(dir);
	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

char *
index_file_real(const char *cache_dir, const char *real)
{
	return xasprintf(
	    "%s/%016llx.db", cache_dir, (unsigned long long)fnv(real));
}

char *
index_file(const char *cache_dir, const char *root)
{
	char *real = realpath(root, NULL), *f;

	if (real == NULL)
		return NULL;
	f = index_file_real(cache_dir, real);
	free(real);
	return f;
}
