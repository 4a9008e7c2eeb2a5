/*
 * What the files of the markup reducer share, and nothing else
 * includes: the reader's state and the tools every construct uses.
 * markup.c drives the pass (text, code spans, fences, links) and holds
 * the public API; markup_scan.c has the remembering searches, the
 * output and the references; markup_html.c tags, comments and
 * entities; markup_site.c shortcodes, macros, Liquid and MDX lines.
 * Part of the term layer.
 */
#ifndef GLOSS_MARKUP_INT_H
#define GLOSS_MARKUP_INT_H

#include <stddef.h>

#include "markup.h"
#include "util.h"

#define TICKMAX 32 /* longest backtick run tried as a code span */
#define BRMAX	32 /* open Markdown brackets remembered */

/* The first occurrence of pat at or after `from' is at `at' (n: none). */
struct finder {
	const char *pat;
	size_t len;
	int icase;
	size_t from, at;
};

struct rd {
	const char *s;
	size_t n, i;
	struct sbuf out;
	struct markup_refs *refs;
	struct finder cmt, sc, pc, mac, liq, script, style, head, endcmt;
	size_t ec_from, ec_at; /* the first {% endcomment at or after any
				  point of [ec_from, ec_at] is at ec_at */
	size_t ial_none;       /* no `}' closes a `{:' before this */
	size_t blank_from, blank_at;
	size_t tick_none[TICKMAX + 1]; /* no closer of k ticks before this */
	size_t br[BRMAX];	       /* output offsets after open `[' */
	int brimg[BRMAX];
	size_t nbr;
	size_t anchor; /* 1 + index of the open <a>'s ref, or 0 */
	int stop_more;
	size_t more;
};

/* A span of the input. */
struct span {
	const char *p;
	size_t n;
};

/* A parsed shortcode or macro: what it says. */
struct call {
	struct span name, text, term_id, arg1, arg2;
	int closing;
};

/* ASCII classes: the reducer never depends on the locale. */
static inline int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static inline int
isws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline int
isalpha_(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
isalnum_(int c)
{
	return isalpha_(c) || (c >= '0' && c <= '9');
}

/* Whether span sp is the lower-case word w, in any case. */
int markup_span_is(struct span sp, const char *w);

/* Whether pat (len bytes; icase: in any case, pat lower) is at s[j..n). */
int markup_match_at(
    const char *s, size_t n, size_t j, const char *pat, size_t len, int icase);

/* Set f to search for pat (a static string), in any case if icase. */
void markup_finder_init(struct finder *f, const char *pat, int icase);

/* The first occurrence of f's pattern at or after p, or n. */
size_t markup_find(const struct rd *r, struct finder *f, size_t p);

/* The newline that starts the next blank line at or after p, or n. */
size_t markup_blank(struct rd *r, size_t p);

/*
 * Append one byte of text.  A `<!--' is never assembled in the output
 * from pieces around dropped markup, decoded entities or a link's URL:
 * the `-' that would complete one is dropped.
 */
void markup_put(struct rd *r, char c);

/* Append n bytes of p, each through markup_put. */
void markup_putn(struct rd *r, const char *p, size_t n);

/* Append a quoted value, dropping the backslash of \" and \\. */
void markup_put_unquoted(struct rd *r, struct span v);

/*
 * Record a reference to t (tn bytes) whose text is output[off..end);
 * NULL when there is no list or no target.  The list owns it.
 */
struct markup_ref *markup_add_ref(struct rd *r, enum markup_kind kind,
    const char *t, size_t tn, size_t off, size_t end);

/* Record a link to url whose text is output[off..end). */
void markup_add_link(
    struct rd *r, const char *url, size_t n, size_t off, size_t end);

/* The first byte at or after j in s[..e) that is not white space. */
size_t markup_skip_ws(const char *s, size_t j, size_t e);

/* The end of the line at j: after its newline, or n. */
size_t markup_eol(const struct rd *r, size_t j);

/*
 * At `<': an HTML comment, or a start or end tag, dropped.  Returns 0
 * when the `<' starts none of these (an autolink, a comparison).
 * (markup_html.c)
 */
int markup_html(struct rd *r);

/* The end of an <a> element: its reference now spans its text. */
void markup_close_anchor(struct rd *r);

/* At `&': decode a known entity.  Returns 0 to leave it as written. */
int markup_entity(struct rd *r);

/*
 * At `{': a shortcode {{< >}} or {{% %}}, a macro or Liquid output
 * {{ }}, or a Liquid tag {% %}, none of which crosses a blank line.
 * Returns whether one was consumed.  (markup_site.c)
 */
int markup_curly(struct rd *r);

/* Whether the line at r->i starts an MDX import or export statement. */
int markup_is_mdx(const struct rd *r);

/* Drop an MDX statement: its lines until its braces balance. */
void markup_mdx(struct rd *r);

#endif
