#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "term.h"
#include "utf8.h"

/* Whether p is one of t's pieces that its pool holds. */
static int
pooled(const struct term *t, const void *p)
{
	uintptr_t a = (uintptr_t)t, x = (uintptr_t)p;

	return t != NULL && x >= a && x - a < t->pooled;
}

void
term_drop_str(const struct term *t, char *s)
{
	if (!pooled(t, s))
		free(s);
}

void
term_drop_list(const struct term *t, struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		term_drop_str(t, l->v[i]);
	term_drop_str(t, (char *)l->v);
	memset(l, 0, sizeof(*l));
}

void
tval_drop(const struct term *t, struct tval *v)
{
	size_t i;

	if (v == NULL)
		return;
	term_drop_str(t, v->str);
	free(v->joined); /* made by the parse, never pooled */
	for (i = 0; i < v->n; i++) {
		/* A scalar (most items) has only its text to free. */
		if (v->items[i].items != NULL)
			tval_drop(t, &v->items[i]);
		else {
			term_drop_str(t, v->items[i].str);
			free(v->items[i].joined);
		}
		if (v->keys != NULL)
			term_drop_str(t, v->keys[i]);
	}
	term_drop_str(t, (char *)v->items);
	term_drop_str(t, (char *)v->keys);
	memset(v, 0, sizeof(*v));
}

void
tval_release(struct tval *v)
{
	tval_drop(NULL, v);
}

const struct tval *
tval_get(const struct tval *v, const char *key)
{
	size_t i;

	if (v == NULL || v->type != TV_MAP)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->items[i];
	return NULL;
}

char *
term_key(const char *name)
{
	return utf8_key(name);
}

/* The prefix of libyaml's resolved "!!" tags. */
#define YAML_TAG_PREFIX "tag:yaml.org,2002:"

/* Whether s is one of the NULL-terminated words. */
static int
one_of(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (s[0] == (*words)[0] && strcmp(s, *words) == 0)
			return 1;
	return 0;
}

/* Whether s, after an optional sign when sign, is one or more digits. */
static int
all_digits(const char *s, int base, int sign)
{
	if (sign && (*s == '+' || *s == '-'))
		s++;
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!(base == 16 ? isxdigit((unsigned char)*s)
				 : *s >= '0' && *s < '0' + base))
			return 0;
	return 1;
}

static int
core_null(const char *s)
{
	static const char *const w[] = {"", "~", "null", "Null", "NULL", NULL};

	return one_of(s, w);
}

static int
core_bool(const char *s)
{
	static const char *const w[] = {
	    "true", "True", "TRUE", "false", "False", "FALSE", NULL};

	return one_of(s, w);
}

static int
core_int(const char *s)
{
	if (s[0] == '0' && s[1] == 'o')
		return all_digits(s + 2, 8, 0);
	if (s[0] == '0' && s[1] == 'x')
		return all_digits(s + 2, 16, 0);
	return all_digits(s, 10, 1);
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, .inf, .nan */
static int
core_float(const char *s)
{
	static const char *const w[] = {".inf", ".Inf", ".INF", NULL};
	static const char *const nan[] = {".nan", ".NaN", ".NAN", NULL};
	size_t n = 0;

	if (one_of(s, nan))
		return 1;
	if (*s == '+' || *s == '-')
		s++;
	if (one_of(s, w))
		return 1;
	while (isdigit((unsigned char)*s))
		s++, n++;
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s))
			s++, n++;
	}
	if (n == 0)
		return 0;
	if (*s == 'e' || *s == 'E')
		return all_digits(s + 1, 10, 1);
	return *s == '\0';
}

/* The type of a plain scalar by the core schema. */
static enum tval_scalar
core_type(const char *s)
{
	/* The common case, a word: no null, bool or number starts so. */
	switch (s[0]) {
	case '\0':
	case '~':
	case 'n':
	case 'N':
	case 't':
	case 'T':
	case 'f':
	case 'F':
	case '+':
	case '-':
	case '.':
		break;
	default:
		if (s[0] < '0' || s[0] > '9')
			return TS_STR;
	}
	if (core_null(s))
		return TS_NULL;
	if (core_bool(s))
		return TS_BOOL;
	if (core_int(s))
		return TS_INT;
	if (core_float(s))
		return TS_FLOAT;
	return TS_STR;
}

/* The type a "!!name" tag gives text; *ck says if it does not fit. */
static enum tval_scalar
tagged_type(const char *name, const char *text, enum tval_tagcheck *ck)
{
	int fits;

	if (strcmp(name, "str") == 0)
		return TS_STR;
	if (strcmp(name, "null") == 0)
		return TS_NULL;
	if (strcmp(name, "bool") == 0) {
		if ((fits = core_bool(text)) != 0)
			return TS_BOOL;
	} else if (strcmp(name, "int") == 0) {
		if ((fits = core_int(text)) != 0)
			return TS_INT;
	} else if (strcmp(name, "float") == 0) {
		if ((fits = core_float(text) || core_int(text)) != 0)
			return TS_FLOAT;
	} else
		fits = -1;
	*ck = fits < 0 ? TVT_UNKNOWN : TVT_MISMATCH;
	return TS_STR;
}

enum tval_scalar
tval_type_scalar(
    const char *tag, int plain, const char *text, enum tval_tagcheck *check)
{
	static const size_t n = sizeof(YAML_TAG_PREFIX) - 1;
	enum tval_tagcheck ck = TVT_OK;
	enum tval_scalar ts = TS_STR;

	if (tag == NULL)
		ts = plain ? core_type(text) : TS_STR;
	else if (strncmp(tag, YAML_TAG_PREFIX, n) == 0)
		ts = tagged_type(tag + n, text, &ck);
	else if (strcmp(tag, "!") != 0) /* "!" alone: a string */
		ck = TVT_UNKNOWN;
	if (check != NULL)
		*check = ck;
	return ts;
}

int
tval_tag_known_collection(const char *tag, int map)
{
	return tag == NULL || strcmp(tag, "!") == 0 ||
	    strcmp(tag, map ? YAML_TAG_PREFIX "map" : YAML_TAG_PREFIX "seq") ==
	    0;
}

int
tval_is_null(const struct tval *v)
{
	return v->type == TV_STR && v->scalar == TS_NULL;
}

int
tval_bool(const struct tval *v)
{
	return v->str[0] == 't' || v->str[0] == 'T';
}

int
tval_int(const struct tval *v, long long *out)
{
	const char *s = v->str;
	char *end;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
		base = s[1] == 'o' ? 8 : 16;
		s += 2;
	}
	errno = 0;
	*out = strtoll(s, &end, base);
	return errno == ERANGE || *end != '\0' || end == s ? -1 : 0;
}

double
tval_real(const struct tval *v)
{
	const char *s = v->str;
	long long n;
	int neg;

	if (v->scalar == TS_INT || core_int(s)) {
		if (tval_int(v, &n) == 0)
			return (double)n;
		if (s[0] == '0' && (s[1] == 'o' || s[1] == 'x'))
			return (double)strtoull(
			    s + 2, NULL, s[1] == 'o' ? 8 : 16);
		return strtod(s, NULL);
	}
	neg = *s == '-';
	if (*s == '+' || *s == '-')
		s++;
	if (*s == '.' && (s[1] == 'i' || s[1] == 'I'))
		return neg ? -HUGE_VAL : HUGE_VAL;
	if (*s == '.' && (s[1] == 'n' || s[1] == 'N'))
		return NAN;
	return strtod(v->str, NULL);
}

char *
tval_scalar_text(const struct tval *v)
{
	long long n;

	switch (v->scalar) {
	case TS_NULL:
		return xstrdup("");
	case TS_BOOL:
		return xstrdup(tval_bool(v) ? "true" : "false");
	case TS_INT:
		if (tval_int(v, &n) == 0)
			return xasprintf("%lld", n);
		break;
	case TS_FLOAT:
	case TS_STR:
		break;
	}
	return xstrdup(v->str);
}

struct term *
term_new(void)
{
	struct term *t = xcalloc(1, sizeof(*t));

	t->extra.type = TV_MAP;
	return t;
}

void
term_free(struct term *t)
{
	size_t i;

	if (t == NULL)
		return;
	term_drop_str(t, t->name);
	term_drop_str(t, t->key);
	term_drop_list(t, &t->aliases);
	term_drop_list(t, &t->alias_keys);
	term_drop_list(t, &t->derived);
	term_drop_list(t, &t->derived_keys);
	term_drop_str(t, t->pronunciation);
	term_drop_list(t, &t->categories);
	term_drop_str(t, t->vertical);
	term_drop_str(t, t->lang);
	term_drop_list(t, &t->tags);
	term_drop_list(t, &t->ids);
	term_drop_list(t, &t->mentions);
	term_drop_str(t, t->body_text);
	term_drop_str(t, t->description);
	term_drop_list(t, &t->examples);
	for (i = 0; i < t->nrelated; i++) {
		term_drop_str(t, t->related[i].name);
		term_drop_str(t, t->related[i].key);
	}
	term_drop_str(t, (char *)t->related);
	for (i = 0; i < t->ndetails; i++) {
		term_drop_str(t, t->details[i].title);
		term_drop_str(t, t->details[i].value);
	}
	term_drop_str(t, (char *)t->details);
	tval_drop(t, &t->extra);
	term_drop_str(t, t->path);
	term_drop_str(t, t->text);
	if (t->pooled == 0)
		free(t);
}

/* A chunk of a term_pool: its terms follow the header. */
struct term_chunk {
	struct term_chunk *next;
};

/* The size of a pool's chunks, unless a term needs more: a huge page. */
#define TERM_CHUNK ((size_t)2 * 1024 * 1024)

/*
 * A chunk of size bytes.  Terms fill their chunks, so a chunk after the
 * first (huge) is asked to be a huge page where the system has them:
 * one page fault for its terms, not 512.  Not the first: a small
 * glossary would hold a whole huge page for a few terms.
 */
static struct term_chunk *
chunk_alloc(size_t size, int huge)
{
	void *c =
	    huge && size == TERM_CHUNK ? aligned_alloc(TERM_CHUNK, size) : NULL;

	if (c == NULL)
		return xmalloc(size);
#ifdef MADV_HUGEPAGE
	(void)madvise(c, size, MADV_HUGEPAGE);
#endif
	return c;
}

/* Pieces that hold pointers or numbers are aligned as malloc's. */
#define TERM_ALIGN (sizeof(max_align_t))

void
term_pool_release(struct term_pool *pool)
{
	struct term_chunk *c, *next;

	for (c = pool->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	memset(pool, 0, sizeof(*pool));
}

void
term_pool_move(struct term_pool *to, struct term_pool *from)
{
	struct term_chunk **tail = &from->chunks;

	while (*tail != NULL)
		tail = &(*tail)->next;
	*tail = to->chunks; /* to keeps its room, if it has one */
	to->chunks = from->chunks;
	if (from->chunks != NULL && to->p == NULL) {
		to->p = from->p;
		to->end = from->end;
	}
	memset(from, 0, sizeof(*from));
}

/* Round p up to TERM_ALIGN. */
static char *
align_up(char *p)
{
	uintptr_t x = (uintptr_t)p, a = TERM_ALIGN;

	return p + ((a - x % a) % a);
}

struct term *
term_mem_open(struct term_pool *pool, size_t n, struct term_mem *m)
{
	struct term_chunk *c;
	struct term *t;
	size_t need = n + sizeof(*t) + TERM_ALIGN, size;

	m->p = m->end = NULL;
	if (pool == NULL)
		return term_new();
	if (pool->p == NULL || (size_t)(pool->end - pool->p) < need) {
		size = need + sizeof(*c) + TERM_ALIGN > TERM_CHUNK
		    ? need + sizeof(*c) + TERM_ALIGN
		    : TERM_CHUNK;
		c = chunk_alloc(size, pool->chunks != NULL);
		c->next = pool->chunks;
		pool->chunks = c;
		pool->p = (char *)(c + 1);
		pool->end = (char *)c + size;
	}
	t = (struct term *)(void *)align_up(pool->p);
	memset(t, 0, sizeof(*t));
	t->extra.type = TV_MAP;
	m->p = (char *)(t + 1);
	m->end = pool->end;
	/* Until closed, everything to the chunk's end may be its. */
	t->pooled = (size_t)(m->end - (char *)t);
	return t;
}

void
term_mem_close(struct term_pool *pool, struct term *t, struct term_mem *m)
{
	if (pool == NULL || t->pooled == 0)
		return;
	t->pooled = (size_t)(m->p - (char *)t);
	pool->p = m->p;
}

/* n bytes of m's room aligned to align (1 or TERM_ALIGN), or NULL. */
static void *
mem_take(struct term_mem *m, size_t n, size_t align)
{
	char *p;

	if (m == NULL || m->p == NULL)
		return NULL;
	p = align > 1 ? align_up(m->p) : m->p;
	if (p > m->end || (size_t)(m->end - p) < n)
		return NULL;
	m->p = p + n;
	return p;
}

char *
term_mem_strndup(struct term_mem *m, const char *s, size_t n)
{
	char *p = n < SIZE_MAX ? mem_take(m, n + 1, 1) : NULL;

	if (p == NULL)
		return xstrndup(s, n);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
term_mem_calloc(struct term_mem *m, size_t n, size_t size)
{
	void *p = n > 0 && size <= SIZE_MAX / n
	    ? mem_take(m, n * size, TERM_ALIGN)
	    : NULL;

	if (p == NULL)
		return xcalloc(n, size);
	memset(p, 0, n * size);
	return p;
}

char *
term_key_in(struct term_mem *m, const char *name)
{
	size_t n = strlen(name);
	char *save = m != NULL ? m->p : NULL, *k = mem_take(m, n + 1, 1);

	if (k == NULL)
		return term_key(name);
	if (utf8_key_ascii(name, n, k) == 0) {
		m->p = k + strlen(k) + 1; /* a key is no longer than its name */
		return k;
	}
	m->p = save;
	return term_key(name);
}

const char *
term_body(const struct term *t)
{
	return t->text != NULL ? t->text + t->body_off : "";
}

const char *
term_body_text(const struct term *t)
{
	return t->body_text != NULL ? t->body_text : term_body(t);
}

const char *
term_category(const struct term *t)
{
	return t->categories.n > 0 ? t->categories.v[0] : "Uncategorized";
}

void
term_add_key(struct strlist *l, char *key)
{
	size_t i;

	for (i = 0; i < l->n && key[0] != '\0'; i++)
		if (strcmp(l->v[i], key) == 0)
			break;
	if (key[0] == '\0' || i < l->n)
		free(key);
	else
		strlist_push(l, key);
}

const char *
term_name_at(const void *terms, size_t i)
{
	return ((const struct term *const *)terms)[i]->name;
}

/*
 * Whether t->related, of n entries, is full: it grows by doubling from
 * 4, so its room follows from n alone (struct term keeps no capacity)
 * and a term's few related names cost one allocation, not one each.
 */
static int
related_full(size_t n)
{
	return n == 0 || (n >= 4 && (n & (n - 1)) == 0);
}

void
term_take_related(struct term *t, char *name, unsigned line, unsigned col)
{
	char *key = term_key(name);
	size_t i;

	for (i = 0; i < t->nrelated; i++)
		if (t->related[i].key[0] == key[0] &&
		    strcmp(t->related[i].key, key) == 0)
			break;
	if (key[0] == '\0' || i < t->nrelated) {
		free(key);
		free(name);
		return;
	}
	if (related_full(t->nrelated))
		t->related = xreallocarray(t->related,
		    t->nrelated == 0 ? 4 : t->nrelated * 2,
		    sizeof(*t->related));
	t->related[t->nrelated].name = name;
	t->related[t->nrelated].key = key;
	t->related[t->nrelated].line = line;
	t->related[t->nrelated].col = col;
	t->nrelated++;
}

void
term_add_related(struct term *t, const char *name, unsigned line, unsigned col)
{
	term_take_related(t, xstrdup(name), line, col);
}
