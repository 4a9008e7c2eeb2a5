/*
 * Where glossaries come from when no -d is given (SPEC 2).  Part of the
 * cli: it reads the environment.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef GLOSS_DATADIR
#define GLOSS_DATADIR "/usr/local/share/gloss"
#endif

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Add p (owned) unless the same directory is listed already. */
static void
add_dir(struct cli_dirs *l, char *p, enum dir_origin origin)
{
	struct stat a, b;
	size_t i;

	/* The same directory twice, or the same missing one (the installed
	 * data is an XDG data directory too), is listed once. */
	for (i = 0; i < l->path.n; i++)
		if (strcmp(l->path.v[i], p) == 0) {
			free(p);
			return;
		}
	if (stat(p, &a) == 0)
		for (i = 0; i < l->path.n; i++)
			if (stat(l->path.v[i], &b) == 0 &&
			    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
				free(p);
				return;
			}
	l->origin = xreallocarray(l->origin, l->path.n + 1, sizeof(*l->origin));
	l->nterms = xreallocarray(l->nterms, l->path.n + 1, sizeof(*l->nterms));
	l->origin[l->path.n] = origin;
	l->nterms[l->path.n] = -1;
	strlist_push(&l->path, p);
}

static void add_defaults(struct cli_dirs *);

/*
 * Add each entry of a colon-separated list, with suffix appended; an
 * empty entry stands for the default directories when defaults is set
 * (GLOSS_PATH, as MANPATH) and is skipped otherwise.
 */
static void
add_list(struct cli_dirs *l, const char *list, const char *suffix,
    enum dir_origin origin, int defaults)
{
	const char *p = list, *e;

	for (;;) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p)
			add_dir(l, xasprintf("%.*s%s", (int)(e - p), p, suffix),
			    origin);
		else if (defaults)
			add_defaults(l);
		if (*e == '\0')
			break;
		p = e + 1;
	}
}

/*
 * The bundled data/ of the source tree, when the running program lives
 * inside the tree it was built from (./gloss, or build/san/gloss).
 */
static char *
build_tree_data(void)
{
#ifdef GLOSS_SRCDIR
	char exe[PATH_MAX];
	size_t n = strlen(GLOSS_SRCDIR);
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *p;

	if (len <= 0)
		return NULL;
	exe[len] = '\0';
	if (n == 0 || strncmp(exe, GLOSS_SRCDIR, n) != 0 || exe[n] != '/')
		return NULL;
	p = xasprintf("%s/data", GLOSS_SRCDIR);
	if (is_dir(p))
		return p;
	free(p);
#endif
	return NULL;
}

/* SPEC 2's fourth place: the XDG data directories and the installed data. */
static void
add_defaults(struct cli_dirs *l)
{
	const char *dh = getenv("XDG_DATA_HOME");
	const char *dd = getenv("XDG_DATA_DIRS");
	const char *home = getenv("HOME");
	char *bt;

	if (dh != NULL && *dh == '/')
		add_dir(l, xasprintf("%s/gloss", dh), DIR_DEFAULT);
	else if (home != NULL && *home != '\0')
		add_dir(
		    l, xasprintf("%s/.local/share/gloss", home), DIR_DEFAULT);
	add_list(l,
	    dd != NULL && *dd != '\0' ? dd : "/usr/local/share:/usr/share",
	    "/gloss", DIR_DEFAULT, 0);
	/* Run from the build tree, the bundled data stands for the installed.
	 */
	if ((bt = build_tree_data()) != NULL)
		add_dir(l, bt, DIR_DEFAULT);
	else
		add_dir(l, xstrdup(GLOSS_DATADIR), DIR_DEFAULT);
}

void
cli_dirs_resolve(const struct ctx *ctx, struct cli_dirs *l)
{
	const char *gp = getenv("GLOSS_PATH");
	size_t i;

	memset(l, 0, sizeof(*l));
	if (ctx->dirs.n > 0) {
		for (i = 0; i < ctx->dirs.n; i++)
			add_dir(l, xstrdup(ctx->dirs.v[i]), DIR_OPTION);
	} else if (gp != NULL && *gp != '\0')
		add_list(l, gp, "", DIR_ENV, 1);
	else if (ctx->cfg.path != NULL && *ctx->cfg.path != '\0')
		add_list(l, ctx->cfg.path, "", DIR_CONFIG, 1);
	else
		add_defaults(l);
}

void
cli_dirs_release(struct cli_dirs *l)
{
	strlist_release(&l->path);
	free(l->origin);
	free(l->nterms);
	memset(l, 0, sizeof(*l));
}

const char *
cli_dir_origin_name(enum dir_origin o)
{
	static const char *const names[] = {
	    "-d", "GLOSS_PATH", "config", "default"};

	return names[o];
}
