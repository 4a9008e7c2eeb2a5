/*
 * Raw HTML in site markup: comments (and `<!--more-->'), start and end
 * tags dropped (an <a href> recorded as a link, a term component of an
 * MDX page as a mention), <script>, <style> and <head>
 * elements dropped whole, entities decoded.
 */
#include <stdint.h>
#include <string.h>

#include "markup_int.h"

/* At `<!--': drop the comment, to the end if it is not closed. */
static void
comment(struct rd *r)
{
	size_t i = r->i, e = markup_find(r, &r->cmt, i + 2), b = i + 4;
	struct span in;

	if (e < b) /* <!--> and <!---> close at once */
		b = e;
	in.p = r->s + b;
	for (in.n = e - b; in.n > 0 && isws((unsigned char)*in.p); in.n--)
		in.p++;
	while (in.n > 0 && isws((unsigned char)in.p[in.n - 1]))
		in.n--;
	if (e < r->n && markup_span_is(in, "more") && r->more == r->n) {
		r->more = i;
		if (r->stop_more) {
			r->i = r->n;
			return;
		}
	}
	r->i = e < r->n ? e + 3 : r->n;
}

/* Elements whose end separates words, so a space stands for the tag. */
static int
is_block(struct span name)
{
	static const char *const v[] = {"p", "br", "div", "li", "ul", "ol",
	    "dl", "dt", "dd", "tr", "td", "th", "table", "blockquote", "pre",
	    "hr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "figure",
	    "figcaption", "details", "summary", "img"};
	size_t k;

	for (k = 0; k < sizeof(v) / sizeof(v[0]); k++)
		if (markup_span_is(name, v[k]))
			return 1;
	return 0;
}

/*
 * Whether a tag is a term component of an MDX page: a component (its
 * name capitalised) named for a term or a glossary, as dbt's <Term
 * id="dag"> or a plugin's <GlossaryTerm term="x">.
 */
static int
is_term_component(struct span name)
{
	size_t i;

	if (name.n == 0 || name.p[0] < 'A' || name.p[0] > 'Z')
		return 0;
	for (i = 0; i + 4 <= name.n; i++)
		if (markup_span_is((struct span){name.p + i, 4}, "term") ||
		    (i + 5 <= name.n &&
			markup_span_is((struct span){name.p + i, 5}, "gloss")))
			return 1;
	return 0;
}

/* A tag's attributes from s[*j]: to `>' or `/>'; the href is kept, and
 * the term a term component names (id, term, termId, term_id). */
static int
attributes(
    const char *s, size_t n, size_t *j, struct span *href, struct span *term)
{
	size_t k = *j, b;
	struct span name, v;

	for (;;) {
		b = k;
		k = markup_skip_ws(s, k, n);
		if (k < n && s[k] == '>')
			break;
		if (k + 1 < n && s[k] == '/' && s[k + 1] == '>') {
			k++;
			break;
		}
		if (k == b || k >= n)
			return 0; /* attributes are separated by space */
		name.p = s + k;
		while (k < n && !isws((unsigned char)s[k]) &&
		    strchr("\"'>/=<`", s[k]) == NULL)
			k++;
		if ((name.n = (size_t)(s + k - name.p)) == 0)
			return 0;
		b = markup_skip_ws(s, k, n);
		if (b >= n || s[b] != '=')
			continue;
		k = markup_skip_ws(s, b + 1, n);
		if (k >= n)
			return 0;
		b = k;
		if (s[k] == '"' || s[k] == '\'') {
			/* No `<' inside: a tag never reads past the next one.
			 */
			for (k++; k < n && s[k] != s[b] && s[k] != '<'; k++)
				;
			if (k >= n || s[k] != s[b])
				return 0;
			v = (struct span){s + b + 1, k - b - 1};
			k++;
		} else {
			while (k < n && !isws((unsigned char)s[k]) &&
			    strchr("\"'=<>`", s[k]) == NULL)
				k++;
			v = (struct span){s + b, k - b};
		}
		if (k == b)
			return 0;
		if (markup_span_is(name, "href"))
			*href = v;
		else if (markup_span_is(name, "id") ||
		    markup_span_is(name, "term") ||
		    markup_span_is(name, "termid") ||
		    markup_span_is(name, "term_id"))
			*term = v;
	}
	*j = k + 1;
	return 1;
}

/* Drop a <script>, <style> or <head> element's content and its end
 * tag: no reader sees them (a page's <head> holds its tab's title). */
static void
skip_element(struct rd *r, struct finder *f)
{
	const char *gt;
	size_t e = markup_find(r, f, r->i);

	gt = e < r->n ? memchr(r->s + e, '>', r->n - e) : NULL;
	r->i = gt != NULL ? (size_t)(gt - r->s) + 1 : r->n;
}

void
markup_close_anchor(struct rd *r)
{
	struct markup_ref *m;

	if (r->anchor == 0 || r->refs == NULL)
		return;
	m = &r->refs->v[r->anchor - 1];
	m->len = r->out.len - m->off;
	r->anchor = 0;
}

int
markup_html(struct rd *r)
{
	const char *s = r->s;
	size_t j = r->i + 1, n = r->n, k;
	struct span name, href = {NULL, 0}, term = {NULL, 0};
	int end = 0;

	if (markup_match_at(s, n, r->i, "<!--", 4, 0)) {
		comment(r);
		return 1;
	}
	if (j < n && s[j] == '/')
		end = 1, j++;
	if (j >= n || !isalpha_((unsigned char)s[j]))
		return 0;
	name.p = s + j;
	while (j < n && (isalnum_((unsigned char)s[j]) || s[j] == '-'))
		j++;
	name.n = (size_t)(s + j - name.p);
	if (end ? (j = markup_skip_ws(s, j, n)) >= n || s[j++] != '>'
		: !attributes(s, n, &j, &href, &term))
		return 0;
	r->i = j;
	if (is_block(name) && r->out.len > 0 &&
	    !isws((unsigned char)r->out.s[r->out.len - 1]))
		markup_put(r, ' ');
	if (end) {
		if (markup_span_is(name, "a") || is_term_component(name))
			markup_close_anchor(r);
	} else if (s[j - 2] != '/' && markup_span_is(name, "script"))
		skip_element(r, &r->script);
	else if (s[j - 2] != '/' && markup_span_is(name, "style"))
		skip_element(r, &r->style);
	else if (s[j - 2] != '/' && markup_span_is(name, "head"))
		skip_element(r, &r->head);
	else if (markup_span_is(name, "a") && href.p != NULL) {
		markup_close_anchor(r);
		if (r->refs != NULL) {
			k = r->refs->n;
			markup_add_link(
			    r, href.p, href.n, r->out.len, r->out.len);
			r->anchor = r->refs->n > k ? r->refs->n : 0;
		}
	} else if (term.n > 0 && is_term_component(name)) {
		/* Alone, its id stands in for the text the site gives it;
		 * else the text it encloses is the mention's, as an <a>'s. */
		markup_close_anchor(r);
		k = r->out.len;
		if (s[j - 2] == '/')
			markup_putn(r, term.p, term.n);
		if (markup_add_ref(r, MARKUP_TOOLTIP, term.p, term.n, k,
			r->out.len) != NULL &&
		    s[j - 2] != '/')
			r->anchor = r->refs->n;
	}
	return 1;
}

/* The named entities sites use; the rest stay as written. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
    {"amp", '&'},
    {"lt", '<'},
    {"gt", '>'},
    {"quot", '"'},
    {"apos", '\''},
    {"nbsp", 0xa0},
    {"mdash", 0x2014},
    {"ndash", 0x2013},
    {"hellip", 0x2026},
    {"copy", 0xa9},
    {"reg", 0xae},
    {"trade", 0x2122},
    {"lsquo", 0x2018},
    {"rsquo", 0x2019},
    {"ldquo", 0x201c},
    {"rdquo", 0x201d},
    {"laquo", 0xab},
    {"raquo", 0xbb},
    {"times", 0xd7},
    {"middot", 0xb7},
    {"bull", 0x2022},
    {"deg", 0xb0},
    {"rarr", 0x2192},
    {"larr", 0x2190},
    {"harr", 0x2194},
    {"le", 0x2264},
    {"ge", 0x2265},
    {"ne", 0x2260},
    {"euro", 0x20ac},
    {"para", 0xb6},
    {"sect", 0xa7},
};

/* The code point of a numeric reference s[b..e) (after `&#'), or 0. */
static uint32_t
numeric(const char *s, size_t b, size_t e)
{
	uint32_t cp = 0;
	int hex = 0, d;

	if (b < e && (s[b] == 'x' || s[b] == 'X'))
		hex = 1, b++;
	if (b == e || e - b > (hex ? 6u : 7u))
		return 0;
	for (; b < e; b++) {
		d = lower((unsigned char)s[b]);
		if (d >= '0' && d <= '9')
			d -= '0';
		else if (hex && d >= 'a' && d <= 'f')
			d -= 'a' - 10;
		else
			return 0;
		cp = cp * (hex ? 16 : 10) + (uint32_t)d;
	}
	/* Never a NUL, a control character, a surrogate or beyond Unicode. */
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
	    (cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff)
		return 0;
	return cp;
}

static void
put_cp(struct rd *r, uint32_t cp)
{
	if (cp < 0x80)
		markup_put(r, (char)cp);
	else if (cp < 0x800) {
		markup_put(r, (char)(0xc0 | cp >> 6));
		markup_put(r, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		markup_put(r, (char)(0xe0 | cp >> 12));
		markup_put(r, (char)(0x80 | (cp >> 6 & 0x3f)));
		markup_put(r, (char)(0x80 | (cp & 0x3f)));
	} else {
		markup_put(r, (char)(0xf0 | cp >> 18));
		markup_put(r, (char)(0x80 | (cp >> 12 & 0x3f)));
		markup_put(r, (char)(0x80 | (cp >> 6 & 0x3f)));
		markup_put(r, (char)(0x80 | (cp & 0x3f)));
	}
}

int
markup_entity(struct rd *r)
{
	const char *s = r->s;
	size_t b = r->i + 1, e = b, k;
	uint32_t cp = 0;

	while (e < r->n && e - b <= 8 &&
	    (isalnum_((unsigned char)s[e]) || (e == b && s[e] == '#')))
		e++;
	if (e >= r->n || s[e] != ';' || e == b)
		return 0;
	if (s[b] == '#')
		cp = numeric(s, b + 1, e);
	else
		for (k = 0; k < sizeof(entities) / sizeof(entities[0]); k++)
			if (e - b == strlen(entities[k].name) &&
			    memcmp(s + b, entities[k].name, e - b) == 0)
				cp = entities[k].cp;
	if (cp == 0)
		return 0;
	put_cp(r, cp);
	r->i = e + 1;
	return 1;
}
