/*
 * Output: one small interface, one file per format (render_*.c), as cmark
 * drives its renderers.  A command opens a render context, feeds it
 * records and closes it; the renderer writes to the FILE it was given and
 * never decides anything about the terminal: the cli passes that down.
 */
#ifndef GLOSS_RENDER_H
#define GLOSS_RENDER_H

#include <stdio.h>

#include "diag.h"
#include "search.h"

enum render_mode {
	RM_SHOW,       /* whole entries */
	RM_LIST,       /* one term a line */
	RM_SEARCH,     /* ranked hits with snippets */
	RM_RELATED,    /* links of a subject term */
	RM_CATEGORIES, /* group names with counts */
	RM_CHECK       /* diagnostics of `check' */
};

struct render_opts {
	int color;  /* write SGR sequences */
	int width;  /* wrap text at this many columns; 0: never */
	int full;   /* include the Markdown body */
	int escape; /* escape control characters in every format */
	char sep;   /* record terminator for line formats: '\n' or '\0' */
	int header; /* tsv: a header line first */
	const char *field; /* --field: print only this field */
	const char *by;	   /* categories: "category" or "vertical" */
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

struct render_ctx {
	FILE *fp;
	const struct render_opts *opts;
	enum render_mode mode;
	const struct term *subject; /* RM_RELATED: the term asked about */
	size_t nrec;		    /* records written so far */
	void *priv;		    /* the renderer's own state */
};

struct renderer {
	const char *name;
	void (*begin)(struct render_ctx *);
	void (*record)(struct render_ctx *, const struct rrec *);
	void (*end)(struct render_ctx *);
};

extern const struct renderer render_text, render_json, render_ndjson,
    render_tsv, render_markdown, render_field;

/* The renderer called name, or NULL. */
const struct renderer *render_find(const char *name);

/* Drive a renderer: begin, one call a record, end. */
void render_begin(const struct renderer *, struct render_ctx *);
void render_record(
    const struct renderer *, struct render_ctx *, const struct rrec *);
void render_end(const struct renderer *, struct render_ctx *);

/*
 * The value of a field of a record as plain text (lists joined by ", "),
 * or NULL if the record has no such field.  The caller frees it.
 */
char *render_field_value(const struct rrec *, const char *field);
/* "error", "warning" or "note". */
const char *render_level(enum diag_level);
/* Whether field names something any record could have. */
int render_field_known(const char *field);

/* Write s (n bytes) escaped when opts->escape, else as it is. */
void render_put(struct render_ctx *, const char *s, size_t n);

#endif
