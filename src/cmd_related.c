#include "cli.h"

int
cmd_related(int argc, char **argv, struct ctx *ctx)
{
	struct render_ctx rc;
	struct lookup lk;
	struct rels rels;
	struct sbuf q;
	size_t i;
	long n = 0;

	/* One term, its words joined as edit joins them. */
	if (cli_term_words("related", argc, argv, &q) < 0) {
		sb_release(&q);
		return EXIT_TROUBLE;
	}
	lookup_find(&ctx->table, q.s, ctx->exact, NULL, &lk);
	if (lk.term == NULL) {
		cli_not_found(ctx, q.s, &lk);
		lookup_release(&lk);
		sb_release(&q);
		return EXIT_NOTFOUND;
	}
	sb_release(&q);
	links_related(&ctx->table, lk.term, ctx->depth, &rels);
	cli_render_begin(ctx, &rc);
	rc.subject = lk.term;
	for (i = 0; i < rels.n; i++) {
		struct rrec r = {0};

		if (rels.v[i].term != NULL &&
		    !filter_match(&ctx->filter, rels.v[i].term))
			continue;
		if (ctx->limit > 0 && n >= ctx->limit)
			break;
		r.term = rels.v[i].term;
		r.rel = &rels.v[i];
		render_record(ctx->renderer, &rc, &r);
		n++;
	}
	render_end(ctx->renderer, &rc);
	if (n == 0 && !ctx->quiet)
		cli_errorx("'%s' has no related terms%s", lk.term->name,
		    rels.n > 0 ? " that pass the filters" : "");
	rels_release(&rels);
	lookup_release(&lk);
	return n > 0 ? EXIT_FOUND : EXIT_NOTFOUND;
}
