/*
 * A term's description and body text: site markup reduced (the
 * mentions it holds go to the term), inline Markdown rendered; the
 * description from its key, else the body up to `<!--more-->' or its
 * first paragraph.
 */
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "md.h"
#include "schema_int.h"

/*
 * Whether s (NUL-terminated) may hold site markup that markup_reduce
 * changes: a tag, entity, shortcode, macro or link, an MDX
 * import/export line, an admonition's fence, or MDN's "- : ".  A quick
 * scan (the C library's vectorised string search), so that plain text
 * costs no copy.
 */
static int
has_markup(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *q;

	if (memchr(s, '<', n) != NULL || memchr(s, '{', n) != NULL ||
	    memchr(s, '&', n) != NULL || memchr(s, '[', n) != NULL)
		return 1;
	/* An MDX line, an admonition's fence or MDN's "- : " (markup.c):
	 * from one line start to the next, not a substring search over
	 * every byte. */
	for (;;) {
		if ((size_t)(end - p) >= 7 &&
		    (memcmp(p, "import ", 7) == 0 ||
			memcmp(p, "export ", 7) == 0))
			return 1;
		for (q = p; q < end && (*q == ' ' || *q == '\t'); q++)
			;
		if ((size_t)(end - q) >= 3 && memcmp(q, ":::", 3) == 0 &&
		    q - p <= 3)
			return 1;
		if ((size_t)(end - q) >= 4 && memcmp(q, "- : ", 4) == 0)
			return 1;
		if ((p = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;
		p++;
	}
}

/* Reduce n bytes of s; the mentions found go to t.  Caller frees. */
static char *
reduce(struct term *t, const char *s, size_t n, size_t *outlen)
{
	struct markup_refs refs;
	char *r;
	size_t i;

	markup_refs_init(&refs);
	r = markup_reduce(s, n, outlen, &refs);
	for (i = 0; i < refs.n; i++)
		term_add_key(&t->mentions, term_key(refs.v[i].target));
	markup_refs_release(&refs);
	return r;
}

/*
 * Whether a description given by a key holds inline Markdown a reader
 * would see as syntax: strong emphasis, a code span, a link or an
 * escape.  A lone `*emphasis*' is left as written, as gloss always
 * has: rendering every description through cmark costs the loader a
 * sixth of its time (bench/instr.sh).
 */
static int
has_inline_markdown(const char *s)
{
	/* One scan for the bytes they start with, not four. */
	for (; (s = strpbrk(s, "*_]`\\")) != NULL; s++)
		if (*s == '`' || *s == '\\' || s[1] == (*s == ']' ? '(' : *s))
			return 1;
	return 0;
}

/*
 * A description as text: site markup reduced (its mentions go to t),
 * inline Markdown rendered (always for Markdown from the body, so that
 * its lines join; for a key's value where has_inline_markdown says).
 * Takes s; returns NULL if nothing is left.
 */
static char *
desc_text(struct term *t, char *s, int markdown)
{
	char *r;

	if (has_markup(s, strlen(s))) {
		r = reduce(t, s, strlen(s), NULL);
		free(s);
		s = r;
	}
	if (markdown || has_inline_markdown(s)) {
		r = md_plain(s, strlen(s));
		free(s);
		s = r;
	}
	schema_trim(s);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* Where the first paragraph of a body (reduced) starts, headings
 * skipped; *len its length. */
static const char *
para_span(const char *b, size_t *len)
{
	const char *e, *nl, *p;

	for (;;) {
		b += strspn(b, " \t\r\n");
		if (*b != '#')
			break;
		b += strcspn(b, "\n");
	}
	/* The paragraph ends at a blank line. */
	for (e = b;;) {
		if ((nl = strchr(e, '\n')) == NULL) {
			e += strlen(e);
			break;
		}
		p = nl + 1 + strspn(nl + 1, " \t\r");
		if (*p == '\n' || *p == '\0') {
			e = nl;
			break;
		}
		e = nl + 1;
	}
	*len = (size_t)(e - b);
	return b;
}

/*
 * The first paragraph of a body (reduced) that a reader sees text in,
 * headings skipped: a screenshot or a logo above the definition is not
 * it.  NULL if none has.
 */
static char *
first_para(const char *b)
{
	size_t n;

	for (;;) {
		b = para_span(b, &n);
		if (n == 0)
			return NULL;
		if (md_has_text(b, n))
			return xstrndup(b, n);
		b += n;
	}
}

/* r (of n bytes), what body (of len) was reduced to; NULL if the same. */
static char *
unchanged(char *r, size_t n, const char *body, size_t len)
{
	if (n == len && memcmp(r, body, n) == 0) {
		free(r);
		return NULL;
	}
	return r;
}

char *
schema_body_text(const char *body, size_t len)
{
	size_t n;
	char *r;

	if (!has_markup(body, len))
		return NULL;
	r = markup_reduce(body, len, &n, NULL);
	return unchanged(r, n, body, len);
}

/*
 * The body reduced to text (kept in t when markup changed it) and its
 * mentions; then, if the front matter gave no description, the body up
 * to `<!--more-->', or else its first paragraph.
 */
static char *
take_body_text(struct schema_ctx *sp, int want_desc)
{
	const struct schema_file *f = sp->f;
	struct term *t = sp->t;
	const char *text = f->body;
	size_t n, more;
	char *r;

	if (f->body == NULL)
		return NULL;
	if (has_markup(f->body, f->bodylen)) {
		r = reduce(t, f->body, f->bodylen, &n);
		t->body_text = unchanged(r, n, f->body, f->bodylen);
		if (t->body_text != NULL)
			text = t->body_text;
	}
	if (!want_desc) {
		/* Its first sentence may define the name (names.h): only
		 * with a parenthesis, which most have not. */
		const char *lead = para_span(text, &n);

		if (memchr(lead, '(', n) != NULL)
			sp->lead = md_plain(lead, n);
		return NULL;
	}
	more = markup_more(f->body, f->bodylen);
	if (more < f->bodylen)
		return desc_text(
		    t, markup_reduce(f->body, more, NULL, NULL), 1);
	if ((r = first_para(text)) == NULL)
		return NULL;
	return desc_text(t, r, 1);
}

int
schema_take_description(struct schema_ctx *sp, const struct tval *root)
{
	struct term *t = sp->t;
	struct tval *v = sp->got[SF_DESCRIPTION];
	char *s;

	/* Shown as a page shows it: no space where a fold joined two
	 * Chinese or Japanese characters (yaml_tree.h). */
	if (v != NULL && v->type == TV_STR && v->joined != NULL) {
		free(v->str);
		v->str = v->joined;
		v->joined = NULL;
	}
	s = v != NULL ? schema_tv_take(v) : NULL;

	if (s != NULL && (s = desc_text(t, s, 0)) != NULL) {
		(void)take_body_text(sp, 0);
		t->description = s;
	} else
		t->description = take_body_text(sp, 1);
	if (t->description != NULL)
		return 0;
	if (v != NULL && !tval_is_null(v) && v->type == TV_STR)
		diag_add(sp->diag, DIAG_EMPTY_KEY, sp->path, v->line, v->col,
		    sp->key[SF_DESCRIPTION]);
	else
		schema_missing(sp, root, DIAG_NO_DESCRIPTION);
	return -1;
}
