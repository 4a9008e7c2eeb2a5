#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "field.h"
#include "loader.h"
#include "markup.h"
#include "md.h"
#include "names.h"
#include "schema.h"
#include "utf8.h"

/* The state of interpreting one front matter. */
struct sp {
	const struct schema_file *f;
	const char *path;
	struct diag *diag;
	struct term *t;
	struct tval *got[SF_NFIELDS]; /* each field's value, once chosen */
	const char *key[SF_NFIELDS];  /* the key it was given by */
	int rank[SF_NFIELDS];	      /* of that key: lower wins */
};

struct schema_row;
typedef void schema_take(
    struct sp *, const struct schema_row *, struct tval *, const char *key);

enum {
	SPLIT = 1, /* a string is a comma-separated list */
	MERGE = 2  /* every key of the row the file has adds to the field */
};

/* A field: its name in `.gloss.yaml', and how its value is taken. */
struct schema_row {
	const char *name;
	schema_take *take;
	size_t off; /* the field of struct term, for take_string(s) */
	unsigned flags;
};

static schema_take take_none, take_string, take_strings, take_id, take_related,
    take_details;

/* The fields, by enum schema_field. */
static const struct schema_row schema_rows[SF_NFIELDS] = {
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

/*
 * The keys each field is read from (SPEC 1's table), in lower case and
 * sorted, so that a key folded once is found by binary search; rank is
 * its place in its field's row: the file's key of lowest rank gives the
 * field, and the others of the row are ignored with a note; only the
 * aliases row (MERGE) takes every key it has, since an abbreviation and
 * a synonym are both other names.  The one list of the keys gloss reads: adding
 * a key is adding a line here (tests/test_schema.c finds every key, so checks
 * the order).
 */
static const struct schema_key {
	const char *key;
	enum schema_field field;
	int rank;
} key_table[] = {
    {"abbreviation", SF_ALIASES, 3},
    {"abbreviations", SF_ALIASES, 4},
    {"acronym", SF_ALIASES, 5},
    {"aka", SF_ALIASES, 1},
    {"aliases", SF_ALIASES, 0},
    {"categories", SF_CATEGORIES, 1},
    {"category", SF_CATEGORIES, 0},
    {"definition", SF_DESCRIPTION, 3},
    {"description", SF_DESCRIPTION, 0},
    {"details", SF_DETAILS, 0},
    {"draft", SF_DRAFT, 0},
    {"example", SF_EXAMPLES, 0},
    {"examples", SF_EXAMPLES, 1},
    {"excerpt", SF_DESCRIPTION, 4},
    {"id", SF_ID, 0},
    {"industry", SF_VERTICAL, 1},
    {"keywords", SF_TAGS, 1},
    {"pronunciation", SF_PRONUNCIATION, 0},
    {"related", SF_RELATED, 0},
    {"related_terms", SF_RELATED, 1},
    {"relatedterms", SF_RELATED, 2},
    {"see_also", SF_RELATED, 3},
    {"seealso", SF_RELATED, 4},
    {"short_description", SF_DESCRIPTION, 1},
    {"slug", SF_ID, 1},
    {"summary", SF_DESCRIPTION, 2},
    {"synonyms", SF_ALIASES, 2},
    {"tags", SF_TAGS, 0},
    {"term", SF_NAME, 0},
    {"title", SF_NAME, 1},
    {"vertical", SF_VERTICAL, 0},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
/* Longer keys are never read (the longest built-in one has 17 bytes). */
#define KEY_MAX 64
/* A key of the glossary's own ranks before every built-in one. */
#define OWN_RANK (-1000)

/* k in ASCII lower case into buf; 0 if it is too long to be a key. */
static int
fold_key(const char *k, char buf[KEY_MAX])
{
	size_t i;

	for (i = 0; k[i] != '\0'; i++) {
		if (i + 1 >= KEY_MAX)
			return 0;
		buf[i] = k[i] >= 'A' && k[i] <= 'Z' ? (char)(k[i] + 32) : k[i];
	}
	buf[i] = '\0';
	return 1;
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(a, ((const struct schema_key *)b)->key);
}

/* The built-in entry of a folded key, or NULL. */
static const struct schema_key *
builtin(const char *folded)
{
	return bsearch(
	    folded, key_table, NELEM(key_table), sizeof(key_table[0]), cmp_key);
}

/*
 * The field key k gives, and its rank: the glossary's own keys first
 * (any case), then the built-in ones.  Returns -1 for none.
 */
static int
key_field(const char *k, const struct schema_keys *own, int *rank)
{
	const struct schema_key *sk;
	char buf[KEY_MAX];
	size_t f, i;

	if (!fold_key(k, buf))
		return -1;
	/* The glossary's own keys were folded when .gloss.yaml was read. */
	for (f = 0; own != NULL && f < SF_NFIELDS; f++)
		for (i = 0; i < own->v[f].n; i++)
			if (strcmp(own->v[f].v[i], buf) == 0) {
				*rank = OWN_RANK + (int)i;
				return (int)f;
			}
	if ((sk = builtin(buf)) == NULL)
		return -1;
	*rank = sk->rank;
	return (int)sk->field;
}

int
schema_field_find(const char *name)
{
	const struct schema_key *sk;
	char buf[KEY_MAX];
	size_t f;

	for (f = 0; f < SF_NFIELDS; f++)
		if (strcasecmp(name, schema_rows[f].name) == 0)
			return (int)f;
	if (!fold_key(name, buf) || (sk = builtin(buf)) == NULL)
		return -1;
	return (int)sk->field;
}

void
schema_keys_release(struct schema_keys *k)
{
	size_t f;

	for (f = 0; f < SF_NFIELDS; f++)
		strlist_release(&k->v[f]);
}

/* The first key of field f's row, for messages. */
static const char *
first_key(enum schema_field f)
{
	size_t i;

	for (i = 0; i < NELEM(key_table); i++)
		if (key_table[i].field == f && key_table[i].rank == 0)
			return key_table[i].key;
	return schema_rows[f].name;
}

int
schema_reserved(const char *k)
{
	char buf[KEY_MAX];

	return (fold_key(k, buf) && builtin(buf) != NULL) || field_reserved(k);
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

/* Name and description are taken by schema_term itself; draft too. */
static void
take_none(struct sp *sp, const struct schema_row *row, struct tval *v,
    const char *key)
{
	(void)sp;
	(void)row;
	(void)v;
	(void)key;
}

/* Warn that the value of key is null: it is ignored (SPEC 1). */
static void
warn_null(struct sp *sp, const struct tval *v, const char *key)
{
	diag_add(sp->diag, DIAG_NULL_VALUE, sp->path, v->line, v->col, key);
}

/* An optional string; null (warned) or empty leaves the field NULL. */
static void
take_string(struct sp *sp, const struct schema_row *row, struct tval *v,
    const char *key)
{
	char **dst = (char **)(void *)((char *)sp->t + row->off);

	if (tval_is_null(v))
		warn_null(sp, v, key);
	else if ((*dst = tv_take(v)) == NULL)
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
static void
take_strings(struct sp *sp, const struct schema_row *row, struct tval *v,
    const char *key)
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
		if ((s = tv_take(v)) != NULL)
			each_csv(s, push_item, l);
		free(s);
		return;
	}
	if (v->type == TV_STR) {
		push_nonempty(l, tv_take(v));
		return;
	}
	if (v->type != TV_SEQ) {
		warn_type(sp, v, key, "a string or a list of strings");
		return;
	}
	for (i = 0; i < v->n; i++) {
		if ((s = tv_take(&v->items[i])) == NULL) {
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
take_id(struct sp *sp, const struct schema_row *row, struct tval *v,
    const char *key)
{
	char *s, *seg;
	size_t n;

	(void)row;
	if ((s = tv_take(v)) == NULL) {
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

	term_add_related(c->t, name, c->line, c->col);
	free(name);
}

/* Split a comma-separated list of names into related. */
static void
add_related_csv(struct term *t, const char *s, unsigned line, unsigned col)
{
	struct csv_related c = {t, line, col};

	each_csv(s, push_related, &c);
}

static void
take_related(struct sp *sp, const struct schema_row *row, struct tval *v,
    const char *key)
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
			trim(it->str);
			if (*it->str != '\0')
				term_add_related(
				    sp->t, it->str, it->line, it->col);
		}
	}
}

static void
take_details(struct sp *sp, const struct schema_row *row, struct tval *v,
    const char *key)
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
		    t->categories.n == 0 && *value != '\0')
			strlist_push(&t->categories, xstrdup(value));
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

/*
 * Key k (value v) gives field f at rank: it gives the field if no key
 * of lower rank did.  The other key of the pair is ignored, with a
 * note: a field is read from one key, the first of its row the file
 * has (SPEC 1), and the ignored one is not passed through either.
 */
static void
choose(struct sp *sp, int f, int rank, const char *k, struct tval *v)
{
	const struct tval *lost = v;
	const char *lostkey = k, *winner;

	if (sp->got[f] == NULL || rank < sp->rank[f]) {
		if (sp->got[f] != NULL) {
			lost = sp->got[f];
			lostkey = sp->key[f];
		}
		sp->got[f] = v;
		sp->key[f] = k;
		sp->rank[f] = rank;
		if (lost == v)
			return;
	}
	winner = sp->key[f];
	diag_add(sp->diag, DIAG_KEY_IGNORED, sp->path, lost->line, lost->col,
	    lostkey, winner);
}

/* Key i of root: interpreted, refused, or passed through. */
static void
take_key(struct sp *sp, struct tval *root, size_t i)
{
	const char *k = root->keys[i];
	struct tval *v = &root->items[i];
	int f, rank;

	/* Keys given twice were warned about and dropped by yaml_tree. */
	if ((f = key_field(k, sp->f->keys, &rank)) >= 0 &&
	    (schema_rows[f].flags & MERGE))
		schema_rows[f].take(sp, &schema_rows[f], v, k);
	else if (f >= 0)
		choose(sp, f, rank, k, v);
	else if (field_reserved(k))
		diag_add(
		    sp->diag, DIAG_RESERVED_KEY, sp->path, v->line, v->col, k);
	else {
		add_extra(sp->t, root->keys[i], v);
		root->keys[i] = xstrdup("");
	}
}

/* " (this file has 'a:', 'b:')": the first keys gloss does not read. */
static char *
has_instead(const struct term *t)
{
	struct sbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < t->extra.n && i < 2; i++)
		sb_addf(&sb, "%s'%s:'", i == 0 ? " (this file has " : ", ",
		    t->extra.keys[i]);
	if (i > 0)
		sb_adds(&sb, t->extra.n > 2 ? ", ...)" : ")");
	else
		sb_adds(&sb, "");
	return sb_take(&sb);
}

/* Report field f as missing, saying what the file has instead. */
static void
missing(struct sp *sp, const struct tval *root, enum diag_code code)
{
	char *has = has_instead(sp->t);

	diag_add(sp->diag, code, sp->path, root->line, root->col,
	    first_key(code == DIAG_NO_NAME ? SF_NAME : SF_DESCRIPTION), has);
	free(has);
}

/* The string a required field's key gives; -1 after an error. */
static int
need_string(struct sp *sp, enum schema_field f, char **dst)
{
	struct tval *v = sp->got[f];

	if ((*dst = tv_take(v)) == NULL || **dst == '\0') {
		diag_add(sp->diag, DIAG_EMPTY_KEY, sp->path, v->line, v->col,
		    sp->key[f]);
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
	const struct tval *v = sp->got[SF_NAME] ? sp->got[SF_NAME] : root;
	enum diag_code code;

	if (sp->got[SF_NAME] == NULL && sp->f->bundle && sp->f->stem != NULL &&
	    *sp->f->stem != '\0')
		t->name = xstrdup(sp->f->stem);
	else if (sp->got[SF_NAME] == NULL) {
		missing(sp, root, DIAG_NO_NAME);
		return -1;
	} else if (need_string(sp, SF_NAME, &t->name) < 0)
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

/*
 * Whether s (NUL-terminated) may hold site markup that markup_reduce
 * changes: a tag, entity, shortcode, macro or link, or an MDX
 * import/export line.  A quick scan (the C library's vectorised string
 * search), so that plain text costs no copy.
 */
static int
has_markup(const char *s)
{
	const char *p;

	if (s[strcspn(s, "<{&[")] != '\0')
		return 1;
	for (p = s; (p = strstr(p, "port ")) != NULL; p++)
		if (p - s >= 2 && (p[-2] == 'i' || p[-2] == 'e') &&
		    p[-1] == (p[-2] == 'i' ? 'm' : 'x') &&
		    (p - s == 2 || p[-3] == '\n'))
			return 1;
	return 0;
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
	return strstr(s, "**") != NULL || strstr(s, "__") != NULL ||
	    strstr(s, "](") != NULL || strpbrk(s, "`\\") != NULL;
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

	if (has_markup(s)) {
		r = reduce(t, s, strlen(s), NULL);
		free(s);
		s = r;
	}
	if (markdown || has_inline_markdown(s)) {
		r = md_plain_text(s, strlen(s));
		free(s);
		s = r;
	}
	trim(s);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* The first paragraph of a body (reduced), headings skipped. */
static char *
first_para(const char *b)
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
	return xstrndup(b, (size_t)(e - b));
}

/*
 * The body reduced to text (kept in t when markup changed it) and its
 * mentions; then, if the front matter gave no description, the body up
 * to `<!--more-->', or else its first paragraph.
 */
static char *
take_body_text(struct sp *sp, int want_desc)
{
	const struct schema_file *f = sp->f;
	struct term *t = sp->t;
	const char *text = f->body;
	size_t n, more;

	if (f->body == NULL)
		return NULL;
	if (has_markup(f->body)) {
		t->body_text = reduce(t, f->body, f->bodylen, &n);
		if (n == f->bodylen && memcmp(t->body_text, f->body, n) == 0) {
			free(t->body_text);
			t->body_text = NULL;
		} else
			text = t->body_text;
	}
	if (!want_desc)
		return NULL;
	more = markup_more(f->body, f->bodylen);
	if (more < f->bodylen)
		return desc_text(
		    t, markup_reduce(f->body, more, NULL, NULL), 1);
	return desc_text(t, first_para(text), 1);
}

void
schema_body_release(struct schema_body *b)
{
	free(b->desc);
	strlist_release(&b->mentions);
	memset(b, 0, sizeof(*b));
}

/*
 * What the body gives (take_body_text), or what a record of it says
 * (f->given); recorded in f->record when asked.
 */
static char *
take_body(struct sp *sp, int want_desc)
{
	const struct schema_file *f = sp->f;
	struct schema_body *rec = f->record;
	struct strlist *m = &sp->t->mentions;
	size_t i, n0 = m->n;
	char *s;

	if (f->given != NULL) {
		for (i = 0; i < f->given->mentions.n; i++)
			term_add_key(m, xstrdup(f->given->mentions.v[i]));
		return want_desc && f->given->desc != NULL
		    ? xstrdup(f->given->desc)
		    : NULL;
	}
	s = take_body_text(sp, want_desc);
	if (rec != NULL) {
		rec->taken = 1;
		rec->desc = s != NULL ? xstrdup(s) : NULL;
		for (i = n0; i < m->n; i++)
			strlist_push(&rec->mentions, xstrdup(m->v[i]));
	}
	return s;
}

/* The description: from its key, else from the body; -1 after errors. */
static int
take_description(struct sp *sp, const struct tval *root)
{
	struct term *t = sp->t;
	struct tval *v = sp->got[SF_DESCRIPTION];
	char *s = v != NULL ? tv_take(v) : NULL;

	if (s != NULL && (s = desc_text(t, s, 0)) != NULL) {
		(void)take_body(sp, 0);
		t->description = s;
	} else
		t->description = take_body(sp, 1);
	if (t->description != NULL)
		return 0;
	if (v != NULL && !tval_is_null(v) && v->type == TV_STR)
		diag_add(sp->diag, DIAG_EMPTY_KEY, sp->path, v->line, v->col,
		    sp->key[SF_DESCRIPTION]);
	else
		missing(sp, root, DIAG_NO_DESCRIPTION);
	return -1;
}

/* Whether the front matter says `draft: true'. */
static int
is_draft(const struct tval *v)
{
	return v != NULL && v->type == TV_STR && v->scalar == TS_BOOL &&
	    (v->str[0] == 't' || v->str[0] == 'T');
}

/* Take every chosen field but name and description into t. */
static void
take_fields(struct sp *sp)
{
	struct term *t = sp->t;
	size_t f;

	for (f = 0; f < SF_NFIELDS; f++)
		if (sp->got[f] != NULL)
			schema_rows[f].take(
			    sp, &schema_rows[f], sp->got[f], sp->key[f]);
	merge_details(t);
	if (t->categories.n == 0)
		strlist_push(&t->categories, xstrdup("Uncategorized"));
	for (f = 0; f < t->aliases.n; f++)
		strlist_push(&t->alias_keys, term_key(t->aliases.v[f]));
	if (sp->f->stem != NULL)
		term_add_key(&t->ids, term_key(sp->f->stem));
}

int
schema_term(struct tval *root, struct term *t, const struct schema_file *f,
    struct diag *d)
{
	struct sp sp;
	size_t i;
	int rc = 0;

	memset(&sp, 0, sizeof(sp));
	sp.f = f;
	sp.path = f->path;
	sp.diag = d;
	sp.t = t;
	if (root->type != TV_MAP) {
		diag_add(d, DIAG_NOT_A_MAPPING, f->path, root->line, root->col);
		return -1;
	}
	for (i = 0; i < root->n; i++)
		take_key(&sp, root, i);
	if (is_draft(sp.got[SF_DRAFT]))
		return SCHEMA_DRAFT;
	if (take_required_name(&sp, root) < 0)
		rc = -1;
	if (take_description(&sp, root) < 0)
		rc = -1;
	if (rc < 0)
		return -1;
	take_fields(&sp);
	names_derive(t);
	return 0;
}
