#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct group {
	char *key;	  /* folded */
	const char *name; /* as first written; borrowed from a term */
	size_t count;
};

static int
cmp_group(const void *a, const void *b)
{
	return strcmp(
	    ((const struct group *)a)->key, ((const struct group *)b)->key);
}

int
cmd_categories(int argc, char **argv, struct ctx *ctx)
{
	struct render_ctx rc;
	struct group *g;
	size_t i, j, n = 0;
	const char *by = ctx->by != NULL ? ctx->by : "category";

	if (argc > 0) {
		cli_errorx("categories: unexpected argument '%s'", argv[0]);
		return EXIT_TROUBLE;
	}
	g = xcalloc(ctx->table.n ? ctx->table.n : 1, sizeof(*g));
	for (i = 0; i < ctx->table.n; i++) {
		const struct term *t = ctx->table.terms[i];
		const char *name = strcmp(by, "vertical") == 0 ? t->vertical
		    : strcmp(by, "lang") == 0		       ? t->lang
							       : t->category;
		char *key;

		if (name == NULL || !filter_match(&ctx->filter, t))
			continue;
		key = term_key(name);
		for (j = 0; j < n; j++)
			if (strcmp(g[j].key, key) == 0)
				break;
		if (j < n) {
			g[j].count++;
			free(key);
			continue;
		}
		g[n].key = key;
		g[n].name = name;
		g[n++].count = 1;
	}
	qsort(g, n, sizeof(*g), cmp_group);
	cli_render_begin(ctx, &rc);
	for (i = 0; i < n; i++) {
		struct rrec r = {0};

		r.group = g[i].name;
		r.count = g[i].count;
		if (ctx->limit == 0 || (long)i < ctx->limit)
			render_record(ctx->renderer, &rc, &r);
		free(g[i].key);
	}
	render_end(ctx->renderer, &rc);
	free(g);
	return n > 0 ? EXIT_FOUND : EXIT_NOTFOUND;
}
