/*
 * What the loader's files share with each other and no one else:
 * loader.c, loadsnap.c (the snapshot of a whole load) and loader_post.c.
 */
#ifndef GLOSS_LOADER_INT_H
#define GLOSS_LOADER_INT_H

#include <sys/types.h>
#include <sys/stat.h>

#include "readfile.h"
#include "siteconf.h"
#include "term.h"
#include "util.h"

/*
 * Append to sb what besides a file's bytes and its stem decides what
 * the loader makes of it: this gloss, the term's packing, and the
 * glossary's own key names (conf).
 */
void loader_conf_context(const struct siteconf *conf, struct sbuf *sb);

/* Whether two stats are of one file, unchanged (every field of its
 * identity the index keeps). */
int loader_same_file(const struct stat *a, const struct stat *b);

/* path below the glossary root dir: the part after "dir/" (borrowed). */
const char *loader_rel_path(const char *dir, const char *path);

/*
 * Give t, made from the index's record of the file at path, that file's
 * text, read into rb: 0, or -1 when what was read is not the file the
 * walk saw (walked), t then unchanged.  *len and *fst are what
 * readfile_read gave (on -1, the bytes stay in rb for a parse).
 */
int loader_hit_text(struct term *t, const char *path, const struct stat *walked,
    struct readfile_buf *rb, ssize_t *len, struct stat *fst);

#endif
