/*
 * TSV: term<TAB>category<TAB>description, tabs and newlines inside fields
 * escaped as \t and \n (and a backslash as \\), so every record is one
 * line that cut(1) and awk(1) can split.  A search hit adds its score, a
 * link its relation and depth (SPEC 4), read through the field table.
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

/* The columns of a term record, by mode: field table names. */
#define TSV_MAX_COLS 5
static const char *const term_cols[RM_NMODES][TSV_MAX_COLS + 1] = {
    [RM_SHOW] = {"term", "category", "description", NULL},
    [RM_LIST] = {"term", "category", "description", NULL},
    [RM_SEARCH] = {"term", "category", "description", "score", NULL},
    [RM_RELATED] = {
	"term", "category", "description", "relation", "depth", NULL}};

static void
tsv_begin(struct render_ctx *ctx)
{
	const char *const *col = term_cols[ctx->mode];
	size_t i;

	if (!ctx->opts->header)
		return;
	if (ctx->mode == RM_CHECK)
		fprintf(ctx->fp, "file\tline\tcol\tlevel\tmessage\tcode%c",
		    ctx->opts->sep);
	else if (ctx->mode == RM_CATEGORIES)
		fprintf(ctx->fp, "%s\tcount%c",
		    ctx->opts->by ? ctx->opts->by : "category", ctx->opts->sep);
	else if (col[0] != NULL) {
		for (i = 0; col[i] != NULL; i++)
			fprintf(ctx->fp, "%s%s", i > 0 ? "\t" : "", col[i]);
		fputc(ctx->opts->sep, ctx->fp);
	}
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
	const char *const *col = term_cols[ctx->mode];
	size_t i;

	if (r->term == NULL)
		return;
	for (i = 0; col[i] != NULL; i++) {
		char *v = render_term_field(r, col[i]);

		if (i > 0)
			fputc('\t', ctx->fp);
		tsv_field(ctx, v);
		free(v);
	}
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
