/*
 * The in-memory table: owns every term; finds them by folded name or
 * alias, exactly or by prefix.  Build it with table_add for each term,
 * then table_index once; lookups are valid only after table_index.
 */
#ifndef GLOSS_TABLE_H
#define GLOSS_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "post.h"
#include "term.h"

/* One name or alias in the sorted index. */
struct table_entry {
	const char *key; /* folded; borrowed from the term */
	const struct term *term;
	int alias;     /* index into term->aliases (term->derived when
			  derived), or -1 for the name */
	int derived;   /* a derived name: weaker than every name and alias */
	uint64_t hash; /* table_key_hash of key, set by table_index */
	size_t place;  /* term->idx, set by table_index */
};

struct table {
	struct term **terms; /* after table_index: sorted by key, unique */
	size_t n, cap;
	struct table_entry *idx; /* sorted by key, names before aliases */
	size_t nidx;
	struct table_entry *ids; /* link keys (term->ids), sorted by key;
				    alias is the index into term->ids */
	size_t nids;
	char *lang;	 /* the language served (table_serve_lang); NULL:
			    every language, or the glossary names none */
	char *prefer[3]; /* every language served: those whose terms a name
			    finds first, in this order (table_serve_lang) */
	int ndirs;	 /* directories that were loaded */
	size_t bytes;	 /* term file bytes held */
	struct post_src *post; /* stored postings (post.h), or NULL: the
				  table owns it */
	struct term_pool pool; /* where terms of the index were made */
};

/*
 * A hash of the len bytes of key: what the snapshot of a load files an
 * index entry under (loadsnap.c), made while table_index has the key at
 * hand.
 */
uint64_t table_key_hash(const char *key, size_t len);

void table_init(struct table *);
/*
 * Have the postings source, if any, write what it keeps and put in
 * place what it holds (post.h flush): search does before its output,
 * the cli before exit whatever the command did.  A second call does
 * nothing.
 */
void table_flush(const struct table *);
/*
 * Have the postings source begin table_flush's writing on a thread of its
 * own, while search ranks: until table_flush, which waits for it, the
 * source gives only texts (post.h).
 */
void table_flush_begin(const struct table *);
/* Free every term and the index. */
void table_release(struct table *);
/* Add a term; the table owns it from now on. */
void table_add(struct table *, struct term *);
/*
 * Sort and index the terms.  A name defined twice in one directory and
 * language keeps the first in path order (a warning names both files); a
 * name defined in an earlier directory shadows a later one (a note); the
 * same name in two languages is two terms.  Dropped terms are freed.
 * Aliases that collide with names or other aliases are warned about.
 * Derived names (names.h) come after every name and alias of their key
 * and are never warned about.  Link keys (ids, stems) are indexed apart,
 * below names and aliases.  Each term's mentions become the names of the
 * other terms they mean, each once; those that mean no term are dropped.
 */
void table_index(struct table *, struct diag *);
/*
 * Serve one language (SPEC 1, "Languages"), before table_index: drop
 * every term of another language; terms of none stay.  lang is "all"
 * (keep every term), a tag to serve whatever the glossary holds, or NULL
 * to choose: the first of prefs[0..n) that a term's language matches
 * (exactly, else by language without region), else the language of the
 * first term that has one.  A glossary that names no language keeps
 * every term.  Sets tab->lang; returns how many terms were dropped.
 */
size_t table_serve_lang(
    struct table *, const char *lang, const char *const *prefs, size_t n);
/*
 * Find a folded key: a name first, then an alias, then a link key.
 * Returns a borrowed term or NULL; *alias is the alias index, -1 for a
 * name, or TABLE_ID for a link key.
 */
const struct term *table_get(const struct table *, const char *key, int *alias);
#define TABLE_ID (-2)
/* The link-key entries [*first, *last) whose key is key. */
void table_ids(
    const struct table *, const char *key, size_t *first, size_t *last);
/* The index entries [*first, *last) whose keys start with prefix. */
void table_prefix(
    const struct table *, const char *prefix, size_t *first, size_t *last);

#endif
