/*
 * The snapshot of a whole load (SPEC 7): what loading a list of
 * glossary directories gave once the table was indexed -- which file
 * each term came from, the index entries, every message -- kept in the
 * first directory's index beside the rows of its files, with the walk
 * it was made from.  A later run whose walk is the same, file for file
 * and stat for stat, can take from it only the terms a name asks for,
 * reading those rows alone: `gloss NAME' in a large glossary stats every
 * file but reads one.  Part of the loader layer.
 *
 * How the cli uses it:
 *   s = loader_snap_begin(dirs, n, key, opts);   walks every directory
 *   if (loader_snap_pick(s, names, ...) >= 0)    the answer: done
 *   else: for each directory, loader_snap_load_dir(s, ...); then the
 *         language served and table_index; then loader_snap_save(s, ...)
 *   loader_snap_end(s);
 * loader_snap_pick, _save and _end take NULL for s and do nothing.
 */
#ifndef GLOSS_LOADSNAP_H
#define GLOSS_LOADSNAP_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "loader.h"
#include "table.h"

struct loader_snap;

/*
 * Begin loading dirs[0..n) with opts, asked for as key says (what else
 * decides the table: the language served, say).  Walks every directory
 * now.  Returns NULL when opts names no cache or parses everything;
 * loader_snap_end frees the result.  dirs and opts are borrowed until
 * then.
 */
struct loader_snap *loader_snap_begin(char *const *dirs, size_t n,
    const char *key, const struct loader_opts *opts);

/*
 * From an unchanged glossary's snapshot, fill the empty table with only
 * the terms that names[0..nnames) name exactly (by a name, alias or link
 * key, folded as term_key folds), with the index entries of those names
 * alone, and d with every message the load gave.  extra[0..nextra) gets
 * the caller's numbers as loader_snap_save was given them.  Returns the
 * number of terms the whole table had, or -1 when the snapshot cannot
 * answer (none, stale, a name it does not hold, a row gone): table and
 * d are then untouched.
 */
int loader_snap_pick(struct loader_snap *, char *const *names, size_t nnames,
    struct table *, struct diag *d, int64_t *extra, size_t nextra);

/*
 * loader_load_dir of dirs[dirno] into table, on the walk begin took when
 * it can be used as it is.  s is not NULL.
 */
int loader_snap_load_dir(
    struct loader_snap *, struct table *, int dirno, struct diag *d);

/*
 * Keep what the load gave: the indexed table, every message d holds, and
 * the caller's numbers extra[0..nextra).  Does nothing when the same
 * snapshot is kept already, or when a file changed too recently to be
 * trusted (the racily-clean rule) or the walk stopped at the size cap.
 */
void loader_snap_save(struct loader_snap *, const struct table *,
    const struct diag *d, const int64_t *extra, size_t nextra);

/* Free s and its walks.  NULL is a no-op. */
void loader_snap_end(struct loader_snap *);

#endif
