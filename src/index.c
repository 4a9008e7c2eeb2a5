/*
 * The persistent index in SQLite: one database per glossary directory,
 * named by a hash of its real path.  The only file that includes
 * <sqlite3.h>.
 *
 * Correctness never rests on the database being intact.  Each row is a
 * fact, "a file with this identity parsed to this", sealed by a checksum
 * over every column; a row is used only when the checksum holds, its
 * identity equals the file's stat exactly, and it is not racily clean.
 * Any valid row is true whatever else happened to the database, so a
 * torn, corrupt or concurrently rebuilt database can cost time, never an
 * answer.  SQLite gives atomic commits, WAL for readers that never wait,
 * and BEGIN IMMEDIATE so one writer at a time (the others skip writing).
 * An index that is not there yet is built aside, with no journal, by one
 * process at a time, and appears whole (ix_build, index_build.c).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "index.h"
#include "index_int.h"
#include "tval_pack.h"

/* The layout of the tables; any change bumps it (so does the packing's). */
#define INDEX_SCHEMA  5
#define INDEX_VERSION (INDEX_SCHEMA * 1000 + TVAL_PACK_VERSION)
#define INDEX_APP_ID  0x474c5353 /* "GLSS" */
#define INDEX_BUSY_MS 2000	 /* readers wait this long at most */
/* Rows a write transaction takes before it is committed and its pages
 * copied to the database (see ix_commit). */
#define INDEX_COMMIT_ROWS 256

static const char ix_schema[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE files("
    " path TEXT PRIMARY KEY,"
    " dev INTEGER NOT NULL, ino INTEGER NOT NULL, size INTEGER NOT NULL,"
    " mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,"
    " mode INTEGER NOT NULL,"
    " written_ns INTEGER NOT NULL," /* when the run that wrote it began */
    " kind INTEGER NOT NULL, data BLOB, diag BLOB NOT NULL,"
    " sum INTEGER NOT NULL)" /* row_sum over every other column */
    /* One b-tree in path order, not a table and an index of paths: an
     * insert or a lookup is one descent. */
    " WITHOUT ROWID;"
    "CREATE TABLE snap("
    " key TEXT PRIMARY KEY, written_ns INTEGER NOT NULL,"
    " hash INTEGER NOT NULL, walk BLOB NOT NULL, data BLOB NOT NULL,"
    " sum INTEGER NOT NULL);" /* snap_sum */
    /* What the index layer keeps besides the rows (index_post.c), each
     * value in parts of at most KV_PART bytes (index_kv_put). */
    "CREATE TABLE kv(k BLOB NOT NULL, part INTEGER NOT NULL,"
    " v BLOB NOT NULL, PRIMARY KEY(k, part)) WITHOUT ROWID;";

/*
 * The most bytes of a value in one row of kv.  A row of a WITHOUT ROWID
 * table longer than about 2,030 bytes (8 KiB pages) spills its tail
 * into an overflow page of its own: a 2,700-byte list of postings then
 * took 16 KiB, and at 1,000 terms the index grew from 0.55x to 0.73x
 * the corpus.  Parts this long fill the b-tree's pages instead.
 */
#define KV_PART 1900

enum {
	S_GET,
	S_PUT,
	S_PATHS,
	S_DEL,
	S_SNAP,
	S_SNAP_PUT,
	S_SNAP_TRIM,
	S_KGET,
	S_KSCAN,
	S_KPUT,
	S_KTRIM,
	S_KCLEAR,
	S_N
};

static const char *const ix_sql[S_N] = {
    /* A cursor from a path on: lookups in path order step it along. */
    "SELECT dev, ino, size, mtime_ns, ctime_ns, mode, written_ns, kind,"
    " data, diag, sum, path FROM files WHERE path >= ?1 ORDER BY path",
    "INSERT OR REPLACE INTO files(path, dev, ino, size, mtime_ns, ctime_ns,"
    " mode, written_ns, kind, data, diag, sum)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    "SELECT path FROM files",
    "DELETE FROM files WHERE path = ?1",
    /* The data is read apart (snap_data), straight into its buffer. */
    "SELECT written_ns, hash, walk, length(data), sum, rowid FROM snap"
    " WHERE key = ?1",
    "INSERT OR REPLACE INTO snap(key, written_ns, hash, walk, data, sum)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    /* A few ways of asking (languages, say) keep one each. */
    "DELETE FROM snap WHERE key NOT IN"
    " (SELECT key FROM snap ORDER BY written_ns DESC LIMIT 4)",
    "SELECT part, v FROM kv WHERE k = ?1 ORDER BY part",
    "SELECT k, part, v FROM kv WHERE k >= ?1 AND k < ?2 ORDER BY k, part",
    "INSERT OR REPLACE INTO kv(k, part, v) VALUES(?1, ?2, ?3)",
    /* The parts a longer value had past the new one's. */
    "DELETE FROM kv WHERE k = ?1 AND part >= ?2",
    "DELETE FROM kv",
};

struct index {
	sqlite3 *db;
	sqlite3_stmt *st[S_N];
	char *file;
	int flags;
	int64_t stamp;
	uint64_t seed; /* of every row's checksum */
	int reading;   /* in the read transaction of the lookups */
	int cursor;    /* S_GET is on the first row at or after at */
	struct sbuf at;
	int at_end;  /* no row is after at */
	int sweep;   /* the lookups swept the rows: 0 not yet, 1 yes, -1 no */
	int writing; /* 0 not yet, 1 in the transaction, -1 not this run */
	int wrote;   /* a write transaction began on this connection */
	size_t nput; /* rows put in this transaction */
	struct index_build build; /* a fresh index built aside, or none */
	int broken;    /* SQLite found the file corrupt: remove at close */
	int empty;     /* it had no rows when opened: every lookup misses */
	char *failure; /* why writing failed, for the one warning */
	struct index_seen seen; /* relpaths looked up or put */
};

const char *
index_db_path(const struct index *ix)
{
	return ix->file;
}

void
index_context(struct index *ix, const void *ctx, size_t len)
{
	uint64_t h = index_sum_u64(UINT64_C(0x676c6f7373696478), INDEX_VERSION);

	ix->seed = index_sum_blob(h, ctx, len, ctx != NULL);
}

int
index_building(const struct index *ix)
{
	return ix->build.path != NULL;
}

int64_t
index_stamp(const struct index *ix)
{
	return ix->stamp;
}

/* The primary result code: what the callers decide on. */
static int
primary(int rc)
{
	return rc & 0xff;
}

static int
one_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL)) != SQLITE_OK)
		return rc;
	*out = 0;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Whether the database is an index of this version for the real path
 * real: 1 yes, 0 no (empty or foreign), or a negated SQLite error.
 */
static int
ix_ours(sqlite3 *db, const char *real)
{
	sqlite3_stmt *s;
	int64_t app, ver, n = 0;
	int rc;

	if ((rc = one_int(db, "PRAGMA application_id", &app)) != SQLITE_OK ||
	    (rc = one_int(db, "PRAGMA user_version", &ver)) != SQLITE_OK)
		return -rc;
	if (app != INDEX_APP_ID || ver != INDEX_VERSION)
		return 0;
	if (sqlite3_prepare_v2(db,
		"SELECT count(*) FROM meta WHERE (key = 'gloss' AND value = ?1)"
		" OR (key = 'root' AND value = ?2)",
		-1, &s, NULL) != SQLITE_OK)
		return 0; /* no meta table: not ours */
	sqlite3_bind_text(s, 1, GLOSS_VERSION, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, real, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return -rc;
	return n == 2;
}

/* Drop every table and view, whatever version made them. */
static int
ix_drop_all(sqlite3 *db)
{
	struct strlist sql = {0};
	sqlite3_stmt *s;
	size_t i;
	int rc;

	rc = sqlite3_prepare_v2(db,
	    "SELECT type, name FROM sqlite_master WHERE type IN ('table',"
	    " 'view') AND name NOT LIKE 'sqlite_%'",
	    -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);
		char *q;

		if (type == NULL || name == NULL)
			continue;
		q = sqlite3_mprintf("DROP %s IF EXISTS \"%w\"",
		    strcmp(type, "view") == 0 ? "VIEW" : "TABLE", name);
		if (q == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		strlist_push(&sql, xstrdup(q));
		sqlite3_free(q);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	for (i = 0; i < sql.n && rc == SQLITE_OK; i++)
		rc = sqlite3_exec(db, sql.v[i], NULL, NULL, NULL);
	strlist_release(&sql);
	return rc;
}

/* Lay out this version's tables in an empty database, in a write. */
static int
ix_lay_out(sqlite3 *db, const char *real)
{
	char *meta;
	int rc;

	if ((rc = sqlite3_exec(db, ix_schema, NULL, NULL, NULL)) != SQLITE_OK)
		return rc;
	meta = sqlite3_mprintf("INSERT INTO meta VALUES('schema', '%d'),"
			       " ('gloss', %Q), ('root', %Q);"
			       " PRAGMA application_id = %d;"
			       " PRAGMA user_version = %d;",
	    INDEX_VERSION, GLOSS_VERSION, real, INDEX_APP_ID, INDEX_VERSION);
	rc = meta == NULL ? SQLITE_NOMEM
			  : sqlite3_exec(db, meta, NULL, NULL, NULL);
	sqlite3_free(meta);
	return rc;
}

/* Empty the database and lay out this version's tables, in one write. */
static int
ix_create(sqlite3 *db, const char *real)
{
	int rc, ours;

	/*
	 * Both persistent; they need no transaction, and are no-ops when
	 * already so (the page size, once the file has pages).  A row is
	 * about 1.1 KB: a page of 8 KiB keeps one whole in its b-tree's
	 * leaf (up to 2 KB), where 4 KiB would spill it to overflow pages.
	 */
	rc = sqlite3_exec(db, "PRAGMA page_size=8192; PRAGMA journal_mode=WAL",
	    NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return rc;
	ours = ix_ours(db, real); /* another process may just have made it */
	if (ours < 0)
		rc = -ours;
	else if (ours == 0 && (rc = ix_drop_all(db)) == SQLITE_OK)
		rc = ix_lay_out(db, real);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		(void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Open ix->file as an index of this version for real. */
static int
ix_connect(struct index *ix, const char *real)
{
	int64_t none;
	int rc, ours, persist = 1;

	rc = sqlite3_open_v2(ix->file, &ix->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK)
		return rc;
	/* The WAL and its index are kept, emptied, when the last connection
	 * closes (see ix_close_db), not removed to be made again by the
	 * next run. */
	(void)sqlite3_file_control(
	    ix->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	sqlite3_busy_timeout(ix->db, INDEX_BUSY_MS);
	/*
	 * No fsync: a cache whose every row is sealed by its checksum needs
	 * none.  A process killed mid-write loses nothing SQLite committed
	 * (the kernel has it); a machine that loses power may lose the last
	 * commits or leave pages torn, and a torn page is either a row that
	 * fails its checksum (a miss) or a database SQLite finds corrupt
	 * (removed and made again): time, never a wrong answer.  A page
	 * cache of 256 KiB, not 2 MiB: rows are read once, in path order,
	 * so a larger one only adds to the peak memory of a run.
	 */
	rc = sqlite3_exec(ix->db,
	    "PRAGMA synchronous=OFF; PRAGMA cache_size=-256", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	if ((ours = ix_ours(ix->db, real)) < 0)
		return -ours;
	if (ours == 0) {
		ix->wrote = 1;
		if ((rc = ix_create(ix->db, real)) != SQLITE_OK)
			return rc;
	}
	/* A first run looks nothing up: each lookup would cost a query. */
	if ((rc = one_int(ix->db,
		 "SELECT count(*) = 0 FROM"
		 " (SELECT 1 FROM files LIMIT 1)",
		 &none)) != SQLITE_OK)
		return rc;
	ix->empty = none != 0;
	return SQLITE_OK;
}

/*
 * Open the build (index_build_begin) of an index that is not there yet
 * and lay it out, leaving its one write transaction open for the rows.
 * Nothing else reads it before it is whole, so it has no journal: the
 * WAL would take every page twice (once more when checkpointed) and the
 * commits every INDEX_COMMIT_ROWS rows a lock each.  A build that fails
 * or is killed is thrown away (index_build_end, the next build).
 */
static int
ix_build(struct index *ix, const char *real)
{
	int rc;

	rc = sqlite3_open_v2(ix->build.path, &ix->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_exec(ix->db,
	    "PRAGMA page_size=8192; PRAGMA journal_mode=OFF;"
	    " PRAGMA synchronous=OFF; PRAGMA cache_size=-256; BEGIN",
	    NULL, NULL, NULL);
	if (rc == SQLITE_OK && (rc = ix_lay_out(ix->db, real)) == SQLITE_OK) {
		ix->writing = 1;
		ix->wrote = 1;
		ix->empty = 1;
	}
	return rc;
}

/*
 * Statement i, prepared the first time it is asked for: a run uses a
 * few of them (a show the snapshot's and a row's), and preparing all
 * was most of what opening cost.  SQLITE_OK, or SQLite's error.
 */
static int
ix_stmt(struct index *ix, int i, sqlite3_stmt **out)
{
	int rc = SQLITE_OK;

	if (ix->st[i] == NULL)
		rc = sqlite3_prepare_v3(ix->db, ix_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &ix->st[i], NULL);
	*out = ix->st[i];
	return ix->st[i] == NULL && rc == SQLITE_OK ? SQLITE_ERROR : rc;
}

/* Whether the WAL of file is empty (or not there). */
static int
wal_empty(const char *file)
{
	char *wal = xasprintf("%s-wal", file);
	struct stat st;
	int empty = stat(wal, &st) == -1 || st.st_size == 0;

	free(wal);
	return empty;
}

/*
 * Close the connection.  The last one to close used to copy the WAL into
 * the database, then remove the WAL and its shared-memory index, so that
 * every run made both files again (a show's only writes).  Now a
 * connection that wrote nothing, over an empty WAL, has nothing to copy
 * and closes without trying; one that wrote (or finds a WAL another
 * left, killed) copies it as before, and empties it instead of removing
 * it.  Either way a closed index has an empty WAL, as before.
 */
static void
ix_close_db(struct index *ix)
{
	if (ix->db == NULL)
		return;
	if (!ix->wrote && wal_empty(ix->file))
		(void)sqlite3_db_config(
		    ix->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	else
		(void)sqlite3_exec(
		    ix->db, "PRAGMA journal_size_limit=0", NULL, NULL, NULL);
	sqlite3_close(ix->db);
	ix->db = NULL;
}

static void
ix_disconnect(struct index *ix)
{
	int i;

	for (i = 0; i < S_N; i++) {
		sqlite3_finalize(ix->st[i]);
		ix->st[i] = NULL;
	}
	ix->cursor = 0;
	ix_close_db(ix);
}

/*
 * The end of a build: what was built, when its transaction committed,
 * made a WAL database like any other (the mode is kept in the file),
 * closed, and put in place; else thrown away.
 */
static void
ix_build_end(struct index *ix, int keep)
{
	sqlite3_stmt *s;

	if (ix->build.path == NULL)
		return;
	keep = keep && ix->writing == 1 && !ix->broken;
	if (keep &&
	    sqlite3_prepare_v2(
		ix->db, "PRAGMA journal_mode=WAL", -1, &s, NULL) == SQLITE_OK) {
		const unsigned char *mode;

		keep = sqlite3_step(s) == SQLITE_ROW &&
		    (mode = sqlite3_column_text(s, 0)) != NULL &&
		    strcmp((const char *)mode, "wal") == 0;
		sqlite3_finalize(s);
	} else
		keep = 0;
	ix_disconnect(ix);
	if (index_build_end(&ix->build, ix->file, keep) < 0 &&
	    ix->failure == NULL)
		ix->failure = xstrdup(strerror(errno));
}

static void
ix_free(struct index *ix)
{
	int built = ix->build.path != NULL;

	ix_build_end(ix, 0); /* a build not closed by index_close */
	ix_disconnect(ix);
	if (ix->broken && !built)
		index_remove(ix->file, 1);
	free(ix->file);
	free(ix->failure);
	sb_release(&ix->at);
	index_seen_release(&ix->seen);
	free(ix);
}

/* What a damaged file makes SQLite say (a mangled schema reads as SQL
 * errors), as against a busy, full, unwritable or failing disk. */
static int
is_corrupt(int rc)
{
	switch (primary(rc)) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_ERROR:
	case SQLITE_SCHEMA:
	case SQLITE_FORMAT:
	case SQLITE_MISMATCH:
	case SQLITE_CONSTRAINT:
	case SQLITE_RANGE:
		return 1;
	default:
		return 0;
	}
}

static int
is_busy(int rc)
{
	return primary(rc) == SQLITE_BUSY || primary(rc) == SQLITE_LOCKED;
}

/*
 * Connect ix to its file, or when there is none and build, begin
 * building it (ix_build): SQLITE_OK, SQLITE_BUSY when another process
 * builds it (or, not build, there is none), or an error.
 */
static int
ix_attach(struct index *ix, const char *real, int build)
{
	struct stat st;
	int rc;

	if (lstat(ix->file, &st) == 0 || errno != ENOENT)
		return ix_connect(ix, real);
	if (!build)
		return SQLITE_BUSY;
	switch (index_build_begin(ix->file, &ix->build)) {
	case 0:
		if ((rc = ix_build(ix, real)) != SQLITE_OK)
			ix_build_end(ix, 0);
		return is_corrupt(rc) ? SQLITE_CANTOPEN : rc; /* not again */
	case 1: /* another builds it, or it was just built */
		return lstat(ix->file, &st) == 0 ? ix_connect(ix, real)
						 : SQLITE_BUSY;
	default: /* what SQLite says when it cannot make a file */
		return SQLITE_CANTOPEN;
	}
}

/*
 * Open the index of root (as index_open, but for its flags and time),
 * building it aside when there is none and build.
 */
static struct index *
ix_open(const char *cache_dir, const char *root, int build, struct diag *d)
{
	struct index *ix;
	char *real;
	int rc;

	if ((real = realpath(root, NULL)) == NULL)
		return NULL; /* the loader reports the directory */
	ix = xcalloc(1, sizeof(*ix));
	index_context(ix, NULL, 0);
	ix->file = index_file_real(cache_dir, real);
	if (ix->file == NULL || index_make_dirs(cache_dir) < 0) {
		diag_add(
		    d, DIAG_INDEX_DIRECTORY, cache_dir, 0, 0, strerror(errno));
		goto fail;
	}
	rc = ix_attach(ix, real, build);
	if (is_corrupt(rc) && ix->build.path == NULL) {
		/* Not a database any more: start again from nothing. */
		ix_disconnect(ix);
		index_remove(ix->file, 1);
		rc = ix_attach(ix, real, build);
	}
	if (rc != SQLITE_OK) {
		if (!is_busy(rc))
			diag_add(d, DIAG_INDEX_UNUSABLE, ix->file, 0, 0,
			    sqlite3_errstr(rc));
		goto fail;
	}
	free(real);
	return ix;
fail:
	free(real);
	ix_free(ix);
	return NULL;
}

/* The index being opened ahead (index_prefetch): one a process. */
static struct {
	int on; /* a thread was started and not joined */
	pthread_t tid;
	char *cache_dir, *root;
	struct index *ix; /* what it opened, or NULL */
} pre;

static void *
prefetch_run(void *arg)
{
	struct diag d;

	(void)arg;
	diag_init(&d);
	/* Not a build: only the run's own open knows whether it writes. */
	pre.ix = ix_open(pre.cache_dir, pre.root, 0, &d);
	diag_release(&d); /* index_open meets it again */
	return NULL;
}

void
index_prefetch(const char *cache_dir, const char *root)
{
	if (pre.on)
		return;
	pre.cache_dir = xstrdup(cache_dir);
	pre.root = xstrdup(root);
	pre.ix = NULL;
	pre.on = pthread_create(&pre.tid, NULL, prefetch_run, NULL) == 0;
	if (!pre.on)
		index_prefetch_end();
}

/* Join the prefetch: what it opened, for the caller to free. */
static struct index *
prefetch_join(void)
{
	struct index *ix;

	if (pre.on)
		pthread_join(pre.tid, NULL);
	ix = pre.ix;
	pre.on = 0;
	pre.ix = NULL;
	free(pre.cache_dir);
	free(pre.root);
	pre.cache_dir = pre.root = NULL;
	return ix;
}

void
index_prefetch_end(void)
{
	struct index *ix = prefetch_join();

	if (ix != NULL)
		ix_free(ix);
}

struct index *
index_open(const char *cache_dir, const char *root, int flags, struct diag *d)
{
	struct index *ix = NULL;

	if (pre.on && strcmp(pre.root, root) == 0 &&
	    strcmp(pre.cache_dir, cache_dir) == 0)
		ix = prefetch_join();
	if (ix == NULL &&
	    (ix = ix_open(cache_dir, root, !(flags & INDEX_NOWRITE), d)) ==
		NULL)
		return NULL;
	ix->stamp = index_now_ns(); /* before any file of this run is read */
	ix->flags = flags;
	return ix;
}

/* Read the row s stands on; 0 if it is whole and sealed. */
static int
row_read(sqlite3_stmt *s, struct index_row *r)
{
	int i;

	for (i = 0; i < ID_N; i++)
		r->id[i] = sqlite3_column_int64(s, i);
	r->written = sqlite3_column_int64(s, 6);
	r->kind = sqlite3_column_int64(s, 7);
	for (i = 0; i < 2; i++) {
		r->has[i] = sqlite3_column_type(s, 8 + i) != SQLITE_NULL;
		r->blob[i] = sqlite3_column_blob(s, 8 + i);
		r->len[i] = (size_t)sqlite3_column_bytes(s, 8 + i);
		if (r->has[i] && r->len[i] > 0 && r->blob[i] == NULL)
			return -1; /* out of memory */
	}
	r->path = (const char *)sqlite3_column_text(s, 11);
	if (r->path == NULL)
		return -1;
	return index_row_sum(r) == sqlite3_column_int64(s, 10) ? 0 : -1;
}

/* Note that SQLite found the database damaged: no more use this run. */
static void
ix_check_rc(struct index *ix, int rc)
{
	if (is_corrupt(rc))
		ix->broken = 1;
}

/*
 * Let go of the lookups' cursor.  Before the transaction changes or a
 * write, the sweep (ix_seek) ends too: its rows may no longer be all.
 */
static void
ix_park(struct index *ix, int sweep_ends)
{
	if (ix->st[S_GET] != NULL)
		sqlite3_reset(ix->st[S_GET]);
	ix->cursor = 0;
	if (sweep_ends) {
		ix->sweep = -1;
		ix->at_end = 0;
	}
}

/* How far the cursor steps to a path before it seeks it instead. */
#define IX_STEPS 8

/* Seek the cursor to the first row at or after key. */
static int
ix_seek_to(struct index *ix, const char *key)
{
	int rc;

	ix_park(ix, 0);
	sqlite3_bind_text(ix->st[S_GET], 1, key, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(ix->st[S_GET])) == SQLITE_ROW)
		ix->cursor = 1;
	else
		ix_park(ix, 0);
	return rc;
}

/*
 * Put the lookups' cursor on the first row at or after relpath: from
 * where it is when relpath comes after the path it was put for (lookups
 * come in path order, mostly) and is near, else by a seek.  Returns
 * SQLITE_ROW when it is on a row, with strcmp of its path and relpath
 * in *cmp; SQLITE_DONE when no row is.
 *
 * The first seek is from the first row, and as long as the cursor
 * passes no row but the ones asked for and is not sought again, the
 * lookups sweep the table: when the sweep reaches its end, every row
 * was asked for, and index_prune has nothing to look for.
 */
static int
ix_seek(struct index *ix, const char *relpath, int *cmp)
{
	sqlite3_stmt *s = ix->st[S_GET];
	int ahead = ix->at.s != NULL && strcmp(ix->at.s, relpath) <= 0;
	const char *p;
	int rc = SQLITE_ROW, n;

	if (ix->at_end && ahead)
		rc = SQLITE_DONE; /* no row after the last */
	else if (ix->sweep == 0) {
		ix->sweep = 1;
		rc = ix_seek_to(ix, "");
	} else if (!ix->cursor || !ahead) {
		ix->sweep = -1;
		rc = ix_seek_to(ix, relpath);
	}
	for (n = 0; rc == SQLITE_ROW; n++) {
		if ((p = (const char *)sqlite3_column_text(s, 11)) == NULL)
			p = ""; /* out of memory: a miss, not a sweep */
		if ((*cmp = strcmp(p, relpath)) >= 0 && *p != '\0')
			break;
		if (n == IX_STEPS || *p == '\0') {
			ix->sweep = -1;
			if ((rc = ix_seek_to(ix, relpath)) == SQLITE_ROW) {
				p = (const char *)sqlite3_column_text(s, 11);
				*cmp = p != NULL ? strcmp(p, relpath) : 1;
			}
			break;
		}
		if (ix->at.s == NULL || strcmp(p, ix->at.s) != 0)
			ix->sweep = -1; /* a row not asked for */
		if ((rc = sqlite3_step(s)) != SQLITE_ROW)
			ix_park(ix, 0);
	}
	ix->at_end = rc == SQLITE_DONE;
	ix->at.len = 0;
	sb_adds(&ix->at, relpath);
	return rc;
}

int
index_lookup(struct index *ix, const char *relpath, const char *path,
    const struct stat *st, struct index_rec *out)
{
	sqlite3_stmt *s;
	int64_t id[ID_N];
	struct index_row r;
	int rc, hit = 0, i, cmp = 1;

	index_rec_init(out);
	index_seen_add(&ix->seen, relpath);
	if ((ix->flags & INDEX_NOREAD) || ix->broken || ix->empty ||
	    index_ident_of(st, id) < 0 || !index_ident_settled(id, ix->stamp))
		return 0;
	/* One read transaction for all the lookups: a statement of its own
	 * takes and drops the WAL read lock (several fcntl calls) each time,
	 * which costs more than the lookup. */
	if (!ix->reading && ix->writing != 1 &&
	    sqlite3_exec(ix->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
		ix->reading = 1;
	if ((rc = ix_stmt(ix, S_GET, &s)) != SQLITE_OK) {
		ix_check_rc(ix, rc);
		return 0;
	}
	r.seed = ix->seed;
	rc = ix_seek(ix, relpath, &cmp);
	if (rc == SQLITE_ROW && cmp == 0 && row_read(s, &r) == 0 &&
	    strcmp(r.path, relpath) == 0 && r.written <= ix->stamp &&
	    index_ident_settled(r.id, r.written)) {
		for (i = 0; i < ID_N && r.id[i] == id[i]; i++)
			;
		hit = i == ID_N && index_row_rec(&r, path, out) == 0;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ix_check_rc(ix, rc);
		ix_park(ix, 1);
	}
	return hit;
}

/* Give up writing this run, remembering why for index_close. */
static void
ix_fail(struct index *ix, int rc)
{
	ix_check_rc(ix, rc);
	if (ix->writing == 1)
		(void)sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
	ix->writing = -1;
	/* Busy: another process writes.  Corrupt: removed at close, made
	 * again by the next run.  Neither is worth a warning. */
	if (ix->failure == NULL && !is_busy(rc) && !is_corrupt(rc))
		ix->failure = xstrdup(sqlite3_errstr(rc));
}

static void
ix_end_read(struct index *ix)
{
	ix_park(ix, 1);
	if (ix->reading)
		(void)sqlite3_exec(ix->db, "COMMIT", NULL, NULL, NULL);
	ix->reading = 0;
}

/* Take the write lock for the rest of the run, or learn not to write. */
static int
ix_begin(struct index *ix)
{
	int rc;

	ix_park(ix, 1); /* no cursor open under a write */
	if (ix->writing != 0)
		return ix->writing == 1 ? 0 : -1;
	if ((ix->flags & INDEX_NOWRITE) || ix->broken) {
		ix->writing = -1;
		return -1;
	}
	/* A writer never waits: another process writing the same files
	 * makes this run's writes unneeded. */
	ix_end_read(ix);
	sqlite3_busy_timeout(ix->db, 0);
	rc = sqlite3_exec(ix->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(ix->db, INDEX_BUSY_MS);
	if (rc != SQLITE_OK) {
		ix_fail(ix, rc);
		return -1;
	}
	ix->writing = 1;
	ix->wrote = 1;
	return 0;
}

/*
 * Commit the rows put so far and copy their pages into the database
 * now, while the loader's threads parse the next files, rather than all
 * of them at the end, alone, when the last connection closes; the WAL,
 * emptied, is then written again from its start and stays small.  The
 * next put takes the write lock again, or learns not to write.
 */
static void
ix_commit(struct index *ix)
{
	int rc;

	ix->nput = 0;
	if (ix->writing != 1)
		return;
	if ((rc = sqlite3_exec(ix->db, "COMMIT", NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		ix_fail(ix, rc);
		return;
	}
	ix->writing = 0;
	(void)sqlite3_wal_checkpoint_v2(
	    ix->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

static int
row_write(sqlite3_stmt *s, const struct index_row *r)
{
	int i, rc;

	sqlite3_bind_text(s, 1, r->path, -1, SQLITE_STATIC);
	for (i = 0; i < ID_N; i++)
		sqlite3_bind_int64(s, 2 + i, r->id[i]);
	sqlite3_bind_int64(s, 8, r->written);
	sqlite3_bind_int64(s, 9, r->kind);
	for (i = 0; i < 2; i++)
		if (r->has[i])
			sqlite3_bind_blob(s, 10 + i,
			    r->len[i] > 0 ? r->blob[i] : "", (int)r->len[i],
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 10 + i);
	sqlite3_bind_int64(s, 12, index_row_sum(r));
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int
index_put(struct index *ix, const char *relpath, const char *path,
    const struct stat *st, const struct index_rec *rec)
{
	struct sbuf db;
	struct index_row r;
	int rc = -1;

	index_seen_add(&ix->seen, relpath);
	memset(&r, 0, sizeof(r));
	r.seed = ix->seed;
	r.path = relpath;
	r.written = ix->stamp;
	/* An entry that is racily clean now would never be trusted. */
	if (index_ident_of(st, r.id) < 0 ||
	    !index_ident_settled(r.id, ix->stamp))
		return -1;
	sb_init(&db);
	if (index_rec_row(rec, path, &r, &db) == 0 && ix_begin(ix) == 0) {
		sqlite3_stmt *s;
		int e = ix_stmt(ix, S_PUT, &s);

		if (e == SQLITE_OK)
			e = row_write(s, &r);

		if (e == SQLITE_OK)
			rc = 0;
		else
			ix_fail(ix, e);
	}
	sb_release(&db);
	/* A build is one transaction, committed at the end. */
	if (rc == 0 && ix->build.path == NULL &&
	    ++ix->nput >= INDEX_COMMIT_ROWS)
		ix_commit(ix);
	return rc;
}

/*
 * Whether the lookups swept the rows to their end (ix_seek): the
 * cursor is past the last, or on the last path asked for and nothing
 * follows.  Lets go of the cursor.
 */
static int
ix_swept(struct index *ix)
{
	const char *p;
	int end = ix->at_end;

	if (ix->sweep == 1 && ix->cursor &&
	    (p = (const char *)sqlite3_column_text(ix->st[S_GET], 11)) !=
		NULL &&
	    strcmp(p, ix->at.s) == 0)
		end = sqlite3_step(ix->st[S_GET]) == SQLITE_DONE;
	end = end && ix->sweep == 1;
	ix_park(ix, 1);
	return end;
}

void
index_prune(struct index *ix)
{
	struct strlist gone = {0};
	sqlite3_stmt *s;
	const char *p;
	size_t i;
	int rc;

	if ((ix->flags & INDEX_NOWRITE) || ix->broken || ix->writing < 0 ||
	    ix->build.path != NULL) /* a build holds only this run's rows */
		return;
	if (ix_swept(ix))
		return; /* the lookups saw every row */
	if ((rc = ix_stmt(ix, S_PATHS, &s)) != SQLITE_OK) {
		ix_check_rc(ix, rc);
		return;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((p = (const char *)sqlite3_column_text(s, 0)) != NULL &&
		    !index_seen_has(&ix->seen, p))
			strlist_push(&gone, xstrdup(p));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		ix_check_rc(ix, rc);
	else if (gone.n > 0 && ix_begin(ix) == 0) {
		if ((rc = ix_stmt(ix, S_DEL, &s)) != SQLITE_OK)
			ix_fail(ix, rc);
		for (i = 0; i < gone.n && ix->writing == 1; i++) {
			sqlite3_bind_text(s, 1, gone.v[i], -1, SQLITE_STATIC);
			rc = sqlite3_step(s);
			sqlite3_reset(s);
			if (rc != SQLITE_DONE)
				ix_fail(ix, rc);
		}
	}
	strlist_release(&gone);
}

int
index_close(struct index *ix, struct diag *d)
{
	int rc;

	if (ix == NULL)
		return 0;
	ix_end_read(ix);
	if (ix->writing == 1 &&
	    (rc = sqlite3_exec(ix->db, "COMMIT", NULL, NULL, NULL)) !=
		SQLITE_OK)
		ix_fail(ix, rc);
	ix_build_end(ix, 1);
	rc = ix->failure != NULL ? -1 : 0;
	if (ix->failure != NULL)
		diag_add(d, DIAG_INDEX_WRITE, ix->file, 0, 0, ix->failure);
	ix_free(ix);
	return rc;
}

/*
 * A snapshot's checksum, over every other column.  Not seeded with a
 * directory's context: a snapshot spans directories, and the loader
 * puts what it depends on in its key and its walk.
 */
static int64_t
snap_sum(const char *key, const struct index_snap *sn)
{
	uint64_t h = index_sum_u64(UINT64_C(0x676c6f7373736e70), INDEX_VERSION);

	h = index_sum_blob(h, key, strlen(key), 1);
	h = index_sum_u64(h, (uint64_t)sn->written);
	h = index_sum_u64(h, sn->hash);
	h = index_sum_blob(h, sn->walk, sn->walklen, 1);
	h = index_sum_blob(h, sn->data, sn->datalen, 1);
	return (int64_t)h;
}

void
index_snap_release(struct index_snap *sn)
{
	free(sn->walk);
	free(sn->data);
	memset(sn, 0, sizeof(*sn));
}

/* A copy of column i of s, at least one byte so that NULL means none. */
static void *
column_copy(sqlite3_stmt *s, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(s, i);
	void *c;

	*len = (size_t)sqlite3_column_bytes(s, i);
	if (p == NULL && *len > 0)
		return NULL;
	c = xmalloc(*len + 1);
	if (*len > 0)
		memcpy(c, p, *len);
	return c;
}

/*
 * The data of the snapshot in row rowid, n bytes, read into a buffer of
 * its own (*len n): SQLite's incremental I/O, where a column of the
 * query was first copied whole by SQLite and then again (column_copy),
 * 100 KB and 50 page faults at 1,000 terms.  NULL if it cannot be read.
 */
static void *
snap_data(struct index *ix, sqlite3_int64 rowid, sqlite3_int64 n, size_t *len)
{
	sqlite3_blob *b;
	char *c;

	*len = 0;
	if (n < 0 || n > INT_MAX ||
	    sqlite3_blob_open(ix->db, "main", "snap", "data", rowid, 0, &b) !=
		SQLITE_OK)
		return NULL;
	c = xmalloc((size_t)n + 1);
	if (sqlite3_blob_bytes(b) != n ||
	    sqlite3_blob_read(b, c, (int)n, 0) != SQLITE_OK) {
		free(c);
		c = NULL;
	} else
		*len = (size_t)n;
	sqlite3_blob_close(b);
	return c;
}

int
index_snap_get(struct index *ix, const char *key, struct index_snap *out)
{
	sqlite3_stmt *s;
	int rc, ok = 0;

	memset(out, 0, sizeof(*out));
	if ((ix->flags & INDEX_NOREAD) || ix->broken)
		return 0;
	if (!ix->reading && ix->writing != 1 &&
	    sqlite3_exec(ix->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
		ix->reading = 1;
	if ((rc = ix_stmt(ix, S_SNAP, &s)) != SQLITE_OK) {
		ix_check_rc(ix, rc);
		return 0;
	}
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->written = sqlite3_column_int64(s, 0);
		out->hash = (uint64_t)sqlite3_column_int64(s, 1);
		out->walk = column_copy(s, 2, &out->walklen);
		out->data = snap_data(ix, sqlite3_column_int64(s, 5),
		    sqlite3_column_int64(s, 3), &out->datalen);
		ok = out->walk != NULL && out->data != NULL &&
		    out->written <= ix->stamp &&
		    snap_sum(key, out) == sqlite3_column_int64(s, 4);
	}
	ix_check_rc(ix, rc);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (!ok)
		index_snap_release(out);
	return ok;
}

int
index_snap_put(struct index *ix, const char *key, const struct index_snap *sn)
{
	sqlite3_stmt *s, *trim;
	int rc;

	if (sn->walklen > INT_MAX || sn->datalen > INT_MAX || ix_begin(ix) < 0)
		return -1;
	if ((rc = ix_stmt(ix, S_SNAP_PUT, &s)) != SQLITE_OK ||
	    (rc = ix_stmt(ix, S_SNAP_TRIM, &trim)) != SQLITE_OK) {
		ix_fail(ix, rc);
		return -1;
	}
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, sn->written);
	sqlite3_bind_int64(s, 3, (int64_t)sn->hash);
	sqlite3_bind_blob(s, 4, sn->walklen > 0 ? sn->walk : "",
	    (int)sn->walklen, SQLITE_STATIC);
	sqlite3_bind_blob(s, 5, sn->datalen > 0 ? sn->data : "",
	    (int)sn->datalen, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, snap_sum(key, sn));
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc == SQLITE_DONE) {
		rc = sqlite3_step(trim);
		sqlite3_reset(trim);
	}
	if (rc != SQLITE_DONE) {
		ix_fail(ix, rc);
		return -1;
	}
	return 0;
}

int
index_settled(const struct stat *st, int64_t stamp)
{
	int64_t id[ID_N];

	return index_ident_of(st, id) == 0 && index_ident_settled(id, stamp);
}

int64_t
index_clock(void)
{
	return index_now_ns();
}

/* The key-value store of the index layer (index_int.h). */

/* Begin the read transaction the store's reads share, unless this
 * connection writes; S_KGET or S_KSCAN prepared into *s: 0, or -1. */
static int
kv_read(struct index *ix, int w, sqlite3_stmt **s)
{
	int rc;

	if (!ix->reading && ix->writing != 1 &&
	    sqlite3_exec(ix->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
		ix->reading = 1;
	if ((rc = ix_stmt(ix, w, s)) != SQLITE_OK) {
		ix_check_rc(ix, rc);
		return -1;
	}
	return 0;
}

/*
 * Add the part in columns pc (its number) and pc + 1 (its bytes) of s's
 * row to out, as the next of *parts read so far: the parts of a value
 * come in order, numbered from 0 without a gap.  One out of place (or
 * unreadable) makes *parts -1, and the value unreadable.
 */
static void
kv_part(sqlite3_stmt *s, int pc, struct sbuf *out, int *parts)
{
	const void *v = sqlite3_column_blob(s, pc + 1);
	int n = sqlite3_column_bytes(s, pc + 1);

	if (*parts < 0 || (n > 0 && v == NULL) ||
	    sqlite3_column_int64(s, pc) != *parts)
		*parts = -1;
	else {
		sb_addn(out, n > 0 ? v : "", (size_t)n);
		(*parts)++;
	}
}

int
index_kv_get(struct index *ix, const void *k, size_t kn, struct sbuf *out)
{
	sqlite3_stmt *s;
	int rc, found = 0;

	if ((ix->flags & INDEX_NOREAD) || ix->broken)
		return 0;
	if (kv_read(ix, S_KGET, &s) < 0)
		return -1;
	sqlite3_bind_blob(s, 1, kn > 0 ? k : "", (int)kn, SQLITE_STATIC);
	out->len = 0;
	while (found >= 0 && (rc = sqlite3_step(s)) == SQLITE_ROW)
		kv_part(s, 0, out, &found);
	if (found >= 0 && rc != SQLITE_DONE) {
		ix_check_rc(ix, rc);
		found = -1;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return found > 0 ? 1 : found;
}

/* Call fn for key k's value (its parts joined), when every part of it
 * was read in order (parts > 0); 0, or what fn returned. */
static int
kv_scan_end(
    struct sbuf *k, struct sbuf *v, int parts, index_kv_fn fn, void *arg)
{
	if (parts <= 0)
		return 0;
	return fn(arg, k->s, k->len, v->s, v->len);
}

int
index_kv_scan(struct index *ix, const void *lo, size_t lon, const void *hi,
    size_t hin, index_kv_fn fn, void *arg)
{
	struct sbuf k, v;
	sqlite3_stmt *s;
	int rc = SQLITE_DONE, parts = 0, stop = 0;

	if ((ix->flags & INDEX_NOREAD) || ix->broken)
		return 0;
	if (kv_read(ix, S_KSCAN, &s) < 0)
		return -1;
	sqlite3_bind_blob(s, 1, lon > 0 ? lo : "", (int)lon, SQLITE_STATIC);
	sqlite3_bind_blob(s, 2, hin > 0 ? hi : "", (int)hin, SQLITE_STATIC);
	sb_init(&k);
	sb_init(&v);
	/* A key's parts come together (kv_part); a key whose parts are
	 * not all there in order is left out, as unreadable. */
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const void *kb = sqlite3_column_blob(s, 0);
		int kn = sqlite3_column_bytes(s, 0);

		if (kn > 0 && kb == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		if ((size_t)kn != k.len ||
		    (kn > 0 && memcmp(kb, k.s, (size_t)kn) != 0)) {
			if ((stop = kv_scan_end(&k, &v, parts, fn, arg)) != 0)
				break;
			k.len = 0;
			sb_addn(&k, kn > 0 ? kb : "", (size_t)kn);
			v.len = 0;
			parts = 0;
		}
		kv_part(s, 1, &v, &parts);
	}
	if (!stop) {
		if (rc == SQLITE_DONE)
			stop = kv_scan_end(&k, &v, parts, fn, arg);
		else {
			ix_check_rc(ix, rc);
			stop = -1;
		}
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	sb_release(&k);
	sb_release(&v);
	return stop;
}

int
index_kv_begin(struct index *ix)
{
	/* A store of postings written at once is some megabytes (6 at
	 * 10,000 terms): in a page cache of 256 KiB (ix_connect) its pages
	 * would be spilled to the WAL, and written again, many times over.
	 * The cache grows only as pages are changed. */
	(void)sqlite3_exec(
	    ix->db, "PRAGMA cache_size=-16384", NULL, NULL, NULL);
	return ix_begin(ix);
}

/* Run statement w of kv on key k and number i: 0, or -1 (ix_fail). */
static int
kv_step(struct index *ix, int w, const void *k, size_t kn, sqlite3_int64 i,
    const void *v, size_t vn)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = ix_stmt(ix, w, &s)) != SQLITE_OK) {
		ix_fail(ix, rc);
		return -1;
	}
	sqlite3_bind_blob(s, 1, kn > 0 ? k : "", (int)kn, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, i);
	if (v != NULL)
		sqlite3_bind_blob(
		    s, 3, vn > 0 ? v : "", (int)vn, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE) {
		ix_fail(ix, rc);
		return -1;
	}
	return 0;
}

/* Put v's parts under k; trim: remove the parts past them. */
static int
kv_put(struct index *ix, const void *k, size_t kn, const void *v, size_t vn,
    int trim)
{
	const char *p = vn > 0 ? v : "";
	size_t off = 0, n;
	sqlite3_int64 i = 0;

	if (ix_begin(ix) < 0)
		return -1;
	do {
		n = vn - off < KV_PART ? vn - off : KV_PART;
		if (kv_step(ix, S_KPUT, k, kn, i++, p + off, n) < 0)
			return -1;
		off += n;
	} while (off < vn);
	return trim ? kv_step(ix, S_KTRIM, k, kn, i, NULL, 0) : 0;
}

int
index_kv_put(
    struct index *ix, const void *k, size_t kn, const void *v, size_t vn)
{
	return kv_put(ix, k, kn, v, vn, 1);
}

int
index_kv_add(
    struct index *ix, const void *k, size_t kn, const void *v, size_t vn)
{
	return kv_put(ix, k, kn, v, vn, 0);
}

int
index_kv_clear(struct index *ix)
{
	sqlite3_stmt *s;
	int rc;

	if (ix_begin(ix) < 0)
		return -1;
	if ((rc = ix_stmt(ix, S_KCLEAR, &s)) != SQLITE_OK) {
		ix_fail(ix, rc);
		return -1;
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		ix_fail(ix, rc);
		return -1;
	}
	return 0;
}
