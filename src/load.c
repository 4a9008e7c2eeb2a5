/*
 * Loading the glossary for a command: every directory in force into the
 * table, then the language served (SPEC 1, 2); or, for `show' of an
 * unchanged glossary, only the terms it names, from the snapshot of the
 * last load (loadsnap.h).  Part of the cli: it reads the environment
 * (GLOSS_LANG and the locale).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "loader.h"
#include "loadsnap.h"
#include "lookup.h"

/* A non-empty environment variable, or NULL. */
static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* The language asked for, and the preferences that choose one. */
struct lang_choice {
	char *want;	/* --lang, or all; NULL: chosen by prefs */
	char *prefs[3]; /* GLOSS_LANG or the configuration's, locale, en */
};

/*
 * Which language to serve (SPEC 1): --lang, else GLOSS_LANG, else the
 * configuration's lang, else the locale's (LC_ALL, LC_MESSAGES, LANG: the
 * first set), else en, else the first one present.  --lang and GLOSS_LANG
 * may say all; a command that checks the whole glossary gets all unless
 * --lang.
 */
static void
lang_decide(const struct ctx *ctx, struct lang_choice *c)
{
	const char *loc = env("LC_ALL"), *gl = env("GLOSS_LANG");

	if (loc == NULL && (loc = env("LC_MESSAGES")) == NULL)
		loc = env("LANG");
	if (gl == NULL)
		gl =
		    ctx->cfg.lang; /* the environment beats the configuration */
	c->prefs[0] = gl != NULL ? lang_normalize(gl, strlen(gl)) : NULL;
	c->prefs[1] = lang_from_locale(loc);
	c->prefs[2] = xstrdup("en");
	c->want = NULL;
	if (ctx->lang != NULL)
		c->want = lang_normalize(ctx->lang, strlen(ctx->lang));
	else if ((c->prefs[0] != NULL && strcmp(c->prefs[0], "all") == 0) ||
	    (ctx->cmd != NULL && (ctx->cmd->flags & CMD_ALL_LANGS)))
		c->want = xstrdup("all");
}

static void
lang_release(struct lang_choice *c)
{
	size_t i;

	free(c->want);
	for (i = 0; i < 3; i++)
		free(c->prefs[i]);
}

/* What decides the table besides the files: the snapshot's key. */
static char *
lang_key(const struct lang_choice *c)
{
	return xasprintf("lang %s|%s|%s", c->want != NULL ? c->want : "-",
	    c->prefs[0] != NULL ? c->prefs[0] : "-",
	    c->prefs[1] != NULL ? c->prefs[1] : "-");
}

/* Serve the language c chooses of the table. */
static void
serve_lang(struct ctx *ctx, const struct lang_choice *c)
{
	const char *prefs[3];

	prefs[0] = c->prefs[0];
	prefs[1] = c->prefs[1];
	prefs[2] = c->prefs[2];
	ctx->lang_dropped = table_serve_lang(&ctx->table, c->want, prefs, 3);
}

/*
 * Whether the command only looks names up exactly and prints what it
 * finds, so that a table of those terms alone gives what the whole one
 * would: `show' with no filter (a filter names categories the whole
 * table knows) and no field that only a loaded term could know.
 */
static int
can_pick(const struct ctx *ctx)
{
	return ctx->names != NULL && ctx->nnames > 0 &&
	    !filter_active(&ctx->filter) &&
	    (ctx->field == NULL || cli_field_known(ctx->cmd, ctx->field));
}

/*
 * Take only the terms the names name from the snapshot: the number of
 * terms of the whole table, or -1 when it cannot say, or one of the
 * names is not found exactly (a prefix, a typo: those need every name
 * of the glossary), with nothing changed.
 */
static int
pick(struct ctx *ctx, struct loader_snap *s, size_t ndirs, int *nterms)
{
	int64_t *extra = xcalloc(ndirs + 1, sizeof(*extra));
	struct table tab;
	struct diag d;
	size_t i;
	int n;

	table_init(&tab);
	diag_init(&d);
	n = loader_snap_pick(
	    s, ctx->names, ctx->nnames, &tab, &d, extra, ndirs + 1);
	for (i = 0; n >= 0 && i < ctx->nnames; i++) {
		struct lookup lk;

		lookup_find(&tab, ctx->names[i], 1, NULL, &lk);
		if (lk.term == NULL)
			n = -1;
		lookup_release(&lk);
	}
	if (n < 0) {
		table_release(&tab);
		diag_release(&d);
	} else {
		ctx->table = tab;
		diag_move(&ctx->diag, &d);
		ctx->lang_dropped = (size_t)extra[0];
		for (i = 0; i < ndirs; i++)
			nterms[i] = (int)extra[i + 1];
	}
	free(extra);
	return n;
}

/* Keep the snapshot of the load just made. */
static void
keep(struct ctx *ctx, struct loader_snap *s, size_t ndirs, const int *nterms)
{
	int64_t *extra = xcalloc(ndirs + 1, sizeof(*extra));
	size_t i;

	extra[0] = (int64_t)ctx->lang_dropped;
	for (i = 0; i < ndirs; i++)
		extra[i + 1] = nterms[i];
	loader_snap_save(s, &ctx->table, &ctx->diag, extra, ndirs + 1);
	free(extra);
}

/*
 * Load dirs[0..n) into ctx->table, each one's terms into nterms[i] (-1:
 * unreadable); a directory whose skip[i] is set is left out quietly
 * when it cannot be read.  Returns the number of terms, or -1 when no
 * directory could be read.
 */
static int
load_dirs(struct ctx *ctx, char **dirs, size_t n, const unsigned char *skip,
    int *nterms)
{
	struct lang_choice lc;
	struct loader_snap *s;
	char *key;
	size_t i;
	int ok = 0, total;

	lang_decide(ctx, &lc);
	ctx->ropts.langs = lc.want != NULL && strcmp(lc.want, "all") == 0;
	key = lang_key(&lc);
	s = loader_snap_begin(dirs, n, key, &ctx->load);
	free(key);
	if (can_pick(ctx) && (total = pick(ctx, s, n, nterms)) >= 0)
		goto out;
	for (i = 0; i < n; i++) {
		struct diag tmp;

		diag_init(&tmp);
		nterms[i] = s != NULL
		    ? loader_snap_load_dir(s, &ctx->table, (int)i, &tmp)
		    : loader_load_dir(
			  &ctx->table, dirs[i], (int)i, &ctx->load, &tmp);
		if (nterms[i] < 0 && skip[i]) {
			diag_release(&tmp);
			continue;
		}
		diag_move(&ctx->diag, &tmp);
		if (nterms[i] >= 0)
			ok++;
	}
	ctx->table.ndirs = ok;
	serve_lang(ctx, &lc);
	table_index(&ctx->table, &ctx->diag);
	keep(ctx, s, n, nterms);
	total = ok == 0 ? -1 : (int)ctx->table.n;
out:
	loader_snap_end(s);
	lang_release(&lc);
	return total;
}

int
cli_load(struct ctx *ctx, char **dirs, size_t ndirs, int missing_ok)
{
	unsigned char *skip = xcalloc(ndirs + 1, 1);
	int *nterms = xcalloc(ndirs + 1, sizeof(*nterms));
	size_t i;
	int n;

	for (i = 0; i < ndirs; i++)
		skip[i] = missing_ok != 0;
	n = load_dirs(ctx, dirs, ndirs, skip, nterms);
	free(skip);
	free(nterms);
	return n;
}

int
cli_dirs_load(struct ctx *ctx, struct cli_dirs *l)
{
	unsigned char *skip = xcalloc(l->path.n + 1, 1);
	size_t i;
	int n;

	for (i = 0; i < l->path.n; i++)
		skip[i] = l->origin[i] == DIR_DEFAULT;
	n = load_dirs(ctx, l->path.v, l->path.n, skip, l->nterms);
	free(skip);
	return n;
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
