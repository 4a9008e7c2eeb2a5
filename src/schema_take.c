/*
 * The schema's field rows and how each value is taken: strings, lists
 * of strings or of comma-separated items, ids, related names, details;
 * a value of the wrong type is warned about and ignored.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "schema_int.h"
#include "utf8.h"

static schema_take take_none, take_string, take_strings, take_id, take_related,
    take_details;

const struct schema_row schema_rows[SF_NFIELDS] = {
    [SF_NAME] = {"name", take_none, 0, 0},
    [SF_DESCRIPTION] = {"description", take_none, 0, 0},
    [SF_ALIASES] = {"aliases", take_strings, offsetof(struct term, aliases),
	SPLIT | MERGE},
    [SF_ID] = {"id", take_id, 0, 0},
    [SF_CATEGORIES] = {"categories", take_strings,
	offsetof(struct term, categories), 0},
    [SF_TAGS] = {"tags", take_strings, offsetof(struct term, tags), 0},
    [SF_VERTICAL] = {"vertical", take_string, offsetof(struct term, vertical),
	0},
    [SF_PRONUNCIATION] = {"pronunciation", take_string,
	offsetof(struct term, pronunciation), 0},
    [SF_EXAMPLES] = {"examples", take_strings, offsetof(struct term, examples),
	0},
    [SF_RELATED] = {"related", take_related, 0, 0},
    [SF_DETAILS] = {"details", take_details, 0, 0},
    [SF_DRAFT] = {"draft", take_none, 0, 0},
};

/* The length of the white space or line break at s, or 0. */
static size_t
space_at(const char *s, size_t n)
{
	int32_t cp;
	int len;

	if (n == 0)
		return 0;
	/* ASCII decides at once: every string is trimmed at both ends. */
	if ((unsigned char)*s < 0x80)
		return *s == ' ' || (*s >= '\t' && *s <= '\r');
	if ((len = utf8_decode(s, n, &cp)) > 1 &&
	    (cp == 0x85 || cp == 0xa0 || cp == 0x2028 || cp == 0x2029))
		return (size_t)len;
	return 0;
}

void
schema_trim(char *s)
{
	size_t n = strlen(s), i = 0, k;

	while ((k = space_at(s + i, n - i)) > 0)
		i += k;
	if (i > 0) {
		memmove(s, s + i, n - i + 1);
		n -= i;
	}
	for (i = n; i > 0; i--)
		if ((s[i - 1] & 0xc0) != 0x80) {
			if (space_at(s + i - 1, n - i + 1) != n - i + 1)
				break;
			s[i - 1] = '\0';
			n = i - 1;
		}
}

char *
schema_tv_take(struct tval *v)
{
	char *s;

	if (v->type != TV_STR || tval_is_null(v))
		return NULL;
	s = v->str;
	v->str = NULL;
	schema_trim(s);
	return s;
}

static void
warn_type(struct schema_ctx *sp, const struct tval *v, const char *key,
    const char *want)
{
	diag_add(
	    sp->diag, DIAG_WRONG_TYPE, sp->path, v->line, v->col, key, want);
}

/* Name and description are taken by schema_term itself; draft too. */
static void
take_none(struct schema_ctx *sp, const struct schema_row *row, struct tval *v,
    const char *key)
{
	(void)sp;
	(void)row;
	(void)v;
	(void)key;
}

/* Warn that the value of key is null: it is ignored (SPEC 1). */
static void
warn_null(struct schema_ctx *sp, const struct tval *v, const char *key)
{
	diag_add(sp->diag, DIAG_NULL_VALUE, sp->path, v->line, v->col, key);
}

/* An optional string; null (warned) or empty leaves the field NULL. */
static void
take_string(struct schema_ctx *sp, const struct schema_row *row, struct tval *v,
    const char *key)
{
	char **dst = (char **)(void *)((char *)sp->t + row->off);

	if (tval_is_null(v))
		warn_null(sp, v, key);
	else if ((*dst = schema_tv_take(v)) == NULL)
		warn_type(sp, v, key, "a string");
	else if (*dst != NULL && **dst == '\0') {
		free(*dst);
		*dst = NULL;
	}
}

/* Push s onto l unless it is NULL or empty. */
static void
push_nonempty(struct strlist *l, char *s)
{
	if (s != NULL && *s != '\0')
		strlist_push(l, s);
	else
		free(s);
}

/* Call fn for each comma-separated item of s, trimmed, not empty. */
static void
each_csv(const char *s, void (*fn)(void *, char *), void *arg)
{
	const char *p = s, *e;

	while (*p != '\0') {
		size_t n;

		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		while (p < e && (*p == ' ' || *p == '\t' || *p == '\n'))
			p++;
		n = (size_t)(e - p);
		while (n > 0 &&
		    (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n'))
			n--;
		if (n > 0)
			fn(arg, xstrndup(p, n));
		p = *e == ',' ? e + 1 : e;
	}
}

static void
push_item(void *l, char *s)
{
	strlist_push(l, s);
}

/* A string (split on commas for SPLIT rows), or a list of strings. */
/*
 * The text of a list's item: a string, or of a mapping the string its
 * name key gives (term, title or name), as a list of links to other
 * pages names them (statecharts' aka: [{title, url}]).  Taken; NULL if
 * none.
 */
static char *
item_name(struct tval *item)
{
	static const char *const keys[] = {"term", "title", "name"};
	struct tval *v;
	size_t k;

	if (item->type != TV_MAP)
		return schema_tv_take(item);
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if ((v = (struct tval *)tval_get(item, keys[k])) != NULL &&
		    v->type == TV_STR)
			return schema_tv_take(v);
	return NULL;
}

static void
take_strings(struct schema_ctx *sp, const struct schema_row *row,
    struct tval *v, const char *key)
{
	struct strlist *l =
	    (struct strlist *)(void *)((char *)sp->t + row->off);
	size_t i;
	char *s;

	/*
	 * An empty list key (`aka:' left blank, as most Hugo glossaries
	 * have it) means none; only categories, which SPEC 1 counts among
	 * the fields that want a string, warns of a null.
	 */
	if (tval_is_null(v)) {
		if (row == &schema_rows[SF_CATEGORIES])
			warn_null(sp, v, key);
		return;
	}
	if (v->type == TV_STR && (row->flags & SPLIT)) {
		if ((s = schema_tv_take(v)) != NULL)
			each_csv(s, push_item, l);
		free(s);
		return;
	}
	if (v->type == TV_STR) {
		push_nonempty(l, schema_tv_take(v));
		return;
	}
	if (v->type != TV_SEQ) {
		warn_type(sp, v, key, "a string or a list of strings");
		return;
	}
	for (i = 0; i < v->n; i++) {
		if ((s = item_name(&v->items[i])) == NULL) {
			if (!tval_is_null(&v->items[i]))
				warn_type(
				    sp, &v->items[i], key, "a list of strings");
			continue;
		}
		push_nonempty(l, s);
	}
}

/* A link key: the id or slug, and a slug's last path segment. */
static void
take_id(struct schema_ctx *sp, const struct schema_row *row, struct tval *v,
    const char *key)
{
	char *s, *seg;
	size_t n;

	(void)row;
	if ((s = schema_tv_take(v)) == NULL) {
		if (!tval_is_null(v))
			warn_type(sp, v, key, "a string");
		return;
	}
	n = strlen(s);
	while (n > 0 && s[n - 1] == '/')
		s[--n] = '\0';
	term_add_key(&sp->t->ids, term_key(s));
	if ((seg = strrchr(s, '/')) != NULL)
		term_add_key(&sp->t->ids, term_key(seg + 1));
	free(s);
}

/* A related name, with where it was written: each_csv's callback. */
struct csv_related {
	struct term *t;
	unsigned line, col;
};

static void
push_related(void *arg, char *name)
{
	struct csv_related *c = arg;

	term_take_related(c->t, name, c->line, c->col);
}

/* Split a comma-separated list of names into related. */
static void
add_related_csv(struct term *t, const char *s, unsigned line, unsigned col)
{
	struct csv_related c = {t, line, col};

	each_csv(s, push_related, &c);
}

static void
take_related(struct schema_ctx *sp, const struct schema_row *row,
    struct tval *v, const char *key)
{
	size_t i;

	(void)row;
	if (tval_is_null(v))
		return; /* an empty list of related terms: none */
	if (v->type == TV_STR) {
		add_related_csv(sp->t, v->str, v->line, v->col);
		return;
	}
	if (v->type != TV_SEQ) {
		warn_type(sp, v, key, "a list of names");
		return;
	}
	for (i = 0; i < v->n; i++) {
		struct tval *it = &v->items[i];

		if (it->type != TV_STR) {
			warn_type(sp, it, key, "a list of names");
			continue;
		}
		if (!tval_is_null(it)) {
			schema_trim(it->str);
			if (*it->str != '\0') {
				term_take_related(
				    sp->t, it->str, it->line, it->col);
				it->str = NULL;
			}
		}
	}
}

static void
take_details(struct schema_ctx *sp, const struct schema_row *row,
    struct tval *v, const char *key)
{
	struct term *t = sp->t;
	size_t i;

	(void)row;
	if (v->type != TV_SEQ) {
		warn_type(sp, v, key, "a list of {title, value}");
		return;
	}
	for (i = 0; i < v->n; i++) {
		struct tval *it = &v->items[i];
		struct tval *tv, *vv;
		struct term_detail *d;

		/* A title or value must be a string: not null, no number. */
		tv = (struct tval *)tval_get(it, "title");
		vv = (struct tval *)tval_get(it, "value");
		if (tv == NULL || vv == NULL || tv->type != TV_STR ||
		    vv->type != TV_STR || tv->scalar != TS_STR ||
		    vv->scalar != TS_STR) {
			warn_type(
			    sp, it, key, "a list of {title, value} strings");
			continue;
		}
		t->details = xreallocarray(
		    t->details, t->ndetails + 1, sizeof(*t->details));
		d = &t->details[t->ndetails++];
		d->title = schema_tv_take(tv);
		d->value = schema_tv_take(vv);
		d->line = vv->line;
		d->col = vv->col;
	}
}

void
schema_merge_details(struct term *t)
{
	size_t i;

	for (i = 0; i < t->ndetails; i++) {
		const char *title = t->details[i].title;
		const char *value = t->details[i].value;

		if (strcasecmp(title, "Related Terms") == 0)
			add_related_csv(
			    t, value, t->details[i].line, t->details[i].col);
		else if (strcasecmp(title, "Category") == 0 &&
		    t->categories.n == 0 && *value != '\0')
			strlist_push(&t->categories, xstrdup(value));
		else if (strcasecmp(title, "Industry") == 0 &&
		    t->vertical == NULL && *value != '\0')
			t->vertical = xstrdup(value);
	}
}
