/*
 * Site markup reduced to text in one forward pass.
 *
 * Linear time: every construct is either consumed whole or rejected after
 * a bounded look.  Searches for a closing delimiter go through a finder
 * that remembers its last answer, and the scan position only moves
 * forward, so each finder reads each byte at most once.  A construct that
 * may not cross a blank line (shortcodes, macros, code spans, link
 * destinations) compares its closer with the next blank line, itself
 * found by a remembering search.
 */
#include <stdlib.h>
#include <string.h>

#include "markup_int.h"

/* Copy s[r->i..e) as written: code, or text with nothing to reduce. */
static void
verbatim(struct rd *r, size_t e)
{
	sb_addn(&r->out, r->s + r->i, e - r->i);
	r->i = e;
}

/*
 * At a run of backticks: a code span is copied whole when a run of the
 * same length closes it before the next blank line, else the run is
 * text.  tick_none remembers a failed search, so none is repeated.
 */
static void
code_span(struct rd *r)
{
	const char *s = r->s;
	size_t i = r->i, k = i, j, lim, m;

	while (k < r->n && s[k] == '`')
		k++;
	m = k - i;
	if (m <= TICKMAX && r->tick_none[m] <= i) {
		lim = markup_blank(r, i);
		for (j = k; j < lim; j++) {
			if (s[j] != '`')
				continue;
			for (k = j; k < lim && s[k] == '`'; k++)
				;
			if (k - j == m) {
				verbatim(r, k);
				return;
			}
			j = k;
		}
		r->tick_none[m] = lim;
	}
	markup_putn(r, s + i, m);
	r->i = i + m;
}

/* At a line start: a fenced code block is copied to its closing fence. */
static int
fence(struct rd *r)
{
	const char *s = r->s;
	size_t j = r->i, k, m, e;
	char c;

	while (j < r->n && (s[j] == ' ' || s[j] == '\t'))
		j++;
	if (j >= r->n || (s[j] != '`' && s[j] != '~'))
		return 0;
	c = s[j];
	for (k = j; k < r->n && s[k] == c; k++)
		;
	if ((m = k - j) < 3)
		return 0;
	e = markup_eol(r, k);
	if (c == '`' && memchr(s + k, '`', e - k) != NULL)
		return 0; /* an inline code span */
	while (e < r->n) {
		j = e;
		e = markup_eol(r, j);
		while (j < e && (s[j] == ' ' || s[j] == '\t'))
			j++;
		for (k = j; k < e && s[k] == c; k++)
			;
		if (k - j >= m && markup_skip_ws(s, k, e) == e)
			break;
	}
	verbatim(r, e);
	return 1;
}

/*
 * At `[^': a footnote (GitHub's; cmark reads none).  Its reference, a
 * mark in the text, is dropped; its definition at a line start,
 * "[^1]: text", is a note at the page's end, made a list item.  Not one
 * when a link's destination or label follows.
 */
static int
footnote(struct rd *r)
{
	const char *s = r->s;
	size_t j = r->i + 2, k;

	if (j >= r->n || s[r->i + 1] != '^')
		return 0;
	for (k = j; k < r->n && k - j < 100 && s[k] != ']' &&
	     !isws((unsigned char)s[k]) && s[k] != '[';
	     k++)
		;
	if (k == j || k >= r->n || s[k] != ']' ||
	    (k + 1 < r->n && (s[k + 1] == '(' || s[k + 1] == '[')))
		return 0;
	if ((r->i == 0 || s[r->i - 1] == '\n') && k + 1 < r->n &&
	    s[k + 1] == ':') {
		markup_putn(r, "- ", 2);
		r->i = k + 2;
		if (r->i < r->n && s[r->i] == ' ')
			r->i++;
		return 1;
	}
	r->i = k + 1;
	return 1;
}

/* At `[': remember where the link text starts in the output. */
static void
open_bracket(struct rd *r)
{
	int img = r->i > 0 && r->s[r->i - 1] == '!';

	markup_put(r, '[');
	r->i++;
	if (r->nbr < BRMAX) {
		r->br[r->nbr] = r->out.len;
		r->brimg[r->nbr] = img;
	}
	r->nbr++;
}

/*
 * Whether s[j..n) opens a Liquid output that gives a string, as
 * Jekyll writes a link's address: {{ '/terms/x/' | relative_url }}.
 * The string is *str, and *e where the output ends.  On one line.
 */
static int
liquid_string(const char *s, size_t n, size_t j, struct span *str, size_t *e)
{
	size_t k, q;

	if (!markup_match_at(s, n, j, "{{", 2, 0))
		return 0;
	k = markup_skip_ws(s, j + 2, n);
	if (k >= n || (s[k] != '\'' && s[k] != '"'))
		return 0;
	for (q = k + 1; q < n && s[q] != s[k] && s[q] != '\n'; q++)
		;
	if (q >= n || s[q] != s[k])
		return 0;
	for (*e = q + 1; *e + 1 < n && s[*e] != '\n'; (*e)++)
		if (s[*e] == '}' && s[*e + 1] == '}') {
			*str = (struct span){s + k + 1, q - k - 1};
			*e += 2;
			return 1;
		}
	return 0;
}

/*
 * The destination of a Markdown link, at r->i after `](': copied (a Hugo
 * ref shortcode by its path, a Liquid output by its string) and recorded
 * with the text from off.
 */
static void
destination(struct rd *r, size_t off, size_t end, int img)
{
	const char *s = r->s;
	size_t j = r->i, b = r->out.len, depth = 0, e;
	struct span str;

	if (markup_match_at(s, r->n, j, "{{<", 3, 0) ||
	    markup_match_at(s, r->n, j, "{{%", 3, 0)) {
		if (markup_curly(r) && !img)
			markup_add_link(
			    r, r->out.s + b, r->out.len - b, off, end);
		return;
	}
	if (liquid_string(s, r->n, j, &str, &e)) {
		markup_putn(r, str.p, str.n);
		if (!img)
			markup_add_link(
			    r, r->out.s + b, r->out.len - b, off, end);
		r->i = e;
		return;
	}
	/* {{ site.baseurl }}/terms/x/: the site's own prefix goes. */
	if (markup_match_at(s, r->n, j, "{{", 2, 0))
		for (e = j + 2; e + 1 < r->n && s[e] != '\n' && s[e] != ')';
		     e++)
			if (s[e] == '}' && s[e + 1] == '}') {
				r->i = j = e + 2;
				break;
			}
	if (j < r->n && s[j] == '<') {
		while (j < r->n && s[j] != '>' && s[j] != '\n' && s[j] != '<')
			j++;
		if (j < r->n && s[j] == '>')
			j++;
	} else
		for (; j < r->n && (unsigned char)s[j] > ' '; j++) {
			if (s[j] == '(')
				depth++;
			else if (s[j] == ')' && depth == 0)
				break;
			else if (s[j] == ')')
				depth--;
		}
	markup_putn(r, s + r->i, j - r->i);
	if (!img)
		markup_add_link(r, r->out.s + b, r->out.len - b, off, end);
	r->i = j;
}

/* At `]': the end of a link text, and its destination if `(' follows. */
static void
close_bracket(struct rd *r)
{
	size_t end = r->out.len, off = end;
	int img = 0;

	if (r->nbr > 0 && --r->nbr < BRMAX) {
		off = r->br[r->nbr];
		img = r->brimg[r->nbr];
	}
	markup_put(r, ']');
	r->i++;
	if (r->i < r->n && r->s[r->i] == '(') {
		markup_put(r, '(');
		r->i++;
		destination(r, off, end, img);
	}
}

/*
 * At a line start: the fence of an admonition (Docusaurus, Starlight,
 * Pandoc's fenced divs), three colons or more, then a type, a title in
 * brackets or after a space, attributes in braces.  The fence goes, its
 * title stays as a paragraph of its own; what it encloses is read as
 * ever.  A fence ends the paragraph before it (a blank line), as the
 * box does on the page.
 */
static int
admonition(struct rd *r)
{
	const char *s = r->s;
	size_t j = r->i, k, e, te;

	while (j < r->n && j - r->i < 3 && s[j] == ' ')
		j++;
	for (k = j; k < r->n && s[k] == ':'; k++)
		;
	if (k - j < 3)
		return 0;
	e = markup_eol(r, k);
	while (k < e &&
	    (isalnum_((unsigned char)s[k]) || s[k] == '-' || s[k] == '_'))
		k++;
	if (k < e && s[k] == '{') { /* attributes */
		while (k < e && s[k] != '}')
			k++;
		k += k < e;
	}
	k = markup_skip_ws(s, k, e);
	if (k < e && s[k] == '[' && (te = k + 1) < e) {
		while (te < e && s[te] != ']')
			te++;
		k++;
	} else
		te = e;
	while (te > k &&
	    (s[te - 1] == '\n' || s[te - 1] == '\r' || s[te - 1] == ' ' ||
		s[te - 1] == '\t'))
		te--;
	markup_put(r, '\n');
	if (te > k) {
		markup_putn(r, s + k, te - k);
		markup_putn(r, "\n\n", 2);
	}
	r->i = e;
	return 1;
}

/* At a line start: MDN's definition of a term, "- : text", a list item
 * as "- text". */
static int
mdn_definition(struct rd *r)
{
	const char *s = r->s;
	size_t j = r->i;

	while (j < r->n && (s[j] == ' ' || s[j] == '\t'))
		j++;
	if (r->n - j < 4 || memcmp(s + j, "- : ", 4) != 0)
		return 0;
	markup_putn(r, s + r->i, j + 2 - r->i);
	r->i = j + 4;
	return 1;
}

/* At a line start: fenced code, an admonition's fence, MDN's definition
 * of a term, or an MDX line. */
static int
line_start(struct rd *r)
{
	if (r->i > 0 && r->s[r->i - 1] != '\n')
		return 0;
	if (fence(r) || admonition(r) || mdn_definition(r))
		return 1;
	if (markup_is_mdx(r)) {
		markup_mdx(r);
		return 1;
	}
	return 0;
}

/* Whether c is text whatever follows: no construct starts with it. */
static int
plain(int c)
{
	switch (c) {
	case '\\':
	case '`':
	case '[':
	case ']':
	case '<':
	case '{':
	case '&':
	case '\n': /* the next line may start a fence */
	case '-':  /* may complete a `<!--' */
		return 0;
	default:
		return 1;
	}
}

/* One construct, or a run of text, at r->i. */
static void
step(struct rd *r)
{
	char c = r->s[r->i];
	size_t k;

	if (line_start(r))
		return;
	switch (c) {
	case '\\': /* an escaped character is text, whatever it is */
		markup_put(r, c);
		if (++r->i < r->n && r->s[r->i] != '\n')
			markup_put(r, r->s[r->i++]);
		return;
	case '`':
		code_span(r);
		return;
	case '[':
		if (!footnote(r))
			open_bracket(r);
		return;
	case ']':
		close_bracket(r);
		return;
	case '<':
		if (markup_html(r))
			return;
		break;
	case '{':
		if (markup_curly(r))
			return;
		break;
	case '&':
		if (markup_entity(r))
			return;
		break;
	default:
		for (k = r->i; k < r->n && plain((unsigned char)r->s[k]); k++)
			;
		if (k > r->i) {
			verbatim(r, k);
			return;
		}
		break;
	}
	markup_put(r, c);
	r->i++;
}

static void
reduce(struct rd *r, const char *s, size_t n, struct markup_refs *refs,
    int stop_more)
{
	memset(r, 0, sizeof(*r));
	r->stop_more = stop_more;
	r->s = s;
	r->n = n;
	r->refs = refs;
	r->more = n;
	sb_init(&r->out);
	markup_finder_init(&r->cmt, "-->", 0);
	markup_finder_init(&r->sc, ">}}", 0);
	markup_finder_init(&r->pc, "%}}", 0);
	markup_finder_init(&r->mac, "}}", 0);
	markup_finder_init(&r->liq, "%}", 0);
	markup_finder_init(&r->endcmt, "endcomment", 0);
	markup_finder_init(&r->script, "</script", 1);
	markup_finder_init(&r->style, "</style", 1);
	markup_finder_init(&r->head, "</head", 1);
	r->blank_from = 1;
	while (r->i < r->n)
		step(r);
}

void
markup_refs_init(struct markup_refs *l)
{
	l->v = NULL;
	l->n = l->cap = 0;
}

void
markup_refs_release(struct markup_refs *l)
{
	size_t k;

	for (k = 0; k < l->n; k++)
		free(l->v[k].target);
	free(l->v);
	markup_refs_init(l);
}

char *
markup_reduce(const char *s, size_t n, size_t *outlen, struct markup_refs *refs)
{
	struct rd r;

	reduce(&r, s, n, refs, 0);
	markup_close_anchor(&r);
	if (outlen != NULL)
		*outlen = r.out.len;
	return sb_take(&r.out);
}

size_t
markup_more(const char *s, size_t n)
{
	struct rd r;

	reduce(&r, s, n, NULL, 1);
	sb_release(&r.out);
	return r.more;
}
