/*
 * The search layer, between the table and the renderers: everything a
 * command may ask of a loaded glossary.  One header per job; this one
 * only gathers them.
 *
 *   filter.h    the category and vertical filters
 *   lookup.h    name lookup: exact, alias, prefix, substring
 *   suggest.h   did-you-mean candidates
 *   editdist.h  the edit distance (reentrant)
 *   rank.h      ranked full-text search (BM25F) with snippets
 *   links.h     the related-term graph
 *
 * query.h and snippet.h serve rank.c and are not gathered here.
 */
#ifndef GLOSS_SEARCH_H
#define GLOSS_SEARCH_H

#include "editdist.h"
#include "filter.h"
#include "links.h"
#include "lookup.h"
#include "rank.h"
#include "suggest.h"

#endif
