/*
 * Search's postings in the index (post.h): for each term file, the
 * lengths of its fields and a key search made of its fields, sealed with
 * the file's identity; for each stem (of one stemmer), the files whose
 * words have it and how often in the body.  Kept in the index's
 * key-value store, in the run's one write transaction.
 *
 * Like a row, a file's record is a fact: "a file of this identity,
 * whose fields search keyed so, has these postings", trusted only when
 * its checksum holds, the identity equals the file's and it is not
 * racily clean.  Each record has a number of its own, never reused: a
 * record written again gets a new one, and the stem lists' entries for
 * numbers no valid record holds are ignored (and dropped when the store
 * is compacted, which empties it).  Part of the index layer.
 */
#ifndef GLOSS_INDEX_POST_H
#define GLOSS_INDEX_POST_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "index.h"
#include "post.h"

/* An entry of a stem's list: a record's number, its counts. */
struct index_post_ref {
	uint64_t id;
	unsigned tf[POST_NFIELDS]; /* the stem in each field (post.h) */
};

/*
 * The record of relpath, if it holds for a file of identity st (the
 * stat the term's text came from) and key: fills *id and d's lengths
 * and returns 1; else 0.  stamp is when this run began (index_stamp).
 */
int index_post_doc(struct index *, const char *relpath, const struct stat *st,
    uint64_t key, uint64_t *id, struct post_doc *d);

/* A record asked for (index_post_docs), and what was found. */
struct index_post_req {
	const char *relpath;
	const struct stat *st; /* the stat the term's text came from */
	uint64_t key;
	uint64_t id;	    /* set when found */
	struct post_doc *d; /* its lengths, irregular and Bloom filter */
	int found;	    /* 1 when the record holds, as index_post_doc */
};

/*
 * index_post_doc for each of r[0..n): by one pass over the records in
 * path order when n is a good part of total (how many records the
 * caller expects the index to hold), else a lookup each.
 */
void index_post_docs(
    struct index *, struct index_post_req *r, size_t n, size_t total);

/*
 * The list of stem as stemmer algo (NULL: none) made it, appended to
 * *v (n entries; the caller frees *v): 1, 0 when there is none, -1
 * when it is damaged.
 */
int index_post_stem(struct index *, const char *algo, const char *stem,
    struct index_post_ref **v, size_t *n);

/* A record to write: what index_post_write takes. */
struct index_post_new {
	const char *relpath;
	struct stat st;	   /* the identity its text came from */
	int64_t stamp;	   /* a time before the text was read */
	uint64_t key;	   /* what search made of the fields */
	struct post_doc d; /* lengths and stems */
};

/*
 * Write the records and add them to their stems' lists, in the index's
 * write transaction (none when another process holds it).  A damaged
 * list empties the store, to be made again.  Returns 0, or -1 when
 * nothing (or not all) was written.
 */
int index_post_write(struct index *, const struct index_post_new *v, size_t n);

/* Empty the store, when a list was found damaged: 0, or -1. */
int index_post_clear(struct index *);

#endif
