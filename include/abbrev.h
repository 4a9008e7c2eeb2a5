/*
 * Abbreviation definitions in running text, found as Schwartz and Hearst
 * (2003) find them: "long form (SF)" or "SF (long form)", where the
 * characters of the short form appear in order in the long form, the
 * first of them at the start of a word.  Used to derive the names a term
 * is also found by (names.h).
 */
#ifndef GLOSS_ABBREV_H
#define GLOSS_ABBREV_H

#include <stddef.h>

/* One definition: byte ranges into the text it was found in. */
struct abbrev {
	size_t short_off, short_len;
	size_t long_off, long_len;
};

/*
 * Find the abbreviation definitions of text[0..n), in order, storing at
 * most max of them in out.  Returns how many were stored.  Allocates
 * nothing; bytes that are not ASCII never match a short form's letter
 * except themselves.
 */
size_t abbrev_find(const char *text, size_t n, struct abbrev *out, size_t max);

#endif
