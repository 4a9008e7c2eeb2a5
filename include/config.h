/*
 * The user's configuration file (SPEC 2): defaults for path, lang,
 * color, pager, width, format, quiet and cache, read with the YAML tree
 * of the loader.  This file only reads the file it is given: finding it
 * ($XDG_CONFIG_HOME) and deciding what options and the environment
 * leave to it is the cli's job (settings.c).
 */
#ifndef GLOSS_CONFIG_H
#define GLOSS_CONFIG_H

#include "diag.h"

/* Each setting; NULL or -1 when the file does not set it. */
struct config {
	char *path;   /* glossary directories, colon-separated, ~ expanded */
	char *lang;   /* a language tag */
	char *color;  /* "auto", "always" or "never" */
	char *pager;  /* "auto", "always", "never", or a pager command */
	int width;    /* widest text at a terminal, 1 to 10000 */
	char *format; /* the name of an output format (render_find) */
	int quiet;    /* 0 or 1 */
	int cache;    /* 0 or 1: use the index (SPEC 7) */
};

/* Set every setting of c to unset; allocates nothing. */
void config_init(struct config *c);
/*
 * Read the configuration file path into c (config_init first).  home,
 * or NULL, replaces a leading `~' of a path entry.  Each problem is a
 * diagnostic in d with its position, and what it concerns is left
 * unset: a file that is no YAML mapping sets nothing, a key of the wrong
 * type or an unknown key is skipped and the others are used.  Returns 0
 * when the file was read (problems or not), 1 when there is no such
 * file, -1 when it could not be read or parsed.  c owns its strings;
 * config_release frees them.
 */
int config_load(
    struct config *c, const char *path, const char *home, struct diag *d);
/* Free the strings of c and set it to unset. */
void config_release(struct config *c);

#endif
