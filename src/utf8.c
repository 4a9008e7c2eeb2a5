#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "utf8.h"
#include "util.h"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The separators below 64: space, `-', `.', `/' and other white space. */
#define SEP_LOW                                                                \
	(1ULL << ' ' | 1ULL << '-' | 1ULL << '.' | 1ULL << '/' |               \
	    1ULL << '\t' | 1ULL << '\n' | 1ULL << '\v' | 1ULL << '\f' |        \
	    1ULL << '\r')

/* Whether byte c separates words, or (a `.') may: see is_sep. */
#define SEP_BYTE(c) ((c) < 64 ? (SEP_LOW >> ((c)&63)) & 1 : (c) == '_')

/*
 * What utf8_key makes of an ASCII byte: itself in lower case, 0 for a
 * separator (dropped), 0xff for a `.' or a byte from 0x80 on, which need
 * a closer look.
 */
#define KEY_BYTE(c)                                                            \
	((c) >= 0x80 || (c) == '.'	   ? 0xff                              \
		: SEP_BYTE(c)		   ? 0                                 \
		: (c) >= 'A' && (c) <= 'Z' ? (c) - 'A' + 'a'                   \
					   : (c))
/* Each cast: clang weighs the arms a byte does not take (287 for 255's
 * lower case) and warns that they do not fit. */
#define KEY_BYTE1(c) ((unsigned char)(KEY_BYTE(c)))
#define KEY_BYTE4(c)                                                           \
	KEY_BYTE1(c), KEY_BYTE1((c) + 1), KEY_BYTE1((c) + 2), KEY_BYTE1((c) + 3)
#define KEY_BYTE16(c)                                                          \
	KEY_BYTE4(c), KEY_BYTE4((c) + 4), KEY_BYTE4((c) + 8),                  \
	    KEY_BYTE4((c) + 12)
#define KEY_BYTE64(c)                                                          \
	KEY_BYTE16(c), KEY_BYTE16((c) + 16), KEY_BYTE16((c) + 32),             \
	    KEY_BYTE16((c) + 48)
static const unsigned char key_byte[256] = {
    KEY_BYTE64(0u), KEY_BYTE64(64u), KEY_BYTE64(128u), KEY_BYTE64(192u)};

static int
sep_byte(unsigned char c)
{
	return (int)SEP_BYTE(c);
}

/* A word separator; a `.' between digits (3.14) is part of a number. */
static int
is_sep(const char *start, const char *s)
{
	if (!sep_byte((unsigned char)*s))
		return 0;
	if (*s != '.')
		return 1;
	return s == start || !is_digit(s[-1]) || !is_digit(s[1]);
}

/* Collapse runs of separators to one space and trim both ends, in place. */
static void
squeeze(char *s)
{
	char *start = s, *w = s, *r = s;
	int pend = 0;

	for (; *s != '\0'; s++) {
		if (is_sep(r, s)) {
			pend = w != start;
			continue;
		}
		if (pend) {
			*w++ = ' ';
			pend = 0;
		}
		*w++ = *s;
	}
	*w = '\0';
}

/* The case of a code point: 'u' upper, 'l' lower, 0 neither. */
static int
letter_case(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? 'u'
		    : cp >= 'a' && cp <= 'z'  ? 'l'
					      : 0;
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT ? 'u'
	    : c == UTF8PROC_CATEGORY_LL				      ? 'l'
								      : 0;
}

/*
 * Whether a word boundary lies before the letter of case cur, after prev
 * with ups upper-case letters in a row before it, next being the case of
 * the letter after: "configMap" splits before M, "HTTPServer" before S
 * (two or more capitals, then a capitalised word), "IPv4" nowhere.
 */
static int
camel_boundary(int prev, int cur, int next, size_t ups)
{
	if (cur != 'u')
		return 0;
	return prev == 'l' || (prev == 'u' && next == 'l' && ups >= 2);
}

/* The case of the character at s[0..n) ('u', 'l' or 0); *len its bytes. */
static int
case_at(const char *s, size_t n, int *len)
{
	int32_t cp = (unsigned char)s[0];

	*len = 1;
	if (cp >= 0x80 && (*len = utf8_decode(s, n, &cp)) < 0) {
		*len = 1;
		return 0;
	}
	return letter_case(cp);
}

/* Whether s[0..n) is ASCII with no capital after its first byte. */
static int
no_inner_capital(const char *s, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || (s[i] >= 'A' && s[i] <= 'Z'))
			return 0;
	return 1;
}

size_t
utf8_camel(const char *s, size_t n, size_t *bounds, size_t max)
{
	size_t i = 0, ups = 0, nb = 0;
	int prev = 0, cur, next, len, nlen;

	if (n == 0 || no_inner_capital(s, n))
		return 0;
	cur = case_at(s, n, &len);
	while (i < n) {
		nlen = 0;
		next = 0;
		if (i + (size_t)len < n)
			next = case_at(s + i + len, n - i - len, &nlen);
		/* A part of one letter is no word: SaaS, iPhone stay whole. */
		if (camel_boundary(prev, cur, next, ups) && nb < max &&
		    i >= (nb > 0 ? bounds[nb - 1] : 0) + 2 && i + 2 <= n &&
		    next != 0)
			bounds[nb++] = i;
		ups = cur == 'u' ? ups + 1 : 0;
		prev = cur;
		cur = next;
		i += (size_t)len;
		len = nlen;
	}
	return nb;
}

/*
 * s[0..n) with a space at each camelCase boundary, *outn its length; NULL
 * when it has none.  It must run before case folding, which loses them.
 */
static char *
camel_split(const char *s, size_t n, size_t *outn)
{
	struct sbuf sb;
	size_t b[UTF8_CAMEL_MAX], nb = utf8_camel(s, n, b, UTF8_CAMEL_MAX), i,
				  last = 0;

	if (nb == 0)
		return NULL;
	sb_init(&sb);
	for (i = 0; i < nb; i++) {
		sb_addn(&sb, s + last, b[i] - last);
		sb_addc(&sb, ' ');
		last = b[i];
	}
	sb_addn(&sb, s + last, n - last);
	*outn = sb.len;
	return sb_take(&sb);
}

/* Fold s[0..n) as utf8_fold does, once camelCase is split. */
static char *
fold(const char *s, size_t n)
{
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPAT |
	    UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
	    UTF8PROC_IGNORE | UTF8PROC_LUMP;
	utf8proc_uint8_t *out = NULL;
	char *res;
	size_t i;
	int ascii = 1;

	for (i = 0; i < n && ascii; i++)
		ascii = (unsigned char)s[i] < 0x80;
	if (!ascii &&
	    utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
		opts) >= 0)
		res = (char *)out;
	else {
		/* ASCII (no need for utf8proc), or not UTF-8 at all. */
		res = xstrndup(s, n);
		for (i = 0; i < n; i++)
			if (res[i] >= 'A' && res[i] <= 'Z')
				res[i] = (char)(res[i] - 'A' + 'a');
	}
	squeeze(res);
	return res;
}

char *
utf8_fold(const char *s, size_t n)
{
	size_t cn = 0;
	char *split = camel_split(s, n, &cn);
	char *res;

	if (split == NULL)
		return fold(s, n);
	res = fold(split, cn);
	free(split);
	return res;
}

/* Drop the spaces of s, in place. */
static void
drop_spaces(char *s)
{
	char *w = s;

	for (; *s != '\0'; s++)
		if (*s != ' ')
			*w++ = *s;
	*w = '\0';
}

/* utf8_fold's key of s[0..n) (the NUL-terminated s): spaces dropped. */
static char *
fold_key(const char *s, size_t n)
{
	char *k = utf8_fold(s, n);

	drop_spaces(k);
	return k;
}

int
utf8_key_ascii(const char *s, size_t n, char *k)
{
	size_t i, w = 0;

	/*
	 * Most names are ASCII: for it, utf8_fold is lower case (utf8proc
	 * is needed only from 0x80 on) with separators folded, and the
	 * spaces put at camelCase boundaries go with the others.  So one
	 * pass makes the key; at the first other byte, the general way.
	 */
	for (i = 0; i < n; i++) {
		unsigned char c = key_byte[(unsigned char)s[i]];

		if (c != 0xff) {
			k[w] = (char)c;
			w += c != 0;
		} else if (s[i] != '.')
			return -1;
		else if (!is_sep(s, s + i))
			k[w++] = '.';
	}
	k[w] = '\0';
	return 0;
}

char *
utf8_key(const char *s)
{
	size_t n = strlen(s);
	char *k = xmalloc(n + 1);

	if (utf8_key_ascii(s, n, k) == 0)
		return k;
	free(k);
	return fold_key(s, n);
}

int
utf8_is_key(const char *s, const char *key)
{
	size_t i, w = 0;
	char *k;
	int eq;

	/* utf8_key's one pass over ASCII, comparing instead of writing: a
	 * difference there is a difference (a "no" only costs the caller
	 * bytes); at the first other byte, the key made and compared. */
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = key_byte[(unsigned char)s[i]];

		if (c != 0xff) {
			if (c != 0 && (unsigned char)key[w++] != c)
				return 0;
		} else if (s[i] != '.') {
			k = utf8_key(s);
			eq = strcmp(k, key) == 0;
			free(k);
			return eq;
		} else if (!is_sep(s, s + i) && key[w++] != '.')
			return 0;
	}
	return key[w] == '\0';
}

int
utf8_decode(const char *s, size_t n, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t r;

	if (n == 0) {
		*cp = 0;
		return -1;
	}
	r = utf8proc_iterate(
	    (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
	if (r <= 0) {
		*cp = (unsigned char)s[0];
		return -1;
	}
	*cp = c;
	return (int)r;
}

/* Whether the 64 bytes at p are ASCII: eight words at a time. */
static int
ascii64(const unsigned char *p)
{
	uint64_t w[8];

	memcpy(w, p, sizeof(w));
	return ((w[0] | w[1] | w[2] | w[3] | w[4] | w[5] | w[6] | w[7]) &
		   0x8080808080808080ULL) == 0;
}

size_t
utf8_ascii_prefix(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i + 64 <= n && ascii64(u + i))
		i += 64;
	while (i < n && u[i] < 0x80)
		i++;
	return i;
}

int
utf8_check(const char *s, size_t n, size_t *bad)
{
	/*
	 * Every term file is checked whole: the C library's vectorised
	 * memchr finds a NUL, and ASCII before it is passed a word at a
	 * time (utf8_ascii_prefix); only the rest is decoded.
	 */
	const char *nul = memchr(s, '\0', n);
	size_t m = nul != NULL ? (size_t)(nul - s) : n, i = 0;
	int32_t cp;
	int len;

	while (i < m) {
		if ((i += utf8_ascii_prefix(s + i, m - i)) == m)
			break;
		if ((len = utf8_decode(s + i, m - i, &cp)) < 0)
			break;
		i += (size_t)len;
	}
	if (i == n)
		return 0;
	*bad = i;
	return -1;
}

int
utf8_cpwidth(int32_t cp)
{
	int w = utf8proc_charwidth(cp);

	return w < 0 ? 0 : w;
}

static int
is_hangul(int32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x11ff) ||
	    (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0xa960 && cp <= 0xa97f) ||
	    (cp >= 0xac00 && cp <= 0xd7ff) || (cp >= 0xffa0 && cp <= 0xffdc);
}

/* East Asian wide or fullwidth (two columns), or a halfwidth katakana. */
static int
is_east_asian(int32_t cp)
{
	return (cp >= 0xff61 && cp <= 0xff9f) || utf8proc_charwidth(cp) == 2;
}

int
utf8_break_vanishes(int32_t a, int32_t b)
{
	return a >= 0x1100 && b >= 0x1100 && is_east_asian(a) &&
	    is_east_asian(b) && !is_hangul(a) && !is_hangul(b);
}

int32_t
utf8_last(const char *s, size_t n)
{
	size_t i = n;
	int32_t cp;

	while (i > 0 && n - i < 4 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0 ||
	    utf8_decode(s + i - 1, n - i + 1, &cp) != (int)(n - i + 1))
		return -1;
	return cp;
}

size_t
utf8_width(const char *s, size_t n)
{
	size_t i = 0, w = 0;
	int32_t cp;
	int len;

	while (i < n) {
		if ((len = utf8_decode(s + i, n - i, &cp)) < 0) {
			w += 4;
			i++;
			continue;
		}
		w += (size_t)utf8_cpwidth(cp);
		i += (size_t)len;
	}
	return w;
}

int
utf8_isalnum(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	    (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	    (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

void
utf8_linecol(const char *s, size_t off, unsigned *line, unsigned *col)
{
	size_t i;

	*line = *col = 1;
	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xc0) != 0x80)
			++*col;
	}
}
