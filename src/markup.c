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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
	struct finder cmt, sc, pc, mac, liq, script, style;
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

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int
isws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
isalpha_(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
isalnum_(int c)
{
	return isalpha_(c) || (c >= '0' && c <= '9');
}

static int
span_is(struct span sp, const char *w)
{
	size_t i, n = strlen(w);

	if (sp.n != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)sp.p[i]) != w[i])
			return 0;
	return 1;
}

static int
match_at(
    const char *s, size_t n, size_t j, const char *pat, size_t len, int icase)
{
	size_t k;

	if (j > n || n - j < len)
		return 0;
	for (k = 0; k < len; k++)
		if (icase ? lower((unsigned char)s[j + k]) != pat[k]
			  : s[j + k] != pat[k])
			return 0;
	return 1;
}

static void
finder_init(struct finder *f, const char *pat, int icase)
{
	f->pat = pat;
	f->len = strlen(pat);
	f->icase = icase;
	f->from = 1;
	f->at = 0;
}

/* The first occurrence of f's pattern at or after p, or n. */
static size_t
find(const struct rd *r, struct finder *f, size_t p)
{
	size_t j;

	if (p >= f->from && p <= f->at)
		return f->at;
	f->from = p;
	f->at = r->n;
	for (j = p; j < r->n; j++)
		if (match_at(r->s, r->n, j, f->pat, f->len, f->icase)) {
			f->at = j;
			break;
		}
	return f->at;
}

/* The newline that starts the next blank line at or after p, or n. */
static size_t
blank(struct rd *r, size_t p)
{
	const char *nl;
	size_t j = p, k;

	if (p >= r->blank_from && p <= r->blank_at)
		return r->blank_at;
	r->blank_from = p;
	r->blank_at = r->n;
	while (j < r->n && (nl = memchr(r->s + j, '\n', r->n - j)) != NULL) {
		k = (size_t)(nl - r->s) + 1;
		while (k < r->n &&
		    (r->s[k] == ' ' || r->s[k] == '\t' || r->s[k] == '\r'))
			k++;
		if (k < r->n && r->s[k] == '\n') {
			r->blank_at = (size_t)(nl - r->s);
			break;
		}
		j = k;
	}
	return r->blank_at;
}

/*
 * Append one byte of text.  A `<!--' is never assembled in the output
 * from pieces around dropped markup, decoded entities or a link's URL:
 * the `-' that would complete one is dropped.
 */
static void
put(struct rd *r, char c)
{
	const struct sbuf *o = &r->out;

	if (c == '-' && o->len >= 3 && memcmp(o->s + o->len - 3, "<!-", 3) == 0)
		return;
	sb_addc(&r->out, c);
}

static void
putn(struct rd *r, const char *p, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		put(r, p[k]);
}

/* Append a quoted value, dropping the backslash of \" and \\. */
static void
put_unquoted(struct rd *r, struct span v)
{
	size_t k;

	for (k = 0; k < v.n; k++) {
		if (v.p[k] == '\\' && k + 1 < v.n &&
		    (v.p[k + 1] == '"' || v.p[k + 1] == '\\'))
			k++;
		put(r, v.p[k]);
	}
}

/* Record a reference whose text is output[off..end). */
static struct markup_ref *
add_ref(struct rd *r, enum markup_kind kind, const char *t, size_t tn,
    size_t off, size_t end)
{
	struct markup_refs *l = r->refs;
	struct markup_ref *m;

	/* A target is a C string: none that is empty or holds a NUL. */
	if (l == NULL || tn == 0 || memchr(t, '\0', tn) != NULL)
		return NULL;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	m = &l->v[l->n++];
	m->kind = kind;
	m->target = xstrndup(t, tn);
	m->off = off < end ? off : end;
	m->len = end - m->off;
	return m;
}

/* Where a URL's path starts: after its scheme and its authority. */
static size_t
url_path(const char *url, size_t e)
{
	size_t j = 0;

	while (j < e &&
	    (isalnum_((unsigned char)url[j]) || url[j] == '+' ||
		url[j] == '-' || url[j] == '.'))
		j++;
	if (!(j > 0 && j < e && url[j] == ':' && isalpha_((unsigned char)*url)))
		j = 0;
	else
		j++;
	if (j + 1 < e && url[j] == '/' && url[j + 1] == '/')
		for (j += 2; j < e && url[j] != '/'; j++)
			;
	return j;
}

size_t
markup_url_key(const char *url, size_t n, size_t *off)
{
	static const char *const sfx[] = {".md", ".mdx", ".html", ".htm"};
	size_t b, e, k, m, lo;

	for (e = 0; e < n && url[e] != '#' && url[e] != '?'; e++)
		;
	lo = url_path(url, e);
	for (;;) {
		while (e > lo && url[e - 1] == '/')
			e--;
		for (b = e; b > lo && url[b - 1] != '/'; b--)
			;
		for (k = 0; k < sizeof(sfx) / sizeof(sfx[0]); k++) {
			m = strlen(sfx[k]);
			if (e - b > m &&
			    match_at(url, e, e - m, sfx[k], m, 1)) {
				e -= m;
				break;
			}
		}
		if (b == lo ||
		    !((e - b == 5 && !memcmp(url + b, "index", 5)) ||
			(e - b == 6 && !memcmp(url + b, "_index", 6))))
			break;
		e = b; /* a page bundle: the folder names it */
	}
	*off = b;
	return e - b;
}

/* Record a link to url whose text is output[off..end). */
static void
add_link(struct rd *r, const char *url, size_t n, size_t off, size_t end)
{
	size_t ko, kn = markup_url_key(url, n, &ko);

	add_ref(r, MARKUP_LINK, url + ko, kn, off, end);
}

/*
 * A value in a shortcode or macro: "double" or 'single' quoted (with
 * backslash escapes), `raw`, or a bare word.  Advances *j past it.
 */
static struct span
value(const char *s, size_t e, size_t *j)
{
	struct span v = {s + *j, 0};
	char q = s[*j];
	size_t k = *j;

	if (q == '"' || q == '\'' || q == '`') {
		for (k++; k < e && s[k] != q; k++)
			if (s[k] == '\\' && q != '`' && k + 1 < e)
				k++;
		v.p = s + *j + 1;
		v.n = (k < e ? k : e) - (*j + 1);
		*j = k < e ? k + 1 : e;
		return v;
	}
	while (k < e && !isws((unsigned char)s[k]) && s[k] != '=')
		k++;
	v.n = k - *j;
	*j = k;
	return v;
}

/* Parse the inside of a shortcode, s[b..e): name, then parameters. */
static void
shortcode(const char *s, size_t b, size_t e, struct call *c)
{
	struct span key, v;
	size_t j = b;

	memset(c, 0, sizeof(*c));
	while (j < e && isws((unsigned char)s[j]))
		j++;
	if (j < e && s[j] == '/')
		c->closing = 1;
	c->name = value(s, e, &j);
	while (j < e) {
		if (isws((unsigned char)s[j])) {
			j++;
			continue;
		}
		v = key = value(s, e, &j);
		if (j < e && s[j] == '=' && key.p == s + (j - key.n)) {
			j++;
			v = j < e ? value(s, e, &j) : (struct span){s + j, 0};
			if (span_is(key, "text"))
				c->text = v;
			else if (span_is(key, "term_id"))
				c->term_id = v;
		} else if (j < e && s[j] == '=')
			j++;
		else if (c->arg1.p == NULL)
			c->arg1 = v;
	}
}

static size_t
skip_ws(const char *s, size_t j, size_t e)
{
	while (j < e && isws((unsigned char)s[j]))
		j++;
	return j;
}

/* The arguments of a macro, s[*j..e) after its `(': strings and words. */
static int
macro_args(const char *s, size_t *j, size_t e, struct call *c)
{
	struct span v;
	size_t k = *j;

	for (;;) {
		k = skip_ws(s, k, e);
		if (k < e && s[k] == ')' && c->arg1.p == NULL)
			break;
		if (k >= e)
			return 0;
		if (s[k] == '"' || s[k] == '\'') {
			v = value(s, e, &k);
			if (c->arg1.p == NULL)
				c->arg1 = v;
			else if (c->arg2.p == NULL)
				c->arg2 = v;
		} else
			while (k < e &&
			    (isalnum_((unsigned char)s[k]) || s[k] == '.' ||
				s[k] == '-' || s[k] == '_'))
				k++;
		k = skip_ws(s, k, e);
		if (k < e && s[k] == ',')
			k++;
		else if (k < e && s[k] == ')')
			break;
		else
			return 0;
	}
	*j = k + 1;
	return 1;
}

/*
 * Parse the inside of {{...}}, s[b..e), as an MDN macro: a name and
 * optional arguments.  Returns 0 when it is something else (Liquid).
 */
static int
macro(const char *s, size_t b, size_t e, struct call *c)
{
	size_t j = skip_ws(s, b, e);

	memset(c, 0, sizeof(*c));
	c->name.p = s + j;
	if (j >= e || !(isalpha_((unsigned char)s[j]) || s[j] == '_'))
		return 0;
	while (j < e &&
	    (isalnum_((unsigned char)s[j]) || s[j] == '_' || s[j] == '-' ||
		s[j] == '.' || s[j] == ':'))
		j++;
	c->name.n = (size_t)(s + j - c->name.p);
	j = skip_ws(s, j, e);
	if (j < e && s[j] == '(') {
		j++;
		if (!macro_args(s, &j, e, c))
			return 0;
		j = skip_ws(s, j, e);
	}
	return j == e;
}

/* What a shortcode stands for: its text, a ref's path, or nothing. */
static void
emit_shortcode(struct rd *r, const struct call *c)
{
	size_t off = r->out.len;
	int tip = span_is(c->name, "glossary_tooltip");

	if (c->closing)
		return;
	if (span_is(c->name, "ref") || span_is(c->name, "relref"))
		put_unquoted(r, c->arg1);
	else if (c->text.p != NULL)
		put_unquoted(r, c->text);
	else if (tip)
		put_unquoted(r, c->term_id);
	if (tip && c->term_id.n > 0)
		add_ref(r, MARKUP_TOOLTIP, c->term_id.p, c->term_id.n, off,
		    r->out.len);
}

/* A macro gives its second string argument, else its first. */
static void
emit_macro(struct rd *r, const struct call *c)
{
	size_t off = r->out.len;

	put_unquoted(r, c->arg2.p != NULL ? c->arg2 : c->arg1);
	if (span_is(c->name, "glossary") && c->arg1.n > 0)
		add_ref(r, MARKUP_MACRO, c->arg1.p, c->arg1.n, off, r->out.len);
}

/*
 * At `{': a shortcode {{< >}} or {{% %}}, a macro or Liquid output
 * {{ }}, or a Liquid tag {% %}, none of which crosses a blank line.
 * Returns whether one was consumed.
 */
static int
curly(struct rd *r)
{
	const char *s = r->s;
	size_t i = r->i, n = r->n, e, lim;
	struct finder *f;
	struct call c;
	size_t open = 2, shut = 3;

	if (i + 1 >= n)
		return 0;
	if (s[i + 1] == '%')
		f = &r->liq, shut = 2;
	else if (s[i + 1] != '{')
		return 0;
	else if (i + 2 < n && s[i + 2] == '<')
		f = &r->sc, open = 3;
	else if (i + 2 < n && s[i + 2] == '%')
		f = &r->pc, open = 3;
	else
		f = &r->mac, shut = 2;
	lim = blank(r, i);
	e = find(r, f, i + open);
	if (e >= lim)
		return 0;
	if (f == &r->sc || f == &r->pc) {
		shortcode(s, i + open, e, &c);
		emit_shortcode(r, &c);
	} else if (f == &r->mac && macro(s, i + open, e, &c))
		emit_macro(r, &c);
	r->i = e + shut;
	return 1;
}

/* At `<!--': drop the comment, to the end if it is not closed. */
static void
comment(struct rd *r)
{
	size_t i = r->i, e = find(r, &r->cmt, i + 2), b = i + 4;
	struct span in;

	if (e < b) /* <!--> and <!---> close at once */
		b = e;
	in.p = r->s + b;
	for (in.n = e - b; in.n > 0 && isws((unsigned char)*in.p); in.n--)
		in.p++;
	while (in.n > 0 && isws((unsigned char)in.p[in.n - 1]))
		in.n--;
	if (e < r->n && span_is(in, "more") && r->more == r->n) {
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
		if (span_is(name, v[k]))
			return 1;
	return 0;
}

/* A tag's attributes from s[*j]: to `>' or `/>'; the href is kept. */
static int
attributes(const char *s, size_t n, size_t *j, struct span *href)
{
	size_t k = *j, b;
	struct span name, v;

	for (;;) {
		b = k;
		k = skip_ws(s, k, n);
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
		b = skip_ws(s, k, n);
		if (b >= n || s[b] != '=')
			continue;
		k = skip_ws(s, b + 1, n);
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
		if (span_is(name, "href"))
			*href = v;
	}
	*j = k + 1;
	return 1;
}

/* Drop a <script> or <style> element's content and its end tag. */
static void
skip_element(struct rd *r, struct finder *f)
{
	const char *gt;
	size_t e = find(r, f, r->i);

	gt = e < r->n ? memchr(r->s + e, '>', r->n - e) : NULL;
	r->i = gt != NULL ? (size_t)(gt - r->s) + 1 : r->n;
}

/* The end of an <a> element: its reference now spans its text. */
static void
close_anchor(struct rd *r)
{
	struct markup_ref *m;

	if (r->anchor == 0 || r->refs == NULL)
		return;
	m = &r->refs->v[r->anchor - 1];
	m->len = r->out.len - m->off;
	r->anchor = 0;
}

/*
 * At `<': an HTML comment, or a start or end tag, dropped.  Returns 0
 * when the `<' starts none of these (an autolink, a comparison).
 */
static int
html(struct rd *r)
{
	const char *s = r->s;
	size_t j = r->i + 1, n = r->n, k;
	struct span name, href = {NULL, 0};
	int end = 0;

	if (match_at(s, n, r->i, "<!--", 4, 0)) {
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
	if (end ? (j = skip_ws(s, j, n)) >= n || s[j++] != '>'
		: !attributes(s, n, &j, &href))
		return 0;
	r->i = j;
	if (is_block(name) && r->out.len > 0 &&
	    !isws((unsigned char)r->out.s[r->out.len - 1]))
		put(r, ' ');
	if (end) {
		if (span_is(name, "a"))
			close_anchor(r);
	} else if (s[j - 2] != '/' && span_is(name, "script"))
		skip_element(r, &r->script);
	else if (s[j - 2] != '/' && span_is(name, "style"))
		skip_element(r, &r->style);
	else if (span_is(name, "a") && href.p != NULL) {
		close_anchor(r);
		if (r->refs != NULL) {
			k = r->refs->n;
			add_link(r, href.p, href.n, r->out.len, r->out.len);
			r->anchor = r->refs->n > k ? r->refs->n : 0;
		}
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
		put(r, (char)cp);
	else if (cp < 0x800) {
		put(r, (char)(0xc0 | cp >> 6));
		put(r, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		put(r, (char)(0xe0 | cp >> 12));
		put(r, (char)(0x80 | (cp >> 6 & 0x3f)));
		put(r, (char)(0x80 | (cp & 0x3f)));
	} else {
		put(r, (char)(0xf0 | cp >> 18));
		put(r, (char)(0x80 | (cp >> 12 & 0x3f)));
		put(r, (char)(0x80 | (cp >> 6 & 0x3f)));
		put(r, (char)(0x80 | (cp & 0x3f)));
	}
}

/* At `&': decode a known entity.  Returns 0 to leave it as written. */
static int
entity(struct rd *r)
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
		lim = blank(r, i);
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
	putn(r, s + i, m);
	r->i = i + m;
}

/* The end of the line at j: after its newline, or n. */
static size_t
eol(const struct rd *r, size_t j)
{
	const char *nl = j < r->n ? memchr(r->s + j, '\n', r->n - j) : NULL;

	return nl != NULL ? (size_t)(nl - r->s) + 1 : r->n;
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
	e = eol(r, k);
	if (c == '`' && memchr(s + k, '`', e - k) != NULL)
		return 0; /* an inline code span */
	while (e < r->n) {
		j = e;
		e = eol(r, j);
		while (j < e && (s[j] == ' ' || s[j] == '\t'))
			j++;
		for (k = j; k < e && s[k] == c; k++)
			;
		if (k - j >= m && skip_ws(s, k, e) == e)
			break;
	}
	verbatim(r, e);
	return 1;
}

static int
word_at(const char *s, size_t n, size_t j, const char *w)
{
	size_t m = strlen(w);

	return match_at(s, n, j, w, m, 0) &&
	    (j + m == n || !isalnum_((unsigned char)s[j + m]));
}

/* Whether the line at r->i starts an MDX import or export statement. */
static int
is_mdx(const struct rd *r)
{
	static const char *const ex[] = {"const", "let", "var", "function",
	    "default", "class", "async", "{", "*"};
	const char *s = r->s;
	size_t j, e = eol(r, r->i), k;

	if (word_at(s, r->n, r->i, "import")) {
		j = skip_ws(s, r->i + 6, e);
		if (j < e && strchr("{*'\"", s[j]) != NULL)
			return 1;
		/* import Name from '...', import Name, {...} from '...' */
		for (k = j; k < e &&
		     (isalnum_((unsigned char)s[k]) || s[k] == '_' ||
			 s[k] == '$');
		     k++)
			;
		k = skip_ws(s, k, e);
		return k > j && k < e &&
		    (s[k] == ',' || word_at(s, e, k, "from"));
	}
	if (!word_at(s, r->n, r->i, "export"))
		return 0;
	j = skip_ws(s, r->i + 6, e);
	for (k = 0; k < sizeof(ex) / sizeof(ex[0]); k++)
		if (ex[k][1] == '\0' ? j < e && s[j] == ex[k][0]
				     : word_at(s, e, j, ex[k]))
			return 1;
	return 0;
}

/* Drop an MDX statement: its lines until its braces balance. */
static void
mdx(struct rd *r)
{
	size_t j = r->i, depth = 0;

	for (; j < r->n; j++) {
		if (r->s[j] == '{')
			depth++;
		else if (r->s[j] == '}' && depth > 0)
			depth--;
		else if (r->s[j] == '\n' && depth == 0) {
			j++;
			break;
		}
	}
	r->i = j;
}

/* At `[': remember where the link text starts in the output. */
static void
open_bracket(struct rd *r)
{
	int img = r->i > 0 && r->s[r->i - 1] == '!';

	put(r, '[');
	r->i++;
	if (r->nbr < BRMAX) {
		r->br[r->nbr] = r->out.len;
		r->brimg[r->nbr] = img;
	}
	r->nbr++;
}

/*
 * The destination of a Markdown link, at r->i after `](': copied (a Hugo
 * ref shortcode by its path) and recorded with the text from off.
 */
static void
destination(struct rd *r, size_t off, size_t end, int img)
{
	const char *s = r->s;
	size_t j = r->i, b = r->out.len, depth = 0;

	if (match_at(s, r->n, j, "{{<", 3, 0) ||
	    match_at(s, r->n, j, "{{%", 3, 0)) {
		if (curly(r) && !img)
			add_link(r, r->out.s + b, r->out.len - b, off, end);
		return;
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
	putn(r, s + r->i, j - r->i);
	if (!img)
		add_link(r, r->out.s + b, r->out.len - b, off, end);
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
	put(r, ']');
	r->i++;
	if (r->i < r->n && r->s[r->i] == '(') {
		put(r, '(');
		r->i++;
		destination(r, off, end, img);
	}
}

/* At a line start: fenced code, or an MDX line. */
static int
line_start(struct rd *r)
{
	if (r->i > 0 && r->s[r->i - 1] != '\n')
		return 0;
	if (fence(r))
		return 1;
	if (is_mdx(r)) {
		mdx(r);
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
		put(r, c);
		if (++r->i < r->n && r->s[r->i] != '\n')
			put(r, r->s[r->i++]);
		return;
	case '`':
		code_span(r);
		return;
	case '[':
		open_bracket(r);
		return;
	case ']':
		close_bracket(r);
		return;
	case '<':
		if (html(r))
			return;
		break;
	case '{':
		if (curly(r))
			return;
		break;
	case '&':
		if (entity(r))
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
	put(r, c);
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
	finder_init(&r->cmt, "-->", 0);
	finder_init(&r->sc, ">}}", 0);
	finder_init(&r->pc, "%}}", 0);
	finder_init(&r->mac, "}}", 0);
	finder_init(&r->liq, "%}", 0);
	finder_init(&r->script, "</script", 1);
	finder_init(&r->style, "</style", 1);
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
	close_anchor(&r);
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
