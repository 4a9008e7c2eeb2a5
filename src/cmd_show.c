#include <string.h>

#include "cli.h"

/* `gloss serach churn': a mistyped command reads as a term to show. */
static void
suggest_command(const char *word)
{
	size_t i;

	if (strlen(word) < 3)
		return;
	/* One edit in a short word is already a third of it: 'nrr' is
	 * not 'new'. */
	for (i = 0; commands[i].name != NULL; i++)
		if (editdist(word, commands[i].name) <=
		    (strlen(word) <= 4 ? 1u : 2u)) {
			cli_errorx("'%s' is not a command either; did you mean "
				   "'gloss %s'?",
			    word, commands[i].name);
			return;
		}
}

/*
 * Whether the n words of argv, joined by spaces, name a term exactly
 * where the words alone do not all: `gloss deal registration' is one
 * name typed without quotes, not two to look up by prefix.
 */
static int
one_name(struct ctx *ctx, int n, char **argv, struct sbuf *joined)
{
	struct lookup lk;
	int i, all = 1, found;

	sb_join(joined, " ", (size_t)n, strv_item, argv);
	lookup_find(&ctx->table, joined->s, 1, &ctx->filter, &lk);
	found = lk.term != NULL;
	lookup_release(&lk);
	for (i = 0; found && all && i < n; i++) {
		lookup_find(&ctx->table, argv[i], 1, &ctx->filter, &lk);
		all = lk.term != NULL;
		lookup_release(&lk);
	}
	return found && !all;
}

int
cmd_show(int argc, char **argv, struct ctx *ctx)
{
	struct render_ctx rc;
	struct sbuf joined;
	char *one[1];
	int i, rc_exit = EXIT_FOUND, shown = 0;

	if (argc == 0) {
		cli_errorx("show: name a term; try 'gloss list'");
		return EXIT_TROUBLE;
	}
	for (i = 0; i < argc; i++)
		if (cli_blank(argv[i])) {
			cli_errorx("show: an empty name");
			return EXIT_TROUBLE;
		}
	cli_render_begin(ctx, &rc);
	/* The shape follows the arguments, joined or not (SPEC 4). */
	rc.single = argc == 1;
	sb_init(&joined);
	if (argc > 1 && one_name(ctx, argc, argv, &joined)) {
		one[0] = joined.s;
		argv = one;
		argc = 1;
	}
	for (i = 0; i < argc; i++) {
		struct lookup lk;
		struct rrec r = {0};

		lookup_find(
		    &ctx->table, argv[i], ctx->exact, &ctx->filter, &lk);
		if (lk.term == NULL) {
			cli_not_found(ctx, argv[i], &lk);
			if (i == 0 && ctx->implicit_show && !ctx->quiet)
				suggest_command(argv[0]);
			rc_exit = EXIT_NOTFOUND;
		} else if (ctx->limit == 0 || shown < ctx->limit) {
			r.term = lk.term;
			r.match = lk.kind;
			render_record(ctx->renderer, &rc, &r);
			shown++;
		}
		lookup_release(&lk);
	}
	render_end(ctx->renderer, &rc);
	sb_release(&joined);
	return rc_exit;
}
