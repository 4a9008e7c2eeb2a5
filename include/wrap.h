/*
 * The layout engine of the text format: a paragraph written with an
 * indent and a hanging indent, wrapped by display width (CJK and emoji
 * count two columns; a line may break between wide characters, never
 * before closing punctuation), styled by the MD_* marks of md.h in SGR
 * colour.  It decides nothing about what to print (render_text.c does),
 * as mandoc's term.c lays out what mdoc_term.c chooses.
 */
#ifndef GLOSS_WRAP_H
#define GLOSS_WRAP_H

#include <stddef.h>
#include <stdio.h>

/* SGR parameters for a paragraph's base style. */
#define SGR_RESET  "\033[0m"
#define SGR_BOLD   "1"
#define SGR_DIM	   "2"
#define SGR_UNDER  "4"
#define SGR_CODE   "36"
#define SGR_ITALIC "3"

/* Where and how paragraphs are written. */
struct wrap_out {
	FILE *fp;
	int color;    /* write SGR sequences */
	size_t width; /* wrap at this many columns; 0: never (lines kept) */
};

/*
 * Write text as one paragraph ended by a newline: the first line indented
 * by indent columns, the others by hang, in base style (SGR parameters,
 * or "").  text must be escaped already; it may carry MD_* marks.
 */
void wrap_para(const struct wrap_out *, const char *base, int indent, int hang,
    const char *text);

#endif
