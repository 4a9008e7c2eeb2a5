/*
 * One term file to a term: the front matter split, the YAML tree, the
 * schema step, and what the index records of a parse (a capture) and
 * gives back (termfile_from_record).  The loader's internal interface;
 * loader.c drives it over a walk.
 */
#ifndef GLOSS_TERMFILE_H
#define GLOSS_TERMFILE_H

#include <sys/stat.h>

#include <stddef.h>

#include "diag.h"
#include "index.h"
#include "loader.h"
#include "readfile.h"
#include "siteconf.h"
#include "term.h"
#include "util.h"

/*
 * What a parse of one file gives the index: the record to put.  Its
 * data is the stem the schema step was given, then the term as the
 * loader returns it, packed (term_pack.h), when the file is a term; its
 * messages are all the parse added for the file.
 */
struct capture {
	struct index_rec rec;
	struct stat st; /* the fstat of what was read */
	int ok;		/* rec is whole: put it */
};

/* Free a capture and what it holds. */
void termfile_capture_release(struct capture *);

/*
 * What a capture recorded, given back for the file path: its outcome in
 * *st and, for LOAD_OK, its term (*out, the caller's, made in pool when
 * not NULL (term_unpack_pooled); with path set, no text, and no
 * body_text unless keep_text).  rec's messages are left to the caller.
 * Returns 0, or -1 when the record is malformed or was made for a path
 * of another stem (then the file is parsed).
 */
int termfile_from_record(const struct index_rec *rec, const char *path,
    int keep_text, struct term_pool *pool, enum load_status *st,
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
