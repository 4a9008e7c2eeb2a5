/*
 * Markdown: each term file's own bytes, front matter included, so that
 * `gloss -f markdown TERM > file.md' gives the file back.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"

static void
md_record(struct render_ctx *ctx, const struct rrec *r)
{
	const struct term *t = r->term;

	if (r->diag != NULL) {
		char *s = r->diag->line
		    ? xasprintf("- %s:%u:%u: %s: %s\n",
			  r->diag->file ? r->diag->file : "", r->diag->line,
			  r->diag->col, render_level(r->diag->level),
			  r->diag->msg)
		    : xasprintf("- %s: %s: %s\n",
			  r->diag->file ? r->diag->file : "",
			  render_level(r->diag->level), r->diag->msg);

		render_put(ctx, s, strlen(s));
		free(s);
		return;
	}
	if (r->group != NULL) {
		fputs("- ", ctx->fp);
		render_put(ctx, r->group, strlen(r->group));
		fprintf(ctx->fp, " (%zu)\n", r->count);
		return;
	}
	if (t == NULL)
		return;
	if (ctx->nrec > 0 && ctx->opts->sep == '\0')
		fputc('\0', ctx->fp);
	else if (ctx->nrec > 0)
		fputc('\n', ctx->fp);
	render_put(ctx, t->text, t->textlen);
}

const struct renderer render_markdown = {"markdown", NULL, md_record, NULL};
