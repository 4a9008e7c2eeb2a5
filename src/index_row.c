/*
 * A row of the index as a sealed fact: what a record packs to and
 * unpacks from, the checksum over every column, a file's identity from
 * its stat, and whether an entry is old enough not to be racily clean.
 * Nothing here knows SQLite.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "index.h"
#include "index_int.h"
#include "tval_pack.h"

void
index_rec_init(struct index_rec *r)
{
	memset(r, 0, sizeof(*r));
	diag_init(&r->diag);
}

void
index_rec_release(struct index_rec *r)
{
	diag_release(&r->diag);
	free(r->data);
	index_rec_init(r);
}

/*
 * The row checksum takes a word at a time, 8 times as fast as FNV over
 * bytes.  Each step is a bijection of the state for a fixed word and of
 * the word for a fixed state, so two inputs of one length that differ in
 * one word (any single changed byte) always differ in the sum; lengths
 * are summed too.
 */
uint64_t
index_sum_u64(uint64_t h, uint64_t w)
{
	h = (h ^ w) * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ (h >> 29);
}

static uint64_t
sum_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t w;
	size_t i, k;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w = __builtin_bswap64(w); /* the same sum on every machine */
#endif
		h = index_sum_u64(h, w);
	}
	if (i < n) {
		for (w = 0, k = 0; i + k < n; k++)
			w |= (uint64_t)s[i + k] << (8 * k);
		h = index_sum_u64(h, w);
	}
	return h;
}

uint64_t
index_sum_blob(uint64_t h, const void *p, size_t n, int present)
{
	h = index_sum_u64(h, present ? (uint64_t)n : UINT64_MAX);
	return present ? sum_bytes(h, p, n) : h;
}

int64_t
index_row_sum(const struct index_row *r)
{
	uint64_t h = r->seed;
	int i;

	h = index_sum_blob(h, r->path, strlen(r->path), 1);
	for (i = 0; i < ID_N; i++)
		h = index_sum_u64(h, (uint64_t)r->id[i]);
	h = index_sum_u64(h, (uint64_t)r->written);
	h = index_sum_u64(h, (uint64_t)r->kind);
	for (i = 0; i < 2; i++)
		h = index_sum_blob(h, r->blob[i], r->len[i], r->has[i]);
	h ^= h >> 33; /* spread the last word's change over every bit */
	h *= UINT64_C(0xff51afd7ed558ccd);
	return (int64_t)(h ^ (h >> 33));
}

/* Seconds and nanoseconds as one number; -1 when out of range. */
static int
ns_of(const struct timespec *ts, int64_t *out)
{
	if (ts->tv_sec > INT64_MAX / 1000000000 - 1 ||
	    ts->tv_sec < INT64_MIN / 1000000000 + 1)
		return -1;
	*out = (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
	return 0;
}

int
index_ident_of(const struct stat *st, int64_t id[ID_N])
{
	id[ID_DEV] = (int64_t)(uint64_t)st->st_dev;
	id[ID_INO] = (int64_t)(uint64_t)st->st_ino;
	id[ID_SIZE] = (int64_t)st->st_size;
	id[ID_MODE] = (int64_t)st->st_mode;
	if (ns_of(&st->st_mtim, &id[ID_MTIME]) < 0 ||
	    ns_of(&st->st_ctim, &id[ID_CTIME]) < 0)
		return -1;
	return 0;
}

int
index_ident_settled(const int64_t id[ID_N], int64_t stamp)
{
	int64_t t = id[ID_MTIME] > id[ID_CTIME] ? id[ID_MTIME] : id[ID_CTIME];

	return t <= stamp - INDEX_RACY_NS;
}

int64_t
index_now_ns(void)
{
	struct timespec ts;
	int64_t ns;

#ifdef CLOCK_REALTIME_COARSE
	if (clock_gettime(CLOCK_REALTIME_COARSE, &ts) == 0 &&
	    ns_of(&ts, &ns) == 0)
		return ns;
#endif
	if (clock_gettime(CLOCK_REALTIME, &ts) == 0 && ns_of(&ts, &ns) == 0)
		return ns;
	return INT64_MIN + INDEX_RACY_NS; /* then nothing is trusted */
}

int
index_row_rec(
    const struct index_row *r, const char *path, struct index_rec *out)
{
	if (r->kind < INT_MIN || r->kind > INT_MAX || !r->has[1] ||
	    tval_unpack_diag(r->blob[1], r->len[1], path, &out->diag) < 0)
		return -1;
	out->kind = (int)r->kind;
	if (r->has[0]) {
		/* One byte more, so that an empty blob is not NULL. */
		out->data = xmalloc(r->len[0] + 1);
		if (r->len[0] > 0)
			memcpy(out->data, r->blob[0], r->len[0]);
		out->datalen = r->len[0];
	}
	return 0;
}

int
index_rec_row(const struct index_rec *rec, const char *path,
    struct index_row *r, struct sbuf *db)
{
	if (rec->datalen > INT_MAX ||
	    tval_pack_diag(&rec->diag, path, db) < 0 || db->len > INT_MAX)
		return -1;
	r->kind = rec->kind;
	r->blob[0] = rec->data;
	r->len[0] = rec->datalen;
	r->has[0] = rec->data != NULL;
	r->blob[1] = db->s;
	r->len[1] = db->len;
	r->has[1] = 1;
	return 0;
}
