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

/* Add p unless the same directory is listed already. */
static void
add_dir(struct strlist *l, char *p)
{
	struct stat a, b;
	size_t i;

	if (stat(p, &a) == 0)
		for (i = 0; i < l->n; i++)
			if (stat(l->v[i], &b) == 0 && a.st_dev == b.st_dev &&
			    a.st_ino == b.st_ino) {
				free(p);
				return;
			}
	strlist_push(l, p);
}

/* Add each entry of a colon-separated list, with suffix appended. */
static void
add_list(struct strlist *l, const char *list, const char *suffix)
{
	const char *p = list, *e;

	while (*p != '\0') {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p)
			add_dir(
			    l, xasprintf("%.*s%s", (int)(e - p), p, suffix));
		p = *e == ':' ? e + 1 : e;
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

void
cli_default_dirs(struct strlist *l, const char *config_path, int *explicit)
{
	const char *gp = getenv("GLOSS_PATH");
	const char *dh = getenv("XDG_DATA_HOME");
	const char *dd = getenv("XDG_DATA_DIRS");
	const char *home = getenv("HOME");
	char *bt;

	/* The environment beats the configuration file. */
	if (gp == NULL || *gp == '\0')
		gp = config_path;
	if (gp != NULL && *gp != '\0') {
		*explicit = 1;
		add_list(l, gp, "");
		return;
	}
	*explicit = 0;
	if (dh != NULL && *dh == '/')
		add_dir(l, xasprintf("%s/gloss", dh));
	else if (home != NULL && *home != '\0')
		add_dir(l, xasprintf("%s/.local/share/gloss", home));
	add_list(l,
	    dd != NULL && *dd != '\0' ? dd : "/usr/local/share:/usr/share",
	    "/gloss");
	/* Run from the build tree, the bundled data stands for the installed.
	 */
	if ((bt = build_tree_data()) != NULL)
		add_dir(l, bt);
	else
		add_dir(l, xstrdup(GLOSS_DATADIR));
}
