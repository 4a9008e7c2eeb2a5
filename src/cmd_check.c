#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void
check_links(struct ctx *ctx)
{
	const struct table *tab = &ctx->table;
	struct links l;
	size_t i, j;

	/* Each link resolved once: check grows with the glossary. */
	links_build(tab, &l);
	for (i = 0; i < tab->n; i++) {
		const struct term *t = tab->terms[i];

		for (j = 0; j < t->nrelated; j++) {
			const struct term_link *k = &t->related[j];
			const struct term *u = l.out_to[l.out_first[i] + j];

			if (u == NULL)
				diag_add(&ctx->diag, DIAG_UNKNOWN_RELATED,
				    t->path, k->line, k->col, k->name);
			else if (u == t)
				diag_add(&ctx->diag, DIAG_SELF_RELATED, t->path,
				    k->line, k->col, t->name);
			else if (!links_to(&l, u, t))
				diag_add(&ctx->diag, DIAG_ONE_WAY_LINK, t->path,
				    k->line, k->col, u->name, t->name);
		}
	}
	links_release(&l);
}

int
cmd_check(int argc, char **argv, struct ctx *ctx)
{
	struct strlist defaults = {0};
	char **dirs;
	size_t ndirs;
	int n, explicit = 1;

	if (argc > 0) {
		dirs = argv;
		ndirs = (size_t)argc;
	} else if (ctx->dirs.n > 0) {
		dirs = ctx->dirs.v;
		ndirs = ctx->dirs.n;
	} else {
		cli_default_dirs(&defaults, &explicit);
		dirs = defaults.v;
		ndirs = defaults.n;
	}
	n = cli_load(ctx, dirs, ndirs, !explicit);
	strlist_release(&defaults);
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
