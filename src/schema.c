#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "field.h"
#include "loader.h"
#include "names.h"
#include "schema.h"
#include "schema_int.h"
#include "utf8.h"

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

/*
 * k in ASCII lower case: k itself when it is so already (most keys),
 * else its copy in buf; NULL if it is too long to be a key.
 */
static const char *
fold_key(const char *k, char buf[KEY_MAX])
{
	size_t i;

	for (i = 0; k[i] != '\0' && !(k[i] >= 'A' && k[i] <= 'Z'); i++)
		continue;
	if (k[i] == '\0')
		return i + 1 < KEY_MAX ? k : NULL;
	for (i = 0; k[i] != '\0'; i++) {
		if (i + 1 >= KEY_MAX)
			return NULL;
		buf[i] = k[i] >= 'A' && k[i] <= 'Z' ? (char)(k[i] + 32) : k[i];
	}
	buf[i] = '\0';
	return buf;
}

/*
 * The built-in entry of a folded key, or NULL: a binary search that
 * compares first bytes before it calls strcmp, as every key of every
 * file comes here.
 */
static const struct schema_key *
builtin(const char *folded)
{
	size_t lo = 0, hi = NELEM(key_table), mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = (unsigned char)folded[0] -
		    (unsigned char)key_table[mid].key[0];
		if (c == 0 && folded[0] != '\0')
			c = strcmp(folded + 1, key_table[mid].key + 1);
		if (c == 0)
			return &key_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Keys up to this long are remembered by known_key. */
#define MEMO_KEY 24

/* The built-in entry of the key k, any case, or NULL. */
static const struct schema_key *
builtin_any_case(const char *k)
{
	char buf[KEY_MAX];

	return (k = fold_key(k, buf)) != NULL ? builtin(k) : NULL;
}

/*
 * builtin_any_case(k), remembered: most files of a glossary have the
 * same few keys, and folding and looking them up cost `list' 1.5%.
 * Each thread has its own small table, a slot for each first byte and
 * length; a key that misses is looked up and takes the slot.
 */
static const struct schema_key *
known_key(const char *k)
{
	static _Thread_local struct {
		char key[MEMO_KEY];
		const struct schema_key *sk;
	} memo[32];
	size_t n = strlen(k);
	unsigned slot = ((unsigned char)k[0] + (unsigned)n) & 31;
	const struct schema_key *sk;

	if (n == 0 || n >= MEMO_KEY)
		return builtin_any_case(k);
	if (strcmp(memo[slot].key, k) == 0)
		return memo[slot].sk;
	sk = builtin_any_case(k);
	memcpy(memo[slot].key, k, n + 1);
	memo[slot].sk = sk;
	return sk;
}

/* k itself when it holds a key, else NULL: most glossaries have none. */
static const struct schema_keys *
own_keys(const struct schema_keys *k)
{
	size_t f;

	for (f = 0; k != NULL && f < SF_NFIELDS; f++)
		if (k->v[f].n > 0)
			return k;
	return NULL;
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
	const char *folded;
	size_t f, i;

	/* The glossary's own keys were folded when .gloss.yaml was read. */
	if (own != NULL && (folded = fold_key(k, buf)) != NULL)
		for (f = 0; f < SF_NFIELDS; f++)
			for (i = 0; i < own->v[f].n; i++)
				if (strcmp(own->v[f].v[i], folded) == 0) {
					*rank = OWN_RANK + (int)i;
					return (int)f;
				}
	if ((sk = known_key(k)) == NULL)
		return -1;
	*rank = sk->rank;
	return (int)sk->field;
}

int
schema_field_find(const char *name)
{
	const struct schema_key *sk;
	char buf[KEY_MAX];
	const char *k;
	size_t f;

	for (f = 0; f < SF_NFIELDS; f++)
		if (strcasecmp(name, schema_rows[f].name) == 0)
			return (int)f;
	if ((k = fold_key(name, buf)) == NULL || (sk = builtin(k)) == NULL)
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
	const char *f = fold_key(k, buf);

	return (f != NULL && builtin(f) != NULL) || field_reserved(k);
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
choose(struct schema_ctx *sp, int f, int rank, const char *k, struct tval *v)
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
take_key(struct schema_ctx *sp, struct tval *root, size_t i)
{
	const char *k = root->keys[i];
	struct tval *v = &root->items[i];
	int f, rank;

	/* Keys given twice were warned about and dropped by yaml_tree. */
	if ((f = key_field(k, sp->own, &rank)) >= 0 &&
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

void
schema_missing(
    struct schema_ctx *sp, const struct tval *root, enum diag_code code)
{
	char *has = has_instead(sp->t);

	diag_add(sp->diag, code, sp->path, root->line, root->col,
	    first_key(code == DIAG_NO_NAME ? SF_NAME : SF_DESCRIPTION), has);
	free(has);
}

/* The string a required field's key gives; -1 after an error. */
static int
need_string(struct schema_ctx *sp, enum schema_field f, char **dst)
{
	struct tval *v = sp->got[f];

	if ((*dst = schema_tv_take(v)) == NULL || **dst == '\0') {
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
	/* One strpbrk for the bytes they start with, not four scans. */
	for (; (s = strpbrk(s, "\r\n\xc2\xe2")) != NULL; s++)
		if (*s == '\r' || *s == '\n' ||
		    (s[0] == '\xc2' && s[1] == '\x85') ||
		    (s[0] == '\xe2' && s[1] == '\x80' &&
			(s[2] == '\xa8' || s[2] == '\xa9')))
			return 1;
	return 0;
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
take_required_name(struct schema_ctx *sp, const struct tval *root)
{
	struct term *t = sp->t;
	const struct tval *v = sp->got[SF_NAME] ? sp->got[SF_NAME] : root;
	enum diag_code code;

	if (sp->got[SF_NAME] == NULL && sp->f->bundle && sp->f->stem != NULL &&
	    *sp->f->stem != '\0')
		t->name = xstrdup(sp->f->stem);
	else if (sp->got[SF_NAME] == NULL) {
		schema_missing(sp, root, DIAG_NO_NAME);
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

/* Whether the front matter says `draft: true'. */
static int
is_draft(const struct tval *v)
{
	return v != NULL && v->type == TV_STR && v->scalar == TS_BOOL &&
	    (v->str[0] == 't' || v->str[0] == 'T');
}

/* Take every chosen field but name and description into t. */
static void
take_fields(struct schema_ctx *sp)
{
	struct term *t = sp->t;
	size_t f;

	for (f = 0; f < SF_NFIELDS; f++)
		if (sp->got[f] != NULL)
			schema_rows[f].take(
			    sp, &schema_rows[f], sp->got[f], sp->key[f]);
	schema_merge_details(t);
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
	struct schema_ctx sp;
	size_t i;
	int rc = 0;

	memset(&sp, 0, sizeof(sp));
	sp.f = f;
	sp.path = f->path;
	sp.diag = d;
	sp.t = t;
	sp.own = own_keys(f->keys);
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
	if (schema_take_description(&sp, root) < 0)
		rc = -1;
	if (rc == 0) {
		take_fields(&sp);
		names_derive(t, sp.lead);
	}
	free(sp.lead);
	return rc;
}
