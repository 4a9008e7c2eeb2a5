/*
 * Edit distance between byte strings: the optimal string alignment
 * distance (Levenshtein plus swaps of adjacent bytes, each substring
 * edited once).  Reentrant: the work space is on the caller's stack.
 */
#ifndef GLOSS_EDITDIST_H
#define GLOSS_EDITDIST_H

#include <stddef.h>

/* Only the first EDITDIST_MAX bytes of each string are compared. */
#define EDITDIST_MAX 64

/*
 * The distance between a[0..n) and b[0..m), each cut to EDITDIST_MAX
 * bytes: at most EDITDIST_MAX.  Allocates nothing; cannot fail.
 */
size_t editdist_mem(const char *a, size_t n, const char *b, size_t m);
/* editdist_mem of two NUL-terminated strings. */
size_t editdist(const char *a, const char *b);

#endif
