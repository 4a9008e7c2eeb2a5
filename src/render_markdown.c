/*
 * Markdown: each term file's own bytes, front matter included, so that
 * `gloss -f markdown TERM > file.md' gives the file back.
 */
#include <string.h>

#include "render.h"

static void
md_record(struct render_ctx *ctx, const struct rrec *r)
{
	const struct term *t = r->term;

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
