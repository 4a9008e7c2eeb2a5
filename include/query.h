/*
 * A search query parsed into clauses of stemmed words, and the word
 * services the ranking shares with it: splitting text into words,
 * folding and stemming one word (Snowball, by language; libstemmer being
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

/*
 * The query's words stemmed for text of another language (--lang all):
 * stems[i] is words[i] by that language's stemmer.
 */
struct query_alt {
	const char *algo; /* Snowball's name; NULL: no stemmer */
	struct sb_stemmer *st;
	char **stems;
	size_t n; /* stems made so far */
};

struct query {
	struct sb_stemmer *stemmer; /* of the language served; or NULL */
	const char *algo;	    /* its Snowball name; NULL: none */
	char **stems;		    /* distinct stems of the query */
	char **words;		    /* the folded word of each stem */
	size_t nstems;
	struct query_alt *alt; /* other languages' stemmers, made on use */
	size_t nalt;
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
	/* Words already looked up by query_find_stem, and what they gave:
	 * a text says the same words again and again (query_prepare and
	 * query_add_stem forget them). */
	struct memo *memo;
};

/*
 * Parse s into q: words and "quoted phrases", each a clause, stemmed by
 * the Snowball stemmer of language lang (NULL: English; none when
 * Snowball has none for it).  camelCase words are not split: "ConfigMap"
 * looks for the word as typed.  Stopwords ("what is churn") are dropped
 * unless they stand in a phrase, or the query has nothing else (then
 * stop_only is set).  q owns everything; query_release frees it.  A
 * query of no words has ncl 0.
 */
void query_parse(struct query *q, const char *s, const char *lang);
/* Free what query_parse and query_add_stem allocated. */
void query_release(struct query *q);
/*
 * A copy of q for another thread to look words up with (query_find_stem,
 * query_alt_find): its own stemmers and memo, q's stems and clauses
 * shared, so q must not change while the copy is used.
 * query_copy_release frees what the copy owns.
 */
void query_copy(struct query *dst, const struct query *q);
void query_copy_release(struct query *dst);
/* Set first and minlen from the stems: after the stems last change. */
void query_prepare(struct query *q);
/*
 * The index of stem in q->stems, added (a copy, with word, the folded
 * word it stems) if it is not there.
 */
size_t query_add_stem(struct query *q, const char *stem, const char *word);
/*
 * How to stem text of language lang against q: NULL when q's own stemmer
 * does (lang NULL, or a language of the same stemmer), else the other
 * language's, made on first use and brought up to date with q's words.
 * Borrowed from q.
 */
const struct query_alt *query_alt(struct query *q, const char *lang);
/* The same, for a q that query_alt has already seen lang in; or NULL. */
const struct query_alt *query_alt_find(const struct query *q, const char *lang);
/*
 * The index in q->stems of the stem of the word w[0..n), stemmed as alt
 * says (query_alt), or -1 when it is none of them.  Needs query_prepare.
 */
long query_find_stem(const struct query *q, const struct query_alt *alt,
    const char *w, size_t n);

/*
 * The Snowball stemmer's name for text of language lang (NULL: English),
 * or NULL when Snowball has none for it: a static string.
 */
const char *query_algo(const char *lang);
/* A stemmer of that name (NULL: none, and so NULL); free it with
 * query_stemmer_free, which takes NULL too. */
struct sb_stemmer *query_stemmer_new(const char *algo);
void query_stemmer_free(struct sb_stemmer *);

/*
 * Fold the word w[0..n) into buf (bufsz bytes, at least QUERY_STEM_BUF)
 * and, when st is not NULL, stem it there.  Returns the length of the
 * result, 0 for nothing; buf is NUL-terminated either way.
 */
size_t query_stem(
    struct sb_stemmer *st, const char *w, size_t n, char *buf, size_t bufsz);

/* Called for each word of a text: its byte range [start, end) in s.
 * Returns 0 to go on, nonzero to stop at that word. */
typedef int (*query_word_fn)(
    void *arg, const char *s, size_t start, size_t end);
/*
 * Call fn for each word of s[0..n): each run of letters and digits, and
 * after a camelCase word its parts ("ConfigMap", then "Config", "Map");
 * in Chinese, Japanese and Korean text, which has no spaces, each two
 * characters in a row (a lone one alone), as Lucene's CJK analyzer.
 * The words come in order of where they start (a word's parts after it,
 * each bigram after the one before); fn may stop them.
 */
void query_words(const char *s, size_t n, query_word_fn fn, void *arg);
/*
 * query_words of a Markdown body: what its links point to is not its
 * text, so a link's destination and title ("](url \"title\")"), a
 * reference's label ("][label]") and a definition line ("[label]: url")
 * give no words.
 */
void query_body_words(const char *s, size_t n, query_word_fn fn, void *arg);

#endif
