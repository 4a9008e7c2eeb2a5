#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "utf8.h"
#include "walk.h"

/* A term file that did not load, by its stem folded (the key a link
 * to it would most likely use). */
struct unloaded {
	char *key;
	const char *path; /* in the diagnostics */
};

/*
 * The files that did not load: those with an error.  An index page
 * (index.md, README.md) goes by its folder's name.
 */
static size_t
unloaded_files(const struct diag *d, struct unloaded **out)
{
	struct unloaded *v = NULL;
	size_t i, n = 0;

	for (i = 0; i < d->n; i++) {
		const char *f = d->v[i].file, *base, *end;
		char *stem;

		if (d->v[i].level != DIAG_ERROR || f == NULL ||
		    d->v[i].code == DIAG_NOT_A_DIRECTORY ||
		    d->v[i].code == DIAG_CANNOT_OPEN_DIR ||
		    (end = strrchr(f, '.')) == NULL ||
		    strcmp(end, ".md") != 0 ||
		    (n > 0 && strcmp(v[n - 1].path, f) == 0))
			continue;
		base = strrchr(f, '/');
		base = base != NULL ? base + 1 : f;
		if (walk_is_index(base) && base > f + 1) {
			end = base - 1;
			for (base = end; base > f && base[-1] != '/'; base--)
				;
		}
		stem = xstrndup(base, (size_t)(end - base));
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n].key = utf8_key(stem);
		v[n++].path = f;
		free(stem);
	}
	*out = v;
	return n;
}

/* The file of u[0..n) a link key names, or NULL. */
static const char *
unloaded_find(const struct unloaded *u, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(u[i].key, key) == 0)
			return u[i].path;
	return NULL;
}

/*
 * Each related name resolved.  One that names no term, but a file that
 * did not load, is a note beside that file's error, not an error of its
 * own: one broken file would else make an error of every link to it.
 */
static void
check_links(struct ctx *ctx)
{
	const struct table *tab = &ctx->table;
	struct unloaded *un;
	struct links l;
	size_t i, j, nu;
	const char *lost;

	nu = unloaded_files(&ctx->diag, &un);
	/* Each link resolved once: check grows with the glossary. */
	links_build(tab, &l);
	for (i = 0; i < tab->n; i++) {
		const struct term *t = tab->terms[i];

		for (j = 0; j < t->nrelated; j++) {
			const struct term_link *k = &t->related[j];
			const struct term *u = l.out_to[l.out_first[i] + j];

			if (u == NULL &&
			    (lost = unloaded_find(un, nu, k->key)) != NULL)
				diag_add(&ctx->diag, DIAG_RELATED_UNLOADED,
				    t->path, k->line, k->col, k->name, lost);
			else if (u == NULL)
				diag_add(&ctx->diag, DIAG_UNKNOWN_RELATED,
				    t->path, k->line, k->col, k->name);
			else if (u == t)
				diag_add(&ctx->diag, DIAG_SELF_RELATED, t->path,
				    k->line, k->col, t->name);
			else if (!links_to(&l, u, t))
				diag_add(&ctx->diag, DIAG_ONE_WAY_LINK, t->path,
				    k->line, k->col, u->name, t->name);
		}
	}
	links_release(&l);
	for (i = 0; i < nu; i++)
		free(un[i].key);
	free(un);
}

/*
 * Where the first line of path holding s is: *line and *col, 1-based;
 * the term's own line when the file cannot say.
 */
static void
find_text(const struct term *t, const char *s, unsigned *line, unsigned *col)
{
	FILE *fp = fopen(t->path, "r");
	char *buf = NULL, *p, *q;
	size_t cap = 0;
	unsigned n = 0;

	*line = t->line;
	*col = t->col;
	if (fp == NULL)
		return;
	while (getline(&buf, &cap, fp) != -1) {
		n++;
		if ((p = strstr(buf, s)) != NULL) {
			/* Columns count characters, as libyaml's do. */
			*line = n;
			*col = 1;
			for (q = buf; q < p; q++)
				*col += ((unsigned char)*q & 0xc0) != 0x80;
			break;
		}
	}
	free(buf);
	fclose(fp);
}

/* Terms whose description is still what `gloss new' wrote. */
static void
check_templates(struct ctx *ctx)
{
	const struct table *tab = &ctx->table;
	unsigned line, col;
	size_t i;

	for (i = 0; i < tab->n; i++) {
		const struct term *t = tab->terms[i];

		if (t->description == NULL ||
		    strcmp(t->description, cli_placeholder) != 0)
			continue;
		find_text(t, cli_placeholder, &line, &col);
		diag_add(
		    &ctx->diag, DIAG_TEMPLATE_DESCRIPTION, t->path, line, col);
	}
}

/* Every diagnostic as a record; the text format sums them up instead. */
static void
report(struct ctx *ctx, int nterms)
{
	struct render_totals tot;
	struct render_ctx rc;
	size_t i;

	tot.terms = nterms;
	tot.dirs = ctx->table.ndirs;
	tot.errors = ctx->diag.nerr;
	tot.warnings = ctx->diag.nwarn;
	tot.notes = ctx->diag.nnote;
	cli_render_begin(ctx, &rc);
	rc.totals = ctx->quiet ? NULL : &tot;
	for (i = 0; i < ctx->diag.n; i++) {
		struct rrec r = {0};

		r.diag = &ctx->diag.v[i];
		render_record(ctx->renderer, &rc, &r);
	}
	render_end(ctx->renderer, &rc);
}

int
cmd_check(int argc, char **argv, struct ctx *ctx)
{
	struct cli_dirs dirs;
	int n;

	if (argc > 0)
		n = cli_load(ctx, argv, (size_t)argc, 0);
	else {
		cli_dirs_resolve(ctx, &dirs);
		n = cli_dirs_load(ctx, &dirs);
		cli_dirs_release(&dirs);
	}
	if (n >= 0) {
		check_templates(ctx);
		check_links(ctx);
	}
	cli_print_diags(&ctx->diag, !ctx->quiet);
	if (n < 0) {
		if (argc > 0)
			cli_errorx("no glossary could be read");
		else
			cli_error_no_glossary(ctx);
		return EXIT_TROUBLE;
	}
	if (n == 0)
		cli_errorx("no terms in the glossary");
	report(ctx, n);
	return n == 0 || ctx->diag.nerr > 0 || ctx->diag.nwarn > 0
	    ? EXIT_NOTFOUND
	    : EXIT_FOUND;
}
