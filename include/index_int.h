/*
 * What the files of the index share, and nothing else includes:
 * index.c (the SQLite database: statements, transactions, the public
 * calls), index_row.c (a row as a sealed fact: checksum, identity,
 * racy-clean, packing a record) and index_paths.c (the database's file
 * and the set of paths seen), and index_post.c (search's postings, kept
 * in the key-value store below).  Part of the index layer.
 */
#ifndef GLOSS_INDEX_INT_H
#define GLOSS_INDEX_INT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "index.h"
#include "util.h"

/* A file's identity as recorded: every field a rewrite may change. */
enum { ID_DEV, ID_INO, ID_SIZE, ID_MTIME, ID_CTIME, ID_MODE, ID_N };

/*
 * A set of strings as their 64-bit hashes (open addressing), for the
 * files still present: 16 bytes a path, not a copy of it.  Two paths of
 * one hash would only keep a gone file's row from being pruned, and a
 * row is never served for a file whose identity is not its own.
 */
struct index_seen {
	uint64_t *slot; /* 0: empty */
	size_t cap, n;
};

/* The columns of one row, as the checksum and both directions see them. */
struct index_row {
	uint64_t seed; /* the version and the context (index_context) */
	const char *path;
	int64_t id[ID_N];
	int64_t written, kind;
	const void *blob[2]; /* data, diag */
	size_t len[2];
	int has[2];
};

/* One more word w into the row checksum h (index_row.c). */
uint64_t index_sum_u64(uint64_t h, uint64_t w);

/* A blob of n bytes at p into h, told apart from an absent one. */
uint64_t index_sum_blob(uint64_t h, const void *p, size_t n, int present);

/* The checksum of every column of r but the checksum itself. */
int64_t index_row_sum(const struct index_row *r);

/* st's identity into id; -1 when a time is out of range. */
int index_ident_of(const struct stat *st, int64_t id[ID_N]);

/* Whether an entry written at stamp may be trusted for a file of id. */
int index_ident_settled(const int64_t id[ID_N], int64_t stamp);

/* The time now in nanoseconds; one that trusts nothing if unknown. */
int64_t index_now_ns(void);

/* Fill out from a sealed row; 0, or -1 (out left empty). */
int index_row_rec(
    const struct index_row *r, const char *path, struct index_rec *out);

/*
 * Pack rec into the blobs of r, which borrows them from db (the caller's
 * buffer) and from rec; -1 when it cannot be stored.
 */
int index_rec_row(const struct index_rec *rec, const char *path,
    struct index_row *r, struct sbuf *db);

/* Whether key is in the set t (index_paths.c). */
int index_seen_has(const struct index_seen *t, const char *key);

/* Add key to t. */
void index_seen_add(struct index_seen *t, const char *key);

/* Free what t holds; t is then empty. */
void index_seen_release(struct index_seen *t);

/* mkdir -p, private to the user; -1 with errno set. */
int index_make_dirs(const char *dir);

/* index_file of a path already real (realpath(3)); the caller frees it. */
char *index_file_real(const char *cache_dir, const char *real);

/* Remove what SQLite keeps beside the database file (its -wal, -shm and
 * -journal files), and when itself, the file too. */
void index_remove(const char *file, int itself);

/*
 * A fresh index built beside the file it will be (index_build.c), so
 * that its rows are written once, with no journal, and other processes
 * see no index until it is whole.
 */
struct index_build {
	char *path; /* FILE.new, where it is built; NULL when not building */
	int fd;	    /* holds the build's lock on it */
};

/*
 * Begin building the index file in FILE.new: 0 with b holding the lock
 * and FILE.new empty (the caller opens it); 1 when another process is
 * building it or FILE is there now; -1 with errno set.  Else b is left
 * empty.
 */
int index_build_begin(const char *file, struct index_build *b);

/*
 * End the build: when keep, put FILE.new in place as FILE unless FILE is
 * there by then (that one is kept); in any case remove FILE.new and let
 * go of the lock.  The database must be closed first.  0, or -1 with
 * errno set when a kept index could not be put in place.
 */
int index_build_end(struct index_build *b, const char *file, int keep);

/*
 * A key-value store beside the rows, in the same database and the same
 * transactions, for the rest of the index layer (index_post.c): keys and
 * values are bytes; nothing in it is trusted without a check of its own.
 */
/* The value of k into out (emptied first): 1, 0 when there is none (or
 * the index is not read), -1 on a failure. */
int index_kv_get(struct index *, const void *k, size_t kn, struct sbuf *out);
/*
 * Call fn(arg, k, kn, v, vn) for each key k with lo <= k < hi (bytes
 * compared as memcmp, a prefix first), in that order, with its value
 * (borrowed until fn returns); a key whose parts are not all there is
 * left out.  fn returns 0 to go on.  Returns 0, what fn returned to
 * stop, or -1 on a failure (0 at once when the index is not read).
 */
typedef int (*index_kv_fn)(
    void *arg, const void *k, size_t kn, const void *v, size_t vn);
int index_kv_scan(struct index *, const void *lo, size_t lon, const void *hi,
    size_t hin, index_kv_fn fn, void *arg);
/* Take this run's write transaction now (as the first index_put does):
 * 0, or -1 when nothing is written this run. */
int index_kv_begin(struct index *);
/* Set k to v in the write transaction: 0, or -1 (nothing more is written
 * this run; index_close reports a failure). */
int index_kv_put(
    struct index *, const void *k, size_t kn, const void *v, size_t vn);
/* The same for a k that has no value: one emptied by index_kv_clear in
 * this transaction, or not put since (it skips removing longer values'
 * parts). */
int index_kv_add(
    struct index *, const void *k, size_t kn, const void *v, size_t vn);
/* Empty the store, in the write transaction: 0, or -1. */
int index_kv_clear(struct index *);

#endif
