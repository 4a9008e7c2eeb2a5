/*
 * The front matter schema: a tree of YAML values -> struct term.  One
 * table in schema.c lists the keys gloss interprets and how each is
 * taken; every other key is passed through in term->extra, except the
 * names gloss writes itself in its JSON output.  Problems become
 * diagnostics; nothing is printed.  Part of the loader layer.
 */
#ifndef GLOSS_SCHEMA_H
#define GLOSS_SCHEMA_H

#include "diag.h"
#include "term.h"

/*
 * Interpret root, the front matter of the file path, into t (from
 * term_new): its strings are moved out of root, which the caller still
 * releases.  Sets name, key, aliases and their keys, description,
 * category ("Uncategorized" when none), and the rest the front matter
 * gives.  Returns 0, or -1 after errors added to d (t is then partly
 * filled; the caller frees it).
 */
int schema_term(
    struct tval *root, struct term *t, const char *path, struct diag *d);

/*
 * Whether key may not be passed through to JSON: a key the schema
 * interprets, or a name gloss writes itself in its output.
 */
int schema_reserved(const char *key);

#endif
