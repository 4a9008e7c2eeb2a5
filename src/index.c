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
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "index.h"
#include "tval_pack.h"

/* The layout of the tables; any change bumps it (so does the packing's). */
#define INDEX_SCHEMA  1
#define INDEX_VERSION (INDEX_SCHEMA * 1000 + TVAL_PACK_VERSION)
#define INDEX_APP_ID  0x474c5353 /* "GLSS" */
#define INDEX_BUSY_MS 2000	 /* readers wait this long at most */

static const char ix_schema[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE files("
    " path TEXT PRIMARY KEY,"
    " dev INTEGER NOT NULL, ino INTEGER NOT NULL, size INTEGER NOT NULL,"
    " mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,"
    " mode INTEGER NOT NULL,"
    " written_ns INTEGER NOT NULL," /* when the run that wrote it began */
    " kind INTEGER NOT NULL, fm_end INTEGER NOT NULL,"
    " body_off INTEGER NOT NULL,"
    " tree BLOB, diag BLOB NOT NULL, aux BLOB,"
    " sum INTEGER NOT NULL);"; /* row_sum over every other column */

enum { S_GET, S_PUT, S_PATHS, S_DEL, S_N };

static const char *const ix_sql[S_N] = {
    "SELECT dev, ino, size, mtime_ns, ctime_ns, mode, written_ns, kind,"
    " fm_end, body_off, tree, diag, aux, sum, path FROM files WHERE path = ?1",
    "INSERT OR REPLACE INTO files(path, dev, ino, size, mtime_ns, ctime_ns,"
    " mode, written_ns, kind, fm_end, body_off, tree, diag, aux, sum)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15)",
    "SELECT path FROM files",
    "DELETE FROM files WHERE path = ?1",
};

/* A file's identity as recorded: every field a rewrite may change. */
enum { ID_DEV, ID_INO, ID_SIZE, ID_MTIME, ID_CTIME, ID_MODE, ID_N };

/* A set of strings (open addressing), for the files still present. */
struct seen {
	char **slot;
	size_t cap, n;
};

struct index {
	sqlite3 *db;
	sqlite3_stmt *st[S_N];
	char *file;
	int flags;
	int64_t stamp;
	uint64_t seed;	  /* of every row's checksum */
	int reading;	  /* in the read transaction of the lookups */
	int writing;	  /* 0 not yet, 1 in the transaction, -1 not this run */
	int broken;	  /* SQLite found the file corrupt: remove at close */
	char *failure;	  /* why writing failed, for the one warning */
	struct seen seen; /* relpaths looked up or put */
};

/* FNV-1a, 64 bits: for naming a database after a path. */
static uint64_t
fnv(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * UINT64_C(0x100000001b3);
	return h;
}

static size_t
seen_find(const struct seen *t, const char *key)
{
	size_t i = (size_t)fnv(key) & (t->cap - 1);

	while (t->slot[i] != NULL && strcmp(t->slot[i], key) != 0)
		i = (i + 1) & (t->cap - 1);
	return i;
}

static int
seen_has(const struct seen *t, const char *key)
{
	return t->cap > 0 && t->slot[seen_find(t, key)] != NULL;
}

static void
seen_add(struct seen *t, const char *key)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) { /* keep it at most half full */
		struct seen big = {NULL, t->cap ? t->cap * 2 : 256, 0};

		big.slot = xcalloc(big.cap, sizeof(*big.slot));
		for (i = 0; i < t->cap; i++)
			if (t->slot[i] != NULL)
				big.slot[seen_find(&big, t->slot[i])] =
				    t->slot[i];
		big.n = t->n;
		free(t->slot);
		*t = big;
	}
	i = seen_find(t, key);
	if (t->slot[i] == NULL) {
		t->slot[i] = xstrdup(key);
		t->n++;
	}
}

static void
seen_release(struct seen *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slot[i]);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

void
index_rec_init(struct index_rec *r)
{
	memset(r, 0, sizeof(*r));
	diag_init(&r->diag);
}

void
index_rec_release(struct index_rec *r)
{
	tval_release(&r->tree);
	diag_release(&r->diag);
	free(r->aux);
	index_rec_init(r);
}

/*
 * The row checksum takes a word at a time, 8 times as fast as FNV over
 * bytes.  Each step is a bijection of the state for a fixed word and of
 * the word for a fixed state, so two inputs of one length that differ in
 * one word (any single changed byte) always differ in the sum; lengths
 * are summed too.
 */
static uint64_t
sum_u64(uint64_t h, uint64_t w)
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
		h = sum_u64(h, w);
	}
	if (i < n) {
		for (w = 0, k = 0; i + k < n; k++)
			w |= (uint64_t)s[i + k] << (8 * k);
		h = sum_u64(h, w);
	}
	return h;
}

/* A blob, told apart from an absent one. */
static uint64_t
sum_blob(uint64_t h, const void *p, size_t n, int present)
{
	h = sum_u64(h, present ? (uint64_t)n : UINT64_MAX);
	return present ? sum_bytes(h, p, n) : h;
}

/* The columns of one row, as the checksum and both directions see them. */
struct row {
	uint64_t seed; /* the version and the context (index_context) */
	const char *path;
	int64_t id[ID_N];
	int64_t written, kind, fm_end, body_off;
	const void *blob[3]; /* tree, diag, aux */
	size_t len[3];
	int has[3];
};

static int64_t
row_sum(const struct row *r)
{
	uint64_t h = r->seed;
	int i;

	h = sum_blob(h, r->path, strlen(r->path), 1);
	for (i = 0; i < ID_N; i++)
		h = sum_u64(h, (uint64_t)r->id[i]);
	h = sum_u64(h, (uint64_t)r->written);
	h = sum_u64(h, (uint64_t)r->kind);
	h = sum_u64(h, (uint64_t)r->fm_end);
	h = sum_u64(h, (uint64_t)r->body_off);
	for (i = 0; i < 3; i++)
		h = sum_blob(h, r->blob[i], r->len[i], r->has[i]);
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

static int
ident_of(const struct stat *st, int64_t id[ID_N])
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

/* Whether an entry written at stamp may be trusted for a file of id. */
static int
ident_settled(const int64_t id[ID_N], int64_t stamp)
{
	int64_t t = id[ID_MTIME] > id[ID_CTIME] ? id[ID_MTIME] : id[ID_CTIME];

	return t <= stamp - INDEX_RACY_NS;
}

static int64_t
now_ns(void)
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

/* mkdir -p, private to the user. */
static int
make_dirs(const char *dir)
{
	char *p, *s, c;
	int rc = 0;

	if (dir[0] == '\0')
		return -1;
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
index_file(const char *cache_dir, const char *root)
{
	char *real = realpath(root, NULL);
	uint64_t h;
	char *f;

	if (real == NULL)
		return NULL;
	h = fnv(real);
	f = xasprintf("%s/%016llx.db", cache_dir, (unsigned long long)h);
	free(real);
	return f;
}

const char *
index_db_path(const struct index *ix)
{
	return ix->file;
}

void
index_context(struct index *ix, const void *ctx, size_t len)
{
	uint64_t h = sum_u64(UINT64_C(0x676c6f7373696478), INDEX_VERSION);

	ix->seed = sum_blob(h, ctx, len, ctx != NULL);
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

/* Empty the database and lay out this version's tables, in one write. */
static int
ix_create(sqlite3 *db, const char *real)
{
	char *meta;
	int rc, ours;

	/* Persistent; needs no transaction, and a no-op when already so. */
	rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return rc;
	ours = ix_ours(db, real); /* another process may just have made it */
	if (ours < 0)
		rc = -ours;
	else if (ours == 0 && (rc = ix_drop_all(db)) == SQLITE_OK &&
	    (rc = sqlite3_exec(db, ix_schema, NULL, NULL, NULL)) == SQLITE_OK) {
		meta = sqlite3_mprintf(
		    "INSERT INTO meta VALUES('schema', '%d'), ('gloss', %Q),"
		    " ('root', %Q); PRAGMA application_id = %d;"
		    " PRAGMA user_version = %d;",
		    INDEX_VERSION, GLOSS_VERSION, real, INDEX_APP_ID,
		    INDEX_VERSION);
		rc = meta == NULL ? SQLITE_NOMEM
				  : sqlite3_exec(db, meta, NULL, NULL, NULL);
		sqlite3_free(meta);
	}
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
	int rc, ours, i;

	rc = sqlite3_open_v2(ix->file, &ix->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_busy_timeout(ix->db, INDEX_BUSY_MS);
	rc =
	    sqlite3_exec(ix->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	if ((ours = ix_ours(ix->db, real)) < 0)
		return -ours;
	if (ours == 0 && (rc = ix_create(ix->db, real)) != SQLITE_OK)
		return rc;
	for (i = 0; i < S_N; i++)
		if ((rc = sqlite3_prepare_v3(ix->db, ix_sql[i], -1,
			 SQLITE_PREPARE_PERSISTENT, &ix->st[i], NULL)) !=
		    SQLITE_OK)
			return rc;
	return SQLITE_OK;
}

static void
ix_disconnect(struct index *ix)
{
	int i;

	for (i = 0; i < S_N; i++) {
		sqlite3_finalize(ix->st[i]);
		ix->st[i] = NULL;
	}
	sqlite3_close(ix->db); /* NULL is a no-op */
	ix->db = NULL;
}

/* Remove the database and its WAL files, to be made again. */
static void
ix_unlink(const char *file)
{
	static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
	size_t i;

	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		char *f = xasprintf("%s%s", file, sfx[i]);

		(void)unlink(f);
		free(f);
	}
}

static void
ix_free(struct index *ix)
{
	ix_disconnect(ix);
	if (ix->broken)
		ix_unlink(ix->file);
	free(ix->file);
	free(ix->failure);
	seen_release(&ix->seen);
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

struct index *
index_open(const char *cache_dir, const char *root, int flags, struct diag *d)
{
	struct index *ix;
	char *real;
	int rc;

	if ((real = realpath(root, NULL)) == NULL)
		return NULL; /* the loader reports the directory */
	ix = xcalloc(1, sizeof(*ix));
	ix->stamp = now_ns(); /* before any file of this run is read */
	ix->flags = flags;
	index_context(ix, NULL, 0);
	ix->file = index_file(cache_dir, real);
	if (ix->file == NULL || make_dirs(cache_dir) < 0) {
		diag_add(
		    d, DIAG_INDEX_DIRECTORY, cache_dir, 0, 0, strerror(errno));
		goto fail;
	}
	rc = ix_connect(ix, real);
	if (is_corrupt(rc)) {
		/* Not a database any more: start again from nothing. */
		ix_disconnect(ix);
		ix_unlink(ix->file);
		rc = ix_connect(ix, real);
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

/* Read the row s stands on; 0 if it is whole and sealed. */
static int
row_read(sqlite3_stmt *s, struct row *r)
{
	int i;

	for (i = 0; i < ID_N; i++)
		r->id[i] = sqlite3_column_int64(s, i);
	r->written = sqlite3_column_int64(s, 6);
	r->kind = sqlite3_column_int64(s, 7);
	r->fm_end = sqlite3_column_int64(s, 8);
	r->body_off = sqlite3_column_int64(s, 9);
	for (i = 0; i < 3; i++) {
		r->has[i] = sqlite3_column_type(s, 10 + i) != SQLITE_NULL;
		r->blob[i] = sqlite3_column_blob(s, 10 + i);
		r->len[i] = (size_t)sqlite3_column_bytes(s, 10 + i);
		if (r->has[i] && r->len[i] > 0 && r->blob[i] == NULL)
			return -1; /* out of memory */
	}
	r->path = (const char *)sqlite3_column_text(s, 14);
	if (r->path == NULL)
		return -1;
	return row_sum(r) == sqlite3_column_int64(s, 13) ? 0 : -1;
}

/* Fill out from a sealed row; 0, or -1 (out left empty). */
static int
row_rec(const struct row *r, const char *path, struct index_rec *out)
{
	if (r->kind < INT_MIN || r->kind > INT_MAX || r->fm_end < 0 ||
	    r->body_off < 0 || !r->has[1])
		return -1;
	out->kind = (int)r->kind;
	out->fm_end = (size_t)r->fm_end;
	out->body_off = (size_t)r->body_off;
	if (r->has[0]) {
		if (tval_unpack(r->blob[0], r->len[0], &out->tree) < 0)
			return -1;
		out->has_tree = 1;
	}
	if (tval_unpack_diag(r->blob[1], r->len[1], path, &out->diag) < 0) {
		index_rec_release(out);
		return -1;
	}
	if (r->has[2] && r->len[2] > 0) {
		out->aux = xmalloc(r->len[2]);
		memcpy(out->aux, r->blob[2], r->len[2]);
		out->auxlen = r->len[2];
	}
	return 0;
}

/* Note that SQLite found the database damaged: no more use this run. */
static void
ix_check_rc(struct index *ix, int rc)
{
	if (is_corrupt(rc))
		ix->broken = 1;
}

int
index_lookup(struct index *ix, const char *relpath, const char *path,
    const struct stat *st, struct index_rec *out)
{
	sqlite3_stmt *s = ix->st[S_GET];
	int64_t id[ID_N];
	struct row r;
	int rc, hit = 0, i;

	index_rec_init(out);
	seen_add(&ix->seen, relpath);
	if ((ix->flags & INDEX_NOREAD) || ix->broken || ident_of(st, id) < 0 ||
	    !ident_settled(id, ix->stamp))
		return 0;
	/* One read transaction for all the lookups: a statement of its own
	 * takes and drops the WAL read lock (several fcntl calls) each time,
	 * which costs more than the lookup. */
	if (!ix->reading && ix->writing != 1 &&
	    sqlite3_exec(ix->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
		ix->reading = 1;
	sqlite3_bind_text(s, 1, relpath, -1, SQLITE_STATIC);
	r.seed = ix->seed;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && row_read(s, &r) == 0 &&
	    strcmp(r.path, relpath) == 0 && r.written <= ix->stamp &&
	    ident_settled(r.id, r.written)) {
		for (i = 0; i < ID_N && r.id[i] == id[i]; i++)
			;
		hit = i == ID_N && row_rec(&r, path, out) == 0;
	}
	ix_check_rc(ix, rc);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
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
	if (ix->reading)
		(void)sqlite3_exec(ix->db, "COMMIT", NULL, NULL, NULL);
	ix->reading = 0;
}

/* Take the write lock for the rest of the run, or learn not to write. */
static int
ix_begin(struct index *ix)
{
	int rc;

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
	return 0;
}

/* Pack rec into the blobs of r; buffers in tb and db. */
static int
rec_row(const struct index_rec *rec, const char *path, struct row *r,
    struct sbuf *tb, struct sbuf *db)
{
	if (rec->fm_end > INT64_MAX || rec->body_off > INT64_MAX ||
	    rec->auxlen > INT_MAX)
		return -1;
	r->kind = rec->kind;
	r->fm_end = (int64_t)rec->fm_end;
	r->body_off = (int64_t)rec->body_off;
	r->has[0] = rec->has_tree;
	if (rec->has_tree && rec->tree_packed != NULL)
		sb_addn(tb, rec->tree_packed, rec->tree_packedlen);
	else if (rec->has_tree && tval_pack(&rec->tree, tb) < 0)
		return -1;
	if (tval_pack_diag(&rec->diag, path, db) < 0)
		return -1;
	if (tb->len > INT_MAX || db->len > INT_MAX)
		return -1;
	r->blob[0] = tb->s;
	r->len[0] = tb->len;
	r->blob[1] = db->s;
	r->len[1] = db->len;
	r->has[1] = 1;
	r->blob[2] = rec->aux;
	r->len[2] = rec->auxlen;
	r->has[2] = rec->aux != NULL;
	return 0;
}

static int
row_write(sqlite3_stmt *s, const struct row *r)
{
	int i, rc;

	sqlite3_bind_text(s, 1, r->path, -1, SQLITE_STATIC);
	for (i = 0; i < ID_N; i++)
		sqlite3_bind_int64(s, 2 + i, r->id[i]);
	sqlite3_bind_int64(s, 8, r->written);
	sqlite3_bind_int64(s, 9, r->kind);
	sqlite3_bind_int64(s, 10, r->fm_end);
	sqlite3_bind_int64(s, 11, r->body_off);
	for (i = 0; i < 3; i++)
		if (r->has[i])
			sqlite3_bind_blob(s, 12 + i,
			    r->len[i] > 0 ? r->blob[i] : "", (int)r->len[i],
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 12 + i);
	sqlite3_bind_int64(s, 15, row_sum(r));
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int
index_put(struct index *ix, const char *relpath, const char *path,
    const struct stat *st, const struct index_rec *rec)
{
	struct sbuf tb, db;
	struct row r;
	int rc = -1;

	seen_add(&ix->seen, relpath);
	memset(&r, 0, sizeof(r));
	r.seed = ix->seed;
	r.path = relpath;
	r.written = ix->stamp;
	/* An entry that is racily clean now would never be trusted. */
	if (ident_of(st, r.id) < 0 || !ident_settled(r.id, ix->stamp))
		return -1;
	sb_init(&tb);
	sb_init(&db);
	if (rec_row(rec, path, &r, &tb, &db) == 0 && ix_begin(ix) == 0) {
		int e = row_write(ix->st[S_PUT], &r);

		if (e == SQLITE_OK)
			rc = 0;
		else
			ix_fail(ix, e);
	}
	sb_release(&tb);
	sb_release(&db);
	return rc;
}

void
index_prune(struct index *ix)
{
	struct strlist gone = {0};
	sqlite3_stmt *s = ix->st[S_PATHS];
	const char *p;
	size_t i;
	int rc;

	if ((ix->flags & INDEX_NOWRITE) || ix->broken || ix->writing < 0)
		return;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((p = (const char *)sqlite3_column_text(s, 0)) != NULL &&
		    !seen_has(&ix->seen, p))
			strlist_push(&gone, xstrdup(p));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		ix_check_rc(ix, rc);
	else if (gone.n > 0 && ix_begin(ix) == 0) {
		s = ix->st[S_DEL];
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
	rc = ix->failure != NULL ? -1 : 0;
	if (ix->failure != NULL)
		diag_add(d, DIAG_INDEX_WRITE, ix->file, 0, 0, ix->failure);
	ix_free(ix);
	return rc;
}
