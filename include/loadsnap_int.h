/*
 * What loadsnap.c (the snapshot made) and loadsnap_pick.c (the snapshot
 * read) share.  Part of the loader layer.
 */
#ifndef GLOSS_LOADSNAP_INT_H
#define GLOSS_LOADSNAP_INT_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"
#include "loader.h"
#include "util.h"

/* The format of the snapshot's data; any change bumps it. */
#define SNAP_FORMAT 3

/* A load that may be answered by, or will make, a snapshot. */
struct loader_snap {
	char *const *dirs;
	size_t n;
	const struct loader_opts *opts;
	char *key;	       /* the caller's key, the options, the dirs */
	struct loader_walk *w; /* one per directory */
	unsigned char *walked; /* w[i] holds its walk still */
	int reuse;	       /* the walks are what loader_load_dir takes */
	int64_t stamp;	       /* taken before the walks */
	unsigned char sum[16]; /* of the walks: what the snapshot keeps */
	uint64_t hash;	       /* its first half */
	int home;	       /* the directory whose index keeps it, or -1 */
	int settled;	       /* every file was settled at stamp */
	int built;	       /* a load built its directory's index */
};

/*
 * Of the hash of a key (table_key_hash), the low bits are the bucket of
 * the snapshot's data that keeps the index entries of the key, the high
 * 32 the tag they are kept under.
 */
#define LOADSNAP_TAG(h) ((uint32_t)((h) >> 32))

/* Whether sn was made from the walks s took (their sums are equal). */
int loadsnap_same_walk(
    const struct loader_snap *s, const struct index_snap *sn);

/* Whether every file s walked was settled at stamp (the racy rule). */
int loadsnap_settled(const struct loader_snap *s, int64_t stamp);

#endif
