#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "utf8.h"

void
tval_release(struct tval *v)
{
	size_t i;

	if (v == NULL)
		return;
	free(v->str);
	for (i = 0; i < v->n; i++) {
		/* A scalar (most items) has only its text to free. */
		if (v->items[i].items != NULL)
			tval_release(&v->items[i]);
		else
			free(v->items[i].str);
		if (v->keys != NULL)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	memset(v, 0, sizeof(*v));
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
	free(t->name);
	free(t->key);
	strlist_release(&t->aliases);
	strlist_release(&t->alias_keys);
	strlist_release(&t->derived);
	strlist_release(&t->derived_keys);
	free(t->pronunciation);
	strlist_release(&t->categories);
	free(t->vertical);
	free(t->lang);
	strlist_release(&t->tags);
	strlist_release(&t->ids);
	strlist_release(&t->mentions);
	free(t->body_text);
	free(t->description);
	strlist_release(&t->examples);
	for (i = 0; i < t->nrelated; i++) {
		free(t->related[i].name);
		free(t->related[i].key);
	}
	free(t->related);
	for (i = 0; i < t->ndetails; i++) {
		free(t->details[i].title);
		free(t->details[i].value);
	}
	free(t->details);
	tval_release(&t->extra);
	free(t->path);
	free(t->text);
	free(t);
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
