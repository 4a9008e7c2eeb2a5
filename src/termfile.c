#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "lang.h"
#include "md.h"
#include "termfile.h"
#include "tval_pack.h"
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

void
termfile_capture_release(struct capture *c)
{
	index_rec_release(&c->rec);
	sb_release(&c->tree);
	loadfacts_release(&c->facts);
	free(c);
}

/*
 * The schema step: root, the front matter of path, into a new term
 * (*out).  The body is at body, or given (schema.h) when body is NULL;
 * record, if not NULL, keeps what the body gave.  Returns LOAD_OK,
 * LOAD_SKIPPED (a draft) or LOAD_ERROR.
 */
enum load_status
termfile_from_tree(struct tval *root, const char *body, size_t bodylen,
    const char *path, const struct siteconf *conf,
    const struct schema_body *given, struct schema_body *record, struct diag *d,
    struct term **out)
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
	f.given = given;
	f.record = record;
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

/* The messages of d from n0 on, copied into the record. */
static void
capture_diag(struct capture *c, const struct diag *d, size_t n0)
{
	size_t i;

	for (i = n0; i < d->n; i++)
		diag_push(&c->rec.diag, &d->v[i]);
}

/*
 * The YAML of a front matter into a new term (*out); the body is at
 * body.  With c, the tree and the messages so far are captured.
 * Returns LOAD_OK, LOAD_SKIPPED (a draft) or LOAD_ERROR.
 */
static enum load_status
parse_term(const char *yaml, size_t len, const char *body, size_t bodylen,
    const char *path, const struct siteconf *conf, struct diag *d,
    struct term **out, struct capture *c, size_t n0)
{
	enum load_status st = LOAD_ERROR;
	struct tval root;
	int rc;

	*out = NULL;
	rc = yaml_tree_parse(yaml, len, FM_FIRST_LINE, path, d, &root);
	if (rc == 1)
		diag_add(d, DIAG_FRONT_MATTER_EMPTY, path, 1, 1);
	if (c != NULL) {
		capture_diag(c, d, n0);
		if (rc == 0 && tval_pack(&root, &c->tree) < 0)
			c->ok = 0;
		c->rec.has_tree = rc == 0;
	}
	if (rc == 0)
		st = termfile_from_tree(&root, body, bodylen, path, conf, NULL,
		    c != NULL ? &c->facts.body : NULL, d, out);
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
	if (text == NULL) {
		free(t->body_text);
		t->body_text = NULL;
	}
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
	struct term *t;
	size_t n0 = d->n, i;

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
	if (st != LOAD_OK) {
		if (c != NULL) {
			c->rec.kind = (int)st;
			capture_diag(c, d, n0);
		}
		return st;
	}
	st = parse_term(text + fm.off, fm.len, text + fm.body_off,
	    len - fm.body_off, path, conf, d, &t, c, n0);
	if (c != NULL) {
		c->rec.kind = (int)st;
		c->rec.fm_end = fm.off + fm.len;
		c->rec.body_off = fm.body_off;
		c->facts.textlen = len;
	}
	if (st != LOAD_OK)
		return st;
	termfile_set_file(t, path, give ? text : NULL, len, fm.body_off);
	n0 = t->examples.n;
	if (md_has_examples(text + fm.body_off, len - fm.body_off))
		md_examples(
		    text + fm.body_off, len - fm.body_off, &t->examples);
	for (i = n0; c != NULL && i < t->examples.n; i++)
		strlist_push(&c->facts.examples, xstrdup(t->examples.v[i]));
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
