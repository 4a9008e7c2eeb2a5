/*
 * How output looks, from the options, the terminal and the environment:
 * colour and wrap width (SPEC 4).  Part of the cli: it reads getenv.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* An environment variable that is set and neither empty nor "0". */
static int
env_true(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

int
cli_color_when(const char *arg, enum color_when *when)
{
	if (arg == NULL || strcmp(arg, "always") == 0)
		*when = COLOR_ALWAYS;
	else if (strcmp(arg, "auto") == 0)
		*when = COLOR_AUTO;
	else if (strcmp(arg, "never") == 0)
		*when = COLOR_NEVER;
	else {
		cli_errorx("--color: '%s' is not auto, always or never", arg);
		return -1;
	}
	return 0;
}

int
cli_want_color(enum color_when when, int tty)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (when == COLOR_NEVER)
		return 0;
	if (when == COLOR_ALWAYS || env_true("CLICOLOR_FORCE"))
		return 1;
	if (!tty || (nc != NULL && *nc != '\0'))
		return 0;
	return term == NULL || strcmp(term, "dumb") != 0;
}

/* A positive column count from the environment, or 0. */
static int
env_columns(const char *name)
{
	const char *c = getenv(name);
	char *end;
	long n;

	if (c == NULL || *c == '\0')
		return 0;
	n = strtol(c, &end, 10);
	return *end == '\0' && n > 0 && n < 10000 ? (int)n : 0;
}

int
cli_want_width(int option, int tty_cols, int cap)
{
	int n;

	if (cap <= 0)
		cap = CLI_MAX_WIDTH;
	if (option > 0)
		return option;
	if ((n = env_columns("FZF_PREVIEW_COLUMNS")) > 0)
		return n;
	if (tty_cols > 0)
		return tty_cols < cap ? tty_cols : cap;
	return 0;
}
