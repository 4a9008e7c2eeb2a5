#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lang.h"

/* A language and its Snowball stemmer (NULL: none). */
struct lang_row {
	const char *tag;
	const char *stemmer;
};

/*
 * The languages recognised in folder and file names: ISO 639-1 codes of
 * languages documentation sites are written in, and Snowball's names.
 */
static const struct lang_row langs[] = {{"af", NULL}, {"ar", "arabic"},
    {"az", NULL}, {"be", NULL}, {"bg", NULL}, {"bn", NULL}, {"ca", "catalan"},
    {"cs", NULL}, {"cy", NULL}, {"da", "danish"}, {"de", "german"},
    {"el", "greek"}, {"en", "english"}, {"eo", NULL}, {"es", "spanish"},
    {"et", "estonian"}, {"eu", "basque"}, {"fa", NULL}, {"fi", "finnish"},
    {"fil", NULL}, {"fr", "french"}, {"ga", "irish"}, {"gl", NULL},
    {"he", NULL}, {"hi", "hindi"}, {"hr", NULL}, {"hu", "hungarian"},
    {"hy", "armenian"}, {"id", "indonesian"}, {"is", NULL}, {"it", "italian"},
    {"ja", NULL}, {"ka", NULL}, {"kk", NULL}, {"km", NULL}, {"ko", NULL},
    {"lt", "lithuanian"}, {"lv", NULL}, {"mn", NULL}, {"ms", NULL},
    {"my", NULL}, {"nb", "norwegian"}, {"ne", "nepali"}, {"nl", "dutch"},
    {"nn", "norwegian"}, {"no", "norwegian"}, {"pl", NULL},
    {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"}, {"si", NULL},
    {"sk", NULL}, {"sl", NULL}, {"sq", NULL}, {"sr", "serbian"},
    {"sv", "swedish"}, {"sw", NULL}, {"ta", "tamil"}, {"te", NULL},
    {"th", NULL}, {"tl", NULL}, {"tr", "turkish"}, {"uk", NULL}, {"ur", NULL},
    {"uz", NULL}, {"vi", NULL}, {"yi", "yiddish"}, {"zh", NULL}};

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The row of the language of a tag (its part before `-' or `_'). */
static const struct lang_row *
lang_find(const char *s, size_t n)
{
	size_t i, len = 0;

	while (len < n && s[len] != '-' && s[len] != '_')
		len++;
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		if (strlen(langs[i].tag) == len &&
		    strncasecmp(langs[i].tag, s, len) == 0)
			return &langs[i];
	return NULL;
}

/* Whether s[0..n) is a region, script or M.49 subtag. */
static int
subtag_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 3 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]))
		return 1;
	if (n != 2 && n != 4)
		return 0;
	for (i = 0; i < n; i++)
		if (!is_alpha(s[i]))
			return 0;
	return 1;
}

int
lang_is_tag(const char *s, size_t n)
{
	size_t len = 0;

	if (lang_find(s, n) == NULL)
		return 0;
	while (len < n && s[len] != '-' && s[len] != '_')
		len++;
	return len == n || subtag_ok(s + len + 1, n - len - 1);
}

char *
lang_normalize(const char *s, size_t n)
{
	char *r;
	size_t i;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return NULL;
	r = xstrndup(s, n);
	for (i = 0; i < n; i++)
		if (r[i] == '_')
			r[i] = '-';
		else if (r[i] >= 'A' && r[i] <= 'Z')
			r[i] = (char)(r[i] - 'A' + 'a');
	return r;
}

char *
lang_from_locale(const char *locale)
{
	size_t n;

	if (locale == NULL)
		return NULL;
	/* language[_territory][.codeset][@modifier] */
	n = strcspn(locale, ".@");
	if ((n == 1 && locale[0] == 'C') ||
	    (n == 5 && strncmp(locale, "POSIX", 5) == 0))
		return NULL;
	return lang_normalize(locale, n);
}

int
lang_matches(const char *want, const char *have)
{
	size_t n = strcspn(want, "-");

	return strcmp(want, have) == 0 ||
	    (strcspn(have, "-") == n && strncmp(want, have, n) == 0);
}

const char *
lang_stemmer_name(const char *tag)
{
	const struct lang_row *r;

	if (tag == NULL || (r = lang_find(tag, strlen(tag))) == NULL)
		return NULL;
	return r->stemmer;
}

/* Remove key i of a TV_MAP, freeing it. */
static void
map_remove(struct tval *m, size_t i)
{
	free(m->keys[i]);
	tval_release(&m->items[i]);
	memmove(
	    &m->keys[i], &m->keys[i + 1], (m->n - i - 1) * sizeof(*m->keys));
	memmove(
	    &m->items[i], &m->items[i + 1], (m->n - i - 1) * sizeof(*m->items));
	m->n--;
}

void
lang_from_keys(struct term *t)
{
	struct tval *x = &t->extra;
	size_t i = 0;

	while (i < x->n) {
		struct tval *v = &x->items[i];

		if (strcasecmp(x->keys[i], "lang") != 0 &&
		    strcasecmp(x->keys[i], "language") != 0) {
			i++;
			continue;
		}
		if (t->lang == NULL && v->type == TV_STR && !tval_is_null(v))
			t->lang = lang_normalize(v->str, strlen(v->str));
		map_remove(x, i);
	}
}
