/*
 * Paragraph layout by display width: see wrap.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "md.h"
#include "utf8.h"
#include "wrap.h"

/* Style flags, toggled by MD_* marks inside text. */
enum { ST_EMPH = 1, ST_STRONG = 2, ST_CODE = 4 };

/* A paragraph being written. */
struct tw {
	const struct wrap_out *out;
	const char *base; /* SGR parameters for the whole paragraph, or "" */
	int style;
	size_t col; /* columns written on this line */
	int bol;    /* nothing visible on this line yet */
};

static void
tw_sgr(struct tw *w)
{
	FILE *fp = w->out->fp;
	const char *sep = "";

	if (!w->out->color)
		return;
	if (*w->base == '\0' && w->style == 0)
		return;
	fputs("\033[", fp);
	if (*w->base != '\0') {
		fputs(w->base, fp);
		sep = ";";
	}
	if (w->style & ST_STRONG) {
		fprintf(fp, "%s" SGR_BOLD, sep);
		sep = ";";
	}
	if (w->style & ST_EMPH) {
		fprintf(fp, "%s" SGR_UNDER, sep);
		sep = ";";
	}
	if (w->style & ST_CODE)
		fprintf(fp, "%s" SGR_CODE, sep);
	fputc('m', fp);
}

static void
tw_reset(struct tw *w)
{
	if (w->out->color && (*w->base != '\0' || w->style != 0))
		fputs(SGR_RESET, w->out->fp);
}

static void
tw_indent(struct tw *w, int n)
{
	while (n-- > 0)
		fputc(' ', w->out->fp);
}

/* End the line and start the next at column hang, in the same style. */
static void
tw_newline(struct tw *w, int hang)
{
	tw_reset(w);
	fputc('\n', w->out->fp);
	tw_indent(w, hang);
	tw_sgr(w);
	w->col = (size_t)hang;
}

static int
is_mark(char c)
{
	return c == MD_EMPH || c == MD_STRONG || c == MD_CODE;
}

/* Write bytes s[0..n), turning marks into style changes. */
static void
tw_emit(struct tw *w, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		if (!is_mark(s[i]))
			continue;
		fwrite(s + run, 1, i - run, w->out->fp);
		run = i + 1;
		if (w->out->color && w->style != 0)
			fputs(SGR_RESET, w->out->fp);
		w->style ^= s[i] == MD_EMPH ? ST_EMPH
		    : s[i] == MD_STRONG	    ? ST_STRONG
					    : ST_CODE;
		tw_sgr(w);
	}
	fwrite(s + run, 1, n - run, w->out->fp);
}

/*
 * The character at s (n bytes left): its length, its display width and
 * code point (a mark is 0 wide, a byte that is not UTF-8 1 wide).
 */
static int
char_at(const char *s, size_t n, size_t *width, int32_t *cp)
{
	int l;

	*cp = 0;
	if (is_mark(*s)) {
		*width = 0;
		return 1;
	}
	if ((l = utf8_decode(s, n, cp)) < 0) {
		*width = 1;
		return 1;
	}
	*width = (size_t)utf8_cpwidth(*cp);
	return l;
}

/* A unit of layout: a run of narrow characters, or one wide one. */
struct unit {
	size_t off, len;
	size_t width;
	int space; /* a space stands before it */
};

/* Closing punctuation that must not begin a line (kinsoku). */
static int
no_break_before(int32_t cp)
{
	switch (cp) {
	case 0x3001: /* 、 */
	case 0x3002: /* 。 */
	case 0x300d: /* 」 */
	case 0x300f: /* 』 */
	case 0xff01: /* ！ */
	case 0xff09: /* ） */
	case 0xff0c: /* ， */
	case 0xff0e: /* ． */
	case 0xff1a: /* ： */
	case 0xff1b: /* ； */
	case 0xff1f: /* ？ */
		return 1;
	default:
		return 0;
	}
}

/* Append a new unit at offset off to *u. */
static void
units_push(struct unit **u, size_t *n, size_t *cap, size_t off, int space)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*u = xreallocarray(*u, *cap, sizeof(**u));
	}
	(*u)[*n].off = off;
	(*u)[*n].len = 0;
	(*u)[*n].width = 0;
	(*u)[*n].space = space;
	(*n)++;
}

/*
 * Split text into units: words between spaces, and each wide (CJK)
 * character alone, since a line may break between any two of those.
 */
static void
units_of(const char *s, struct unit **out, size_t *nout)
{
	struct unit *u = NULL;
	size_t n = 0, cap = 0, i = 0, len = strlen(s);
	int space = 0, open = 0, prev_wide = 0;

	while (i < len) {
		int32_t cp;
		size_t cw;
		int l;

		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			space = 1;
			open = 0;
			i++;
			continue;
		}
		l = char_at(s + i, len - i, &cw, &cp);
		if (!open ||
		    (cw > 0 && (cw == 2 || prev_wide) &&
			!no_break_before(cp))) {
			units_push(&u, &n, &cap, i, space);
			space = 0;
			open = 1;
		}
		u[n - 1].len += (size_t)l;
		u[n - 1].width += cw;
		i += (size_t)l;
		if (cw > 0)
			prev_wide = cw == 2;
	}
	*out = u;
	*nout = n;
}

/* Unwrapped: the text on one line, but a code block keeps its lines. */
static void
tw_unwrapped(struct tw *w, int hang, const char *text)
{
	const char *p = text;

	for (;;) {
		const char *nl = strchr(p, '\n');

		tw_emit(w, p, nl ? (size_t)(nl - p) : strlen(p));
		if (nl == NULL)
			break;
		tw_newline(w, hang);
		p = nl + 1;
	}
}

/* A unit longer than a line: break it between characters. */
static void
tw_split_unit(struct tw *w, int hang, const char *s, size_t len)
{
	size_t j = 0, width = w->out->width;

	while (j < len) {
		int32_t cp;
		size_t cw;
		int l = char_at(s + j, len - j, &cw, &cp);

		if (w->col + cw > width && !w->bol)
			tw_newline(w, hang);
		tw_emit(w, s + j, (size_t)l);
		w->col += cw;
		if (cw > 0)
			w->bol = 0;
		j += (size_t)l;
	}
}

/* Lay the units of text out in lines of at most out->width columns. */
static void
tw_wrapped(struct tw *w, int hang, const char *text)
{
	size_t width = w->out->width, n, i;
	struct unit *u;

	units_of(text, &u, &n);
	for (i = 0; i < n; i++) {
		/* A space is written only between units on one line. */
		size_t need = u[i].width + (u[i].space && !w->bol);

		if (w->col + need > width && !w->bol && u[i].width > 0) {
			tw_newline(w, hang);
			w->bol = 1;
		} else if (u[i].space && !w->bol) {
			fputc(' ', w->out->fp);
			w->col++;
		}
		if (w->col + u[i].width > width && u[i].width > 0) {
			tw_split_unit(w, hang, text + u[i].off, u[i].len);
			continue;
		}
		tw_emit(w, text + u[i].off, u[i].len);
		w->col += u[i].width;
		if (u[i].width > 0)
			w->bol = 0;
	}
	free(u);
}

void
wrap_para(const struct wrap_out *out, const char *base, int indent, int hang,
    const char *text)
{
	struct tw w = {out, base, 0, (size_t)indent, 1};

	tw_indent(&w, indent);
	tw_sgr(&w);
	if (out->width == 0)
		tw_unwrapped(&w, hang, text);
	else
		tw_wrapped(&w, hang, text);
	tw_reset(&w);
	fputc('\n', out->fp);
}
