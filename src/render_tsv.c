/*
 * TSV: term<TAB>category<TAB>description, tabs and newlines inside fields
 * escaped as \t and \n (and a backslash as \\), so every record is one
 * line that cut(1) and awk(1) can split.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"

static void
tsv_field(struct render_ctx *ctx, const char *s)
{
	struct sbuf sb;

	sb_init(&sb);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\t')
			sb_adds(&sb, "\\t");
		else if (*s == '\n')
			sb_adds(&sb, "\\n");
		else if (*s == '\r')
			sb_adds(&sb, "\\r");
		else if (*s == '\\')
			sb_adds(&sb, "\\\\");
		else
			sb_addc(&sb, *s);
	}
	if (sb.len > 0)
		render_put(ctx, sb.s, sb.len);
	sb_release(&sb);
}

static void
tsv_begin(struct render_ctx *ctx)
{
	if (!ctx->opts->header)
		return;
	if (ctx->mode == RM_CHECK)
		fprintf(ctx->fp, "file\tline\tcol\tlevel\tmessage\tcode%c",
		    ctx->opts->sep);
	else if (ctx->mode == RM_CATEGORIES)
		fprintf(ctx->fp, "%s\tcount%c",
		    ctx->opts->by ? ctx->opts->by : "category", ctx->opts->sep);
	else
		fprintf(
		    ctx->fp, "term\tcategory\tdescription%c", ctx->opts->sep);
}

static void
tsv_diag(struct render_ctx *ctx, const struct rrec *r)
{
	tsv_field(ctx, r->diag->file);
	fprintf(ctx->fp, "\t%u\t%u\t%s\t", r->diag->line, r->diag->col,
	    diag_level_name(r->diag->level));
	tsv_field(ctx, r->diag->msg);
	fprintf(
	    ctx->fp, "\t%s%c", diag_code_name(r->diag->code), ctx->opts->sep);
}

static void
tsv_group(struct render_ctx *ctx, const struct rrec *r)
{
	tsv_field(ctx, r->group);
	fprintf(ctx->fp, "\t%zu%c", r->count, ctx->opts->sep);
}

static void
tsv_term(struct render_ctx *ctx, const struct rrec *r)
{
	if (r->term == NULL)
		return;
	tsv_field(ctx, r->term->name);
	fputc('\t', ctx->fp);
	tsv_field(ctx, r->term->category);
	fputc('\t', ctx->fp);
	tsv_field(ctx, r->term->description);
	fputc(ctx->opts->sep, ctx->fp);
}

const struct renderer render_tsv = {.name = "tsv",
    .begin = tsv_begin,
    .record = {[RM_SHOW] = tsv_term,
	[RM_LIST] = tsv_term,
	[RM_SEARCH] = tsv_term,
	[RM_RELATED] = tsv_term,
	[RM_CATEGORIES] = tsv_group,
	[RM_CHECK] = tsv_diag}};
