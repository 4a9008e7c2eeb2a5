/*
 * Documentation-site markup reduced to the Markdown text it stands for
 * (SPEC 1): HTML comments, Hugo shortcodes, MDN macros, Liquid, raw HTML
 * and its entities, MDX import/export lines.  Markdown itself, code spans
 * and fenced code are left as written.  One forward pass, linear in its
 * input, safe on any bytes.
 */
#ifndef GLOSS_MARKUP_H
#define GLOSS_MARKUP_H

#include <stddef.h>

/* What made a reference. */
enum markup_kind {
	MARKUP_TOOLTIP, /* a shortcode's term_id (Hugo glossary_tooltip) */
	MARKUP_MACRO,	/* an MDN {{Glossary("name")}} macro */
	MARKUP_LINK	/* a Markdown link or an HTML <a href> */
};

/*
 * One reference to another page.  target is the term id, the term's
 * name, or for a link the last segment of its URL path (see
 * markup_url_key).  off and len give the text that mentions it, in the
 * reduced output.
 */
struct markup_ref {
	enum markup_kind kind;
	char *target; /* owned, NUL-terminated */
	size_t off;
	size_t len;
};

/* The references of one text, in output order. */
struct markup_refs {
	struct markup_ref *v;
	size_t n;
	size_t cap;
};

/* Set up an empty list; allocates nothing. */
void markup_refs_init(struct markup_refs *);
/* Free every target and the array; the list is empty afterwards. */
void markup_refs_release(struct markup_refs *);

/*
 * Reduce n bytes of s to text.  Returns a NUL-terminated string the
 * caller frees, of length *outlen (if outlen is not NULL), never longer
 * than n; bytes that are not UTF-8 pass through unchanged.  If refs is
 * not NULL, the mentions and links found are appended to it.  Never
 * fails (out of memory is fatal).
 */
char *markup_reduce(
    const char *s, size_t n, size_t *outlen, struct markup_refs *refs);

/*
 * The offset in s of the first `<!--more-->' summary divider outside
 * code, or n if there is none.
 */
size_t markup_more(const char *s, size_t n);

/*
 * The key of a link target: the last segment of the URL's path, without
 * a #fragment, a ?query, trailing slashes, or a .md, .mdx, .html or .htm
 * suffix; for index.md or _index.md, the folder's name; never a scheme
 * or a host.  Sets *off to its offset in url and returns its length (0
 * if there is none).
 */
size_t markup_url_key(const char *url, size_t n, size_t *off);

#endif
