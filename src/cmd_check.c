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

/* Every diagnostic as a record; the text format sums them up instead. */
static void
report(struct ctx *ctx, int nterms)
{
	struct render_totals tot;
	struct render_ctx rc;
	size_t i;

	tot.terms = nterms;
	tot.dirs = ctx->table.ndirs;
	tot.errors = ctx->diag.nerr;
	tot.warnings = ctx->diag.nwarn;
	tot.notes = ctx->diag.nnote;
	cli_render_begin(ctx, &rc);
	rc.totals = ctx->quiet ? NULL : &tot;
	for (i = 0; i < ctx->diag.n; i++) {
		struct rrec r = {0};

		r.diag = &ctx->diag.v[i];
		render_record(ctx->renderer, &rc, &r);
	}
	render_end(ctx->renderer, &rc);
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
		cli_error_no_glossary();
		return EXIT_TROUBLE;
	}
	if (n == 0)
		cli_errorx("no terms in the glossary");
	report(ctx, n);
	return n == 0 || ctx->diag.nerr > 0 || ctx->diag.nwarn > 0
	    ? EXIT_NOTFOUND
	    : EXIT_FOUND;
}
