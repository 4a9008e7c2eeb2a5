/*
 * A memo of short words: an open-addressed table from a word (at most
 * MEMO_WORD bytes) under a caller's tag (say, the stemmer it was read
 * with) to what the caller made of it, a number and a string.  The words
 * of a text repeat, so a word stemmed or looked up once need not be
 * again.  Not locked: one thread at a time.
 */
#ifndef GLOSS_MEMO_H
#define GLOSS_MEMO_H

#include <stddef.h>
#include <stdint.h>

/* Longer words are not kept. */
#define MEMO_WORD 24

/* What a word gave. */
struct memo_val {
	long num;     /* the caller's number */
	uint64_t aux; /* and a second one */
	char *str;    /* the caller's string (a copy the memo owns), or NULL */
};

struct memo;

/*
 * An empty memo that keeps at most max words (then put does nothing).
 * memo_free frees it and every string it holds (NULL is a no-op).
 */
struct memo *memo_new(size_t max);
void memo_free(struct memo *m);

/*
 * What w (n bytes) gave under tag, or NULL when it is not kept (an empty
 * word or one longer than MEMO_WORD never is).  Valid until the next
 * memo_put or memo_free; its str until memo_free.
 */
const struct memo_val *memo_get(
    const struct memo *m, uintptr_t tag, const char *w, size_t n);

/*
 * Keep that w (n bytes) under tag gave num, aux and str (copied; NULL
 * for none).  Does nothing when the word is empty, longer than
 * MEMO_WORD, already kept, or the memo is full.
 */
void memo_put(struct memo *m, uintptr_t tag, const char *w, size_t n, long num,
    uint64_t aux, const char *str);

/* How many words m keeps. */
size_t memo_count(const struct memo *m);

#endif
