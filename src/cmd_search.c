#include <string.h>

#include "cli.h"

/* At a terminal, at most this many hits unless --limit (SPEC 4). */
#define SEARCH_TTY_LIMIT 20

/* Nothing matched q: say so, with the nearest names if there are any. */
static void
nothing_found(struct ctx *ctx, const char *q, const struct hits *hits)
{
	const struct term *sug[SUGGEST_MAX];
	size_t ns;
	struct sbuf s;

	if (hits->stop_only) {
		cli_errorx("'%s' is too common a word to search the text for, "
			   "and no name has it; add a word",
		    q);
		return;
	}
	ns = suggest_find(&ctx->table, q, &ctx->filter, sug, SUGGEST_MAX);
	sb_init(&s);
	sb_join(&s, ", ", ns, term_name_at, sug);
	if (ns > 0)
		cli_errorx("nothing matches '%s'; did you mean: %s?", q, s.s);
	else if (filter_active(&ctx->filter))
		cli_errorx("nothing that passes the filters matches '%s'; try "
			   "fewer words or filters",
		    q);
	else
		cli_errorx("nothing matches '%s'; try fewer words, or "
			   "'gloss list'",
		    q);
	sb_release(&s);
}

int
cmd_search(int argc, char **argv, struct ctx *ctx)
{
	struct render_ctx rc;
	struct hits hits;
	struct sbuf q;
	size_t i, n, limit;

	if (argc == 0) {
		cli_errorx("search: give a query");
		return EXIT_TROUBLE;
	}
	sb_init(&q);
	sb_join(&q, " ", (size_t)argc, strv_item, argv);
	limit = ctx->limit > 0 ? (size_t)ctx->limit
	    : ctx->tty	       ? SEARCH_TTY_LIMIT
			       : 0;
	n = rank_query(&ctx->table, q.s, &ctx->filter, limit, &hits);
	if (hits.stale) {
		/* A file changed under the postings: read every text. */
		hits_release(&hits);
		(void)cli_reload_texts(ctx);
		n = rank_query(&ctx->table, q.s, &ctx->filter, limit, &hits);
	}
	/* The words that found nothing, while the others still search. */
	for (i = 0; n > 0 && !ctx->quiet && i < hits.nunmatched; i++)
		cli_errorx("no term mentions '%s'", hits.unmatched[i]);
	cli_render_begin(ctx, &rc);
	for (i = 0; i < n; i++) {
		struct rrec r = {0};

		r.term = hits.v[i].term;
		r.match = hits.v[i].match;
		r.hit = &hits.v[i];
		render_record(ctx->renderer, &rc, &r);
	}
	render_end(ctx->renderer, &rc);
	if (n < hits.total && ctx->limit == 0 && !ctx->quiet) {
		fflush(stdout);
		cli_errorx("%zu of %zu hits shown; --limit %zu shows them all",
		    n, hits.total, hits.total);
	}
	if (n == 0 && !ctx->quiet)
		nothing_found(ctx, q.s, &hits);
	hits_release(&hits);
	sb_release(&q);
	return n > 0 ? EXIT_FOUND : EXIT_NOTFOUND;
}
