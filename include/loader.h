/*
 * Term files -> terms: the public face of the loader layer.  It reads
 * files (readfile.h) found by a directory walk (walk.h) on a pool of
 * threads, splits each into front matter and body (frontmatter.h), parses
 * the YAML (yaml_tree.h), interprets it (schema.h), and merges the terms
 * into the table in path order.  Problems become diagnostics with
 * FILE:LINE:COL; nothing is printed.
 */
#ifndef GLOSS_LOADER_H
#define GLOSS_LOADER_H

#include <stddef.h>

#include "diag.h"
#include "siteconf.h"
#include "term.h"
#include "walk.h"

struct table;

/* The limits on input, one list for the whole loader layer. */
#define LOADER_MAX_FILE ((size_t)1024 * 1024) /* bytes in one term file */
#define LOADER_MAX_FM                                                          \
	((size_t)64 * 1024)	 /* bytes before the front matter closes */
#define LOADER_MAX_DEPTH   32	 /* nesting of YAML collections */
#define LOADER_MAX_NAME	   256	 /* bytes in a term name */
#define LOADER_MAX_ITEMS   10000 /* keys or items in one collection */
#define LOADER_MAX_DIRS	   64	 /* directory nesting below a root */
#define LOADER_MAX_THREADS 8	 /* threads that parse files */
#define LOADER_MAX_BYTES   ((size_t)1 << 30) /* all term files: the default */

/* What the caller (the cli) decides about loading. */
struct loader_opts {
	size_t max_bytes;      /* stop at this many bytes of term files in the
				  table (0: LOADER_MAX_BYTES) */
	int drop_text;	       /* terms keep no file text, only their fields */
	const char *cache_dir; /* where the indexes are (index.h), or NULL:
				  none (--no-cache, `cache: off') */
	int parse_all;	       /* parse every file: the index is written,
				  never read (gloss check) */
	int postings;	       /* with an index, give the table a source of
				  stored postings (post.h) for search */
	struct diag *index_diag; /* the index's one warning of a run goes
				    here while it is empty, never among the
				    files' problems; NULL: none is kept */
};

enum load_status {
	LOAD_OK,       /* *out is a term the caller frees with term_free */
	LOAD_NOT_TERM, /* no front matter: not a term file; nothing recorded */
	LOAD_SKIPPED,  /* a draft: not a term; a note was added to diag */
	LOAD_ERROR     /* the file is bad; the reasons were added to diag */
};

/*
 * Parse len bytes of one term file.  path names the file in diagnostics
 * and in the term.  The bytes are copied; buf needs no NUL.
 */
enum load_status loader_parse(const char *buf, size_t len, const char *path,
    struct diag *, struct term **out);

/*
 * Read and parse one file.  It is opened without blocking and read only
 * if it is a regular file, never past LOADER_MAX_FILE bytes.
 */
enum load_status loader_load_file(
    const char *path, struct diag *, struct term **out);

/*
 * Load every term file below dir (path order; hidden entries and files
 * not named *.md skipped; symbolic links followed, cycles detected) into
 * table, marking each term with dirno.  opts may be NULL for the
 * defaults; it is only read.  dir's .gloss.yaml (siteconf.h), if any,
 * is read first.  Files without front matter, drafts and site pages
 * that are not terms are recorded as notes.  Returns the number of terms added,
 * or -1 (with an error in diag) if dir cannot be read at all.
 */
int loader_load_dir(struct table *, const char *dir, int dirno,
    const struct loader_opts *opts, struct diag *);

/*
 * One glossary directory walked, before any term file is read: its
 * `.gloss.yaml', every file below it with its stat(2), and what the two
 * said (diag).  Owned by the caller: loader_walk_release frees it.
 */
struct loader_walk {
	char *dir;
	struct siteconf conf;
	struct walk_list list;
	struct diag diag; /* the configuration's and the walk's messages */
	int rc;		  /* walk_tree's: -1 when dir cannot be walked */
	int built;	  /* its load built the directory's index */
};

/*
 * Walk dir into *w, used bytes of term files being loaded already (the
 * cap of opts->max_bytes counts them).  *w is always filled.
 */
void loader_walk_dir(struct loader_walk *w, const char *dir, size_t used,
    const struct loader_opts *opts);
/* Free what a walk holds. */
void loader_walk_release(struct loader_walk *);

/*
 * loader_load_dir on a directory already walked: loads w's files into
 * table and moves w's messages and the files' into d.  w is left to be
 * released.  Returns what loader_load_dir returns.
 */
int loader_load_walk(struct table *, struct loader_walk *w, int dirno,
    const struct loader_opts *opts, struct diag *d);

#endif
