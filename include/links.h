/*
 * The related-term graph: each `related' name resolved to the term it
 * means, both ways, and walked breadth-first.  Terms are borrowed from
 * the table.
 */
#ifndef GLOSS_LINKS_H
#define GLOSS_LINKS_H

#include <stddef.h>

#include "table.h"

/* The term a related name means (exact name or alias, folded), or NULL. */
const struct term *links_resolve(const struct table *, const char *name);
/* The term a link of a term means, or NULL. */
const struct term *links_resolve_link(
    const struct table *, const struct term_link *);

/*
 * Every related name of a table resolved once, both ways: the j-th link
 * of term t means out_to[out_first[t->idx] + j] (NULL: no such term);
 * the terms linking to t, in name order, each once, are
 * in_from[in_first[t->idx] ...] for in_len[t->idx] entries.
 */
struct links {
	size_t *out_first;
	const struct term **out_to;
	size_t *in_first;
	size_t *in_len;
	const struct term **in_from;
};

/* Resolve every link of an indexed table into l; links_release frees. */
void links_build(const struct table *, struct links *l);
/* Free what links_build allocated and clear l. */
void links_release(struct links *l);
/* Whether from lists to among its related terms. */
int links_to(
    const struct links *, const struct term *from, const struct term *to);

/* How a term relates: links out, in, both ways, a mention in its body,
 * or its body mentions the term. */
enum rel_dir {
	REL_OUT = 1,
	REL_IN = 2,
	REL_BOTH = 3,
	REL_MENTION = 4,
	REL_MENTIONED_BY = 5
};

struct rel {
	const struct term *term; /* NULL for a name that resolves to nothing */
	const char *name;	 /* the name as written (borrowed) */
	enum rel_dir dir; /* how it links to the term it was reached from */
	int depth;	  /* 1 for direct links */
	const struct term *from;
};

struct rels {
	struct rel *v;
	size_t n, cap;
};

/*
 * The terms t links to (with the names that resolve to nothing) and the
 * terms that link to it, then the terms its body mentions that neither
 * listed (REL_MENTION) and the terms whose bodies mention it
 * (REL_MENTIONED_BY), then (depth > 1) their links, breadth-first, each
 * term once, never t itself.  out is always filled; rels_release frees
 * it.
 */
void links_related(
    const struct table *, const struct term *t, int depth, struct rels *out);
/* Free the list of a links_related walk and clear it. */
void rels_release(struct rels *);

#endif
