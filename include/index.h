/*
 * The persistent index (SPEC 7): for each glossary directory, a cache of
 * what the loader made of each file (its outcome, its bytes of data --
 * the loader stores the term, packed -- and the file's diagnostics),
 * kept under the cache directory the cli passes down.  The only file
 * that includes <sqlite3.h>.
 *
 * It is never a source of truth.  An entry is returned only when the
 * file's identity (device, inode, size, mode, mtime and ctime in
 * nanoseconds) equals what was recorded, the entry is not racily clean,
 * and the entry's own checksum holds; everything else is a miss, and the
 * caller parses the file.  A cache that cannot be used means running
 * without one, with at most one warning a run.
 *
 * One handle is used by one thread at a time.
 *
 * How a loader uses it, for each glossary directory:
 *   ix = index_open(cache_dir, root, flags, diag);  before any file is read
 *   walk in path order; for each term file, with the walk's stat:
 *     index_lookup(ix, relpath, path, &st, &rec)
 *       hit:  rec.kind, rec.data and rec.diag are what was put
 *       miss: read, parse, and make the record of what the parse gave
 *   then, in path order, for each file that was read and parsed:
 *     index_put(ix, relpath, path, &st, &rec)
 *   index_prune(ix) if the walk was complete; index_close(ix, diag).
 * The st put must be a stat taken no later than the read (the walk's
 * will do): a file changed after it has another identity by then (its
 * ctime moved on), so a record of newer bytes is never matched.
 */
#ifndef GLOSS_INDEX_H
#define GLOSS_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "diag.h"
#include "term.h"

/*
 * An entry whose mtime or ctime is not at least this much older than the
 * time its run started is racily clean and re-read: a file system may
 * keep times in units as coarse as 2 s (FAT), and a write in the same
 * unit as the recorded one would leave every stat field unchanged.
 */
#define INDEX_RACY_NS ((int64_t)2000000000)

/* Flags of index_open. */
#define INDEX_NOREAD                                                           \
	0x1		  /* every lookup misses; entries are still written    \
			     (gloss check, which parses everything) */
#define INDEX_NOWRITE 0x2 /* lookups only; nothing is written */

struct index;

/*
 * What the index keeps of one file.  It owns everything in it:
 * index_rec_release frees it.
 */
struct index_rec {
	int kind;	     /* the loader's own code (enum load_status), kept
				as given */
	unsigned char *data; /* loader-defined bytes (the packed term), or
				NULL */
	size_t datalen;
	struct diag diag; /* the file's own messages, in order */
};

/* An empty record. */
void index_rec_init(struct index_rec *);
/* Free what the record owns and empty it. */
void index_rec_release(struct index_rec *);

/*
 * Open (creating it, and cache_dir, if need be) the index of the glossary
 * directory root, which is named after a hash of root's real path.  One
 * that is not there yet is built aside and put in place by index_close,
 * whole (without INDEX_NOWRITE; with it, there is none).  One of another
 * gloss or index version, or one SQLite cannot read, is emptied and
 * rebuilt.  Returns a handle the caller closes with index_close, or NULL
 * when there is no usable index: then at most one warning was added to
 * diag (none for a missing root, which the loader reports, a database
 * another process holds locked, or one it is building), and the caller
 * runs without it.
 */
struct index *index_open(
    const char *cache_dir, const char *root, int flags, struct diag *);

/*
 * Begin opening the index of root as index_open does, on a thread of its
 * own, so that SQLite's start (its schema read, its shared memory) is
 * paid while the caller walks the files; the first index_open of the
 * same cache_dir and root then takes the connection, with the flags and
 * the time it is called with.  An index that is not there is left for
 * index_open to build.  One at a time (a second call is a no-op); a
 * failure is left for index_open to meet again, and report.  Strings
 * are copied.
 */
void index_prefetch(const char *cache_dir, const char *root);

/* Wait for a prefetch no index_open took, and close what it opened. */
void index_prefetch_end(void);

/*
 * Look up the entry of relpath (the file's path below root; the key),
 * whose stat(2) or fstat(2) the caller just took.  path is the file as
 * this run names it, given to the messages that were about the file
 * itself.  On a hit, fills *out (the caller releases it with
 * index_rec_release) and returns 1; on a miss or any error returns 0 and
 * leaves *out empty.  Every call marks relpath as still present for
 * index_prune.  Lookups in path order are cheapest: each steps one
 * cursor along the entries from where the last left it.
 */
int index_lookup(struct index *, const char *relpath, const char *path,
    const struct stat *, struct index_rec *out);

/*
 * Record rec (borrowed; copied) as the entry of relpath, whose identity
 * st is the one taken before its bytes were read (fstat of the
 * descriptor that was read, ideally).  The first put of a run starts its
 * one write transaction; when another process holds the write lock,
 * nothing is written this run.  Returns 0, or -1 when the entry was not
 * recorded (skipped, INDEX_NOWRITE, or a failure index_close reports).
 */
int index_put(struct index *, const char *relpath, const char *path,
    const struct stat *, const struct index_rec *);

/*
 * Drop every entry whose relpath was not looked up or put through this
 * handle: the files that are gone.  Call it only after a complete walk.
 */
void index_prune(struct index *);

/*
 * Commit what was written, close and free the handle.  A write that
 * failed (a full disk, say) adds one warning to diag, never more than
 * one a handle.  Returns 0, or -1 when something could not be written.
 * NULL is a no-op.
 */
int index_close(struct index *, struct diag *);

/*
 * Where the index of root is or would be, for `gloss paths': a string
 * the caller frees, or NULL if root has no real path.
 */
char *index_file(const char *cache_dir, const char *root);

/*
 * What besides a file's own bytes decides its record (the directory's
 * configuration, options that change how files are parsed), as len
 * bytes at ctx, or NULL: entries written under other bytes are misses
 * (they fail their checksum) and are replaced as files are parsed.
 * Call it before the first lookup; index_open sets none.
 */
void index_context(struct index *, const void *ctx, size_t len);

/* Whether the handle builds a new index aside (index_open found none):
 * every file of this run is a miss, and a put. */
int index_building(const struct index *);

/* The database file of an open index (borrowed). */
const char *index_db_path(const struct index *);

/* The time, in nanoseconds since the epoch, that this run's entries are
 * recorded as written: sampled by index_open, before any file is read. */
int64_t index_stamp(const struct index *);

/*
 * A snapshot: what one whole load gave (data, the loader's own bytes)
 * and the walk it was made from (walk, the loader's record, or sum, of
 * every file's path and identity), kept under a key that says how the
 * load was asked for.  Sealed by a checksum like a row; the loader trusts it
 * only for a walk equal to walk whose files were all settled at written.
 */
struct index_snap {
	int64_t written; /* when the run that made it began (index_clock) */
	uint64_t hash;	 /* a hash of walk: tells an unchanged one cheaply */
	void *walk, *data;
	size_t walklen, datalen;
};

/* Free what a snapshot owns and empty it. */
void index_snap_release(struct index_snap *);

/*
 * The snapshot under key into *out, which the caller releases: 1, or 0
 * when there is none, it is not whole, or it was written after this
 * run began (out is then empty).
 */
int index_snap_get(struct index *, const char *key, struct index_snap *out);

/*
 * Keep sn under key (replacing any), and at most a few others: 0, or -1
 * when nothing is written (another process writes, a full disk: then
 * index_close says why, as for index_put).
 */
int index_snap_put(struct index *, const char *key, const struct index_snap *);

/*
 * Whether a file of stat st may be trusted by what was made of it in a
 * run that began at stamp: git's racily-clean rule (INDEX_RACY_NS).
 */
int index_settled(const struct stat *st, int64_t stamp);

/* The time now, in nanoseconds since the epoch, as the index keeps it. */
int64_t index_clock(void);

#endif
