#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontmatter.h"
#include "lang.h"
#include "loader.h"
#include "md.h"
#include "readfile.h"
#include "schema.h"
#include "siteconf.h"
#include "table.h"
#include "walk.h"
#include "yaml_tree.h"

/* The front matter starts on line 2 of the file: the `---' is line 1. */
#define FM_FIRST_LINE 2

/*
 * The stem of a term file: its name without `.md'; for an `index.md' (a
 * page bundle), its folder's name.  The caller frees it.
 */
static char *
file_stem(const char *path, int *bundle)
{
	const char *base = strrchr(path, '/'), *dir;
	size_t n;

	base = base != NULL ? base + 1 : path;
	*bundle = strcmp(base, "index.md") == 0;
	if (!*bundle) {
		n = strlen(base);
		return xstrndup(base,
		    n > 3 && strcmp(base + n - 3, ".md") == 0 ? n - 3 : n);
	}
	if (base == path)
		return xstrdup("");
	for (dir = base - 1; dir > path && dir[-1] != '/'; dir--)
		continue;
	return xstrndup(dir, (size_t)(base - 1 - dir));
}

/*
 * The YAML of a front matter into a new term (*out); the body is at
 * body.  Returns LOAD_OK, LOAD_SKIPPED (a draft) or LOAD_ERROR.
 */
static enum load_status
parse_term(const char *yaml, size_t len, const char *body, size_t bodylen,
    const char *path, const struct siteconf *conf, struct diag *d,
    struct term **out)
{
	struct schema_file f;
	struct tval root;
	struct term *t = NULL;
	char *stem;
	int rc;

	rc = yaml_tree_parse(yaml, len, FM_FIRST_LINE, path, d, &root);
	if (rc == 1) {
		diag_add(d, DIAG_FRONT_MATTER_EMPTY, path, 1, 1);
		rc = -1;
	}
	if (rc == 0) {
		stem = file_stem(path, &f.bundle);
		f.path = path;
		f.body = body;
		f.bodylen = bodylen;
		f.stem = stem;
		f.keys = conf != NULL ? &conf->keys : NULL;
		t = term_new();
		rc = schema_term(&root, t, &f, d);
		if (rc == SCHEMA_DRAFT)
			diag_add(d, DIAG_DRAFT, path, 0, 0);
		if (rc != 0) {
			term_free(t);
			t = NULL;
		} else
			lang_from_keys(t);
		free(stem);
	}
	tval_release(&root);
	*out = t;
	return t != NULL	 ? LOAD_OK
	    : rc == SCHEMA_DRAFT ? LOAD_SKIPPED
				 : LOAD_ERROR;
}

/*
 * Parse len bytes of text (NUL-terminated).  With give, a term takes the
 * text over; otherwise, and on failure, it stays the caller's.
 */
static enum load_status
parse_text(char *text, size_t len, const char *path,
    const struct siteconf *conf, struct diag *d, struct term **out, int give)
{
	struct frontmatter fm;
	enum load_status st;
	struct term *t;

	*out = NULL;
	switch (frontmatter_split(text, len, path, d, &fm)) {
	case FM_NONE:
		return LOAD_NOT_TERM;
	case FM_ERROR:
		return LOAD_ERROR;
	case FM_OK:
		break;
	}
	st = parse_term(text + fm.off, fm.len, text + fm.body_off,
	    len - fm.body_off, path, conf, d, &t);
	if (st != LOAD_OK)
		return st;
	t->path = xstrdup(path);
	t->text = give ? text : NULL;
	if (!give) {
		free(t->body_text);
		t->body_text = NULL;
	}
	t->textlen = len;
	t->body_off = fm.body_off;
	if (md_has_examples(text + fm.body_off, len - fm.body_off))
		md_examples(
		    text + fm.body_off, len - fm.body_off, &t->examples);
	*out = t;
	return LOAD_OK;
}

enum load_status
loader_parse(const char *buf, size_t len, const char *path, struct diag *d,
    struct term **out)
{
	enum load_status st;
	char *text;

	*out = NULL;
	if (len > LOADER_MAX_FILE) {
		diag_add(
		    d, DIAG_FILE_TOO_LARGE, path, 0, 0, LOADER_MAX_FILE >> 20);
		return LOAD_ERROR;
	}
	text = xmalloc(len + 1);
	if (len > 0)
		memcpy(text, buf, len);
	text[len] = '\0';
	if ((st = parse_text(text, len, path, NULL, d, out, 1)) != LOAD_OK)
		free(text);
	return st;
}

/*
 * Read and parse one file into a term.  With give, the term keeps the
 * buffer, and rb is left empty for the next file.
 */
static enum load_status
load_file(const char *path, const struct siteconf *conf, struct diag *d,
    struct term **out, struct readfile_buf *rb, int give)
{
	enum load_status st;
	ssize_t len;

	*out = NULL;
	if ((len = readfile_read(path, rb, d)) < 0)
		return LOAD_ERROR;
	st = parse_text(rb->s, (size_t)len, path, conf, d, out, give);
	if (st == LOAD_OK && give) {
		/* The buffer grew in 4 KiB steps; keep only the file. */
		if (rb->cap > (size_t)len + 1)
			(*out)->text = xrealloc(rb->s, (size_t)len + 1);
		rb->s = NULL;
		rb->cap = 0;
	}
	return st;
}

enum load_status
loader_load_file(const char *path, struct diag *d, struct term **out)
{
	struct readfile_buf rb = {NULL, 0};
	enum load_status st = load_file(path, NULL, d, out, &rb, 1);

	free(rb.s);
	return st;
}

/* What parsing one file of a walk gave. */
struct result {
	struct term *term;
	enum load_status st;
};

/* The files of a walk, shared by the parsing threads. */
struct pool {
	struct walk_item *items;
	struct result *res; /* one per item */
	size_t n;
	atomic_size_t next;
	int keep_text;		     /* terms keep their file's text */
	const struct siteconf *conf; /* the glossary's .gloss.yaml */
};

static void *
parse_jobs(void *arg)
{
	struct pool *p = arg;
	struct readfile_buf rb = {NULL, 0};
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
		if (p->items[i].path != NULL)
			p->res[i].st = load_file(p->items[i].path, p->conf,
			    &p->items[i].diag, &p->res[i].term, &rb,
			    p->keep_text);
	free(rb.s);
	return NULL;
}

/*
 * Parse every queued file, on as many threads as there are processors
 * (at most LOADER_MAX_THREADS), when there are enough files to pay for
 * starting them.
 */
static void
parse_all(struct pool *p)
{
	pthread_t tid[LOADER_MAX_THREADS];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t i, nt;

	nt = ncpu > 1 ? (size_t)ncpu : 1;
	if (nt > LOADER_MAX_THREADS)
		nt = LOADER_MAX_THREADS;
	if (nt > p->n / 64 + 1)
		nt = p->n / 64 + 1;
	for (i = 1; i < nt; i++)
		if (pthread_create(&tid[i], NULL, parse_jobs, p) != 0)
			break;
	nt = i;
	parse_jobs(p);
	for (i = 1; i < nt; i++)
		pthread_join(tid[i], NULL);
}

/* path below the glossary root dir: the part after "dir/". */
static const char *
rel_path(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	while (n > 0 && dir[n - 1] == '/')
		n--;
	if (strncmp(path, dir, n) != 0 || path[n] != '/')
		return path;
	return path + n + 1;
}

/*
 * Whether the glossary is split by language folders: every top-level
 * folder that holds a term file is named by a language tag (en/, de/).
 */
static int
lang_dirs(const char *dir, const struct pool *p)
{
	size_t i;
	int any = 0;

	for (i = 0; i < p->n; i++) {
		const char *rel, *slash;

		if (p->items[i].path == NULL || p->res[i].st != LOAD_OK)
			continue;
		rel = rel_path(dir, p->items[i].path);
		if ((slash = strchr(rel, '/')) == NULL)
			continue;
		if (!lang_is_tag(rel, (size_t)(slash - rel)))
			return 0;
		any = 1;
	}
	return any;
}

/*
 * The language of a term whose front matter names none: a Hugo suffix
 * (pod.de.md), else its language folder when bydir (and else, in
 * merge_all, the `lang:' of the glossary's .gloss.yaml).
 */
static void
lang_from_path(struct term *t, const char *dir, int bydir)
{
	const char *rel = rel_path(dir, t->path), *base, *end, *tag, *slash;

	if (t->lang != NULL)
		return;
	base = strrchr(rel, '/');
	base = base != NULL ? base + 1 : rel;
	end = base + strlen(base);
	if (end - base > 3 && strcmp(end - 3, ".md") == 0) {
		end -= 3;
		for (tag = end; tag > base && tag[-1] != '.'; tag--)
			;
		/* name.TAG.md: a name, a dot, a tag */
		if (tag > base + 1 && lang_is_tag(tag, (size_t)(end - tag))) {
			t->lang = lang_normalize(tag, (size_t)(end - tag));
			return;
		}
	}
	if (bydir && (slash = strchr(rel, '/')) != NULL)
		t->lang = lang_normalize(rel, (size_t)(slash - rel));
}

/* Move the results into the table and diag, in path order. */
static int
merge_all(struct table *table, struct pool *p, const char *dir, int dirno,
    const char *deflang, struct diag *d)
{
	size_t i;
	int added = 0, bydir = lang_dirs(dir, p);

	for (i = 0; i < p->n; i++) {
		struct walk_item *it = &p->items[i];

		if (it->path != NULL && p->res[i].st == LOAD_OK) {
			lang_from_path(p->res[i].term, dir, bydir);
			if (p->res[i].term->lang == NULL && deflang != NULL)
				p->res[i].term->lang = xstrdup(deflang);
			p->res[i].term->dirno = dirno;
			table_add(table, p->res[i].term);
			added++;
		} else if (it->path != NULL && p->res[i].st == LOAD_NOT_TERM)
			diag_add(
			    &it->diag, DIAG_NO_FRONT_MATTER, it->path, 0, 0);
		/* The schema reads keys before values: report in file order. */
		diag_sort(&it->diag);
		diag_move(d, &it->diag);
	}
	return added;
}

int
loader_load_dir(struct table *table, const char *dir, int dirno,
    const struct loader_opts *opts, struct diag *d)
{
	struct walk_list list = {NULL, 0, 0};
	struct siteconf conf;
	struct pool p;
	size_t max = LOADER_MAX_BYTES, i;
	int rc, added;

	if (opts != NULL && opts->max_bytes != 0)
		max = opts->max_bytes;
	siteconf_init(&conf);
	(void)siteconf_load(dir, &conf, d);
	rc = walk_tree(dir, table->bytes, max, &conf.skip, &list, d);
	p.items = list.v;
	p.n = list.n;
	p.res = xreallocarray(NULL, list.n + 1, sizeof(*p.res));
	for (i = 0; i < list.n; i++) {
		p.res[i].term = NULL;
		p.res[i].st = LOAD_ERROR;
	}
	p.keep_text = opts == NULL || !opts->drop_text;
	p.conf = &conf;
	atomic_init(&p.next, 0);
	parse_all(&p);
	added = merge_all(table, &p, dir, dirno, conf.lang, d);
	free(p.res);
	walk_release(&list);
	siteconf_release(&conf);
	return rc < 0 ? -1 : added;
}
