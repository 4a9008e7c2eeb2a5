/*
 * The text format: for a person at a terminal (wrapped, maybe coloured)
 * and, unwrapped and plain, for a pipe.  Term text is always escaped
 * (SPEC 4), whatever stdout is.
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "md.h"
#include "render.h"
#include "utf8.h"

#define SGR_RESET  "\033[0m"
#define SGR_BOLD   "1"
#define SGR_DIM	   "2"
#define SGR_UNDER  "4"
#define SGR_CODE   "36"
#define SGR_ITALIC "3"

/* Style flags, toggled by MD_* marks inside text. */
enum { ST_EMPH = 1, ST_STRONG = 2, ST_CODE = 4 };

struct tw {
	struct render_ctx *ctx;
	const char *base; /* SGR parameters for the whole paragraph, or "" */
	int style;
};

static void
tw_sgr(struct tw *w)
{
	FILE *fp = w->ctx->fp;
	const char *sep = "";

	if (!w->ctx->opts->color)
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
	if (w->ctx->opts->color && (*w->base != '\0' || w->style != 0))
		fputs(SGR_RESET, w->ctx->fp);
}

static void
tw_indent(struct tw *w, int n)
{
	while (n-- > 0)
		fputc(' ', w->ctx->fp);
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
		fwrite(s + run, 1, i - run, w->ctx->fp);
		run = i + 1;
		if (w->ctx->opts->color && w->style != 0)
			fputs(SGR_RESET, w->ctx->fp);
		w->style ^= s[i] == MD_EMPH ? ST_EMPH
		    : s[i] == MD_STRONG	    ? ST_STRONG
					    : ST_CODE;
		tw_sgr(w);
	}
	fwrite(s + run, 1, n - run, w->ctx->fp);
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
		int32_t cp = 0;
		int l, cw;

		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			space = 1;
			open = 0;
			i++;
			continue;
		}
		if (is_mark(s[i])) {
			l = 1;
			cw = 0;
		} else if ((l = utf8_decode(s + i, len - i, &cp)) < 0) {
			l = 1;
			cw = 1;
		} else
			cw = utf8_cpwidth(cp);
		if (!open ||
		    (cw > 0 && (cw == 2 || prev_wide) &&
			!no_break_before(cp))) {
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				u = xreallocarray(u, cap, sizeof(*u));
			}
			u[n].off = i;
			u[n].len = 0;
			u[n].width = 0;
			u[n].space = space;
			n++;
			space = 0;
			open = 1;
		}
		u[n - 1].len += (size_t)l;
		u[n - 1].width += (size_t)cw;
		i += (size_t)l;
		if (cw > 0)
			prev_wide = cw == 2;
	}
	*out = u;
	*nout = n;
}

/*
 * Write a paragraph: first line indented by indent, the others by hang,
 * wrapped at opts->width by display width (never wrapped when 0).
 * text is escaped and may carry MD_* marks.
 */
static void
tw_para(struct render_ctx *ctx, const char *base, int indent, int hang,
    const char *text)
{
	struct tw w = {ctx, base, 0};
	struct unit *u;
	size_t n, i, col, width = (size_t)ctx->opts->width;
	int bol = 1;

	tw_indent(&w, indent);
	tw_sgr(&w);
	if (width == 0) {
		const char *p;

		for (p = text; *p != '\0'; p++)
			if (*p == '\n')
				break;
		if (*p == '\0') {
			tw_emit(&w, text, strlen(text));
		} else {
			/* A code block keeps its lines. */
			for (p = text; *p != '\0';) {
				const char *nl = strchr(p, '\n');
				size_t l = nl ? (size_t)(nl - p) : strlen(p);

				tw_emit(&w, p, l);
				if (nl == NULL)
					break;
				tw_reset(&w);
				fputc('\n', ctx->fp);
				tw_indent(&w, hang);
				tw_sgr(&w);
				p = nl + 1;
			}
		}
		tw_reset(&w);
		fputc('\n', ctx->fp);
		return;
	}
	units_of(text, &u, &n);
	col = (size_t)indent;
	for (i = 0; i < n; i++) {
		/* A space is written only between units on one line. */
		size_t need = u[i].width + (u[i].space && !bol);

		if (col + need > width && !bol && u[i].width > 0) {
			tw_reset(&w);
			fputc('\n', ctx->fp);
			tw_indent(&w, hang);
			tw_sgr(&w);
			col = (size_t)hang;
			bol = 1;
		} else if (u[i].space && !bol) {
			fputc(' ', ctx->fp);
			col++;
		}
		if (col + u[i].width > width && u[i].width > 0) {
			/* Longer than a line: break between characters. */
			size_t j = 0;
			const char *s = text + u[i].off;

			while (j < u[i].len) {
				int32_t cp = 0;
				int l = is_mark(s[j])
				    ? 1
				    : utf8_decode(s + j, u[i].len - j, &cp);
				size_t cw;

				if (l < 0) {
					l = 1;
					cw = 1;
				} else
					cw = is_mark(s[j])
					    ? 0
					    : (size_t)utf8_cpwidth(cp);
				if (col + cw > width && !bol) {
					tw_reset(&w);
					fputc('\n', ctx->fp);
					tw_indent(&w, hang);
					tw_sgr(&w);
					col = (size_t)hang;
				}
				tw_emit(&w, s + j, (size_t)l);
				col += cw;
				if (cw > 0)
					bol = 0;
				j += (size_t)l;
			}
			continue;
		}
		tw_emit(&w, text + u[i].off, u[i].len);
		col += u[i].width;
		if (u[i].width > 0)
			bol = 0;
	}
	tw_reset(&w);
	fputc('\n', ctx->fp);
	free(u);
}

/* Escape raw term text for tw_para. The caller frees. */
static char *
esc(const char *s)
{
	struct sbuf sb;

	sb_init(&sb);
	esc_append(&sb, s, strlen(s));
	return sb_take(&sb);
}

/* Write a raw string escaped, with an optional SGR style, no newline. */
static void
put_styled(struct render_ctx *ctx, const char *sgr, const char *s)
{
	char *e = esc(s);

	if (ctx->opts->color && sgr != NULL)
		fprintf(ctx->fp, "\033[%sm%s" SGR_RESET, sgr, e);
	else
		fputs(e, ctx->fp);
	free(e);
}

static void
para_raw(struct render_ctx *ctx, const char *base, int indent, int hang,
    const char *raw)
{
	char *e = esc(raw);

	tw_para(ctx, base, indent, hang, e);
	free(e);
}

static void
body(struct render_ctx *ctx, const struct term *t)
{
	struct md_doc doc;
	const char *b = term_body(t);
	size_t i;

	md_parse(b, strlen(b), &doc);
	if (doc.n > 0 && doc.v[0].kind != MD_HEADING)
		fputc('\n', ctx->fp);
	for (i = 0; i < doc.n; i++) {
		const struct md_block *k = &doc.v[i];
		int ind = 2 + 2 * k->level;
		char *s;

		switch (k->kind) {
		case MD_HEADING:
			fputc('\n', ctx->fp);
			tw_para(ctx, k->level <= 2 ? SGR_BOLD : SGR_UNDER, 2, 2,
			    k->text);
			break;
		case MD_PARA:
			if (i > 0 && doc.v[i - 1].kind != MD_HEADING)
				fputc('\n', ctx->fp);
			tw_para(ctx, "", 4, 4, k->text);
			break;
		case MD_QUOTE:
			fputc('\n', ctx->fp);
			tw_para(ctx, SGR_ITALIC, 6, 6, k->text);
			break;
		case MD_ITEM:
			if (i > 0 && doc.v[i - 1].kind != MD_ITEM &&
			    doc.v[i - 1].kind != MD_HEADING)
				fputc('\n', ctx->fp);
			s = xasprintf("%s%s", k->marker, k->text);
			tw_para(ctx, "", ind + 2,
			    ind + 2 + (int)strlen(k->marker), s);
			free(s);
			break;
		case MD_CODEBLOCK:
			fputc('\n', ctx->fp);
			tw_para(ctx, SGR_CODE, 6, 6, k->text);
			break;
		case MD_RULE:
			fputc('\n', ctx->fp);
			tw_para(ctx, SGR_DIM, 4, 4, "----");
			break;
		}
	}
	md_doc_release(&doc);
}

static void
show(struct render_ctx *ctx, const struct rrec *r)
{
	const struct term *t = r->term;
	FILE *fp = ctx->fp;
	struct sbuf sb;
	size_t i;

	if (ctx->nrec > 0)
		fputc(ctx->opts->sep, fp);
	sb_init(&sb);
	sb_addc(&sb, MD_STRONG);
	esc_append(&sb, t->name, strlen(t->name));
	sb_addc(&sb, MD_STRONG);
	if (t->pronunciation != NULL) {
		sb_adds(&sb, " [");
		esc_append(&sb, t->pronunciation, strlen(t->pronunciation));
		sb_addc(&sb, ']');
	}
	tw_para(ctx, "", 0, 2, sb.s);
	sb_release(&sb);
	sb_init(&sb);
	sb_adds(&sb, t->category);
	if (t->vertical != NULL) {
		sb_adds(&sb, " · ");
		sb_adds(&sb, t->vertical);
	}
	if (t->aliases.n > 0) {
		sb_adds(&sb, " · also ");
		for (i = 0; i < t->aliases.n; i++) {
			if (i > 0)
				sb_adds(&sb, ", ");
			sb_adds(&sb, t->aliases.v[i]);
		}
	}
	if (r->match != MATCH_NONE && r->match != MATCH_EXACT)
		sb_addf(&sb, " · %s match", match_name(r->match));
	para_raw(ctx, SGR_DIM, 2, 2, sb.s);
	sb_release(&sb);
	fputc('\n', fp);
	para_raw(ctx, "", 2, 2, t->description);
	if (ctx->opts->full && *term_body(t) != '\0')
		body(ctx, t);
	if (t->examples.n > 0) {
		fputc('\n', fp);
		tw_para(ctx, SGR_BOLD, 2, 2,
		    t->examples.n == 1 ? "Example" : "Examples");
		for (i = 0; i < t->examples.n; i++) {
			if (t->examples.n == 1)
				para_raw(ctx, "", 4, 4, t->examples.v[i]);
			else {
				char *s = xasprintf("- %s", t->examples.v[i]);

				para_raw(ctx, "", 4, 6, s);
				free(s);
			}
		}
	}
	if (t->nrelated > 0) {
		sb_init(&sb);
		for (i = 0; i < t->nrelated; i++) {
			if (i > 0)
				sb_adds(&sb, ", ");
			sb_adds(&sb, t->related[i].name);
		}
		fputc('\n', fp);
		tw_para(ctx, SGR_BOLD, 2, 2, "Related");
		para_raw(ctx, "", 4, 4, sb.s);
		sb_release(&sb);
	}
}

/* The first sentence of s, for one-line listings.  The caller frees. */
static char *
first_sentence(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '.' && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0'))
			return xstrndup(s, (size_t)(p - s + 1));
	return xstrdup(s);
}

static void
search_hit(struct render_ctx *ctx, const struct rrec *r)
{
	const struct hit *h = r->hit;
	struct sbuf sb;
	size_t i, at = 0;

	put_styled(ctx, SGR_BOLD, r->term->name);
	if (r->match != MATCH_FULLTEXT && r->match != MATCH_NONE)
		fprintf(ctx->fp, " (%s)", match_name(r->match));
	fputc('\n', ctx->fp);
	if (h == NULL || h->snippet == NULL)
		return;
	/* Matched words are marked bold (shown only in colour). */
	sb_init(&sb);
	for (i = 0; i < h->nmarks; i++) {
		size_t s = h->marks[2 * i], e = h->marks[2 * i + 1];

		esc_append(&sb, h->snippet + at, s - at);
		sb_addc(&sb, MD_STRONG);
		esc_append(&sb, h->snippet + s, e - s);
		sb_addc(&sb, MD_STRONG);
		at = e;
	}
	esc_append(&sb, h->snippet + at, strlen(h->snippet) - at);
	tw_para(ctx, "", 4, 4, sb.s);
	sb_release(&sb);
}

static void
related(struct render_ctx *ctx, const struct rrec *r)
{
	const struct rel *l = r->rel;
	const char *arrow = l->dir == REL_OUT ? "->"
	    : l->dir == REL_IN		      ? "<-"
					      : "<->";
	struct sbuf sb;
	char *d;
	int ind = 2 * l->depth;

	if (ctx->nrec == 0 && ctx->subject != NULL) {
		put_styled(ctx, SGR_BOLD, ctx->subject->name);
		fputc('\n', ctx->fp);
	}
	sb_init(&sb);
	sb_addf(&sb, "%-3s ", arrow);
	esc_append(&sb, l->name, strlen(l->name));
	if (l->term == NULL)
		sb_adds(&sb, " (not in the glossary)");
	else {
		sb_adds(&sb, " - ");
		d = first_sentence(l->term->description);
		esc_append(&sb, d, strlen(d));
		free(d);
	}
	tw_para(ctx, "", ind, ind + 4, sb.s);
	sb_release(&sb);
}

static void
text_record(struct render_ctx *ctx, const struct rrec *r)
{
	switch (ctx->mode) {
	case RM_SHOW:
		show(ctx, r);
		break;
	case RM_LIST:
		put_styled(ctx, NULL, r->term->name);
		fputc(ctx->opts->sep, ctx->fp);
		break;
	case RM_SEARCH:
		search_hit(ctx, r);
		break;
	case RM_RELATED:
		related(ctx, r);
		break;
	case RM_CHECK:
		/* Diagnostics are on stderr already; text prints a summary. */
		break;
	case RM_CATEGORIES:
		fprintf(ctx->fp, "%5zu  ", r->count);
		put_styled(ctx, NULL, r->group);
		fputc(ctx->opts->sep, ctx->fp);
		break;
	}
}

const struct renderer render_text = {"text", NULL, text_record, NULL};
