/*
 * The text format: for a person at a terminal (wrapped, maybe coloured)
 * and, unwrapped and plain, for a pipe.  Term text is always escaped
 * (SPEC 4), whatever stdout is.  This file decides what to print; wrap.c
 * lays it out.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "md.h"
#include "render.h"
#include "wrap.h"

/* Write a paragraph (wrap.h) to the context's stream. */
static void
tw_para(struct render_ctx *ctx, const char *base, int indent, int hang,
    const char *text)
{
	struct wrap_out out;

	out.fp = ctx->fp;
	out.color = ctx->opts->color;
	out.width = (size_t)ctx->opts->width;
	wrap_para(&out, base, indent, hang, text);
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

/* Block i of a body; prev, the kind of the block shown before it (a
 * heading for the first), decides the spacing. */
static void
body_block(struct render_ctx *ctx, const struct md_doc *doc, enum md_kind prev,
    size_t i)
{
	const struct md_block *k = &doc->v[i];
	int ind = 2 + 2 * k->level;
	char *s;

	switch (k->kind) {
	case MD_HEADING:
		fputc('\n', ctx->fp);
		tw_para(
		    ctx, k->level <= 2 ? SGR_BOLD : SGR_UNDER, 2, 2, k->text);
		break;
	case MD_PARA:
		if (prev != MD_HEADING)
			fputc('\n', ctx->fp);
		tw_para(ctx, "", 4, 4, k->text);
		break;
	case MD_QUOTE:
		fputc('\n', ctx->fp);
		tw_para(ctx, SGR_ITALIC, 6, 6, k->text);
		break;
	case MD_ITEM:
		if (prev != MD_ITEM && prev != MD_HEADING)
			fputc('\n', ctx->fp);
		s = xasprintf("%s%s", k->marker, k->text);
		tw_para(ctx, "", ind + 2, ind + 2 + (int)strlen(k->marker), s);
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
	case MD_ROW: /* a table's rows, one a line */
		if (prev != MD_ROW && prev != MD_HEADING)
			fputc('\n', ctx->fp);
		tw_para(ctx, "", 4, 6, k->text);
		break;
	}
}

/*
 * Whether text (a block's, with style marks) is what *d starts with,
 * white space taken as one space, the marks as nothing, and a link's
 * " <address>" (which a description leaves out) as nothing; if so, *d
 * moves past it and the space after it.
 */
static int
starts_with_text(const char **d, const char *text)
{
	const char *p = *d, *q = text, *gt;

	for (;;) {
		while (*q == MD_EMPH || *q == MD_STRONG || *q == MD_CODE)
			q++;
		if (q[0] == ' ' && q[1] == '<' &&
		    !(p[0] == ' ' && p[1] == '<') &&
		    (gt = strchr(q, '>')) != NULL) {
			q = gt + 1;
			continue;
		}
		if (isspace((unsigned char)*q) || *q == '\0') {
			q += strspn(q, " \t\n\r");
			if (*q == '\0')
				break;
			if (!isspace((unsigned char)*p))
				return 0;
			p += strspn(p, " \t\n\r");
			continue;
		}
		if (*p++ != *q++)
			return 0;
	}
	if (*p != '\0' && !isspace((unsigned char)*p))
		return 0;
	*d = p + strspn(p, " \t\n\r");
	return 1;
}

/*
 * The paragraphs of doc that say the description again word for word,
 * and all of it, as doc[*first .. *first + the count returned): those
 * the description was taken from, past the headings and pictures above
 * them (Kubernetes repeats its short_description above <!--more-->; a
 * description from the body is its first paragraph with text).  --full
 * shows them once, as the description.  0 if none do.
 */
static size_t
said_already(const struct md_doc *doc, const char *desc, size_t *first)
{
	const char *d = desc + strspn(desc, " \t\n\r");
	size_t i = 0, j;

	while (i < doc->n &&
	    (doc->v[i].kind == MD_HEADING ||
		(doc->v[i].kind == MD_PARA && doc->v[i].pictures)))
		i++;
	*first = i;
	for (j = i; j < doc->n && *d != '\0'; j++)
		if (doc->v[j].kind != MD_PARA ||
		    !starts_with_text(&d, doc->v[j].text))
			return 0;
	return *d == '\0' ? j - i : 0;
}

static void
body(struct render_ctx *ctx, const struct term *t)
{
	struct md_doc doc;
	const char *b = term_body_text(t);
	enum md_kind prev = MD_HEADING; /* the block before, shown or not */
	size_t i, start, first = 0, said;
	int skip = 0;

	md_parse(b, strlen(b), &doc);
	said = t->description != NULL
	    ? said_already(&doc, t->description, &first)
	    : 0;
	start = first == 0 ? said : 0;
	if (start < doc.n && doc.v[start].kind != MD_HEADING)
		fputc('\n', ctx->fp);
	for (i = start; i < doc.n; i++) {
		const struct md_block *k = &doc.v[i];

		if (i >= first && i < first + said)
			continue; /* the description's own paragraphs */
		/*
		 * Leave out the `## Example(s)' sections: the loader made
		 * their items the term's examples, which show_examples
		 * prints (SPEC 1: shown once).  A section runs to the next
		 * heading of level 2 or less, as md_examples reads it, so
		 * what follows one always starts with a heading.
		 */
		if (k->kind == MD_HEADING && k->level <= 2)
			skip = k->examples;
		if (!skip)
			body_block(ctx, &doc, prev, i);
		prev = k->kind;
	}
	md_doc_release(&doc);
}

/* The name in bold, and the pronunciation. */
static void
show_name(struct render_ctx *ctx, const struct term *t)
{
	struct sbuf sb;

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
}

/* categories · vertical · also ALIASES · how it matched, dimmed. */
static void
show_facts(struct render_ctx *ctx, const struct rrec *r)
{
	const struct term *t = r->term;
	struct sbuf sb;
	char *aliases, *s;

	sb_init(&sb);
	s = render_term_field(r, "categories");
	sb_adds(&sb, s);
	free(s);
	if (t->vertical != NULL) {
		sb_adds(&sb, " · ");
		sb_adds(&sb, t->vertical);
	}
	if (ctx->opts->langs && t->lang != NULL) {
		sb_adds(&sb, " · ");
		sb_adds(&sb, t->lang);
	}
	if (t->aliases.n > 0) {
		aliases = render_term_field(r, "aliases");
		sb_adds(&sb, " · also ");
		sb_adds(&sb, aliases);
		free(aliases);
	}
	if (r->match != MATCH_NONE && r->match != MATCH_EXACT)
		sb_addf(&sb, " · %s match", match_name(r->match));
	para_raw(ctx, SGR_DIM, 2, 2, sb.s);
	sb_release(&sb);
}

static void
show_examples(struct render_ctx *ctx, const struct term *t)
{
	size_t i;

	fputc('\n', ctx->fp);
	tw_para(
	    ctx, SGR_BOLD, 2, 2, t->examples.n == 1 ? "Example" : "Examples");
	if (t->examples.n == 1) {
		para_raw(ctx, "", 4, 4, t->examples.v[0]);
		return;
	}
	for (i = 0; i < t->examples.n; i++) {
		char *s = xasprintf("- %s", t->examples.v[i]);

		para_raw(ctx, "", 4, 6, s);
		free(s);
	}
}

/* A list field under its heading: Related, or Tags (--full only). */
static void
show_list(struct render_ctx *ctx, const struct rrec *r, const char *title,
    const char *field)
{
	char *items = render_term_field(r, field);

	fputc('\n', ctx->fp);
	tw_para(ctx, SGR_BOLD, 2, 2, title);
	para_raw(ctx, "", 4, 4, items);
	free(items);
}

/* RM_SHOW: a whole entry. */
static void
text_show(struct render_ctx *ctx, const struct rrec *r)
{
	const struct term *t = r->term;

	if (ctx->nrec > 0)
		fputc(ctx->opts->sep, ctx->fp);
	show_name(ctx, t);
	show_facts(ctx, r);
	fputc('\n', ctx->fp);
	para_raw(ctx, "", 2, 2, t->description);
	if (ctx->opts->full && *term_body_text(t) != '\0')
		body(ctx, t);
	if (t->examples.n > 0)
		show_examples(ctx, t);
	if (t->nrelated > 0)
		show_list(ctx, r, "Related", "related");
	if (ctx->opts->full && t->tags.n > 0)
		show_list(ctx, r, "Tags", "tags");
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

/* RM_SEARCH: the name, how it matched, the snippet. */
static void
text_hit(struct render_ctx *ctx, const struct rrec *r)
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

/* RM_RELATED: the subject first, then one link a line. */
static void
text_related(struct render_ctx *ctx, const struct rrec *r)
{
	const struct rel *l = r->rel;
	const char *arrow = render_rel_arrow(l->dir);
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
	if (l->dir == REL_MENTION)
		sb_adds(&sb, " (mentioned)");
	else if (l->dir == REL_MENTIONED_BY)
		sb_adds(&sb, " (mentions it)");
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

/* RM_LIST: one name a record. */
static void
text_list(struct render_ctx *ctx, const struct rrec *r)
{
	put_styled(ctx, NULL, r->term->name);
	fputc(ctx->opts->sep, ctx->fp);
}

/* RM_CATEGORIES: the count, then the name. */
static void
text_group(struct render_ctx *ctx, const struct rrec *r)
{
	fprintf(ctx->fp, "%5zu  ", r->count);
	put_styled(ctx, NULL, r->group);
	fputc(ctx->opts->sep, ctx->fp);
}

static const char *
plural(int n, const char *one, const char *more)
{
	return n == 1 ? one : more;
}

/*
 * RM_CHECK: the diagnostics are on stderr already, so text prints no
 * record, only a summary line at the end.
 */
static void
text_end(struct render_ctx *ctx)
{
	const struct render_totals *t = ctx->totals;

	if (ctx->mode != RM_CHECK || t == NULL)
		return;
	fprintf(ctx->fp,
	    "%d term%s in %d director%s: %d error%s, %d warning%s, "
	    "%d note%s\n",
	    t->terms, plural(t->terms, "", "s"), t->dirs,
	    plural(t->dirs, "y", "ies"), t->errors, plural(t->errors, "", "s"),
	    t->warnings, plural(t->warnings, "", "s"), t->notes,
	    plural(t->notes, "", "s"));
}

static int
text_needs_body(enum render_mode mode, const struct render_opts *o)
{
	(void)mode;
	return o->full;
}

const struct renderer render_text = {.name = "text",
    .needs_body = text_needs_body,
    .record = {[RM_SHOW] = text_show,
	[RM_LIST] = text_list,
	[RM_SEARCH] = text_hit,
	[RM_RELATED] = text_related,
	[RM_CATEGORIES] = text_group},
    .end = text_end};
