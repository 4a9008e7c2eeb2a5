/*
 * The loader's source of stored postings (post.h) for a search: it
 * remembers, for each term it gave the table, the file and the identity
 * its fields and text came from, keeps the postings search makes in each
 * glossary directory's index (index_post.h), and reads a term's text on
 * demand.  The loader's internal interface; loader.c drives it.
 */
#ifndef GLOSS_LOADER_POST_H
#define GLOSS_LOADER_POST_H

#include <stdint.h>
#include <sys/stat.h>

#include "diag.h"
#include "index.h"
#include "table.h"

struct lpost_dir;

/*
 * Start keeping the postings of the glossary directory root (whose index
 * is in cache_dir) for tab, giving tab a source if it has none.  stamp
 * is a time before any of root's files was read (index_stamp).  Returns
 * the directory's handle, owned by the source.
 */
struct lpost_dir *loader_post_dir(
    struct table *tab, const char *cache_dir, const char *root, int64_t stamp);

/*
 * Give d the loader's handle ix on the directory's index, which it is
 * building (index_building): the postings search makes are then
 * written in the build's own transaction, without a second connection
 * or the WAL, and ix is closed (the build put in place) when they are,
 * or when tab is released.  A failure then adds the index's one warning
 * of the run to warn, if it holds none (NULL: nowhere).
 */
void loader_post_adopt(
    struct lpost_dir *d, struct index *ix, struct diag *warn);
/*
 * t, just given to tab, came from the file rel (below the directory)
 * whose identity was st when its fields (and text, if it has it) were
 * read.
 */
void loader_post_term(struct table *tab, struct lpost_dir *, struct term *t,
    const char *rel, const struct stat *st);

#endif
