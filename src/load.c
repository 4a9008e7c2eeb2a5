/*
 * Loading the glossary for a command: every directory in force into the
 * table, then the language served (SPEC 1, 2).  Part of the cli: it
 * reads the environment (GLOSS_LANG and the locale).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "loader.h"

/* A non-empty environment variable, or NULL. */
static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/*
 * Serve one language of the table (SPEC 1): --lang, else GLOSS_LANG,
 * else the configuration's lang, else the locale's (LC_ALL, LC_MESSAGES, LANG:
 * the first set), else en, else the first one present.  --lang and GLOSS_LANG
 * may say all; a command that checks the whole glossary gets all unless --lang.
 */
static void
serve_lang(struct ctx *ctx)
{
	const char *loc = env("LC_ALL"), *gl = env("GLOSS_LANG");
	const char *prefs[3];
	char *want = NULL, *genv = NULL, *locale;

	if (loc == NULL && (loc = env("LC_MESSAGES")) == NULL)
		loc = env("LANG");
	locale = lang_from_locale(loc);
	if (gl == NULL)
		gl =
		    ctx->cfg.lang; /* the environment beats the configuration */
	if (gl != NULL)
		genv = lang_normalize(gl, strlen(gl));
	if (ctx->lang != NULL)
		want = lang_normalize(ctx->lang, strlen(ctx->lang));
	else if ((genv != NULL && strcmp(genv, "all") == 0) ||
	    (ctx->cmd != NULL && (ctx->cmd->flags & CMD_ALL_LANGS)))
		want = xstrdup("all");
	prefs[0] = genv;
	prefs[1] = locale;
	prefs[2] = "en";
	ctx->lang_dropped = table_serve_lang(&ctx->table, want, prefs, 3);
	ctx->ropts.langs = want != NULL && strcmp(want, "all") == 0;
	free(want);
	free(genv);
	free(locale);
}

int
cli_load(struct ctx *ctx, char **dirs, size_t ndirs, int missing_ok)
{
	size_t i;
	int n, ok = 0;

	for (i = 0; i < ndirs; i++) {
		struct diag tmp;

		diag_init(&tmp);
		n = loader_load_dir(
		    &ctx->table, dirs[i], (int)i, &ctx->load, &tmp);
		if (n < 0 && missing_ok) {
			diag_release(&tmp);
			continue;
		}
		diag_move(&ctx->diag, &tmp);
		if (n >= 0)
			ok++;
	}
	ctx->table.ndirs = ok;
	serve_lang(ctx);
	table_index(&ctx->table, &ctx->diag);
	return ok == 0 ? -1 : (int)ctx->table.n;
}

int
cli_dirs_load(struct ctx *ctx, struct cli_dirs *l)
{
	size_t i;
	int ok = 0;

	for (i = 0; i < l->path.n; i++) {
		struct diag tmp;

		diag_init(&tmp);
		l->nterms[i] = loader_load_dir(
		    &ctx->table, l->path.v[i], (int)i, &ctx->load, &tmp);
		if (l->nterms[i] < 0 && l->origin[i] == DIR_DEFAULT) {
			diag_release(&tmp);
			continue;
		}
		diag_move(&ctx->diag, &tmp);
		if (l->nterms[i] >= 0)
			ok++;
	}
	ctx->table.ndirs = ok;
	serve_lang(ctx);
	table_index(&ctx->table, &ctx->diag);
	return ok == 0 ? -1 : (int)ctx->table.n;
}

int
cli_reload_texts(struct ctx *ctx)
{
	struct cli_dirs dirs;
	int n;

	table_release(&ctx->table);
	table_init(&ctx->table);
	/* The problems were reported with the first load. */
	diag_release(&ctx->diag);
	diag_init(&ctx->diag);
	ctx->load.postings = 0;
	ctx->load.drop_text = 0;
	cli_dirs_resolve(ctx, &dirs);
	n = cli_dirs_load(ctx, &dirs);
	cli_dirs_release(&dirs);
	return n;
}
