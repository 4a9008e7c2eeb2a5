#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "loader.h"
#include "field.h"
#include "names.h"
#include "schema.h"

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

/* Take the string out of a scalar; NULL if v is not a non-null scalar. */
static char *
tv_take(struct tval *v)
{
	char *s;
	size_t n;

	if (v->type != TV_STR || tval_is_null(v))
		return NULL;
	s = v->str;
	v->str = NULL;
	n = strlen(s);
	while (n > 0 &&
	    (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t' ||
		s[n - 1] == '\r'))
		s[--n] = '\0';
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

/* An optional string; null or empty leaves the field NULL. */
static void
take_string(struct sp *sp, const struct schema_key *sk, struct tval *v)
{
	char **dst = (char **)(void *)((char *)sp->t + sk->off);

	if ((*dst = tv_take(v)) == NULL && !tval_is_null(v))
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

	if (v->type == TV_STR) {
		if (!tval_is_null(v))
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
		if (!tval_is_null(it) && *it->str != '\0')
			term_add_related(sp->t, it->str, it->line, it->col);
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
		const struct tval *it = &v->items[i], *tv, *vv;
		struct term_detail *d;

		tv = tval_get(it, "title");
		vv = tval_get(it, "value");
		if (tv == NULL || vv == NULL || tv->type != TV_STR ||
		    vv->type != TV_STR) {
			warn_type(sp, it, sk->key, "a list of {title, value}");
			continue;
		}
		t->details = xreallocarray(
		    t->details, t->ndetails + 1, sizeof(*t->details));
		d = &t->details[t->ndetails++];
		d->title = xstrdup(tv->str);
		d->value = xstrdup(vv->str);
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
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(root->keys[j], k) == 0) {
			diag_add(sp->diag, DIAG_DUPLICATE_KEY, sp->path,
			    v->line, v->col, k);
			return;
		}
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
	else if (strpbrk(t->name, "\r\n") != NULL)
		code = DIAG_NAME_LINE_BREAK;
	else {
		t->key = term_key(t->name);
		if (t->key[0] != '\0')
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
	names_derive(t);
	return 0;
}
