#include <string.h>

#include "abbrev.h"

/* Short forms are short: Schwartz and Hearst allow ten characters. */
#define SF_MAX_CHARS 10
#define SF_MAX_WORDS 2
/*
 * Bytes a long form, or what a parenthesis holds, may span: fifteen
 * words at most, and a bound that keeps the scan linear in its input.
 */
#define MAX_SPAN 256

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Trim white space from both ends of [*off, *off + *len) of s. */
static void
trim(const char *s, size_t *off, size_t *len)
{
	while (*len > 0 && is_space(s[*off])) {
		++*off;
		--*len;
	}
	while (*len > 0 && is_space(s[*off + *len - 1]))
		--*len;
}

static size_t
count_words(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (!is_space(s[i]) && (i == 0 || is_space(s[i - 1])))
			w++;
	return w;
}

/*
 * Whether s[0..n) may be a short form: at most two words and ten
 * characters, starting with a letter or digit, holding a letter.
 */
static int
short_ok(const char *s, size_t n)
{
	size_t i;

	if (n < 2 || n > SF_MAX_CHARS || !is_alnum(s[0]) ||
	    count_words(s, n) > SF_MAX_WORDS)
		return 0;
	for (i = 0; i < n; i++)
		if (is_letter(s[i]))
			return 1;
	return 0;
}

/*
 * The long form of sf inside the candidate l[0..ln): walking both from
 * their ends, each letter or digit of sf must be found further left in
 * l, and the first one at the start of a word.  Returns the offset in l
 * of the word where the long form starts, or -1.
 */
static long
best_long(const char *sf, size_t sn, const char *l, size_t ln)
{
	long s = (long)sn - 1, i = (long)ln - 1;

	while (s >= 0) {
		char c = lower(sf[s]);

		if (!is_alnum(c)) {
			s--;
			continue;
		}
		while (i >= 0 &&
		    (lower(l[i]) != c ||
			(s == 0 && i > 0 && is_alnum(l[i - 1]))))
			i--;
		if (i < 0)
			return -1;
		i--;
		s--;
	}
	/* Back to the start of the word holding the first match. */
	i++;
	while (i > 0 && !is_space(l[i - 1]))
		i--;
	return i;
}

/* Whether word w[0..wn) occurs as a whole word in s[0..n). */
static int
has_word(const char *s, size_t n, const char *w, size_t wn)
{
	size_t i;

	for (i = 0; i + wn <= n; i++)
		if ((i == 0 || !is_alnum(s[i - 1])) &&
		    (i + wn == n || !is_alnum(s[i + wn])) &&
		    strncmp(s + i, w, wn) == 0)
			return 1;
	return 0;
}

/*
 * Settle a candidate pair: sf at [so, so+sn), the long form's candidate
 * at [lo, lo+ln) of text.  Fills a and returns 1 when the long form fits.
 */
static int
settle(const char *text, size_t so, size_t sn, size_t lo, size_t ln,
    struct abbrev *a)
{
	size_t maxw = sn + 5 < 2 * sn ? sn + 5 : 2 * sn;
	long start;

	trim(text, &lo, &ln);
	trim(text, &so, &sn);
	if (!short_ok(text + so, sn) || ln == 0)
		return 0;
	/* Keep only the last maxw words of the candidate. */
	while (count_words(text + lo, ln) > maxw) {
		while (ln > 0 && !is_space(text[lo])) {
			lo++;
			ln--;
		}
		trim(text, &lo, &ln);
	}
	if ((start = best_long(text + so, sn, text + lo, ln)) < 0)
		return 0;
	lo += (size_t)start;
	ln -= (size_t)start;
	if (ln <= sn || has_word(text + lo, ln, text + so, sn) ||
	    count_words(text + lo, ln) > maxw)
		return 0;
	a->short_off = so;
	a->short_len = sn;
	a->long_off = lo;
	a->long_len = ln;
	return 1;
}

/* Whether s[0..n) has a capital: "SF (long form)" needs one in SF. */
static int
has_upper(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return 1;
	return 0;
}

/* Where the clause holding position end of text begins. */
static size_t
clause_start(const char *text, size_t end)
{
	size_t stop = end > MAX_SPAN ? end - MAX_SPAN : 0;

	while (end > stop && strchr(".,;:!?()[]\"", text[end - 1]) == NULL)
		end--;
	return end;
}

/*
 * The pair defined by the parenthesis text[open] .. text[close], of what
 * it holds up to a comma or semicolon and a space: first "long form
 * (SF)", else "SF (long form)" with SF the word before it.
 */
static int
pair_at(const char *text, size_t open, size_t close, struct abbrev *a)
{
	size_t io = open + 1, in = close - open - 1, sn, lo, wo;

	/* A comma or semicolon ends the short form: "(Ajax, or AJAX)". */
	for (sn = 0; sn < in; sn++)
		if ((text[io + sn] == ',' || text[io + sn] == ';') &&
		    sn + 1 < in && is_space(text[io + sn + 1]))
			break;
	lo = clause_start(text, open);
	if (settle(text, io, sn, lo, open - lo, a))
		return 1;
	/* The word just before the parenthesis as the short form. */
	wo = open;
	while (wo > lo && is_space(text[wo - 1]))
		wo--;
	while (wo > lo && !is_space(text[wo - 1]))
		wo--;
	return wo < open && has_upper(text + wo, open - wo) &&
	    settle(text, wo, open - wo, io, sn, a);
}

size_t
abbrev_find(const char *text, size_t n, struct abbrev *out, size_t max)
{
	size_t i, j, k = 0;

	for (i = 0; i < n && k < max; i++) {
		if (text[i] != '(')
			continue;
		for (j = i + 1; j < n && j <= i + MAX_SPAN && text[j] != ')' &&
		     text[j] != '(';
		     j++)
			;
		if (j == n || text[j] != ')') {
			i = j - 1; /* on from the next '(', never back */
			continue;
		}
		if (pair_at(text, i, j, &out[k]))
			k++;
		i = j;
	}
	return k;
}
