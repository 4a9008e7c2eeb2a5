#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void
check_links(struct ctx *ctx)
{
	const struct table *tab = &ctx->table;
	struct search_links l;
	size_t i, j;

	/* Each link resolved once: check grows with the glossary. */
	search_links_build(tab, &l);
	for (i = 0; i < tab->n; i++) {
		const struct term *t = tab->terms[i];

		for (j = 0; j < t->nrelated; j++) {
			const struct term_link *k = &t->related[j];
			const struct term *u = l.out_to[l.out_first[i] + j];

			if (u == NULL)
				diag_add(&ctx->diag, DIAG_ERROR, t->path,
				    k->line, k->col,
				    "related term '%s' is not in the glossary",
				    k->name);
			else if (u == t)
				diag_add(&ctx->diag, DIAG_WARN, t->path,
				    k->line, k->col,
				    "'%s' lists itself as related", t->name);
			else if (!search_links_to(&l, u, t))
				diag_add(&ctx->diag, DIAG_NOTE, t->path,
				    k->line, k->col,
				    "one-way link: '%s' does not list '%s' "
				    "back",
				    u->name, t->name);
		}
	}
	search_links_release(&l);
}

int
cmd_check(int argc, char **argv, struct ctx *ctx)
{
	struct cli_dirs dirs;
	int n;

	if (argc > 0)
		n = cli_load(ctx, argv, (size_t)argc, 0);
	else {
		cli_dirs_resolve(ctx, &dirs);
		n = cli_dirs_load(ctx, &dirs);
		cli_dirs_release(&dirs);
	}
	if (n >= 0)
		check_links(ctx);
	cli_print_diags(&ctx->diag, !ctx->quiet);
	if (n < 0) {
		cli_errorx("no glossary found: give one with -d DIR or "
			   "GLOSS_PATH");
		return EXIT_TROUBLE;
	}
	if (n == 0)
		cli_errorx("no terms in the glossary");
	if (ctx->renderer != &render_text) {
		struct render_ctx rc;
		size_t i;

		cli_render_begin(ctx, &rc, RM_CHECK);
		for (i = 0; i < ctx->diag.n; i++) {
			struct rrec r = {0};

			r.diag = &ctx->diag.v[i];
			render_record(ctx->renderer, &rc, &r);
		}
		render_end(ctx->renderer, &rc);
	} else if (!ctx->quiet)
		printf("%d term%s in %d director%s: %d error%s, %d warning%s, "
		       "%d note%s\n",
		    n, n == 1 ? "" : "s", ctx->table.ndirs,
		    ctx->table.ndirs == 1 ? "y" : "ies", ctx->diag.nerr,
		    ctx->diag.nerr == 1 ? "" : "s", ctx->diag.nwarn,
		    ctx->diag.nwarn == 1 ? "" : "s", ctx->diag.nnote,
		    ctx->diag.nnote == 1 ? "" : "s");
	return n == 0 || ctx->diag.nerr > 0 || ctx->diag.nwarn > 0
	    ? EXIT_NOTFOUND
	    : EXIT_FOUND;
}
