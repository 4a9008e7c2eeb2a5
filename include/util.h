/*
 * Small helpers shared by every layer: allocation that cannot fail (out of
 * memory is fatal, as in mandoc_aux) and a growable byte buffer.
 */
#ifndef GLOSS_UTIL_H
#define GLOSS_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define GLOSS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define GLOSS_PRINTF(a, b)
#endif

/*
 * Allocators: abort the program with a message if memory runs out.
 * Out of memory is fatal here and only here.  xalloc_oom_hook, if set, is
 * called first; tests that inject allocation failures set it to a
 * function that does not return.
 */
extern void (*xalloc_oom_hook)(void);
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
/* Grow an array of n elements of size sz to hold at least need elements. */
void *xreallocarray(void *, size_t n, size_t sz);
char *xstrdup(const char *);
/* Whether a and b are equal strings, or both NULL. */
int str_same(const char *a, const char *b);
char *xstrndup(const char *, size_t);
/* The caller frees the result. */
char *xasprintf(const char *, ...) GLOSS_PRINTF(1, 2);
char *xvasprintf(const char *, va_list) GLOSS_PRINTF(1, 0);

/*
 * A growable NUL-terminated byte buffer.  sb_init allocates nothing;
 * sb_release frees the contents; sb_take hands the string to the caller,
 * who frees it, and leaves the buffer empty.
 */
struct sbuf {
	char *s;
	size_t len;
	size_t cap;
};

void sb_init(struct sbuf *);
void sb_release(struct sbuf *);
void sb_addn(struct sbuf *, const char *, size_t);
void sb_adds(struct sbuf *, const char *);
void sb_addc(struct sbuf *, char);
void sb_addf(struct sbuf *, const char *, ...) GLOSS_PRINTF(2, 3);
char *sb_take(struct sbuf *);
/* Room for n more bytes (and the NUL) without growing again: for a
 * writer that fills sb->s from sb->len itself, then sets len and NUL. */
void sb_reserve(struct sbuf *, size_t n);
/*
 * Append n strings to sb with sep between each two: the one join loop.
 * item(arg, i) gives string i, borrowed.
 */
void sb_join(struct sbuf *, const char *sep, size_t n,
    const char *(*item)(const void *arg, size_t i), const void *arg);

/* A growable array of owned strings. */
struct strlist {
	char **v;
	size_t n;
	size_t cap;
};

void strlist_push(struct strlist *, char *owned);
void strlist_release(struct strlist *);
/* String i of a struct strlist given as arg: an item function for sb_join. */
const char *strlist_item(const void *strlist, size_t i);
/* String i of an argv-style array (char **): an item function for sb_join. */
const char *strv_item(const void *strv, size_t i);

#endif
