/*
 * The fields of a term record: one table of {name, type, getter}, as
 * mandoc's mansearch_const.c keeps its one list of keys.  `--field', the
 * JSON writer and the text format read their values through it, and the
 * loader asks field_reserved which front-matter keys it may not pass
 * through.  Adding an interpreted key: struct term (term.h, term.c), the
 * loader's schema table, and one row here.
 */
#ifndef GLOSS_FIELD_H
#define GLOSS_FIELD_H

#include <stddef.h>

#include "term.h"

enum field_type {
	FIELD_STRING, /* one string, or none (JSON null) */
	FIELD_LIST,   /* strings */
	FIELD_PAIRS,  /* {title, value} strings: details */
	FIELD_INT,
	FIELD_REAL
};

/*
 * A term as one record shows it: the term and how it was found.  The
 * render layer fills it in from its own record; every pointer is
 * borrowed.
 */
struct field_src {
	const struct term *term;
	const char *match;    /* "exact", "alias", ...; NULL: not a lookup */
	int body;	      /* the record carries the Markdown body */
	int scored;	      /* a search hit: score and snippet are set */
	double score;	      /* the hit's rank score */
	const char *snippet;  /* the hit's excerpt, or NULL */
	const char *relation; /* "out", "in" or "both"; NULL: not a link */
	int depth;	      /* of the link */
	const char *from;     /* name of the term the link was reached from */
};

/* One field's value in one record; everything is borrowed. */
struct field_value {
	enum field_type type;
	int has;	 /* 0: not in this record (JSON leaves it out) */
	const char *str; /* FIELD_STRING; NULL: none */
	long long num;	 /* FIELD_INT */
	double real;	 /* FIELD_REAL */
	size_t n;	 /* FIELD_LIST, FIELD_PAIRS: how many items */
	const char *const *first; /* item 0; then every stride bytes */
	size_t stride;
	const char *const *second; /* FIELD_PAIRS: value of item 0 */
};

enum {
	FIELD_OTHER_NAME = 1, /* another name of a field, for --field only:
				 JSON does not write it, the loader may pass
				 it through */
	FIELD_FILE_KEY = 2    /* also a front-matter key that the loader
				 takes out of the pass-through keys itself
				 (lang: lang.h), so not reserved */
};

struct field {
	const char *name;
	enum field_type type;
	void (*get)(const struct field_src *, struct field_value *);
	unsigned flags; /* FIELD_OTHER_NAME */
};

/* The table, in the order JSON writes the fields; ended by a NULL name. */
extern const struct field field_table[];

/* The row called name, or NULL. */
const struct field *field_find(const char *name);
/* Fill *v with field f of src. */
void field_get(
    const struct field *f, const struct field_src *src, struct field_value *v);
/* Item i of a FIELD_LIST, or the title of item i of FIELD_PAIRS. */
const char *field_item(const struct field_value *, size_t i);
/* The value of item i of a FIELD_PAIRS. */
const char *field_item_value(const struct field_value *, size_t i);
/*
 * A value as plain text, as `--field' prints it: none is "", lists are
 * joined by ", ", pairs written "title: value", a real with 4 decimals.
 * The caller frees the result.
 */
char *field_text(const struct field_value *);
/*
 * Whether key is one gloss writes itself in a term's JSON object, so
 * that a front-matter key of that name may not be passed through.
 */
int field_reserved(const char *key);

#endif
