/*
 * gloss edit TERM: find the term as `show' does, open the file that
 * defines it in the editor at the term's line, and check the file
 * afterwards.  Not at a terminal, print the file's path instead.
 */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

int
cmd_edit(int argc, char **argv, struct ctx *ctx)
{
	struct lookup lk;
	struct sbuf q;
	int rc = EXIT_FOUND;

	if (cli_term_words("edit", argc, argv, &q) < 0) {
		sb_release(&q);
		return EXIT_TROUBLE;
	}
	lookup_find(&ctx->table, q.s, ctx->exact, &ctx->filter, &lk);
	if (lk.term == NULL) {
		cli_not_found(ctx, q.s, &lk);
		rc = EXIT_NOTFOUND;
	} else if (isatty(STDIN_FILENO) && ctx->tty) {
		if (cli_edit_file(lk.term->path, lk.term->line) < 0 ||
		    cli_check_file(lk.term->path) < 0)
			rc = EXIT_NOTFOUND;
	} else
		printf("%s\n", lk.term->path);
	lookup_release(&lk);
	sb_release(&q);
	return rc;
}
