/*
 * Making untrusted text safe for a terminal (SPEC 4): C0 controls but tab
 * and newline become caret notation (^[), DEL becomes ^?, C1 controls
 * \x80-\x9f are written as \x9b, the bidi overrides U+202A-U+202E and
 * U+2066-U+2069 as <U+202E>, and bytes that are not UTF-8 as \xNN.
 */
#ifndef GLOSS_ESCAPE_H
#define GLOSS_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/*
 * The dangerous code points, listed once (escape.c): what each is, so
 * that every writer escapes them its own way.  ESC_LINESEP (U+2028,
 * U+2029) cannot act on a terminal; only JSON escapes it, as JavaScript
 * reads it as a line break inside a string.
 */
enum esc_kind {
	ESC_NONE,
	ESC_C0,	 /* U+0000-U+001F */
	ESC_DEL, /* U+007F */
	ESC_C1,	 /* U+0080-U+009F */
	ESC_LINESEP,
	ESC_BIDI /* U+202A-U+202E, U+2066-U+2069 */
};

/* What kind of dangerous code point cp is, or ESC_NONE. */
enum esc_kind esc_kind(int32_t cp);

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
