#include <stdlib.h>
#include <string.h>

#include "abbrev.h"
#include "names.h"

/* Definitions looked at in the first sentence: more is not a sentence. */
#define NAMES_MAX_ABBREV 8

/* Whether key is the name's key, an alias's or a derived name's. */
static int
known_key(const struct term *t, const char *key)
{
	size_t i;

	if (strcmp(key, t->key) == 0)
		return 1;
	for (i = 0; i < t->alias_keys.n; i++)
		if (strcmp(key, t->alias_keys.v[i]) == 0)
			return 1;
	for (i = 0; i < t->derived_keys.n; i++)
		if (strcmp(key, t->derived_keys.v[i]) == 0)
			return 1;
	return 0;
}

/* Add s[0..n) as a derived name unless it adds nothing. */
static void
add(struct term *t, const char *s, size_t n)
{
	char *name = xstrndup(s, n), *key = term_key(name);

	if (key[0] == '\0' || known_key(t, key)) {
		free(name);
		free(key);
		return;
	}
	strlist_push(&t->derived, name);
	strlist_push(&t->derived_keys, key);
}

/* The full-width parentheses of CJK text, U+FF08 and U+FF09. */
#define FW_OPEN	 "\xef\xbc\x88"
#define FW_CLOSE "\xef\xbc\x89"

/* The first of the two strings a and b in s, or NULL; *len its length. */
static const char *
first_of(const char *s, const char *a, const char *b, size_t *len)
{
	const char *x = strstr(s, a), *y = strstr(s, b);

	if (x == NULL || (y != NULL && y < x)) {
		*len = strlen(b);
		return y;
	}
	*len = strlen(a);
	return x;
}

/*
 * "Churn (Customer & Revenue)", "集群（Cluster）": the name without the
 * parenthesis, and what it holds.
 */
static void
paren_parts(struct term *t)
{
	const char *o, *c;
	size_t on, cn;
	struct sbuf sb;

	if ((o = first_of(t->name, "(", FW_OPEN, &on)) == NULL ||
	    (c = first_of(o + on, ")", FW_CLOSE, &cn)) == NULL)
		return;
	sb_init(&sb);
	sb_addn(&sb, t->name, (size_t)(o - t->name));
	sb_adds(&sb, c + cn);
	if (sb.len > 0)
		add(t, sb.s, sb.len);
	sb_release(&sb);
	add(t, o + on, (size_t)(c - o - on));
}

/* The length of the first sentence of s: up to ". " or a blank line. */
static size_t
first_sentence(const char *s)
{
	const char *p = s;

	while ((p = strpbrk(p, ".\n\xe3")) != NULL) {
		if ((p[0] == '.' &&
			(p[1] == ' ' || p[1] == '\n' || p[1] == '\0')) ||
		    (p[0] == '\n' && p[1] == '\n') ||
		    strncmp(p, "\xe3\x80\x82", 3) == 0) /* 。 */
			return (size_t)(p - s);
		p++;
	}
	return strlen(s);
}

/* Whether s[0..n) names the term already (its name or an alias). */
static int
names_term(const struct term *t, const char *s, size_t n)
{
	char *name = xstrndup(s, n), *key = term_key(name);
	int yes = key[0] != '\0' && known_key(t, key);

	free(name);
	free(key);
	return yes;
}

/* "Cross-Origin Resource Sharing (CORS) is ...": the other form, from
 * the first sentence of d. */
static void
definitions(struct term *t, const char *d)
{
	struct abbrev a[NAMES_MAX_ABBREV];
	size_t n, i;

	/* A definition needs a parenthesis: most descriptions have none. */
	if (d == NULL || strchr(d, '(') == NULL)
		return;
	n = abbrev_find(d, first_sentence(d), a, NAMES_MAX_ABBREV);
	for (i = 0; i < n; i++) {
		const char *sf = d + a[i].short_off, *lf = d + a[i].long_off;

		if (names_term(t, sf, a[i].short_len))
			add(t, lf, a[i].long_len);
		else if (names_term(t, lf, a[i].long_len))
			add(t, sf, a[i].short_len);
	}
}

void
names_derive(struct term *t, const char *lead)
{
	paren_parts(t);
	definitions(t, t->description);
	definitions(t, lead);
}
