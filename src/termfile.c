#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "lang.h"
#include "md.h"
#include "term_pack.h"
#include "termfile.h"
#include "tval_pack.h"
#include "walk.h"
#include "yaml_tree.h"

/* The front matter starts on line 2 of the file: the `---' is line 1. */
#define FM_FIRST_LINE 2
/*
 * The stem of a term file: its name without `.md'; for an `index.md' or
 * a `README.md' (a page bundle, walk_is_index), its folder's name.  The
 * caller frees it.
 */
static char *
file_stem(const char *path, int *bundle)
{
	const char *base = strrchr(path, '/'), *dir;
	size_t n;

	base = base != NULL ? base + 1 : path;
	*bundle = walk_is_index(base);
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

void
termfile_capture_release(struct capture *c)
{
	index_rec_release(&c->rec);
	free(c);
}

/*
 * The schema step: root, the front matter of path, into a new term
 * (*out); the body is at body.  Returns LOAD_OK, LOAD_SKIPPED (a draft)
 * or LOAD_ERROR.
 */
static enum load_status
from_tree(struct tval *root, const char *body, size_t bodylen, const char *path,
    const struct siteconf *conf, struct diag *d, struct term **out)
{
	struct schema_file f;
	struct term *t = term_new();
	char *stem;
	int rc;

	memset(&f, 0, sizeof(f));
	stem = file_stem(path, &f.bundle);
	f.path = path;
	f.body = body;
	f.bodylen = bodylen;
	f.stem = stem;
	f.keys = conf != NULL ? &conf->keys : NULL;
	rc = schema_term(root, t, &f, d);
	if (rc == SCHEMA_DRAFT)
		diag_add(d, DIAG_DRAFT, path, 0, 0);
	if (rc != 0) {
		term_free(t);
		t = NULL;
	} else
		lang_from_keys(t);
	free(stem);
	*out = t;
	return t != NULL	 ? LOAD_OK
	    : rc == SCHEMA_DRAFT ? LOAD_SKIPPED
				 : LOAD_ERROR;
}

/*
 * What the index records of a parse of path: its outcome st, the
 * messages of d from n0 on, and as data the stem the parse was given
 * (the one thing the schema step reads of the path), then the term t as
 * the loader returns it (term_pack), if there is one.
 */
static void
capture(struct capture *c, const char *path, enum load_status st,
    const struct term *t, const struct diag *d, size_t n0)
{
	struct sbuf sb;
	size_t i;
	char *stem;
	int bundle;

	c->rec.kind = (int)st;
	for (i = n0; i < d->n; i++)
		diag_push(&c->rec.diag, &d->v[i]);
	sb_init(&sb);
	stem = file_stem(path, &bundle);
	tval_pack_str(&sb, stem);
	free(stem);
	if (t != NULL && term_pack(t, &sb) < 0)
		c->ok = 0;
	c->rec.datalen = sb.len;
	c->rec.data = (unsigned char *)sb_take(&sb);
}

/* Whether s is the stem of path. */
static int
is_stem(const char *s, const char *path)
{
	int bundle, same;
	char *stem = file_stem(path, &bundle);

	same = strcmp(s, stem) == 0;
	free(stem);
	return same;
}

int
termfile_from_record(const struct index_rec *rec, const char *path,
    int keep_text, struct term_pool *pool, enum load_status *st,
    struct term **out)
{
	struct tval_rd r;
	struct term *t = NULL;
	char *stem;
	int ok;

	*out = NULL;
	if (rec->data == NULL || rec->kind < LOAD_OK || rec->kind > LOAD_ERROR)
		return -1;
	r.p = rec->data;
	r.end = r.p + rec->datalen;
	if ((stem = tval_read_str(&r)) == NULL)
		return -1;
	ok = is_stem(stem, path);
	free(stem);
	if (!ok ||
	    (rec->kind == LOAD_OK &&
		term_unpack_pooled(
		    &r, keep_text ? 0 : TERM_UNPACK_NO_BODY, pool, &t) < 0))
		return -1;
	if (r.p != r.end) {
		term_free(t);
		return -1;
	}
	if (t != NULL)
		termfile_set_file(t, path, NULL, t->textlen, t->body_off);
	*st = (enum load_status)rec->kind;
	*out = t;
	return 0;
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
	enum load_status st = LOAD_ERROR;
	struct tval root;
	int rc;

	*out = NULL;
	rc = yaml_tree_parse(yaml, len, FM_FIRST_LINE, path, d, &root);
	if (rc == 1)
		diag_add(d, DIAG_FRONT_MATTER_EMPTY, path, 1, 1);
	if (rc == 0)
		st = from_tree(&root, body, bodylen, path, conf, d, out);
	tval_release(&root);
	return st;
}

/* A term's file, whatever gave its fields. */
void
termfile_set_file(
    struct term *t, const char *path, char *text, size_t len, size_t body_off)
{
	t->path = xstrdup(path);
	t->text = text;
	t->textlen = len;
	t->body_off = body_off;
}

/*
 * Parse len bytes of text (NUL-terminated).  With give, a term takes the
 * text over; otherwise, and on failure, it stays the caller's.  With c,
 * what the index records is captured.
 */
static enum load_status
parse_text(char *text, size_t len, const char *path,
    const struct siteconf *conf, struct diag *d, struct term **out, int give,
    struct capture *c)
{
	struct frontmatter fm;
	enum load_status st;
	struct term *t = NULL;
	size_t n0 = d->n;

	*out = NULL;
	switch (frontmatter_split(text, len, path, d, &fm)) {
	case FM_NONE:
		st = LOAD_NOT_TERM;
		break;
	case FM_ERROR:
		st = LOAD_ERROR;
		break;
	default:
		st = LOAD_OK;
		break;
	}
	if (st == LOAD_OK)
		st = parse_term(text + fm.off, fm.len, text + fm.body_off,
		    len - fm.body_off, path, conf, d, &t);
	if (st == LOAD_OK) {
		termfile_set_file(
		    t, path, give ? text : NULL, len, fm.body_off);
		if (md_has_examples(text + fm.body_off, len - fm.body_off))
			md_examples(text + fm.body_off, len - fm.body_off,
			    &t->examples);
	}
	if (c != NULL)
		capture(c, path, st, t, d, n0);
	if (t != NULL && !give) {
		/* Without its text, a term has no body to reduce. */
		free(t->body_text);
		t->body_text = NULL;
	}
	*out = t;
	return st;
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
	if ((st = parse_text(text, len, path, NULL, d, out, 1, NULL)) !=
	    LOAD_OK)
		free(text);
	return st;
}

/*
 * Parse the len bytes just read into rb (as load_file says), capturing
 * for the index when c is not NULL.
 */
enum load_status
termfile_load_text(struct readfile_buf *rb, size_t len, const char *path,
    const struct siteconf *conf, struct diag *d, struct term **out, int give,
    struct capture *c)
{
	enum load_status st;

	st = parse_text(rb->s, len, path, conf, d, out, give, c);
	if (st == LOAD_OK && give) {
		/* The buffer grew in 4 KiB steps; keep only the file. */
		if (rb->cap > len + 1)
			(*out)->text = xrealloc(rb->s, len + 1);
		rb->s = NULL;
		rb->cap = 0;
	}
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
	ssize_t len;

	*out = NULL;
	if ((len = readfile_read(path, rb, d, NULL)) < 0)
		return LOAD_ERROR;
	return termfile_load_text(
	    rb, (size_t)len, path, conf, d, out, give, NULL);
}

enum load_status
loader_load_file(const char *path, struct diag *d, struct term **out)
{
	struct readfile_buf rb = {NULL, 0};
	enum load_status st = load_file(path, NULL, d, out, &rb, 1);

	free(rb.s);
	return st;
}
