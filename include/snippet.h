/*
 * Snippets of search hits: the excerpt of a term's text where the query
 * matched, on one line, with the matching words marked.  The only file
 * of the search layer that reads Markdown (md.h).
 */
#ifndef GLOSS_SNIPPET_H
#define GLOSS_SNIPPET_H

#include <stddef.h>

struct hit;
struct query;
struct term;

/*
 * Set h->snippet and h->marks for h->term: an excerpt of its description,
 * else of the first example, else of its body as plain text, where the
 * words of q first occur (the description when they occur nowhere).  The
 * hit owns both; hits_release frees them.  q needs query_prepare.
 * Returns 0, or -1 when the body is needed and the term was loaded
 * without its text (loader_opts.drop_text): nothing is set then.
 */
int snippet_make(const struct query *q, struct hit *h);
/* snippet_make with the body rendered whole (cut 0) or a prefix of at
 * least cut bytes at a time: the same snippet whatever cut (the tests
 * hold it to that). */
int snippet_make_cut(const struct query *q, struct hit *h, size_t cut);

#endif
