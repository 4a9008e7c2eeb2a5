/*
 * The markup of documentation sites' generators: Hugo shortcodes,
 * MDN macros, Liquid output and tags, Kramdown attribute lists, MDX
 * import and export lines.
 */
#include <string.h>

#include "markup_int.h"

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
			if (markup_span_is(key, "text"))
				c->text = v;
			else if (markup_span_is(key, "term_id"))
				c->term_id = v;
		} else if (j < e && s[j] == '=')
			j++;
		else if (c->arg1.p == NULL)
			c->arg1 = v;
	}
}

/* The arguments of a macro, s[*j..e) after its `(': strings and words. */
static int
macro_args(const char *s, size_t *j, size_t e, struct call *c)
{
	struct span v;
	size_t k = *j;

	for (;;) {
		k = markup_skip_ws(s, k, e);
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
		k = markup_skip_ws(s, k, e);
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
	size_t j = markup_skip_ws(s, b, e);

	memset(c, 0, sizeof(*c));
	c->name.p = s + j;
	if (j >= e || !(isalpha_((unsigned char)s[j]) || s[j] == '_'))
		return 0;
	while (j < e &&
	    (isalnum_((unsigned char)s[j]) || s[j] == '_' || s[j] == '-' ||
		s[j] == '.' || s[j] == ':'))
		j++;
	c->name.n = (size_t)(s + j - c->name.p);
	j = markup_skip_ws(s, j, e);
	if (j < e && s[j] == '(') {
		j++;
		if (!macro_args(s, &j, e, c))
			return 0;
		j = markup_skip_ws(s, j, e);
	}
	return j == e;
}

/* What a shortcode stands for: its text, a ref's path, or nothing. */
static void
emit_shortcode(struct rd *r, const struct call *c)
{
	size_t off = r->out.len;
	int tip = markup_span_is(c->name, "glossary_tooltip");

	if (c->closing)
		return;
	if (markup_span_is(c->name, "ref") || markup_span_is(c->name, "relref"))
		markup_put_unquoted(r, c->arg1);
	else if (c->text.p != NULL)
		markup_put_unquoted(r, c->text);
	else if (tip)
		markup_put_unquoted(r, c->term_id);
	if (tip && c->term_id.n > 0)
		markup_add_ref(r, MARKUP_TOOLTIP, c->term_id.p, c->term_id.n,
		    off, r->out.len);
}

/* A macro gives its second string argument, else its first. */
static void
emit_macro(struct rd *r, const struct call *c)
{
	size_t off = r->out.len;

	markup_put_unquoted(r, c->arg2.p != NULL ? c->arg2 : c->arg1);
	if (markup_span_is(c->name, "glossary") && c->arg1.n > 0)
		markup_add_ref(
		    r, MARKUP_MACRO, c->arg1.p, c->arg1.n, off, r->out.len);
}

/*
 * The Liquid tag s[b..e) (inside `{%' and `%}'): when it opens a comment
 * block, where the `%}' of its `{% endcomment %}' is, so that all of it
 * goes; else e.  An unclosed comment drops its tag alone.
 */
static size_t
liquid_comment(struct rd *r, size_t b, size_t e)
{
	const char *s = r->s;
	size_t j = b, k;

	while (j < e && (s[j] == '-' || isws((unsigned char)s[j])))
		j++;
	if (e - j < 7 || memcmp(s + j, "comment", 7) != 0 ||
	    isalnum_((unsigned char)s[j + 7]))
		return e;
	/* The first "{%", blanks or "-", then endcomment: remembered, so
	 * that no stretch of the input is searched twice. */
	if (e < r->ec_from || e > r->ec_at) {
		r->ec_from = e;
		for (k = e;; k++) {
			if ((k = markup_find(r, &r->endcmt, k)) >= r->n)
				break;
			for (j = k; j > e &&
			     (s[j - 1] == '-' || isws((unsigned char)s[j - 1]));
			     j--)
				;
			if (j >= e + 2 && s[j - 1] == '%' && s[j - 2] == '{')
				break;
		}
		r->ec_at = k < r->n ? k : r->n;
	}
	if (r->ec_at >= r->n)
		return e;
	k = markup_find(r, &r->liq, r->ec_at);
	return k < r->n ? k : e;
}

/*
 * At `{:': a Kramdown attribute list, "{:.class}" or "{: key=\"v\"}",
 * dropped to its `}' on the line.  Returns 0 when none closes it.
 */
static int
attr_list(struct rd *r)
{
	const char *s = r->s;
	size_t j = r->i + 2;

	if (j <= r->ial_none)
		return 0;
	while (j < r->n && s[j] != '}' && s[j] != '\n' && s[j] != '{')
		j++;
	if (j >= r->n || s[j] != '}') {
		r->ial_none = j;
		return 0;
	}
	r->i = j + 1;
	return 1;
}

int
markup_curly(struct rd *r)
{
	const char *s = r->s;
	size_t i = r->i, n = r->n, e, lim;
	struct finder *f;
	struct call c;
	size_t open = 2, shut = 3;

	if (i + 1 >= n)
		return 0;
	if (s[i + 1] == ':')
		return attr_list(r);
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
	lim = markup_blank(r, i);
	e = markup_find(r, f, i + open);
	if (e >= lim)
		return 0;
	if (f == &r->sc || f == &r->pc) {
		shortcode(s, i + open, e, &c);
		emit_shortcode(r, &c);
	} else if (f == &r->mac && macro(s, i + open, e, &c))
		emit_macro(r, &c);
	else if (f == &r->liq)
		e = liquid_comment(r, i + open, e);
	r->i = e + shut;
	return 1;
}

static int
word_at(const char *s, size_t n, size_t j, const char *w)
{
	size_t m = strlen(w);

	return markup_match_at(s, n, j, w, m, 0) &&
	    (j + m == n || !isalnum_((unsigned char)s[j + m]));
}

int
markup_is_mdx(const struct rd *r)
{
	static const char *const ex[] = {"const", "let", "var", "function",
	    "default", "class", "async", "{", "*"};
	const char *s = r->s;
	size_t j, e = markup_eol(r, r->i), k;

	if (word_at(s, r->n, r->i, "import")) {
		j = markup_skip_ws(s, r->i + 6, e);
		if (j < e && strchr("{*'\"", s[j]) != NULL)
			return 1;
		/* import Name from '...', import Name, {...} from '...' */
		for (k = j; k < e &&
		     (isalnum_((unsigned char)s[k]) || s[k] == '_' ||
			 s[k] == '$');
		     k++)
			;
		k = markup_skip_ws(s, k, e);
		return k > j && k < e &&
		    (s[k] == ',' || word_at(s, e, k, "from"));
	}
	if (!word_at(s, r->n, r->i, "export"))
		return 0;
	j = markup_skip_ws(s, r->i + 6, e);
	for (k = 0; k < sizeof(ex) / sizeof(ex[0]); k++)
		if (ex[k][1] == '\0' ? j < e && s[j] == ex[k][0]
				     : word_at(s, e, j, ex[k]))
			return 1;
	return 0;
}

void
markup_mdx(struct rd *r)
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
