#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "escape.h"

/* The pseudo-field of `list --field names': names and aliases. */
#define LIST_NAMES "names"

int
cli_field_known(const struct cmd *cmd, const char *field)
{
	return render_field_known(field) ||
	    (cmd->fn == cmd_list && strcmp(field, LIST_NAMES) == 0);
}

/*
 * list --field names: each name and each alias on a line of its own, for
 * pickers and completions (a list field joins its items with ", ").
 */
static void
put_name(const struct ctx *ctx, const char *s)
{
	char *e;

	if (ctx->ropts.escape) { /* text from files reaches a terminal */
		e = esc_line(s);
		fputs(e, stdout);
		free(e);
	} else
		fputs(s, stdout);
	putchar(ctx->ropts.sep);
}

static void
list_names(const struct ctx *ctx, const struct term *t)
{
	size_t i;

	put_name(ctx, t->name);
	for (i = 0; i < t->aliases.n; i++)
		put_name(ctx, t->aliases.v[i]);
}

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
	if (ctx->field == NULL || strcmp(ctx->field, LIST_NAMES) != 0)
		cli_render_begin(ctx, &rc);
	for (i = 0; i < ctx->table.n; i++) {
		struct rrec r = {0};

		if (!filter_match(&ctx->filter, ctx->table.terms[i]))
			continue;
		if (ctx->limit > 0 && n >= ctx->limit)
			break;
		if (ctx->field != NULL && strcmp(ctx->field, LIST_NAMES) == 0)
			list_names(ctx, ctx->table.terms[i]);
		else {
			r.term = ctx->table.terms[i];
			render_record(ctx->renderer, &rc, &r);
		}
		n++;
	}
	if (ctx->field == NULL || strcmp(ctx->field, LIST_NAMES) != 0)
		render_end(ctx->renderer, &rc);
	return n > 0 ? EXIT_FOUND : EXIT_NOTFOUND;
}
