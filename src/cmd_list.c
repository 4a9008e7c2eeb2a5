#include "cli.h"

int
cmd_list(int argc, char **argv, struct ctx *ctx)
{
	struct render_ctx rc;
	size_t i;
	long n = 0;

	(void)argv;
	if (argc > 0) {
		cli_errorx("list: unexpected argument '%s'", argv[0]);
		return EXIT_TROUBLE;
	}
	cli_render_begin(ctx, &rc);
	for (i = 0; i < ctx->table.n; i++) {
		struct rrec r = {0};

		if (!filter_match(&ctx->filter, ctx->table.terms[i]))
			continue;
		if (ctx->limit > 0 && n >= ctx->limit)
			break;
		r.term = ctx->table.terms[i];
		render_record(ctx->renderer, &rc, &r);
		n++;
	}
	render_end(ctx->renderer, &rc);
	return n > 0 ? EXIT_FOUND : EXIT_NOTFOUND;
}
