/*
 * A search query parsed into clauses of stemmed words, and the word
 * services the ranking shares with it: splitting text into words,
 * folding and stemming one word (Snowball English, libstemmer being
 * behind this file), finding a word's stem among the query's.  Used by
 * rank.c and snippet.c; nothing above the search layer needs it.
 */
#ifndef GLOSS_QUERY_H
#define GLOSS_QUERY_H

#include <stddef.h>

struct sb_stemmer;

/* A word longer than this many characters is cut; buffers hold 4x. */
#define QUERY_WORD_MAX 64
#define QUERY_STEM_BUF (4 * QUERY_WORD_MAX)

/* A word, or a phrase of words, that the query looks for. */
struct clause {
	size_t *ids; /* stems, in order; several for a phrase */
	size_t n;
	char *word; /* a single word as typed, folded; for typos */
	char *text; /* the word or the phrase as typed, for messages */
	int fuzzy;  /* the word was corrected */
};

struct query {
	struct sb_stemmer *stemmer;
	char **stems; /* distinct stems of the query */
	size_t nstems;
	struct clause *cl;
	size_t ncl;
	int stop_only; /* the query has only stopwords, kept as clauses */
	/*
	 * A Snowball stem keeps the first letter of its word and is never
	 * longer, so a word that starts otherwise, or is shorter than every
	 * stem, need not be stemmed at all (query_prepare sets these).
	 */
	unsigned char first[256];
	size_t minlen;
};

/*
 * Parse s into q: words and "quoted phrases", each a clause.  Stopwords
 * ("what is churn") are dropped unless they stand in a phrase, or the
 * query has nothing else (then stop_only is set).  q owns everything;
 * query_release frees it. A query of no words has ncl 0.
 */
void query_parse(struct query *q, const char *s);
/* Free what query_parse and query_add_stem allocated. */
void query_release(struct query *q);
/* Set first and minlen from the stems: after the stems last change. */
void query_prepare(struct query *q);
/* The index of stem in q->stems, added (a copy) if it is not there. */
size_t query_add_stem(struct query *q, const char *stem);
/*
 * The index in q->stems of the stem of the word w[0..n), or -1 when it
 * is none of them.  Needs query_prepare.
 */
long query_find_stem(const struct query *q, const char *w, size_t n);

/*
 * Fold the word w[0..n) into buf (bufsz bytes, at least QUERY_STEM_BUF)
 * and, when st is not NULL, stem it there.  Returns the length of the
 * result, 0 for nothing; buf is NUL-terminated either way.
 */
size_t query_stem(
    struct sb_stemmer *st, const char *w, size_t n, char *buf, size_t bufsz);

/* Called for each word of a text: its byte range [start, end) in s. */
typedef void (*query_word_fn)(
    void *arg, const char *s, size_t start, size_t end);
/* Call fn for each word (run of letters and digits) of s[0..n). */
void query_words(const char *s, size_t n, query_word_fn fn, void *arg);

#endif
