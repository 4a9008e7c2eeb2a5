/*
 * Packing of a term as the loader returns it, for the index.
 *
 * In order, each number a varint (tval_pack.h): the format's version;
 * line, col, textlen, body_off; the optional strings of str_fields (a
 * presence flag, then the string); the lists of list_fields (a count,
 * then each string); related (a count, then name, key, line, col of
 * each); details (a count, then title, value, line, col of each); extra
 * as tval_pack makes it; last body_text, optional too, so that a reader
 * that keeps no text can step over it without a copy.
 *
 * A key that is term_key of its name (the term's key, an alias's, a
 * derived name's, a related name's: always, as the schema step makes
 * them) is not stored but made again on unpacking: a key's presence
 * flag is then KEY_FOLD, and a list of keys starts with KEY_FOLD for
 * "each the key of its name", else with 0 and the list.  A tenth of
 * the bytes of a row, for a pass over a short name.  The encoding stays
 * canonical: a key stored that its name would make is refused.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "term_pack.h"
#include "utf8.h"

/* The single strings of a term, each NULL or not; the key follows the
 * name it is the key of. */
static const size_t str_fields[] = {
    offsetof(struct term, name),
    offsetof(struct term, key),
    offsetof(struct term, pronunciation),
    offsetof(struct term, vertical),
    offsetof(struct term, lang),
    offsetof(struct term, description),
};
#define STR_KEY 1 /* str_fields[STR_KEY] is the key of the one before */

/* The lists of strings of a term; a list of keys follows its names'. */
static const struct {
	size_t off;
	int keys; /* the keys of the list before */
} list_fields[] = {
    {offsetof(struct term, aliases), 0},
    {offsetof(struct term, alias_keys), 1},
    {offsetof(struct term, derived), 0},
    {offsetof(struct term, derived_keys), 1},
    {offsetof(struct term, categories), 0},
    {offsetof(struct term, tags), 0},
    {offsetof(struct term, ids), 0},
    {offsetof(struct term, mentions), 0},
    {offsetof(struct term, examples), 0},
};

/* A key's presence flag when it is term_key of its name. */
#define KEY_FOLD 2

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define STR_AT(t, off)	((char **)(void *)((char *)(t) + (off)))
#define LIST_AT(t, off) ((struct strlist *)(void *)((char *)(t) + (off)))

static void
put_opt(struct sbuf *out, const char *s)
{
	tval_pack_uint(out, s != NULL);
	if (s != NULL)
		tval_pack_str(out, s);
}

/* Whether key is term_key of name (both may be NULL). */
static int
is_fold(const char *name, const char *key)
{
	return name != NULL && key != NULL && utf8_is_key(name, key);
}

/* The key of name: KEY_FOLD when it is name's term_key. */
static void
put_key(struct sbuf *out, const char *name, const char *key)
{
	if (is_fold(name, key))
		tval_pack_uint(out, KEY_FOLD);
	else
		put_opt(out, key);
}

/* Whether l holds the keys of names, each its term_key. */
static int
all_folds(const struct strlist *names, const struct strlist *l)
{
	size_t i;

	if (l->n != names->n)
		return 0;
	for (i = 0; i < l->n; i++)
		if (!is_fold(names->v[i], l->v[i]))
			return 0;
	return 1;
}

static int
put_list(struct sbuf *out, const struct strlist *l)
{
	size_t i;

	tval_pack_uint(out, l->n);
	for (i = 0; i < l->n; i++) {
		if (l->v[i] == NULL)
			return -1;
		tval_pack_str(out, l->v[i]);
	}
	return 0;
}

/* A list of keys of the names before it: KEY_FOLD, or 0 and the list. */
static int
put_keys(struct sbuf *out, const struct strlist *names, const struct strlist *l)
{
	if (l->n > 0 && all_folds(names, l)) {
		tval_pack_uint(out, KEY_FOLD);
		return 0;
	}
	tval_pack_uint(out, 0);
	return put_list(out, l);
}

/* Two strings and a position: an item of related (b the key of a) or
 * of details. */
static void
put_pair(struct sbuf *out, const char *a, const char *b, int key, unsigned line,
    unsigned col)
{
	put_opt(out, a);
	if (key)
		put_key(out, a, b);
	else
		put_opt(out, b);
	tval_pack_uint(out, line);
	tval_pack_uint(out, col);
}

int
term_pack(const struct term *t, struct sbuf *out)
{
	size_t i;

	if (t->extra.type != TV_MAP || t->body_off > t->textlen)
		return -1;
	sb_reserve(out, 1024); /* most terms: no growing on the way */
	tval_pack_uint(out, TERM_PACK_VERSION);
	tval_pack_uint(out, t->line);
	tval_pack_uint(out, t->col);
	tval_pack_uint(out, t->textlen);
	tval_pack_uint(out, t->body_off);
	for (i = 0; i < NELEM(str_fields); i++)
		if (i == STR_KEY)
			put_key(out, *STR_AT(t, str_fields[i - 1]),
			    *STR_AT(t, str_fields[i]));
		else
			put_opt(out, *STR_AT(t, str_fields[i]));
	for (i = 0; i < NELEM(list_fields); i++)
		if ((list_fields[i].keys
			    ? put_keys(out, LIST_AT(t, list_fields[i - 1].off),
				  LIST_AT(t, list_fields[i].off))
			    : put_list(out, LIST_AT(t, list_fields[i].off))) <
		    0)
			return -1;
	tval_pack_uint(out, t->nrelated);
	for (i = 0; i < t->nrelated; i++)
		put_pair(out, t->related[i].name, t->related[i].key, 1,
		    t->related[i].line, t->related[i].col);
	tval_pack_uint(out, t->ndetails);
	for (i = 0; i < t->ndetails; i++)
		put_pair(out, t->details[i].title, t->details[i].value, 0,
		    t->details[i].line, t->details[i].col);
	if (tval_pack(&t->extra, out) < 0)
		return -1;
	put_opt(out, t->body_text);
	return 0;
}

/* What is left at the cursor. */
static uint64_t
left(const struct tval_rd *r)
{
	return (uint64_t)(r->end - r->p);
}

/* An optional string into *s, placed in m; 0, or -1. */
static int
get_opt(struct tval_rd *r, struct term_mem *m, char **s)
{
	uint64_t has;

	*s = NULL;
	if (tval_read_uint(r, 1, &has) < 0)
		return -1;
	return has && (*s = tval_read_str_in(r, m)) == NULL ? -1 : 0;
}

/*
 * The key of name into *s: stored, or made (KEY_FOLD).  A stored key
 * that name would make is refused: the encoding is canonical.
 */
static int
get_key(struct tval_rd *r, struct term_mem *m, const char *name, char **s)
{
	uint64_t has;

	*s = NULL;
	if (tval_read_uint(r, KEY_FOLD, &has) < 0)
		return -1;
	if (has == KEY_FOLD) {
		if (name == NULL)
			return -1;
		*s = term_key_in(m, name);
		return 0;
	}
	if (has && (*s = tval_read_str_in(r, m)) == NULL)
		return -1;
	return is_fold(name, *s) ? -1 : 0;
}

/* Step over an optional string. */
static int
skip_opt(struct tval_rd *r)
{
	uint64_t has, n;

	if (tval_read_uint(r, 1, &has) < 0)
		return -1;
	if (has && tval_read_uint(r, left(r), &n) < 0)
		return -1;
	if (has)
		r->p += n;
	return 0;
}

/* A count of items of at least min bytes each: a bound on allocation. */
static int
get_count(struct tval_rd *r, size_t min, size_t *n)
{
	uint64_t x;

	if (tval_read_uint(r, left(r) / min, &x) < 0)
		return -1;
	*n = (size_t)x;
	return 0;
}

static int
get_list(struct tval_rd *r, struct term_mem *m, struct strlist *l)
{
	size_t n, i;

	if (get_count(r, 1, &n) < 0)
		return -1;
	if (n == 0)
		return 0;
	l->v = term_mem_calloc(m, n, sizeof(*l->v));
	l->cap = n;
	for (i = 0; i < n; i++) {
		if ((l->v[i] = tval_read_str_in(r, m)) == NULL)
			return -1;
		l->n++;
	}
	return 0;
}

static int
get_pos(struct tval_rd *r, unsigned *line, unsigned *col)
{
	uint64_t a, b;

	if (tval_read_uint(r, UINT_MAX, &a) < 0 ||
	    tval_read_uint(r, UINT_MAX, &b) < 0)
		return -1;
	*line = (unsigned)a;
	*col = (unsigned)b;
	return 0;
}

/* A list of keys of names (put_keys) into the empty l. */
static int
get_keys(struct tval_rd *r, struct term_mem *m, const struct strlist *names,
    struct strlist *l)
{
	uint64_t mode;
	size_t i;

	if (tval_read_uint(r, KEY_FOLD, &mode) < 0 || mode == 1)
		return -1;
	if (mode == 0)
		return get_list(r, m, l) < 0 ||
			(l->n > 0 && all_folds(names, l))
		    ? -1
		    : 0;
	if (names->n == 0)
		return -1;
	l->v = term_mem_calloc(m, names->n, sizeof(*l->v));
	l->cap = names->n;
	for (i = 0; i < names->n; i++)
		l->v[l->n++] = term_key_in(m, names->v[i]);
	return 0;
}

/* related, then details: each item two optional strings and a place. */
static int
get_links(struct tval_rd *r, struct term_mem *m, struct term *t)
{
	size_t n, i;

	if (get_count(r, 4, &n) < 0)
		return -1;
	t->related = n > 0 ? term_mem_calloc(m, n, sizeof(*t->related)) : NULL;
	for (i = 0; i < n; i++, t->nrelated++) {
		struct term_link *l = &t->related[i];

		if (get_opt(r, m, &l->name) < 0 ||
		    get_key(r, m, l->name, &l->key) < 0 ||
		    get_pos(r, &l->line, &l->col) < 0) {
			t->nrelated++; /* what it holds is freed with t */
			return -1;
		}
	}
	if (get_count(r, 4, &n) < 0)
		return -1;
	t->details = n > 0 ? term_mem_calloc(m, n, sizeof(*t->details)) : NULL;
	for (i = 0; i < n; i++, t->ndetails++) {
		struct term_detail *dt = &t->details[i];

		if (get_opt(r, m, &dt->title) < 0 ||
		    get_opt(r, m, &dt->value) < 0 ||
		    get_pos(r, &dt->line, &dt->col) < 0) {
			t->ndetails++;
			return -1;
		}
	}
	return 0;
}

/* Everything before related: the version, the numbers, strings, lists. */
static int
get_head(struct tval_rd *r, struct term_mem *m, struct term *t)
{
	uint64_t ver, textlen, body_off;
	size_t i;

	if (tval_read_uint(r, TERM_PACK_VERSION, &ver) < 0 ||
	    ver != TERM_PACK_VERSION || get_pos(r, &t->line, &t->col) < 0 ||
	    tval_read_uint(r, SIZE_MAX, &textlen) < 0 ||
	    tval_read_uint(r, textlen, &body_off) < 0)
		return -1;
	t->textlen = (size_t)textlen;
	t->body_off = (size_t)body_off;
	for (i = 0; i < NELEM(str_fields); i++)
		if ((i == STR_KEY
			    ? get_key(r, m, *STR_AT(t, str_fields[i - 1]),
				  STR_AT(t, str_fields[i]))
			    : get_opt(r, m, STR_AT(t, str_fields[i]))) < 0)
			return -1;
	for (i = 0; i < NELEM(list_fields); i++)
		if ((list_fields[i].keys
			    ? get_keys(r, m, LIST_AT(t, list_fields[i - 1].off),
				  LIST_AT(t, list_fields[i].off))
			    : get_list(r, m, LIST_AT(t, list_fields[i].off))) <
		    0)
			return -1;
	return 0;
}

/*
 * The room a term's pieces take in its pool, at most, for the n bytes
 * of its packing: its strings are no longer than their bytes there
 * (with a NUL for each length), its keys no longer than their names,
 * and the items of its lists some bytes each.  A piece that does not
 * fit is allocated on its own.
 */
#define ROOM(n) (2 * (n) + 256)

int
term_unpack_pooled(
    struct tval_rd *r, int flags, struct term_pool *pool, struct term **out)
{
	struct term_mem m;
	struct term *t = term_mem_open(pool, ROOM(left(r)), &m);
	int rc;

	*out = NULL;
	rc = get_head(r, &m, t) < 0 || get_links(r, &m, t) < 0 ||
		tval_read_tree_in(r, &m, &t->extra) < 0 ||
		t->extra.type != TV_MAP
	    ? -1
	    : (flags & TERM_UNPACK_NO_BODY)
	    ? skip_opt(r)
	    /* Not in the pool: a body's text may be made again. */
	    : get_opt(r, NULL, &t->body_text);
	if (rc < 0) {
		term_free(t); /* and the pool's room stays free */
		return -1;
	}
	term_mem_close(pool, t, &m);
	*out = t;
	return 0;
}

int
term_unpack(struct tval_rd *r, int flags, struct term **out)
{
	return term_unpack_pooled(r, flags, NULL, out);
}
