/*
 * Output: one small interface, one file per format (render_*.c), as cmark
 * drives its renderers.  A command opens a render context, feeds it
 * records and closes it; the renderer writes to the FILE it was given and
 * never decides anything about the terminal: the cli passes that down.
 * What each field of a term is comes from the field table (field.h);
 * wrapping by display width is wrap.c's job.
 *
 * To add an output format:
 *   1. Write src/render_NAME.c defining
 *        const struct renderer render_NAME = {
 *            .name = "NAME",
 *            .needs_body = ...,  (NULL: it never prints a term's body)
 *            .begin = ..., .end = ...,  (either may be NULL)
 *            .record = {[RM_SHOW] = ..., [RM_LIST] = ..., ...}};
 *      with a record function for each mode it prints (a NULL one
 *      prints nothing; RENDER_EVERY_MODE(fn) uses fn for all).  Read a
 *      term's fields through render_term_field or field.h, never by hand.
 *   2. Add &render_NAME to the row of renderers in render.c (`-f NAME'
 *      then finds it, and --help and errors name it) and its
 *      declaration below.
 * Nothing else in the code: the Makefile builds every src/render*.c and
 * the cli asks needs_body.  Then document it: doc/gloss.1 and the three
 * completions/ list the format names.
 */
#ifndef GLOSS_RENDER_H
#define GLOSS_RENDER_H

#include <stdio.h>

#include "diag.h"
#include "field.h"
#include "search.h"

enum render_mode {
	RM_NONE,       /* the command prints no records (help) */
	RM_SHOW,       /* whole entries */
	RM_LIST,       /* one term a line */
	RM_SEARCH,     /* ranked hits with snippets */
	RM_RELATED,    /* links of a subject term */
	RM_CATEGORIES, /* group names with counts */
	RM_CHECK,      /* diagnostics of `check' */
	RM_NMODES
};

struct render_opts {
	int color;  /* write SGR sequences */
	int width;  /* wrap text at this many columns; 0: never */
	int full;   /* include the Markdown body */
	int escape; /* escape control characters in every format */
	char sep;   /* record terminator for line formats: '\n' or '\0' */
	int header; /* tsv: a header line first */
	const char *field; /* --field: print only this field */
	const char *by;	   /* categories: "category", "vertical", "lang" */
	int langs;	   /* every language is served: show each term's */
};

/* One record: a term (with how it was found), or a group and its count. */
struct rrec {
	const struct term *term;
	enum match_kind match;
	const struct hit *hit; /* RM_SEARCH */
	const struct rel *rel; /* RM_RELATED */
	const char *group;     /* RM_CATEGORIES */
	size_t count;
	const struct diag_msg *diag; /* RM_CHECK */
};

/* RM_CHECK: what was checked, for a summary line. */
struct render_totals {
	int terms, dirs;
	int errors, warnings, notes;
};

struct render_ctx {
	FILE *fp;
	const struct render_opts *opts;
	enum render_mode mode;
	const struct term *subject; /* RM_RELATED: the term asked about */
	const struct render_totals *totals; /* RM_CHECK: or NULL, no summary */
	/*
	 * RM_SHOW: one name was asked for, so the records are one value,
	 * not a list: JSON writes one object, or null when none was found
	 * (SPEC 4: the shape follows the arguments).  The command sets it
	 * after cli_render_begin, before the first record.
	 */
	int single;
	size_t nrec; /* records written so far */
	void *priv;  /* the renderer's own state */
};

typedef void render_record_fn(struct render_ctx *, const struct rrec *);

struct renderer {
	const char *name; /* what -f calls it */
	/*
	 * Whether it prints the Markdown body of terms in mode with opts;
	 * when no renderer or command needs it, the loader keeps no text.
	 * NULL: never.
	 */
	int (*needs_body)(enum render_mode, const struct render_opts *);
	void (*begin)(struct render_ctx *); /* or NULL */
	/* Write one record of each mode; a NULL entry writes nothing. */
	render_record_fn *record[RM_NMODES];
	void (*end)(struct render_ctx *); /* or NULL */
};

/* A record table with fn for every mode that prints records. */
#define RENDER_EVERY_MODE(fn)                                                  \
	{                                                                      \
		[RM_SHOW] = (fn), [RM_LIST] = (fn), [RM_SEARCH] = (fn),        \
		[RM_RELATED] = (fn), [RM_CATEGORIES] = (fn), [RM_CHECK] = (fn) \
	}

extern const struct renderer render_text, render_json, render_ndjson,
    render_tsv, render_markdown, render_field;

/* The renderer called name, or NULL. */
const struct renderer *render_find(const char *name);
/* The names of the formats as "a, b or c", for messages.  Static. */
const char *render_names(void);
/* Whether r prints term bodies in mode with opts (asks r->needs_body). */
int render_needs_body(
    const struct renderer *, enum render_mode, const struct render_opts *);

/* Drive a renderer: begin, one call a record, end. */
void render_begin(const struct renderer *, struct render_ctx *);
void render_record(
    const struct renderer *, struct render_ctx *, const struct rrec *);
void render_end(const struct renderer *, struct render_ctx *);

/*
 * A term record as the field table sees it; body says whether the
 * record carries the Markdown body.
 */
void render_field_src(const struct rrec *, int body, struct field_src *);
/*
 * The value of field f of term record r as plain text (field_text); the
 * caller frees it.
 */
char *render_term_field(const struct rrec *, const char *f);
/*
 * The value of a field of a record as plain text (lists joined by ", "),
 * or NULL if the record has no such field.  The caller frees it.
 */
char *render_field_value(const struct rrec *, const char *field);
/* Whether field names something any record could have. */
int render_field_known(const char *field);
/* "out", "in" or "both": the name of a link's direction. */
const char *render_rel_name(enum rel_dir);
/* "->", "<-" or "<->": its arrow in text. */
const char *render_rel_arrow(enum rel_dir);

/* Write s (n bytes) escaped when opts->escape, else as it is. */
void render_put(struct render_ctx *, const char *s, size_t n);

#endif
