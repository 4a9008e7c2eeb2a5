/*
 * A glossary's own settings: the `.gloss.yaml' at its root (SPEC 1), a
 * hidden file that is never a term file.  `keys:' maps a field to the
 * key or keys tried before the built-in ones, `skip:' lists globs of
 * files not to load, relative to the root, and `lang:' is the language
 * of files that name none.  Its problems are diagnostics like any
 * file's.  Part of the loader layer.
 */
#ifndef GLOSS_SITECONF_H
#define GLOSS_SITECONF_H

#include "diag.h"
#include "schema.h"

#define SITECONF_NAME ".gloss.yaml"

struct siteconf {
	struct schema_keys keys; /* the glossary's own key names */
	struct strlist skip;	 /* globs relative to the root */
	char *lang;		 /* lower case, or NULL */
};

/* Set up empty settings; allocates nothing. */
void siteconf_init(struct siteconf *);
/* Free what the settings hold; they are then empty. */
void siteconf_release(struct siteconf *);

/*
 * Read dir/.gloss.yaml into c, if there is one.  Returns 1 if it was
 * read, 0 if there is none, -1 after errors added to d (c then holds
 * what could be read).
 */
int siteconf_load(const char *dir, struct siteconf *c, struct diag *d);

#endif
