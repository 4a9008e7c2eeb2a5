/*
 * The user's defaults (SPEC 2): find the configuration file, report its
 * problems, and set what options and the environment leave to it.  Run
 * before the options are parsed, so that every option beats it; an
 * environment variable that says the same thing beats it here.  Part of
 * the cli: it reads the environment.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Whether the environment variable name is set and not empty. */
static int
env_set(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0';
}

/* $XDG_CONFIG_HOME/gloss/config.yaml, else ~/.config/...; or NULL. */
static char *
config_file(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	/* The XDG base directory spec ignores a relative path. */
	if (x != NULL && x[0] == '/')
		return xasprintf("%s/gloss/config.yaml", x);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.config/gloss/config.yaml", home);
	return NULL;
}

char *
cli_cache_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	/* As config_file: the XDG base directory spec ignores a relative
	 * path. */
	if (x != NULL && x[0] == '/')
		return xasprintf("%s/gloss", x);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.cache/gloss", home);
	return NULL;
}

/*
 * The file's colour, unless the environment says something about
 * colour: NO_COLOR and CLICOLOR_FORCE choose, and TERM=dumb cannot show
 * it.
 */
static void
set_color(struct ctx *ctx, const char *color)
{
	const char *term = getenv("TERM");

	if (color == NULL || env_set("NO_COLOR") || env_set("CLICOLOR_FORCE") ||
	    (term != NULL && strcmp(term, "dumb") == 0))
		return;
	if (strcmp(color, "always") == 0)
		ctx->color = COLOR_ALWAYS;
	else if (strcmp(color, "never") == 0)
		ctx->color = COLOR_NEVER;
	else
		ctx->color = COLOR_AUTO;
}

void
cli_settings(struct ctx *ctx)
{
	struct config *c = &ctx->cfg;
	struct diag d;
	char *file = config_file();

	config_init(c);
	if (file == NULL)
		return;
	diag_init(&d);
	config_load(c, file, getenv("HOME"), &d);
	/* Its own problems show whatever quiet: one cannot fix it else. */
	cli_print_diags(&d, 1);
	diag_release(&d);
	free(file);
	/* path and lang are read where the environment is: paths.c, ... */
	set_color(ctx, c->color);
	if (c->width > 0)
		ctx->max_width = c->width;
	if (c->format != NULL)
		ctx->format = c->format;
	if (c->quiet > 0)
		ctx->quiet = 1;
}
