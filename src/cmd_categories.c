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

/*
 * The names term t is counted under: its categories, its tags, its
 * vertical or its language.  Sets *n; the names are borrowed.
 */
static const char *const *
facet(const struct term *t, const char *by, size_t *n)
{
	const char *const *one = NULL;

	if (strcmp(by, "tag") == 0) {
		*n = t->tags.n;
		return (const char *const *)t->tags.v;
	}
	if (strcmp(by, "category") == 0) {
		*n = t->categories.n;
		return (const char *const *)t->categories.v;
	}
	if (strcmp(by, "vertical") == 0)
		one = (const char *const *)&t->vertical;
	else if (strcmp(by, "lang") == 0)
		one = (const char *const *)&t->lang;
	*n = one != NULL && *one != NULL;
	return one;
}

/* Count name in the n groups of g; returns the new number of groups. */
static size_t
count(struct group *g, size_t n, const char *name)
{
	char *key = term_key(name);
	size_t j;

	for (j = 0; j < n; j++)
		if (strcmp(g[j].key, key) == 0) {
			g[j].count++;
			free(key);
			return n;
		}
	g[n].key = key;
	g[n].name = name;
	g[n].count = 1;
	return n + 1;
}

int
cmd_categories(int argc, char **argv, struct ctx *ctx)
{
	struct render_ctx rc;
	struct group *g = NULL;
	const char *by = ctx->by != NULL ? ctx->by : "category";
	size_t i, j, n = 0, cap = 0, nf;

	if (argc > 0) {
		cli_errorx("categories: unexpected argument '%s'", argv[0]);
		return EXIT_TROUBLE;
	}
	for (i = 0; i < ctx->table.n; i++) {
		const struct term *t = ctx->table.terms[i];
		const char *const *f = facet(t, by, &nf);

		if (nf == 0 || !filter_match(&ctx->filter, t))
			continue;
		if (n + nf > cap) {
			cap = (n + nf) * 2;
			g = xreallocarray(g, cap, sizeof(*g));
		}
		for (j = 0; j < nf; j++)
			n = count(g, n, f[j]);
	}
	if (n > 1)
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
	/* Nothing to count is said, not left to an empty output. */
	if (n == 0 && !ctx->quiet)
		cli_errorx("no term %shas a %s",
		    filter_active(&ctx->filter) ? "that passes the filters "
						: "",
		    strcmp(by, "lang") == 0 ? "language" : by);
	return n > 0 ? EXIT_FOUND : EXIT_NOTFOUND;
}
