/*
 * The front matter schema: a tree of YAML values -> struct term.  One
 * table in schema.c lists, for each field of a term, the keys it is
 * read from (SPEC 1, matched case-insensitively) and how its value is
 * taken; every other key is passed through in term->extra, except the
 * names gloss writes itself in its JSON output.  Problems become
 * diagnostics; nothing is printed.  Part of the loader layer.
 */
#ifndef GLOSS_SCHEMA_H
#define GLOSS_SCHEMA_H

#include <stddef.h>

#include "diag.h"
#include "term.h"

/* The fields the schema fills, each read from a row of keys. */
enum schema_field {
	SF_NAME,
	SF_DESCRIPTION,
	SF_ALIASES,
	SF_ID,
	SF_CATEGORIES,
	SF_TAGS,
	SF_VERTICAL,
	SF_PRONUNCIATION,
	SF_EXAMPLES,
	SF_RELATED,
	SF_DETAILS,
	SF_DRAFT,
	SF_NFIELDS
};

/*
 * A glossary's own key names (`.gloss.yaml' `keys:'): for each field,
 * keys in lower case tried before the built-in ones, in order.
 */
struct schema_keys {
	struct strlist v[SF_NFIELDS];
};

/* Free the keys of k; k is then empty. */
void schema_keys_release(struct schema_keys *k);

/*
 * The field a name means in `.gloss.yaml': a field's name (`name',
 * `categories', ...) or one of its built-in keys (`term', `category'),
 * any case.  Returns -1 for none.
 */
int schema_field_find(const char *name);

/* What the schema is told about the file besides its front matter. */
struct schema_file {
	const char *path;
	const char *body; /* the Markdown body, NUL-terminated */
	size_t bodylen;
	const char *stem; /* the file's name without .md; an index.md's
			     folder: a link key, and a bundle's name */
	int bundle;	  /* an index.md: named by stem if it has no name */
	const struct schema_keys *keys; /* the glossary's own, or NULL */
};

#define SCHEMA_DRAFT 1 /* schema_term: `draft: true', not a term */

/*
 * Interpret root, the front matter of the file f, into t (from
 * term_new): its strings are moved out of root, which the caller still
 * releases.  Sets name, key, aliases and their keys, description (else
 * from the body), categories ("Uncategorized" when none), ids, the body
 * reduced to text and its mentions, and the rest the front matter
 * gives.  Returns 0; SCHEMA_DRAFT for a draft (nothing reported); or -1
 * after errors added to d (t is then partly filled; the caller frees
 * it).
 */
int schema_term(struct tval *root, struct term *t, const struct schema_file *f,
    struct diag *d);

/*
 * A term's body_text (term.h) for the body body (len bytes, NUL after
 * them), as schema_term sets it: the caller frees it; NULL when
 * reducing the markup leaves the body as it is.
 */
char *schema_body_text(const char *body, size_t len);

/*
 * Whether key may not be passed through to JSON: a key the schema
 * interprets, or a name gloss writes itself in its output.
 */
int schema_reserved(const char *key);

#endif
