#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loader.h"
#include "readfile.h"
#include "walk.h"

struct walk {
	struct walk_list *list;
	size_t used, max; /* bytes loaded before, and the cap */
	size_t bytes;	  /* of the files queued */
	int stopped;	  /* the size cap was hit */
	struct {
		dev_t dev;
		ino_t ino;
	} stack[LOADER_MAX_DIRS + 1]; /* directories being walked: cycles */
	int depth;
	struct { /* what the stat of a directory's names gives, by depth */
		struct stat *st;
		int *err;
		size_t cap;
	} stats[LOADER_MAX_DIRS + 1]; /* kept for the next at that depth */
	size_t rootlen;		      /* paths below the root start past it */
	const struct strlist *skip;   /* globs of files not to load, or NULL */
};

/* A new item of the list, for path (taken over), or NULL for a note. */
static struct walk_item *
walk_item(struct walk *w, char *path)
{
	struct walk_list *l = w->list;
	struct walk_item *it;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	it->path = path;
	if (it->path != NULL) {
		it->rel = it->path + w->rootlen;
		while (*it->rel == '/')
			it->rel++;
	}
	diag_init(&it->diag);
	return it;
}

/* Record what the walk itself found, in its place in path order. */
static struct diag *
walk_diag(struct walk *w)
{
	return &walk_item(w, NULL)->diag;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
ends_md(const char *name)
{
	size_t n = strlen(name);

	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static int walk_dir(struct walk *, const char *, const struct stat *);
static int glob_tail(const char *, const char *);

/*
 * Whether the relative path matches the glob pat: fnmatch(3) with
 * FNM_PATHNAME, where a `**' segment matches any number of segments.
 */
static int
glob_match(const char *pat, const char *path)
{
	const char *star = strstr(pat, "**"), *rest, *p;
	char *head;
	int ok = 0;

	if (star == NULL)
		return fnmatch(pat, path, FNM_PATHNAME) == 0;
	rest = star + 2;
	if (*rest == '/')
		rest++;
	head = xstrndup(pat, (size_t)(star - pat));
	/* head (ending in `/' or empty) matches a leading part of path. */
	for (p = path;; p++) {
		if (p == path || p[-1] == '/') {
			char *lead = xstrndup(path, (size_t)(p - path));

			ok = fnmatch(head, lead, FNM_PATHNAME) == 0 &&
			    (*rest == '\0' || glob_tail(rest, p));
			free(lead);
			if (ok)
				break;
		}
		if (*p == '\0')
			break;
	}
	free(head);
	return ok;
}

/* Whether pat matches path from some segment of it on. */
static int
glob_tail(const char *pat, const char *path)
{
	const char *p;

	for (p = path;; p++) {
		if ((p == path || p[-1] == '/') && glob_match(pat, p))
			return 1;
		if (*p == '\0')
			return 0;
	}
}

/* The glob of .gloss.yaml's skip: that path matches, or NULL. */
static const char *
walk_skipped(const struct walk *w, const char *path)
{
	const char *rel = path + w->rootlen;
	size_t i;

	if (w->skip == NULL)
		return NULL;
	while (*rel == '/')
		rel++;
	for (i = 0; i < w->skip->n; i++)
		if (glob_match(w->skip->v[i], rel))
			return w->skip->v[i];
	return NULL;
}

/*
 * An entry that stat(2) cannot follow (errno e); only *.md files are
 * reported.
 */
static void
walk_broken(struct walk *w, const char *path, const char *name, int e)
{
	struct stat lst;

	if (!ends_md(name))
		return;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
		diag_add(walk_diag(w), DIAG_DANGLING_LINK, path, 0, 0);
	else
		diag_add(
		    walk_diag(w), DIAG_CANNOT_STAT, path, 0, 0, strerror(e));
}

/* Whether st is a directory being walked: a link leads back up. */
static int
walk_cycle(const struct walk *w, const struct stat *st)
{
	int i;

	for (i = 0; i <= w->depth; i++)
		if (w->stack[i].dev == st->st_dev &&
		    w->stack[i].ino == st->st_ino)
			return 1;
	return 0;
}

/*
 * Queue the regular *.md file path, unless the cap is reached; the
 * queue takes path over.  Returns 0 when it did not (path is still the
 * caller's).
 */
static int
walk_file(struct walk *w, char *path, const struct stat *st)
{
	if (!S_ISREG(st->st_mode)) {
		diag_add(walk_diag(w), DIAG_NOT_REGULAR, path, 0, 0,
		    readfile_kind(st->st_mode));
		return 0;
	}
	if (w->stopped)
		return 0;
	if (w->used + w->bytes + (size_t)st->st_size > w->max) {
		diag_add(walk_diag(w), DIAG_GLOSSARY_TOO_LARGE, path, 0, 0,
		    w->max >> 20);
		w->stopped = 1;
		return 0;
	}
	w->bytes += (size_t)st->st_size;
	walk_item(w, path)->st = *st;
	return 1;
}

/*
 * Whether a file is a site page that is not a term (SPEC 1): `_index.md'
 * (a Hugo section), or an `index.md' beside other .md files (it
 * introduces its folder); noted in its place.  An index.md alone in its
 * folder is a term (a page bundle).
 */
static int
walk_site_page(struct walk *w, const char *path, const char *name, int nmd)
{
	const char *what;

	if (strcmp(name, "_index.md") == 0)
		what = "a section page (_index.md)";
	else if (strcmp(name, "index.md") == 0 && nmd > 1)
		what =
		    "a folder's index page (index.md beside other .md files)";
	else
		return 0;
	diag_add(walk_diag(w), DIAG_SITE_PAGE, path, 0, 0, what);
	return 1;
}

/*
 * The entry path (called name in its directory), whose stat is st, or
 * failed with errno e; takes path.
 */
static void
walk_entry(struct walk *w, char *path, const char *name, int nmd,
    const struct stat *st, int e)
{
	const char *glob;

	if (e != 0)
		walk_broken(w, path, name, e);
	else if (S_ISDIR(st->st_mode)) {
		if (walk_cycle(w, st))
			diag_add(
			    walk_diag(w), DIAG_DIRECTORY_CYCLE, path, 0, 0);
		else
			(void)walk_dir(w, path, st);
	} else if (ends_md(name) && !walk_site_page(w, path, name, nmd)) {
		if ((glob = walk_skipped(w, path)) != NULL)
			diag_add(walk_diag(w), DIAG_SKIPPED_BY_CONFIG, path, 0,
			    0, glob);
		else if (walk_file(w, path, st))
			return;
	}
	free(path);
}

/* A share of a directory's names to stat beside its descriptor. */
struct stat_share {
	int dfd;
	char **names;
	struct stat *st;
	int *err; /* errno of each, or 0 */
	size_t lo, hi;
};

static void *
stat_share_run(void *arg)
{
	struct stat_share *b = arg;
	size_t i;

	for (i = b->lo; i < b->hi; i++)
		b->err[i] = fstatat(b->dfd, b->names[i], &b->st[i], 0) == -1
		    ? errno
		    : 0;
	return NULL;
}

/* Directories smaller than this are statted on one thread. */
#define WALK_SHARE_MIN 64

/*
 * The stat of each of the n names of the open directory dfd into st[i]
 * (err[i] its errno, or 0): one name to resolve beside the directory's
 * descriptor, not a whole path, and the names of a large directory on
 * two threads, since the stat calls are most of a walk (bench/parts).
 */
static void
stat_names(int dfd, char **names, size_t n, struct stat *st, int *err)
{
	struct stat_share a = {dfd, names, st, err, 0, n}, b;
	pthread_t tid;
	int two = n >= WALK_SHARE_MIN && sysconf(_SC_NPROCESSORS_ONLN) > 1;

	if (two) {
		b = a;
		a.hi = b.lo = n / 2;
		if (pthread_create(&tid, NULL, stat_share_run, &b) != 0) {
			two = 0;
			a.hi = n;
		}
	}
	(void)stat_share_run(&a);
	if (two)
		pthread_join(tid, NULL);
}

/* A directory's names: one buffer, and each name's place in it. */
struct names {
	struct sbuf buf;
	char **v;
	size_t n;
};

static void
names_release(struct names *l)
{
	sb_release(&l->buf);
	free(l->v);
}

/*
 * The names in dir into l, hidden ones left out, sorted; the directory
 * stays open, returned for the caller to close; NULL after an error.
 */
static DIR *
read_names(struct walk *w, const char *dir, struct names *l)
{
	struct dirent *de;
	size_t *off = NULL, cap = 0, i;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL) {
		diag_add(walk_diag(w), DIAG_CANNOT_OPEN_DIR, dir, 0, 0,
		    strerror(errno));
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (l->n == cap) {
			cap = cap ? cap * 2 : 64;
			off = xreallocarray(off, cap, sizeof(*off));
		}
		off[l->n++] = l->buf.len;
		sb_addn(&l->buf, de->d_name, strlen(de->d_name) + 1);
	}
	l->v = xreallocarray(NULL, l->n + 1, sizeof(*l->v));
	for (i = 0; i < l->n; i++) /* the buffer has stopped moving */
		l->v[i] = l->buf.s + off[i];
	free(off);
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_names);
	return dp;
}

/* dir/name (/name when dir is the root); the caller frees it. */
static char *
join_path(const char *dir, const char *name)
{
	size_t d = strcmp(dir, "/") == 0 ? 0 : strlen(dir), n = strlen(name);
	char *path = xmalloc(d + n + 2);

	memcpy(path, dir, d + 1); /* its NUL, or (the root) its `/' */
	path[d] = '/';
	memcpy(path + d + 1, name, n + 1);
	return path;
}

/*
 * Room for the stat of n names at this depth (every one set by
 * stat_names: not cleared), its errors in *err.  A directory's
 * siblings reuse it, so its pages are touched once, not once each.
 */
static struct stat *
walk_stats(struct walk *w, size_t n, int **err)
{
	int d = w->depth;

	if (w->stats[d].cap < n + 1) {
		w->stats[d].cap = n + 1;
		free(w->stats[d].st);
		free(w->stats[d].err);
		w->stats[d].st =
		    xreallocarray(NULL, n + 1, sizeof(*w->stats[d].st));
		w->stats[d].err =
		    xreallocarray(NULL, n + 1, sizeof(*w->stats[d].err));
	}
	*err = w->stats[d].err;
	return w->stats[d].st;
}

static int
walk_dir(struct walk *w, const char *dir, const struct stat *st)
{
	struct names names = {0};
	struct stat *sts;
	size_t i;
	int nmd = 0, *err;
	DIR *dp;

	if (w->depth >= LOADER_MAX_DIRS) {
		diag_add(walk_diag(w), DIAG_DIRECTORIES_DEEP, dir, 0, 0,
		    LOADER_MAX_DIRS);
		return 0;
	}
	if ((dp = read_names(w, dir, &names)) == NULL)
		return -1;
	for (i = 0; i < names.n; i++)
		nmd += ends_md(names.v[i]);
	w->depth++;
	w->stack[w->depth].dev = st->st_dev;
	w->stack[w->depth].ino = st->st_ino;
	sts = walk_stats(w, names.n, &err);
	stat_names(dirfd(dp), names.v, names.n, sts, err);
	for (i = 0; i < names.n; i++)
		walk_entry(w, join_path(dir, names.v[i]), names.v[i], nmd,
		    &sts[i], err[i]);
	closedir(dp);
	w->depth--;
	names_release(&names);
	return 0;
}

int
walk_tree(const char *dir, size_t used, size_t max, const struct strlist *skip,
    struct walk_list *list, struct diag *d)
{
	struct walk w;
	struct stat st;
	char *root;
	size_t n;
	int rc = -1, i;

	memset(&w, 0, sizeof(w));
	w.list = list;
	w.used = used;
	w.max = max;
	w.depth = -1;
	root = xstrdup(dir);
	n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		root[--n] = '\0';
	w.rootlen = n;
	w.skip = skip;
	if (stat(root, &st) == -1)
		diag_add(d, DIAG_CANNOT_OPEN_DIR, root, 0, 0, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		diag_add(d, DIAG_NOT_A_DIRECTORY, root, 0, 0);
	else
		rc = walk_dir(&w, root, &st);
	for (i = 0; i <= LOADER_MAX_DIRS; i++) {
		free(w.stats[i].st);
		free(w.stats[i].err);
	}
	free(root);
	return rc;
}

void
walk_release(struct walk_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		free(list->v[i].path);
		diag_release(&list->v[i].diag);
	}
	free(list->v);
	memset(list, 0, sizeof(*list));
}
