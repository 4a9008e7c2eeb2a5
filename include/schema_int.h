/*
 * What the files of the schema share, and nothing else includes:
 * schema.c (the key table, choosing the key that gives each field, the
 * required name, schema_term), schema_take.c (the field rows and how
 * each value is taken and typed) and schema_desc.c (the description and
 * the body: site markup reduced, mentions gathered).  Part of the
 * loader layer.
 */
#ifndef GLOSS_SCHEMA_INT_H
#define GLOSS_SCHEMA_INT_H

#include "schema.h"

/*
 * The state of interpreting one front matter: on schema_term's stack;
 * borrows f, diag and t; the chosen values stay owned by the root.
 */
struct schema_ctx {
	const struct schema_file *f;
	const struct schema_keys *own; /* f's keys, or NULL if it has none */
	const char *path;
	struct diag *diag;
	struct term *t;
	struct tval *got[SF_NFIELDS]; /* each field's value, once chosen */
	const char *key[SF_NFIELDS];  /* the key it was given by */
	int rank[SF_NFIELDS];	      /* of that key: lower wins */
	char *lead; /* the body's first paragraph as text, when the front
		       matter gave the description and it may define an
		       abbreviation (a parenthesis), or NULL */
};

struct schema_row;
typedef void schema_take(struct schema_ctx *, const struct schema_row *,
    struct tval *, const char *key);

enum {
	SPLIT = 1, /* a string is a comma-separated list */
	MERGE = 2  /* every key of the row the file has adds to the field */
};

/* A field: its name in `.gloss.yaml', and how its value is taken. */
struct schema_row {
	const char *name;
	schema_take *take;
	size_t off; /* the field of struct term, for take_string(s) */
	unsigned flags;
};

/* The fields, by enum schema_field (schema_take.c). */
extern const struct schema_row schema_rows[SF_NFIELDS];

/*
 * Take the text out of a scalar, trimmed: a number or boolean is its
 * text as written; the caller frees it.  NULL if v is a null or not a
 * scalar (schema_take.c).
 */
char *schema_tv_take(struct tval *v);

/*
 * Trim surrounding white space (blanks and line breaks, SPEC 1's rule
 * for every string field) off s, in place (schema_take.c).
 */
void schema_trim(char *s);

/* Apply what `details' says to fields the front matter left empty. */
void schema_merge_details(struct term *t);

/*
 * Report a required field as missing (code DIAG_NO_NAME or
 * DIAG_NO_DESCRIPTION), saying what the file has instead (schema.c).
 */
void schema_missing(
    struct schema_ctx *sp, const struct tval *root, enum diag_code code);

/*
 * Set t's description from its key, else from the body, and t's body
 * text and mentions; -1 after an error added to sp's diag
 * (schema_desc.c).
 */
int schema_take_description(struct schema_ctx *sp, const struct tval *root);

#endif
