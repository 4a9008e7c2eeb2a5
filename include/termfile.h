/*
 * One term file to a term: the front matter split, the YAML tree, the
 * schema step, and what the index records of a parse (a capture).  The
 * loader's internal interface; loader.c drives it over a walk.
 */
#ifndef GLOSS_TERMFILE_H
#define GLOSS_TERMFILE_H

#include <sys/stat.h>

#include <stddef.h>

#include "diag.h"
#include "index.h"
#include "loader.h"
#include "loadfacts.h"
#include "readfile.h"
#include "schema.h"
#include "siteconf.h"
#include "term.h"
#include "util.h"

/*
 * What a parse of one file gives the index besides the term: the record
 * to put, with the tree packed before the schema step takes it apart.
 */
struct capture {
	struct index_rec rec; /* kind, tree, offsets, the messages before
				 the schema step, aux */
	struct sbuf tree;     /* rec.tree_packed */
	struct loadfacts facts;
	struct stat st; /* the fstat of what was read */
	int ok;		/* rec is whole: put it */
};

/* Free a capture and what it holds. */
void termfile_capture_release(struct capture *);

/*
 * The schema step: root, the front matter of path, into a new term
 * (*out), which the caller frees with term_free.  The body is at body,
 * or given (schema.h) when body is NULL; record, if not NULL, keeps what
 * the body gave.  Returns LOAD_OK, LOAD_SKIPPED (a draft) or LOAD_ERROR
 * (the reasons in d).
 */
enum load_status termfile_from_tree(struct tval *root, const char *body,
    size_t bodylen, const char *path, const struct siteconf *conf,
    const struct schema_body *given, struct schema_body *record, struct diag *d,
    struct term **out);

/*
 * Set t's file: its path (copied), its text (t takes it; NULL when the
 * text is not kept), the text's length and where the body starts.
 */
void termfile_set_file(
    struct term *t, const char *path, char *text, size_t len, size_t body_off);

/*
 * Parse the len bytes just read into rb, capturing for the index when c
 * is not NULL.  With give, the term (*out, the caller's) takes the
 * buffer and rb is left empty for the next file.
 */
enum load_status termfile_load_text(struct readfile_buf *rb, size_t len,
    const char *path, const struct siteconf *conf, struct diag *d,
    struct term **out, int give, struct capture *c);

#endif
