#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "loader.h"
#include "field.h"
#include "schema.h"
#include "utf8.h"

/* The state of interpreting one front matter. */
struct sp {
	const char *path;
	struct diag *diag;
	struct term *t;
	struct tval *name, *desc; /* the required keys, once seen */
};

struct schema_key;
typedef void schema_take(struct sp *, const struct schema_key *, struct tval *);

/* A key gloss interprets, and how its value goes into the term. */
struct schema_key {
	const char *key;
	schema_take *take;
	size_t off; /* the field of struct term, for take_string(s) */
};

static schema_take take_name, take_desc, take_string, take_strings,
    take_related, take_details;

/* The keys the schema interprets: the one list of them. */
static const struct schema_key schema_keys[] = {
    {"term", take_name, 0},
    {"description", take_desc, 0},
    {"category", take_string, offsetof(struct term, category)},
    {"vertical", take_string, offsetof(struct term, vertical)},
    {"pronunciation", take_string, offsetof(struct term, pronunciation)},
    {"aliases", take_strings, offsetof(struct term, aliases)},
    {"example", take_strings, offsetof(struct term, examples)},
    {"examples", take_strings, offsetof(struct term, examples)},
    {"related", take_related, 0},
    {"details", take_details, 0},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct schema_key *
schema_find(const char *k)
{
	size_t i;

	for (i = 0; i < NELEM(schema_keys); i++)
		if (strcmp(k, schema_keys[i].key) == 0)
			return &schema_keys[i];
	return NULL;
}

int
schema_reserved(const char *k)
{
	return schema_find(k) != NULL || field_reserved(k);
}

/* The length of the white space or line break at s, or 0. */
static size_t
space_at(const char *s, size_t n)
{
	int32_t cp;
	int len;

	if (n > 0 && strchr(" \t\n\r\v\f", *s) != NULL && *s != '\0')
		return 1;
	if ((len = utf8_decode(s, n, &cp)) > 1 &&
	    (cp == 0x85 || cp == 0xa0 || cp == 0x2028 || cp == 0x2029))
		return (size_t)len;
	return 0;
}

/*
 * Trim surrounding white space (blanks and line breaks, SPEC 1's rule
 * for every string field) off s, in place.
 */
static void
trim(char *s)
{
	size_t n = strlen(s), i = 0, k;

	while ((k = space_at(s + i, n - i)) > 0)
		i += k;
	memmove(s, s + i, n - i + 1);
	n -= i;
	for (i = n; i > 0; i--)
		if ((s[i - 1] & 0xc0) != 0x80) {
			if (space_at(s + i - 1, n - i + 1) != n - i + 1)
				break;
			s[i - 1] = '\0';
			n = i - 1;
		}
}

/*
 * Take the text out of a scalar, trimmed: a number or boolean is its
 * text as written.  NULL if v is a null or not a scalar.
 */
static char *
tv_take(struct tval *v)
{
	char *s;

	if (v->type != TV_STR || tval_is_null(v))
		return NULL;
	s = v->str;
	v->str = NULL;
	trim(s);
	return s;
}

static void
warn_type(
    struct sp *sp, const struct tval *v, const char *key, const char *want)
{
	diag_add(
	    sp->diag, DIAG_WRONG_TYPE, sp->path, v->line, v->col, key, want);
}

static void
take_name(struct sp *sp, const struct schema_key *sk, struct tval *v)
{
	(void)sk;
	sp->name = v;
}

static void
take_desc(struct sp *sp, const struct schema_key *sk, struct tval *v)
{
	(void)sk;
	sp->desc = v;
}

/* Warn that the value of key is null: it is ignored (SPEC 1). */
static void
warn_null(struct sp *sp, const struct tval *v, const char *key)
{
	diag_add(sp->diag, DIAG_NULL_VALUE, sp->path, v->line, v->col, key);
}

/* An optional string; null (warned) or empty leaves the field NULL. */
static void
take_string(struct sp *sp, const struct schema_key *sk, struct tval *v)
{
	char **dst = (char **)(void *)((char *)sp->t + sk->off);

	if (tval_is_null(v))
		warn_null(sp, v, sk->key);
	else if ((*dst = tv_take(v)) == NULL)
		warn_type(sp, v, sk->key, "a string");
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

/* A string, or a list of strings. */
static void
take_strings(struct sp *sp, const struct schema_key *sk, struct tval *v)
{
	struct strlist *l = (struct strlist *)(void *)((char *)sp->t + sk->off);
	size_t i;
	char *s;

	if (tval_is_null(v)) {
		warn_null(sp, v, sk->key);
		return;
	}
	if (v->type == TV_STR) {
		push_nonempty(l, tv_take(v));
		return;
	}
	if (v->type != TV_SEQ) {
		warn_type(sp, v, sk->key, "a string or a list of strings");
		return;
	}
	for (i = 0; i < v->n; i++) {
		if ((s = tv_take(&v->items[i])) == NULL) {
			if (!tval_is_null(&v->items[i]))
				warn_type(sp, &v->items[i], sk->key,
				    "a list of strings");
			continue;
		}
		push_nonempty(l, s);
	}
}

/* Split a comma-separated list of names into related. */
static void
add_related_csv(struct term *t, const char *s, unsigned line, unsigned col)
{
	const char *p = s, *e;

	while (*p != '\0') {
		size_t n;
		char *name;

		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		while (p < e && (*p == ' ' || *p == '\t' || *p == '\n'))
			p++;
		n = (size_t)(e - p);
		while (n > 0 &&
		    (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n'))
			n--;
		if (n > 0) {
			name = xstrndup(p, n);
			term_add_related(t, name, line, col);
			free(name);
		}
		p = *e == ',' ? e + 1 : e;
	}
}

static void
take_related(struct sp *sp, const struct schema_key *sk, struct tval *v)
{
	size_t i;

	if (tval_is_null(v)) {
		warn_null(sp, v, sk->key);
		return;
	}
	if (v->type == TV_STR) {
		add_related_csv(sp->t, v->str, v->line, v->col);
		return;
	}
	if (v->type != TV_SEQ) {
		warn_type(sp, v, sk->key, "a list of names");
		return;
	}
	for (i = 0; i < v->n; i++) {
		struct tval *it = &v->items[i];

		if (it->type != TV_STR) {
			warn_type(sp, it, sk->key, "a list of names");
			continue;
		}
		if (!tval_is_null(it)) {
			trim(it->str);
			if (*it->str != '\0')
				term_add_related(
				    sp->t, it->str, it->line, it->col);
		}
	}
}

static void
take_details(struct sp *sp, const struct schema_key *sk, struct tval *v)
{
	struct term *t = sp->t;
	size_t i;

	if (v->type != TV_SEQ) {
		warn_type(sp, v, sk->key, "a list of {title, value}");
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
			warn_type(sp, it, sk->key,
			    "a list of {title, value} strings");
			continue;
		}
		t->details = xreallocarray(
		    t->details, t->ndetails + 1, sizeof(*t->details));
		d = &t->details[t->ndetails++];
		d->title = tv_take(tv);
		d->value = tv_take(vv);
		d->line = vv->line;
		d->col = vv->col;
	}
}

/* Apply what `details' says to fields the front matter left empty. */
static void
merge_details(struct term *t)
{
	size_t i;

	for (i = 0; i < t->ndetails; i++) {
		const char *title = t->details[i].title;
		const char *value = t->details[i].value;

		if (strcasecmp(title, "Related Terms") == 0)
			add_related_csv(
			    t, value, t->details[i].line, t->details[i].col);
		else if (strcasecmp(title, "Category") == 0 &&
		    t->category == NULL && *value != '\0')
			t->category = xstrdup(value);
		else if (strcasecmp(title, "Industry") == 0 &&
		    t->vertical == NULL && *value != '\0')
			t->vertical = xstrdup(value);
	}
}

/* Move a key gloss does not interpret, and its value, into t->extra. */
static void
add_extra(struct term *t, char *key, struct tval *v)
{
	struct tval *x = &t->extra;

	x->items = xreallocarray(x->items, x->n + 1, sizeof(*x->items));
	x->keys = xreallocarray(x->keys, x->n + 1, sizeof(*x->keys));
	x->keys[x->n] = key;
	x->items[x->n] = *v;
	memset(v, 0, sizeof(*v));
	x->n++;
}

/* Key i of root: interpreted, refused, or passed through. */
static void
take_key(struct sp *sp, struct tval *root, size_t i)
{
	const char *k = root->keys[i];
	struct tval *v = &root->items[i];
	const struct schema_key *sk;

	/* Keys given twice were warned about and dropped by yaml_tree. */
	if ((sk = schema_find(k)) != NULL)
		sk->take(sp, sk, v);
	else if (field_reserved(k))
		diag_add(
		    sp->diag, DIAG_RESERVED_KEY, sp->path, v->line, v->col, k);
	else {
		add_extra(sp->t, root->keys[i], v);
		root->keys[i] = xstrdup("");
	}
}

/* Check a required string; returns -1 after an error. */
static int
need_string(struct sp *sp, const struct tval *root, struct tval *v,
    const char *key, char **dst)
{
	if (v == NULL) {
		diag_add(sp->diag, DIAG_MISSING_KEY, sp->path, root->line,
		    root->col, key);
		return -1;
	}
	if ((*dst = tv_take(v)) == NULL || **dst == '\0') {
		diag_add(
		    sp->diag, DIAG_EMPTY_KEY, sp->path, v->line, v->col, key);
		return -1;
	}
	return 0;
}

/* Whether s has a line break: LF, CR, NEL, LS or PS. */
static int
has_line_break(const char *s)
{
	return strpbrk(s, "\r\n") != NULL || strstr(s, "\xc2\x85") != NULL ||
	    strstr(s, "\xe2\x80\xa8") != NULL ||
	    strstr(s, "\xe2\x80\xa9") != NULL;
}

/* Whether s has a letter or digit: a folded name that can be typed. */
static int
has_alnum(const char *s)
{
	size_t n = strlen(s), i = 0;
	int32_t cp;
	int len;

	while (i < n) {
		if ((len = utf8_decode(s + i, n - i, &cp)) < 0)
			return 0;
		if (utf8_isalnum(cp))
			return 1;
		i += (size_t)len;
	}
	return 0;
}

/* The term's name: required, short, one line, with a letter or digit. */
static int
take_required_name(struct sp *sp, const struct tval *root)
{
	struct term *t = sp->t;
	const struct tval *v = sp->name;
	enum diag_code code;

	if (need_string(sp, root, sp->name, "term", &t->name) < 0)
		return -1;
	t->line = v->line;
	t->col = v->col;
	if (strlen(t->name) > LOADER_MAX_NAME)
		code = DIAG_NAME_TOO_LONG;
	else if (has_line_break(t->name))
		code = DIAG_NAME_LINE_BREAK;
	else {
		t->key = term_key(t->name);
		if (has_alnum(t->key))
			return 0;
		code = DIAG_NAME_NO_LETTERS;
	}
	diag_add(sp->diag, code, sp->path, v->line, v->col, LOADER_MAX_NAME);
	return -1;
}

int
schema_term(struct tval *root, struct term *t, const char *path, struct diag *d)
{
	struct sp sp = {path, d, t, NULL, NULL};
	size_t i;
	int rc = 0;

	if (root->type != TV_MAP) {
		diag_add(d, DIAG_NOT_A_MAPPING, path, root->line, root->col);
		return -1;
	}
	for (i = 0; i < root->n; i++)
		take_key(&sp, root, i);
	if (take_required_name(&sp, root) < 0)
		rc = -1;
	if (need_string(&sp, root, sp.desc, "description", &t->description) < 0)
		rc = -1;
	if (rc < 0)
		return -1;
	merge_details(t);
	if (t->category == NULL)
		t->category = xstrdup("Uncategorized");
	for (i = 0; i < t->aliases.n; i++)
		strlist_push(&t->alias_keys, term_key(t->aliases.v[i]));
	return 0;
}
