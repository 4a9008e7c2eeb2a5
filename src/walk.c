#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "loader.h"
#include "readfile.h"
#include "walk.h"

/*
 * A *.md entry whose verdict waits for its stat(2): it is queued, noted
 * or dropped in path order once every stat of the walk is in (see
 * walk_settle), so the stats themselves can be taken in one batch.
 */
struct pend {
	size_t item;   /* its placeholder in the list: the path, in order */
	int dfd;       /* the directory's descriptor to stat it beside, or
			  -1: the stat is in the item already */
	int err;       /* errno of the stat, or 0 */
	size_t name;   /* where its name starts in the path */
	int beside_md; /* other .md files are in its directory */
};

/* Directories held open until their names' stats are taken. */
#define WALK_HELD 64

struct walk {
	struct walk_list *list;
	size_t first;	  /* the first item of this walk in list */
	size_t used, max; /* bytes loaded before, and the cap */
	size_t bytes;	  /* of the files queued */
	int stopped;	  /* the size cap was hit */
	struct {
		dev_t dev;
		ino_t ino;
	} stack[LOADER_MAX_DIRS + 1]; /* directories being walked: cycles */
	int depth;
	struct pend *pend; /* every placeholder, in path order */
	size_t npend, pendcap;
	DIR *held[WALK_HELD];
	int nheld;
	long ncpu; /* processors online; 0 not asked yet */
	/*
	 * The stats, taken while the walk reads on: pend[0..avail) are
	 * published, pend[0..next) taken or being taken, by a helper
	 * thread and, once the directories are read, the walk's own.  The
	 * walk moves the arrays only while hold keeps the helper from
	 * taking more and none is busy.  All of it under mu.
	 */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t tid;
	int helper; /* the helper runs */
	size_t next, avail;
	int busy, hold, finish;
	size_t rootlen;		    /* paths below the root start past it */
	const struct strlist *skip; /* globs of files not to load, or NULL */
};

/*
 * The paths of a list's files, one after another in blocks of memory
 * freed together: a malloc and a free a file were a tenth of a warm
 * show's instructions.
 */
struct walk_block {
	struct walk_block *next;
	size_t used, cap;
	char s[];
};

#define WALK_BLOCK 32768

/* dir/name (/name when dir is "/"), dlen and nlen their lengths, in
 * the list's blocks. */
static char *
walk_path(struct walk_list *l, const char *dir, size_t dlen, const char *name,
    size_t nlen)
{
	struct walk_block *b = l->blocks;
	size_t need = dlen + nlen + 2;
	char *p;

	if (dlen == 1 && dir[0] == '/')
		dlen = 0;
	if (b == NULL || b->cap - b->used < need) {
		size_t cap = need > WALK_BLOCK ? need : WALK_BLOCK;

		b = xmalloc(sizeof(*b) + cap);
		b->next = l->blocks;
		b->used = 0;
		b->cap = cap;
		l->blocks = b;
	}
	p = b->s + b->used;
	b->used += need;
	memcpy(p, dir, dlen);
	p[dlen] = '/';
	memcpy(p + dlen + 1, name, nlen + 1);
	return p;
}

/* Keep the helper from taking stats and wait for those it is taking:
 * the arrays are about to move. */
static void
walk_pause(struct walk *w)
{
	if (!w->helper)
		return;
	pthread_mutex_lock(&w->mu);
	w->hold = 1;
	while (w->busy > 0)
		pthread_cond_wait(&w->cv, &w->mu);
	pthread_mutex_unlock(&w->mu);
}

static void
walk_resume(struct walk *w)
{
	if (!w->helper)
		return;
	pthread_mutex_lock(&w->mu);
	w->hold = 0;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

/* A new item of the list, for path (in its blocks), or NULL for a
 * note. */
static struct walk_item *
walk_item(struct walk *w, char *path)
{
	struct walk_list *l = w->list;
	struct walk_item *it;

	if (l->n == l->cap) {
		/*
		 * Large from the start: glibc maps an array this size on its
		 * own and grows it in place (mremap), where doubling from a
		 * small one copied it twice into fresh pages, each a fault.
		 */
		l->cap = l->cap ? l->cap * 2 : 1024;
		walk_pause(w);
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
		walk_resume(w);
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

/*
 * Sort the n names of v in strcmp order, tmp room for n / 2 of them: a
 * merge sort calling strcmp itself, where qsort's calls through a
 * comparison function were a twentieth of a warm show's instructions.
 */
static void
sort_names(char **v, size_t n, char **tmp)
{
	size_t h = n / 2, i = 0, j = h, k = 0;
	char *x;

	if (n < 12) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0 && strcmp(v[j - 1], x) > 0; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	sort_names(v, h, tmp);
	sort_names(v + h, n - h, tmp);
	if (strcmp(v[h - 1], v[h]) <= 0)
		return;
	memcpy(tmp, v, h * sizeof(*v));
	while (i < h && j < n)
		v[k++] = strcmp(tmp[i], v[j]) <= 0 ? tmp[i++] : v[j++];
	while (i < h)
		v[k++] = tmp[i++];
}

static int
ends_md(const char *name)
{
	size_t n = strlen(name);

	return n > 3 && memcmp(name + n - 3, ".md", 3) == 0;
}

/*
 * Whether name is Markdown by another name (MDX, .markdown), which a
 * site's glossary may hold and gloss does not read (SPEC 1): noted, so
 * that check says why those terms are missing.
 */
static int
other_markdown(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && strcmp(name + n - 4, ".mdx") == 0) ||
	    (n > 9 && strcmp(name + n - 9, ".markdown") == 0);
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

/* Where a verdict on an entry goes: its placeholder it, or (NULL) an
 * item of its own, in its place in path order. */
static struct diag *
walk_note(struct walk *w, struct walk_item *it)
{
	return it != NULL ? &it->diag : walk_diag(w);
}

/*
 * An entry that stat(2) cannot follow (errno e); only *.md files are
 * reported, on it (or NULL).
 */
static void
walk_broken(struct walk *w, struct walk_item *it, const char *path,
    const char *name, int e)
{
	struct stat lst;

	if (!ends_md(name))
		return;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
		diag_add(walk_note(w, it), DIAG_DANGLING_LINK, path, 0, 0);
	else
		diag_add(walk_note(w, it), DIAG_CANNOT_STAT, path, 0, 0,
		    strerror(e));
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
 * Queue the file of it, a regular *.md file, unless the cap is reached.
 * Returns 0 when it did not (what it is instead is noted on it).
 */
static int
walk_file(struct walk *w, struct walk_item *it)
{
	const struct stat *st = &it->st;

	if (!S_ISREG(st->st_mode)) {
		diag_add(&it->diag, DIAG_NOT_REGULAR, it->path, 0, 0,
		    readfile_kind(st->st_mode));
		return 0;
	}
	if (w->stopped)
		return 0;
	if (w->used + w->bytes + (size_t)st->st_size > w->max) {
		diag_add(&it->diag, DIAG_GLOSSARY_TOO_LARGE, it->path, 0, 0,
		    w->max >> 20);
		w->stopped = 1;
		return 0;
	}
	w->bytes += (size_t)st->st_size;
	return 1;
}

int
walk_is_index(const char *name)
{
	return strcmp(name, "index.md") == 0 ||
	    strcasecmp(name, "readme.md") == 0;
}

/*
 * Whether a file is a site page that is not a term (SPEC 1): `_index.md'
 * (a Hugo section), or an `index.md' or `README.md' beside other .md
 * files (it introduces its folder); noted on it.  Alone in its folder
 * either is a term (a page bundle).
 */
static int
walk_site_page(struct walk_item *it, const char *name, int beside_md)
{
	char *what;

	if (name[0] != '_' && name[0] != 'i' && name[0] != 'r' &&
	    name[0] != 'R')
		return 0;
	if (strcmp(name, "_index.md") == 0)
		what = xstrdup("a section page (_index.md)");
	else if (walk_is_index(name) && beside_md)
		/* As it is spelt: Readme.md, README.md. */
		what = xasprintf(
		    "a folder's index page (%s beside other .md files)", name);
	else
		return 0;
	diag_add(&it->diag, DIAG_SITE_PAGE, it->path, 0, 0, what);
	free(what);
	return 1;
}

/*
 * A placeholder for the *.md file name of dir (dlen its length), whose
 * verdict waits for its stat: taken later beside the descriptor dfd, or
 * (dfd -1) already in st.
 */
static void
walk_defer(struct walk *w, const char *dir, size_t dlen, const char *name,
    int dfd, int beside_md, const struct stat *st)
{
	size_t nlen = strlen(name);
	char *path = walk_path(w->list, dir, dlen, name, nlen);
	struct walk_item *it = walk_item(w, path);
	struct pend *p;

	if (w->npend == w->pendcap) {
		w->pendcap = w->pendcap ? w->pendcap * 2 : 256;
		walk_pause(w);
		w->pend = xreallocarray(w->pend, w->pendcap, sizeof(*w->pend));
		walk_resume(w);
	}
	p = &w->pend[w->npend++];
	p->item = (size_t)(it - w->list->v);
	p->dfd = dfd;
	p->err = 0;
	p->name = strlen(path) - nlen;
	p->beside_md = beside_md;
	if (st != NULL)
		it->st = *st;
}

/*
 * The verdict on the placeholder it, whose stat p says how it went:
 * 1 to keep it (a file queued, or a note), 0 to drop it (released).
 */
static int
walk_verdict(struct walk *w, struct walk_item *it, const struct pend *p)
{
	const char *name = it->path + p->name, *glob;

	/* A directory since it was read is dropped: the next run walks
	 * it. */
	if (p->err != 0)
		walk_broken(w, it, it->path, name, p->err);
	else if (S_ISDIR(it->st.st_mode) ||
	    walk_site_page(it, name, p->beside_md))
		;
	else if ((glob = walk_skipped(w, it->path)) != NULL)
		diag_add(
		    &it->diag, DIAG_SKIPPED_BY_CONFIG, it->path, 0, 0, glob);
	else if (walk_file(w, it))
		return 1;
	it->path = NULL; /* its bytes stay in the blocks */
	it->rel = NULL;
	memset(&it->st, 0, sizeof(it->st));
	if (it->diag.n > 0)
		return 1;
	diag_release(&it->diag);
	return 0;
}

/*
 * Give every placeholder its verdict, in path order (the byte cap
 * counts in that order), and close the gaps of those dropped.
 */
static void
walk_settle(struct walk *w)
{
	struct walk_list *l = w->list;
	size_t k, out = w->first, j = 0;

	for (k = w->first; k < l->n; k++) {
		int keep = 1;

		if (j < w->npend && w->pend[j].item == k)
			keep = walk_verdict(w, &l->v[k], &w->pend[j++]);
		if (keep && out != k)
			l->v[out] = l->v[k];
		out += keep;
	}
	l->n = out;
}

#define WALK_CHUNK 32

/* Stat the placeholders pend[lo..hi), each beside its directory. */
static void
stat_range(struct walk_item *items, struct pend *pend, size_t lo, size_t hi)
{
	size_t i;

	for (i = lo; i < hi; i++) {
		struct pend *p = &pend[i];
		struct walk_item *it = &items[p->item];

		if (p->dfd >= 0 &&
		    fstatat(p->dfd, it->path + p->name, &it->st, 0) == -1)
			p->err = errno;
	}
}

/*
 * Take published stats a chunk at a time (the caller holds mu) until
 * none is left: for good when finish is set, else (the helper) waiting
 * for more.  One thread started late, or slowed by other work on its
 * core, takes fewer, and neither waits long for the other.
 */
static void
stat_take(struct walk *w, int wait)
{
	for (;;) {
		struct walk_item *items;
		struct pend *pend;
		size_t lo, hi;

		if (w->hold || w->next >= w->avail) {
			if (!wait || (w->finish && w->next >= w->avail))
				return;
			pthread_cond_wait(&w->cv, &w->mu);
			continue;
		}
		items = w->list->v; /* not moving: hold is not set */
		pend = w->pend;
		lo = w->next;
		hi = w->avail - lo < WALK_CHUNK ? w->avail : lo + WALK_CHUNK;
		w->next = hi;
		w->busy++;
		pthread_mutex_unlock(&w->mu);
		stat_range(items, pend, lo, hi);
		pthread_mutex_lock(&w->mu);
		w->busy--;
		pthread_cond_broadcast(&w->cv);
	}
}

static void *
stat_helper(void *arg)
{
	struct walk *w = arg;

	pthread_mutex_lock(&w->mu);
	stat_take(w, 1);
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Fewer names than this are statted on one thread: starting another
 * costs what some hundred stat calls do. */
#define WALK_SHARE_MIN 256

/*
 * Publish the placeholders made so far for their stats, each to be
 * taken beside its directory's descriptor (one name to resolve, not a
 * whole path): the stat calls are most of a walk (bench/parts).  Once
 * WALK_SHARE_MIN wait, a helper thread takes them while the walk reads
 * the next directories (one started a walk, where one a directory cost
 * what it saved).
 */
static void
walk_publish(struct walk *w)
{
	if (!w->helper && w->npend - w->next >= WALK_SHARE_MIN) {
		if (w->ncpu == 0)
			w->ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		if (w->ncpu > 1) {
			w->avail = w->npend;
			w->helper =
			    pthread_create(&w->tid, NULL, stat_helper, w) == 0;
			return;
		}
	}
	if (!w->helper) {
		w->avail = w->npend;
		return;
	}
	pthread_mutex_lock(&w->mu);
	w->avail = w->npend;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

/*
 * Have every placeholder made so far statted, taking what is left on
 * this thread too, then close the directories held for them; with end
 * set, for good (the helper is joined).
 */
static void
walk_flush(struct walk *w, int end)
{
	int i;

	walk_publish(w);
	if (w->helper) {
		pthread_mutex_lock(&w->mu);
		w->finish = end;
		pthread_cond_broadcast(&w->cv);
		stat_take(w, 0);
		while (w->busy > 0)
			pthread_cond_wait(&w->cv, &w->mu);
		pthread_mutex_unlock(&w->mu);
		if (end) {
			pthread_join(w->tid, NULL);
			w->helper = 0;
		}
	} else {
		stat_range(w->list->v, w->pend, w->next, w->avail);
		w->next = w->avail;
	}
	for (i = 0; i < w->nheld; i++)
		closedir(w->held[i]);
	w->nheld = 0;
}

/*
 * Hold dp open while names of it may wait for their stat (at most
 * WALK_HELD directories: then the stats are taken, and they closed),
 * and publish its names.
 */
static void
walk_hold(struct walk *w, DIR *dp)
{
	if (w->nheld == WALK_HELD)
		walk_flush(w, 0);
	w->held[w->nheld++] = dp;
	walk_publish(w);
}

/*
 * A directory's names: one buffer, and each name's place in it, just
 * after the byte of its type (readdir's d_type: DT_UNKNOWN when the
 * file system does not say).
 */
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
		char type = (char)de->d_type;

		if (de->d_name[0] == '.')
			continue;
		if (l->n == cap) {
			cap = cap ? cap * 2 : 64;
			off = xreallocarray(off, cap, sizeof(*off));
		}
		off[l->n++] = l->buf.len + 1;
		sb_addn(&l->buf, &type, 1);
		sb_addn(&l->buf, de->d_name, strlen(de->d_name) + 1);
	}
	l->v = xreallocarray(NULL, l->n + 1, sizeof(*l->v));
	for (i = 0; i < l->n; i++) /* the buffer has stopped moving */
		l->v[i] = l->buf.s + off[i];
	free(off);
	if (l->n > 1) {
		char **tmp = xreallocarray(NULL, l->n / 2 + 1, sizeof(*tmp));

		sort_names(l->v, l->n, tmp);
		free(tmp);
	}
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

static void
walk_not_md(struct walk *w, const char *dir, const char *name)
{
	char *path = join_path(dir, name);

	diag_add(walk_diag(w), DIAG_NOT_MD, path, 0, 0);
	free(path);
}

/*
 * The entry name of dir (open as dfd), of readdir's type: a file that
 * cannot be a directory waits for its stat if it is a *.md file (and
 * is not looked at otherwise); anything else is statted now, since a
 * directory is walked in its place.
 */
static void
walk_entry(struct walk *w, const char *dir, size_t dlen, int dfd,
    const char *name, int type, int beside_md)
{
	struct stat st;
	char *path;
	int e;

	if (type != DT_DIR && type != DT_LNK && type != DT_UNKNOWN) {
		if (ends_md(name))
			walk_defer(w, dir, dlen, name, dfd, beside_md, NULL);
		else if (other_markdown(name))
			walk_not_md(w, dir, name);
		return;
	}
	e = fstatat(dfd, name, &st, 0) == -1 ? errno : 0;
	if (e == 0 && !S_ISDIR(st.st_mode)) {
		if (ends_md(name))
			walk_defer(w, dir, dlen, name, -1, beside_md, &st);
		else if (other_markdown(name))
			walk_not_md(w, dir, name);
		return;
	}
	path = join_path(dir, name);
	if (e != 0)
		walk_broken(w, NULL, path, name, e);
	else if (walk_cycle(w, &st))
		diag_add(walk_diag(w), DIAG_DIRECTORY_CYCLE, path, 0, 0);
	else
		(void)walk_dir(w, path, &st);
	free(path);
}

static int
walk_dir(struct walk *w, const char *dir, const struct stat *st)
{
	struct names names = {0};
	size_t i, dlen;
	int nmd = 0;
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
	dlen = strlen(dir);
	for (i = 0; i < names.n; i++)
		walk_entry(w, dir, dlen, dirfd(dp), names.v[i],
		    (unsigned char)names.v[i][-1], nmd > 1);
	walk_hold(w, dp);
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
	int rc = -1;

	memset(&w, 0, sizeof(w));
	pthread_mutex_init(&w.mu, NULL);
	pthread_cond_init(&w.cv, NULL);
	w.list = list;
	w.first = list->n;
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
	else {
		rc = walk_dir(&w, root, &st);
		walk_flush(&w, 1);
		walk_settle(&w);
	}
	pthread_mutex_destroy(&w.mu);
	pthread_cond_destroy(&w.cv);
	free(w.pend);
	free(root);
	return rc;
}

void
walk_release(struct walk_list *list)
{
	struct walk_block *b, *next;
	size_t i;

	for (i = 0; i < list->n; i++)
		diag_release(&list->v[i].diag);
	for (b = list->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(list->v);
	memset(list, 0, sizeof(*list));
}
