/*
 * Snippets of search hits: the excerpt of a term's text where the query
 * matched, on one line, with the matching words marked.  The only file
 * of the search layer that reads Markdown (md.h).
 */
#ifndef GLOSS_SNIPPET_H
#define GLOSS_SNIPPET_H

struct hit;
struct query;
struct term;

/*
 * Set h->snippet and h->marks for h->term: an excerpt of its description,
 * else of the first example, else of its body as plain text, where the
 * words of q first occur (the description when they occur nowhere).  The
 * hit owns both; hits_release frees them.  q needs query_prepare.
 */
void snippet_make(const struct query *q, struct hit *h);
/* Whether snippet_make would read t's body: no word of q is in its
 * description or examples. */
int snippet_needs_body(const struct query *q, const struct term *t);

#endif
