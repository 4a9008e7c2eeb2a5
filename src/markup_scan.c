/*
 * The markup reducer's tools: searches that remember their last answer
 * (so that each reads each byte at most once), the output, and the
 * references it records, with the key a link's URL names.
 */
#include <stdlib.h>
#include <string.h>

#include "markup_int.h"

int
markup_span_is(struct span sp, const char *w)
{
	size_t i, n = strlen(w);

	if (sp.n != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)sp.p[i]) != w[i])
			return 0;
	return 1;
}

int
markup_match_at(
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

void
markup_finder_init(struct finder *f, const char *pat, int icase)
{
	f->pat = pat;
	f->len = strlen(pat);
	f->icase = icase;
	f->from = 1;
	f->at = 0;
}

size_t
markup_find(const struct rd *r, struct finder *f, size_t p)
{
	size_t j;

	if (p >= f->from && p <= f->at)
		return f->at;
	f->from = p;
	f->at = r->n;
	for (j = p; j < r->n; j++)
		if (markup_match_at(r->s, r->n, j, f->pat, f->len, f->icase)) {
			f->at = j;
			break;
		}
	return f->at;
}

size_t
markup_blank(struct rd *r, size_t p)
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

void
markup_put(struct rd *r, char c)
{
	const struct sbuf *o = &r->out;

	if (c == '-' && o->len >= 3 && memcmp(o->s + o->len - 3, "<!-", 3) == 0)
		return;
	sb_addc(&r->out, c);
}

void
markup_putn(struct rd *r, const char *p, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		markup_put(r, p[k]);
}

void
markup_put_unquoted(struct rd *r, struct span v)
{
	size_t k;

	for (k = 0; k < v.n; k++) {
		if (v.p[k] == '\\' && k + 1 < v.n &&
		    (v.p[k + 1] == '"' || v.p[k + 1] == '\\'))
			k++;
		markup_put(r, v.p[k]);
	}
}

struct markup_ref *
markup_add_ref(struct rd *r, enum markup_kind kind, const char *t, size_t tn,
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

/*
 * The key of a link to a glossary page, [b, e) its last segment: the
 * term its anchor names (Gatsby's /docs/glossary#jsx; Kubernetes writes
 * #term-pod), else the page.
 */
static size_t
glossary_anchor(const char *url, size_t n, size_t *off, size_t b, size_t e)
{
	const char *h = memchr(url + e, '#', n - e);
	size_t a = h != NULL ? (size_t)(h - url) + 1 : n;

	if (n - a > 5 && markup_match_at(url, n, a, "term-", 5, 0))
		a += 5;
	if (a >= n) {
		*off = b;
		return e - b;
	}
	*off = a;
	return n - a;
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
			    markup_match_at(url, e, e - m, sfx[k], m, 1)) {
				e -= m;
				break;
			}
		}
		if (b == lo ||
		    !((e - b == 5 && !memcmp(url + b, "index", 5)) ||
			(e - b == 6 && !memcmp(url + b, "_index", 6)) ||
			(e - b == 6 &&
			    markup_match_at(url, e, b, "readme", 6, 1))))
			break;
		e = b; /* a page bundle: the folder names it */
	}
	if (e - b == 8 && markup_match_at(url, e, b, "glossary", 8, 1))
		return glossary_anchor(url, n, off, b, e);
	*off = b;
	return e - b;
}

void
markup_add_link(struct rd *r, const char *url, size_t n, size_t off, size_t end)
{
	size_t ko, kn = markup_url_key(url, n, &ko);

	markup_add_ref(r, MARKUP_LINK, url + ko, kn, off, end);
}

size_t
markup_skip_ws(const char *s, size_t j, size_t e)
{
	while (j < e && isws((unsigned char)s[j]))
		j++;
	return j;
}

size_t
markup_eol(const struct rd *r, size_t j)
{
	const char *nl = j < r->n ? memchr(r->s + j, '\n', r->n - j) : NULL;

	return nl != NULL ? (size_t)(nl - r->s) + 1 : r->n;
}
