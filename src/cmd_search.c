#include <string.h>

#include "cli.h"

static const char *
argv_item(const void *argv, size_t i)
{
	return ((char *const *)argv)[i];
}

int
cmd_search(int argc, char **argv, struct ctx *ctx)
{
	struct render_ctx rc;
	struct hits hits;
	struct sbuf q;
	const struct term *sug[SUGGEST_MAX];
	size_t i, n;

	if (argc == 0) {
		cli_errorx("search: give a query");
		return EXIT_TROUBLE;
	}
	sb_init(&q);
	sb_join(&q, " ", (size_t)argc, argv_item, argv);
	n = rank_query(&ctx->table, q.s, &ctx->filter,
	    ctx->limit > 0 ? (size_t)ctx->limit : 0, &hits);
	cli_render_begin(ctx, &rc);
	for (i = 0; i < n; i++) {
		struct rrec r = {0};

		r.term = hits.v[i].term;
		r.match = hits.v[i].match;
		r.hit = &hits.v[i];
		render_record(ctx->renderer, &rc, &r);
	}
	render_end(ctx->renderer, &rc);
	if (n == 0 && !ctx->quiet) {
		size_t ns = suggest_find(
		    &ctx->table, q.s, &ctx->filter, sug, SUGGEST_MAX);
		struct sbuf s;

		sb_init(&s);
		sb_join(&s, ", ", ns, term_name_at, sug);
		if (ns > 0)
			cli_errorx("nothing matches '%s'; did you mean: %s?",
			    q.s, s.s);
		else
			cli_errorx("nothing matches '%s'; try fewer words, or "
				   "'gloss list'",
			    q.s);
		sb_release(&s);
	}
	hits_release(&hits);
	sb_release(&q);
	return n > 0 ? EXIT_FOUND : EXIT_NOTFOUND;
}
