/*
 * The directory walk: every term file below a directory, in path order.
 * Hidden entries and names not ending in .md are skipped; symbolic links
 * are followed and directory cycles detected; the walk stops queueing
 * files once a glossary would pass its byte cap.  What the walk itself
 * finds (a dangling link, a FIFO, a cycle) is kept in its place in path
 * order, so output never depends on timing.  Part of the loader layer.
 */
#ifndef GLOSS_WALK_H
#define GLOSS_WALK_H

#include <sys/stat.h>

#include <stddef.h>

#include "diag.h"
#include "util.h"

/* One entry of a walk: a file to load, or only diagnostics. */
struct walk_item {
	char *path;	  /* in the list's blocks; a *.md file, or NULL */
	const char *rel;  /* path below the walk's root: inside path */
	struct stat st;	  /* path's stat(2), as the walk took it */
	struct diag diag; /* what the walk found here, in path order */
};

struct walk_block; /* memory the paths of a list are kept in */

struct walk_list {
	struct walk_item *v;
	size_t n, cap;
	struct walk_block *blocks; /* owned */
};

/*
 * Append to list the files below dir (trailing slashes ignored).  used
 * bytes are already loaded; no file is queued that would bring the
 * total past max, and the first that would is an error.  Site pages
 * that are not terms (_index.md, an index.md beside other .md files)
 * and files matching a glob of skip (relative to dir; NULL: none) are
 * noted in their place, not queued.  Returns 0, or -1 if dir cannot be
 * read at all: with the error in d when dir is not a directory, else in
 * the list.  Release the list with walk_release.
 */
int walk_tree(const char *dir, size_t used, size_t max,
    const struct strlist *skip, struct walk_list *list, struct diag *d);

/* Free every path, diag and the array of list; it is then empty. */
void walk_release(struct walk_list *list);

/*
 * Whether a file named name is a folder's index page: `index.md', or
 * `README.md' in any case (Docusaurus).  Alone in its folder it is a
 * term named by the folder (a page bundle); beside other .md files it
 * introduces the folder and is not a term.
 */
int walk_is_index(const char *name);

#endif
