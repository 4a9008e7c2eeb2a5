/*
 * Unicode services, all from utf8proc and all behind this one file:
 * folding names for matching, validating, decoding and display width.
 */
#ifndef GLOSS_UTF8_H
#define GLOSS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Fold a name or a query into words for matching: a space put at each
 * camelCase boundary (utf8_camel: "configMap", "HTTPServer"), then
 * compatibility decomposition, case folding, accents and ignorable
 * characters removed, and every run of space, `-', `_', `/', `.' (not
 * between digits) and other white space made one space, trimmed.
 * "Cross_Sell", "cross-sell" and "CROSS SELL" fold alike, so do "Café"
 * and "cafe".  Bytes that are not UTF-8 are folded as ASCII.
 * The caller frees the result.
 */
char *utf8_fold(const char *s, size_t n);

/*
 * utf8_fold of the NUL-terminated s with its spaces dropped: the key
 * term_key matches names by ("config map", "configMap" -> "configmap").
 * ASCII takes a shorter path to the same bytes.  The caller frees the
 * result.
 */
char *utf8_key(const char *s);

/*
 * utf8_key of s[0..n) into k, which has room for n + 1 bytes, when
 * utf8_key's short path for ASCII makes it: 0; else -1, k's bytes
 * undefined, and only utf8_key makes the key.
 */
int utf8_key_ascii(const char *s, size_t n, char *k);

/*
 * Whether key is utf8_key(s), without making it when s is ASCII: 1 or
 * 0.  Both NUL-terminated.
 */
int utf8_is_key(const char *s, const char *key);

/*
 * The camelCase boundaries of s[0..n): byte offsets where a new word
 * starts, as utf8_fold splits "configMap" and "HTTPServer" (never to
 * leave a part of one letter: "SaaS", "iPhone").  Stores at
 * most max of them in bounds and returns how many it stored.
 */
#define UTF8_CAMEL_MAX 64
size_t utf8_camel(const char *s, size_t n, size_t *bounds, size_t max);

/*
 * Decode one code point from s (at most n bytes).  Returns its length in
 * bytes, or -1 if the bytes there are not valid UTF-8 (overlong forms and
 * surrogates included); *cp is then the first byte.
 */
int utf8_decode(const char *s, size_t n, int32_t *cp);

/*
 * Check that s is UTF-8 without NUL bytes.  Returns 0 when it is, else -1
 * with *bad set to the offset of the first offending byte.
 */
int utf8_check(const char *s, size_t n, size_t *bad);

/*
 * The length of the ASCII bytes s[0..n) starts with (NUL among them):
 * 32 bytes at a time, for the scans of every term file.
 */
size_t utf8_ascii_prefix(const char *s, size_t n);

/*
 * The 1-based line and column (counted in characters, not bytes) of byte
 * off of s, which must hold at least off bytes.
 */
void utf8_linecol(const char *s, size_t off, unsigned *line, unsigned *col);

/* Display width of one code point in terminal columns (0, 1 or 2). */
int utf8_cpwidth(int32_t cp);

/* Display width of n bytes of UTF-8; an invalid byte counts as 4 ("\xNN"). */
size_t utf8_width(const char *s, size_t n);

/*
 * Whether a line break between code points a and b is no space, as CSS
 * Text 3 has a browser show it: both Chinese or Japanese (East Asian
 * wide, fullwidth or halfwidth), neither Hangul, whose words are spaced.
 */
int utf8_break_vanishes(int32_t a, int32_t b);

/*
 * The code point that ends s[0..n), or -1 when s does not end with a
 * whole, valid one.
 */
int32_t utf8_last(const char *s, size_t n);

/* Whether cp is a letter or a digit: a word character for search. */
int utf8_isalnum(int32_t cp);

#endif
