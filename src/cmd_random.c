#include <time.h>
#include <unistd.h>

#include "cli.h"

/* splitmix64: a small, well-mixed generator; the same seed, the same term. */
static unsigned long long
mix(unsigned long long x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

int
cmd_random(int argc, char **argv, struct ctx *ctx)
{
	struct render_ctx rc;
	struct rrec r = {0};
	unsigned long long seed;
	size_t i, n = 0, pick;

	if (argc > 0) {
		cli_errorx("random: unexpected argument '%s'", argv[0]);
		return EXIT_TROUBLE;
	}
	for (i = 0; i < ctx->table.n; i++)
		if (filter_match(&ctx->filter, ctx->table.terms[i]))
			n++;
	if (n == 0) {
		if (!ctx->quiet)
			cli_errorx("no term passes the filters");
		return EXIT_NOTFOUND;
	}
	seed = ctx->has_seed ? ctx->seed
			     : (unsigned long long)time(NULL) ^
		((unsigned long long)getpid() << 32);
	pick = (size_t)(mix(seed) % n);
	for (i = 0; i < ctx->table.n; i++)
		if (filter_match(&ctx->filter, ctx->table.terms[i]) &&
		    pick-- == 0)
			break;
	cli_render_begin(ctx, &rc);
	rc.single = 1;
	r.term = ctx->table.terms[i];
	render_record(ctx->renderer, &rc, &r);
	render_end(ctx->renderer, &rc);
	return EXIT_FOUND;
}
