/*
 * Markdown: each term file's own bytes, front matter included, so that
 * `gloss -f markdown TERM > file.md' gives the file back.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"

static int
render_markdown_needs_body(enum render_mode mode, const struct render_opts *o)
{
	(void)mode;
	(void)o;
	return 1;
}

static void
render_markdown_diag(struct render_ctx *ctx, const struct rrec *r)
{
	const struct diag_msg *m = r->diag;
	char *s = m->line
	    ? xasprintf("- %s:%u:%u: %s: %s\n", m->file ? m->file : "", m->line,
		  m->col, diag_level_name(m->level), m->msg)
	    : xasprintf("- %s: %s: %s\n", m->file ? m->file : "",
		  diag_level_name(m->level), m->msg);

	render_put(ctx, s, strlen(s));
	free(s);
}

static void
render_markdown_group(struct render_ctx *ctx, const struct rrec *r)
{
	fputs("- ", ctx->fp);
	render_put(ctx, r->group, strlen(r->group));
	fprintf(ctx->fp, " (%zu)\n", r->count);
}

/* A term: its file as written; files apart by a blank line or a NUL. */
static void
render_markdown_term(struct render_ctx *ctx, const struct rrec *r)
{
	const struct term *t = r->term;

	if (t == NULL)
		return;
	if (ctx->nrec > 0 && ctx->opts->sep == '\0')
		fputc('\0', ctx->fp);
	else if (ctx->nrec > 0)
		fputc('\n', ctx->fp);
	render_put(ctx, t->text, t->textlen);
}

const struct renderer render_markdown = {.name = "markdown",
    .needs_body = render_markdown_needs_body,
    .record = {[RM_SHOW] = render_markdown_term,
	[RM_LIST] = render_markdown_term,
	[RM_SEARCH] = render_markdown_term,
	[RM_RELATED] = render_markdown_term,
	[RM_CATEGORIES] = render_markdown_group,
	[RM_CHECK] = render_markdown_diag}};
