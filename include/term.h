/*
 * struct term: one glossary entry, the record every layer shares.
 * A term owns all of its strings; term_free releases it all.
 */
#ifndef GLOSS_TERM_H
#define GLOSS_TERM_H

#include <stddef.h>

#include "util.h"

/*
 * A YAML value.  The loader builds a tree of them; keys gloss does not
 * interpret (icon, url, ...) are kept as they are in term->extra and
 * passed through to JSON.
 */
enum tval_type { TV_STR, TV_SEQ, TV_MAP };

/*
 * What a scalar is, by the YAML 1.2 core schema or its explicit tag
 * (SPEC 1): decided once, by tval_type_scalar, when the file is parsed.
 * TS_STR is 0, so a zeroed tval is an empty string.
 */
enum tval_scalar { TS_STR, TS_NULL, TS_BOOL, TS_INT, TS_FLOAT };

/* How an explicit tag fared in tval_type_scalar. */
enum tval_tagcheck {
	TVT_OK,	      /* no tag, or a tag that fits the text */
	TVT_UNKNOWN,  /* a tag gloss does not know: the text is a string */
	TVT_MISMATCH, /* !!int etc. on text that is not one: a string */
};

struct tval {
	enum tval_type type;
	enum tval_scalar scalar; /* TV_STR: what its text is */
	char *str;		 /* TV_STR: the text as written, unescaped */
	size_t n;		 /* items in a TV_SEQ or TV_MAP */
	struct tval *items;	 /* TV_SEQ items, TV_MAP values */
	char **keys;		 /* TV_MAP keys: each key once (first wins) */
	char *joined;	    /* TV_STR folded over lines: str without the folds'
			       spaces between Chinese or Japanese characters, as a
			       page shows it; NULL when it has none */
	unsigned line, col; /* 1-based position in the file */
};

/* Free what a tval owns, not the tval itself. */
void tval_release(struct tval *);
/* Find key in a TV_MAP; returns a borrowed value or NULL. */
const struct tval *tval_get(const struct tval *, const char *key);
/*
 * The one typing rule of scalars (SPEC 1, the YAML 1.2 core schema):
 * text, written plain (unquoted, no block) or not, with the explicit tag
 * tag (libyaml's resolved form, "tag:yaml.org,2002:int", "!" or "!foo";
 * NULL for none).  A plain scalar is null (empty, ~ null Null NULL),
 * bool (true True TRUE false False FALSE), int (decimal, 0o octal, 0x
 * hex), float (decimal with . or exponent, .inf .nan in three
 * spellings) or else a string; quoted and block scalars are strings;
 * !!str !!int !!float !!bool !!null decide over that (!!float takes an
 * int's text too).  *check, if not NULL, says whether the tag was
 * unknown or did not fit the text: the scalar is then a string.
 */
enum tval_scalar tval_type_scalar(
    const char *tag, int plain, const char *text, enum tval_tagcheck *check);
/* Whether tag is one gloss knows on a collection: none, "!", !!seq, !!map. */
int tval_tag_known_collection(const char *tag, int map);
/* Whether v is a scalar typed null: the one null rule. */
int tval_is_null(const struct tval *v);
/* The truth of a TS_BOOL scalar. */
int tval_bool(const struct tval *v);
/*
 * The value of a TS_INT scalar in *out: 0, or -1 when it does not fit
 * in 64 bits (then only its text, v->str, holds it exactly).
 */
int tval_int(const struct tval *v, long long *out);
/* The value of a TS_FLOAT (or TS_INT) scalar; .inf and .nan as such. */
double tval_real(const struct tval *v);
/*
 * A scalar as text for people and --field: null as "", a boolean as
 * true or false, an integer that fits 64 bits in decimal, anything else
 * as written.  The caller frees the result.
 */
char *tval_scalar_text(const struct tval *v);

/* A name in `related', with where it was written for diagnostics. */
struct term_link {
	char *name;
	char *key; /* name folded, for lookups */
	unsigned line, col;
};

struct term_detail {
	char *title;
	char *value;
	unsigned line, col; /* of the value */
};

struct term {
	char *name; /* `term': the display name */
	char *key;  /* name folded for matching */
	struct strlist aliases;
	struct strlist alias_keys;   /* aliases folded, same order */
	struct strlist derived;	     /* names found in the name and text
					(names.h), weaker than aliases */
	struct strlist derived_keys; /* derived folded, same order */
	char *pronunciation;	     /* or NULL */
	struct strlist categories; /* never empty; "Uncategorized" by default */
	char *vertical;		   /* or NULL */
	char *lang;		   /* language tag, lower case, or NULL */
	struct strlist tags;	   /* the second facet, as written */
	struct strlist ids;	 /* folded link keys: id, slug, stem, folder */
	struct strlist mentions; /* terms the body mentions: folded targets
				    from the loader, then the names of the
				    terms they mean (table_index) */
	char *body_text;	 /* the body reduced to text (markup_reduce), or
				    NULL when it is the body as written */
	char *description;
	struct strlist examples;
	struct term_link *related;
	size_t nrelated;
	struct term_detail *details;
	size_t ndetails;
	struct tval extra; /* TV_MAP of passed-through keys */

	char *path;	    /* the file, as it was named to the loader */
	unsigned line, col; /* where `term:' is */
	int dirno;	    /* index of the glossary directory */
	size_t idx;	    /* position in the table, set by table_index */
	char *text; /* the whole file, NUL-terminated; NULL when the loader
		       was asked to drop it (loader_opts.drop_text) */
	size_t textlen;
	size_t body_off; /* the Markdown body starts at text + body_off */
	size_t pooled;	 /* made in a term_pool: the bytes from the term
			    on that hold its pieces, which the pool frees;
			    0: each piece is its own allocation */
};

/*
 * Memory for many terms made at once (term_unpack_pooled): each term
 * and its pieces lie together in a chunk the pool owns, so that making
 * a term is not two dozen allocations.  Such a term is still freed with
 * term_free, which frees what was put in it later (a path, a text, a
 * string replaced with term_drop_str) and leaves the rest to the pool;
 * its lists must not grow (replace them, term_drop_list).  Zeroed is
 * empty.
 */
struct term_pool {
	struct term_chunk *chunks; /* the newest first */
	char *p, *end;		   /* the newest chunk's free room */
};

/* The room reserved for one term's pieces (term_mem_open). */
struct term_mem {
	char *p, *end;
};

/* Free the chunks of a pool: after every term made in it is gone. */
void term_pool_release(struct term_pool *);
/* Give the chunks of from to to, leaving from empty. */
void term_pool_move(struct term_pool *to, struct term_pool *from);
/*
 * A new empty term (as term_new) at the start of n bytes of pool's,
 * the rest of them room for its pieces in *m; term_mem_close gives
 * back what they did not take.  With a NULL pool, term_new and *m
 * empty.
 */
struct term *term_mem_open(struct term_pool *, size_t n, struct term_mem *m);
/* The term t, made by term_mem_open, is done: its pieces end at m->p. */
void term_mem_close(struct term_pool *, struct term *t, struct term_mem *m);
/*
 * n bytes of s and a NUL, in m's room when it fits, else allocated
 * (m may be NULL): either way the term's, freed with it.
 */
char *term_mem_strndup(struct term_mem *m, const char *s, size_t n);
/* n zeroed items of size bytes, as term_mem_strndup places them. */
void *term_mem_calloc(struct term_mem *m, size_t n, size_t size);
/* term_key of name, as term_mem_strndup places it. */
char *term_key_in(struct term_mem *m, const char *name);
/* Free s, a string of t's, unless its pool holds it: to replace it. */
void term_drop_str(const struct term *t, char *s);
/* Empty l, a list of t's, freeing what its pool does not hold. */
void term_drop_list(const struct term *t, struct strlist *l);
/* tval_release of v, a value of t's, leaving what t's pool holds. */
void tval_drop(const struct term *t, struct tval *v);

/*
 * The key a name, an alias, a related name or a name typed on the
 * command line is matched by: the string folded with utf8_fold and its
 * word separators dropped, so that "config map", "Config-Map",
 * "CONFIG_MAP" and "configMap" all give "configmap".  The one place names
 * are folded; the caller frees the result.
 */
char *term_key(const char *name);
/* Allocate an empty term: categories is empty until the loader sets it. */
struct term *term_new(void);
/* Free a term and everything it owns.  NULL is a no-op. */
void term_free(struct term *);
/* The Markdown body as written: borrowed from the term. */
const char *term_body(const struct term *);
/*
 * The body with site markup reduced to text (SPEC 1): what everything
 * that shows or searches a body reads (`--full', search, snippets), but
 * not `-f markdown' nor JSON `body'.  Borrowed from the term.
 */
const char *term_body_text(const struct term *);
/* The first category: never NULL once the loader has set them. */
const char *term_category(const struct term *);
/* Add a folded key to a list of keys unless empty or already there. */
void term_add_key(struct strlist *, char *owned);
/* The name of term i of an array of term pointers: for sb_join. */
const char *term_name_at(const void *terms, size_t i);
/*
 * Add a related name, written at line:col, unless an equal folded name
 * is already there.  term_add_related copies name; term_take_related
 * takes it over (and frees it when it is not added).
 */
void term_add_related(
    struct term *, const char *name, unsigned line, unsigned col);
void term_take_related(struct term *, char *name, unsigned line, unsigned col);

#endif
