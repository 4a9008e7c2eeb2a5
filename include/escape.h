/*
 * Making untrusted text safe for a terminal (SPEC 4): C0 controls but tab
 * and newline become caret notation (^[), DEL becomes ^?, C1 controls
 * \x80-\x9f are written as \x9b, the bidi overrides U+202A-U+202E and
 * U+2066-U+2069 as <U+202E>, and bytes that are not UTF-8 as \xNN.
 */
#ifndef GLOSS_ESCAPE_H
#define GLOSS_ESCAPE_H

#include <stddef.h>

#include "util.h"

/* Whether n bytes of s hold anything esc_append would change. */
int esc_needed(const char *s, size_t n);
/* Append n bytes of s to sb, escaped. */
void esc_append(struct sbuf *sb, const char *s, size_t n);
/*
 * Escape s like esc_append, and also a newline and tab (as \n, \t),
 * for one-line contexts such as diagnostics.  The caller frees the result.
 */
char *esc_line(const char *s);

#endif
