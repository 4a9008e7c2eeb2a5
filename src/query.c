#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "lang.h"
#include "memo.h"
#include "query.h"
#include "utf8.h"
#include "util.h"

size_t
query_stem(
    struct sb_stemmer *st, const char *w, size_t n, char *buf, size_t bufsz)
{
	const sb_symbol *s;
	size_t i, len;
	int ascii = 1;

	for (i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80)
			ascii = 0;
	if (ascii) {
		len = n < bufsz - 1 ? n : bufsz - 1;
		for (i = 0; i < len; i++)
			buf[i] = (w[i] >= 'A' && w[i] <= 'Z')
			    ? (char)(w[i] - 'A' + 'a')
			    : w[i];
	} else {
		char *f = utf8_fold(w, n);

		len = strlen(f);
		if (len > bufsz - 1)
			len = bufsz - 1;
		memcpy(buf, f, len);
		free(f);
	}
	buf[len] = '\0';
	if (len == 0 || st == NULL)
		return len;
	s = sb_stemmer_stem(st, (const sb_symbol *)buf, (int)len);
	if (s == NULL)
		return len;
	len = (size_t)sb_stemmer_length(st);
	if (len > bufsz - 1)
		len = bufsz - 1;
	memmove(buf, s, len);
	buf[len] = '\0';
	return len;
}

/*
 * Whether cp is written without spaces between words: Han, Hiragana,
 * Katakana (and its half-width forms), Hangul.
 */
static int
is_cjk(int32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30ff) || /* kana */
	    (cp >= 0x31f0 && cp <= 0x31ff) ||	 /* kana extensions */
	    (cp >= 0x3400 && cp <= 0x4dbf) ||	 /* Han extension A */
	    (cp >= 0x4e00 && cp <= 0x9fff) ||	 /* Han */
	    (cp >= 0xf900 && cp <= 0xfaff) ||	 /* Han compatibility */
	    (cp >= 0x1100 && cp <= 0x11ff) ||	 /* Hangul jamo */
	    (cp >= 0x3130 && cp <= 0x318f) ||	 /* Hangul compatibility */
	    (cp >= 0xac00 && cp <= 0xd7af) ||	 /* Hangul syllables */
	    (cp >= 0xff66 && cp <= 0xff9f) ||	 /* half-width katakana */
	    (cp >= 0x20000 && cp <= 0x3134f);	 /* Han extensions B-G */
}

/* After a camelCase word s[start..end): its parts, as words.  Returns
 * what fn last returned. */
static int
camel_parts(
    const char *s, size_t start, size_t end, query_word_fn fn, void *arg)
{
	size_t b[UTF8_CAMEL_MAX], nb, i, from = start;

	nb = utf8_camel(s + start, end - start, b, UTF8_CAMEL_MAX);
	for (i = 0; i < nb; i++) {
		if (fn(arg, s, from, start + b[i]))
			return 1;
		from = start + b[i];
	}
	return nb > 0 ? fn(arg, s, from, end) : 0;
}

/* ASCII word characters: 1 a lower-case letter or a digit, 2 a capital. */
static const unsigned char ascii_word[128] = {
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    2,
    0,
    0,
    0,
    0,
    0,
    0,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    0,
    0,
    0,
    0,
    0,
};

/* A word s[start..end) was read: it, then with camel its parts.
 * Returns nonzero when fn says to stop. */
static int
word_end(const char *s, size_t start, size_t end, query_word_fn fn, void *arg,
    int camel)
{
	if (fn(arg, s, start, end))
		return 1;
	return camel ? camel_parts(s, start, end, fn, arg) : 0;
}

/*
 * The character at s[i] (of n bytes) that is not a run of ASCII: *len
 * its bytes, *cjk whether it is CJK.  Returns whether it is part of a
 * word of letters and digits.
 */
static int
classify(const char *s, size_t n, size_t i, int *len, int *cjk)
{
	unsigned char c = (unsigned char)s[i];
	int32_t cp = c;

	*len = 1;
	*cjk = 0;
	if (c < 0x80)
		return ascii_word[c] != 0;
	if ((*len = utf8_decode(s + i, n - i, &cp)) < 0)
		*len = 1;
	*cjk = is_cjk(cp);
	return !*cjk && utf8_isalnum(cp);
}

/*
 * In Markdown, at s[i] = ']': the last byte of the link destination or
 * reference label after it, "](url \"title\")" or "][label]"; i when
 * there is none.  A destination ends at its first ')' on the line: a
 * ')' inside one is rare, and then only the rest of it is read as text.
 * none[k]: where a search for ')' (k 1) or ']' (k 0) last ran out, at
 * a line's end: one from before it on that line runs out there too.
 */
static size_t
md_skip(const char *s, size_t n, size_t i, size_t none[2])
{
	size_t j;
	int k;
	char close;

	if (i + 1 >= n || (s[i + 1] != '(' && s[i + 1] != '['))
		return i;
	close = s[i + 1] == '(' ? ')' : ']';
	k = close == ')';
	if (i + 1 < none[k])
		return i;
	for (j = i + 2; j < n && s[j] != close && s[j] != '\n'; j++)
		;
	if (j >= n || s[j] != close) {
		none[k] = j;
		return i;
	}
	return j;
}

/*
 * query_words, with split saying whether camelCase parts are words too;
 * nonzero when fn stopped it.
 * A run of CJK characters gives each two in a row (Lucene's CJK bigrams;
 * a lone one alone): prev is where the last of them starts, ncjk how
 * many the run has had.  The search's hot path: a run of ASCII is read
 * by an inner loop, the rest a character at a time.
 */
static int
scan_words(const char *s, size_t n, query_word_fn fn, void *arg, int split)
{
	size_t i = 0, start = 0, prev = 0, ncjk = 0;
	int in = 0, upper = 0, word, cjk, len;

	while (i < n) {
		unsigned char c = (unsigned char)s[i], k;

		if (c < 0x80 && ncjk == 0) {
			if ((k = ascii_word[c]) == 0) {
				if (in &&
				    word_end(
					s, start, i, fn, arg, split && upper))
					return 1;
				in = 0;
				i++;
				continue;
			}
			if (!in) {
				start = i;
				in = 1;
				upper = 0;
			} else
				upper |= k & 2;
			for (i++; i < n && (c = (unsigned char)s[i]) < 0x80 &&
			     (k = ascii_word[c]) != 0;
			     i++)
				upper |= k & 2;
			continue;
		}
		word = classify(s, n, i, &len, &cjk);
		if (ncjk > 0 && !cjk) {
			if (ncjk == 1 && fn(arg, s, prev, i))
				return 1;
			ncjk = 0;
		}
		if (word && !in) {
			start = i;
			in = 1;
			upper = 0;
		} else if (word && c < 0x80)
			upper |= ascii_word[c] & 2;
		else if (!word && in) {
			if (word_end(s, start, i, fn, arg, split && upper))
				return 1;
			in = 0;
		}
		if (cjk) {
			if (ncjk > 0 && fn(arg, s, prev, i + (size_t)len))
				return 1;
			prev = i;
			ncjk++;
		}
		i += (size_t)len;
	}
	if (ncjk == 1 && fn(arg, s, prev, n))
		return 1;
	return in && word_end(s, start, n, fn, arg, split && upper);
}

void
query_words(const char *s, size_t n, query_word_fn fn, void *arg)
{
	(void)scan_words(s, n, fn, arg, 1);
}

/*
 * Whether the ']' at s[j] ends the label of a reference definition,
 * "[label]: url": the line (from ls) begins with '[' after at most three
 * spaces, and no other ']' (the last at prev) came since.
 */
static int
md_definition(const char *s, size_t n, size_t ls, size_t prev, size_t j)
{
	size_t k = ls;

	while (k < j && k - ls < 3 && s[k] == ' ')
		k++;
	return s[k] == '[' && (prev == SIZE_MAX || prev < ls) && j + 1 < n &&
	    s[j + 1] == ':';
}

/* The words of the body s[0..n) are those of its stretches between what
 * its links point to (md_skip, md_definition), each read as query_words
 * reads a text: the scan of a text's words is search's hot path, and
 * stays as it is.  Each byte is looked at a bounded number of times. */
void
query_body_words(const char *s, size_t n, query_word_fn fn, void *arg)
{
	size_t i = 0, j = 0, e, from, ls = 0, seen = 0, prev = SIZE_MAX;
	size_t none[2] = {0, 0};
	const char *p, *nl;

	while ((p = memchr(s + j, ']', n - j)) != NULL) {
		j = (size_t)(p - s);
		/* The start of j's line. */
		while ((nl = memchr(s + seen, '\n', j - seen)) != NULL)
			seen = ls = (size_t)(nl - s) + 1;
		seen = j;
		if (md_definition(s, n, ls, prev, j)) {
			/* The whole line, its label too. */
			nl = memchr(s + j, '\n', n - j);
			e = (nl != NULL ? (size_t)(nl - s) : n) - 1;
			from = ls;
		} else {
			e = md_skip(s, n, j, none);
			from = j;
		}
		prev = j;
		if (e > j) {
			if (scan_words(s + i, from - i, fn, arg, 1))
				return;
			i = e + 1;
		}
		j = e + 1;
	}
	(void)scan_words(s + i, n - i, fn, arg, 1);
}

/* Snowball's English stopwords, less a few that carry meaning here. */
static const char *const stopwords[] = {"a", "about", "above", "after", "again",
    "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
    "before", "being", "below", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "doing", "during", "each", "few", "for", "from",
    "further", "get", "gets", "had", "has", "have", "having", "he", "her",
    "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it",
    "its", "itself", "just", "me", "mean", "means", "meaning", "more", "most",
    "much", "my", "no", "nor", "not", "of", "off", "on", "once", "only", "or",
    "other", "ought", "our", "ours", "out", "over", "own", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
    "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would",
    "you", "your", "yours", NULL};

static int
is_stopword(const char *w)
{
	size_t i;

	for (i = 0; stopwords[i] != NULL; i++)
		if (strcmp(w, stopwords[i]) == 0)
			return 1;
	return 0;
}

/* At most this many words are kept by the memo of words looked up. */
#define QUERY_MEMO_MAX (1u << 16)

static void
memo_forget(struct query *q)
{
	memo_free(q->memo);
	q->memo = NULL;
}

size_t
query_add_stem(struct query *q, const char *stem, const char *word)
{
	size_t i;

	memo_forget(q);
	for (i = 0; i < q->nstems; i++)
		if (strcmp(q->stems[i], stem) == 0)
			return i;
	q->stems = xreallocarray(q->stems, q->nstems + 1, sizeof(*q->stems));
	q->words = xreallocarray(q->words, q->nstems + 1, sizeof(*q->words));
	q->stems[q->nstems] = xstrdup(stem);
	q->words[q->nstems] = xstrdup(word);
	return q->nstems++;
}

/*
 * The Snowball algorithm for text of language lang: NULL is the
 * default, English; a language Snowball has no stemmer for has none
 * (NULL).
 */
static const char *
algo_for(const char *lang)
{
	const char *a = lang != NULL ? lang_stemmer_name(lang) : "english";
	const char **list;

	if (a == NULL)
		return NULL;
	for (list = sb_stemmer_list(); *list != NULL; list++)
		if (strcmp(*list, a) == 0)
			return a;
	return NULL;
}

const char *
query_algo(const char *lang)
{
	return algo_for(lang);
}

struct sb_stemmer *
query_stemmer_new(const char *algo)
{
	return algo != NULL ? sb_stemmer_new(algo, "UTF_8") : NULL;
}

void
query_stemmer_free(struct sb_stemmer *st)
{
	if (st != NULL)
		sb_stemmer_delete(st);
}

/* The query's words stemmed by alt, for those not stemmed yet. */
static void
alt_update(const struct query *q, struct query_alt *alt)
{
	char buf[QUERY_STEM_BUF];

	alt->stems = xreallocarray(
	    alt->stems, q->nstems ? q->nstems : 1, sizeof(*alt->stems));
	for (; alt->n < q->nstems; alt->n++) {
		const char *w = q->words[alt->n];

		query_stem(alt->st, w, strlen(w), buf, sizeof(buf));
		alt->stems[alt->n] = xstrdup(buf);
	}
}

const struct query_alt *
query_alt_find(const struct query *q, const char *lang)
{
	const char *a;
	size_t i;

	if (lang == NULL || str_same(a = algo_for(lang), q->algo))
		return NULL;
	for (i = 0; i < q->nalt; i++)
		if (str_same(q->alt[i].algo, a))
			return &q->alt[i];
	return NULL;
}

const struct query_alt *
query_alt(struct query *q, const char *lang)
{
	struct query_alt *alt;
	const char *a;

	if (lang == NULL || str_same(a = algo_for(lang), q->algo))
		return NULL;
	if ((alt = (struct query_alt *)query_alt_find(q, lang)) == NULL) {
		if (q->memo != NULL) { /* its words are keyed by the alts */
			memo_forget(q);
			q->memo = memo_new(QUERY_MEMO_MAX);
		}
		q->alt = xreallocarray(q->alt, q->nalt + 1, sizeof(*q->alt));
		alt = &q->alt[q->nalt++];
		memset(alt, 0, sizeof(*alt));
		alt->algo = a;
		alt->st = a != NULL ? sb_stemmer_new(a, "UTF_8") : NULL;
	}
	alt_update(q, alt);
	return alt;
}

struct qparse {
	struct query *q;
	struct clause *cur;
	int phrase;
	int keep_stop;
	size_t nstop;
};

static int
qp_word(void *arg, const char *s, size_t start, size_t end)
{
	struct qparse *qp = arg;
	struct query *q = qp->q;
	char buf[QUERY_STEM_BUF], raw[QUERY_STEM_BUF];
	struct clause *c;

	if (query_stem(NULL, s + start, end - start, raw, sizeof(raw)) == 0)
		return 0;
	if (!qp->phrase && !qp->keep_stop && is_stopword(raw)) {
		qp->nstop++;
		return 0;
	}
	if (query_stem(q->stemmer, s + start, end - start, buf, sizeof(buf)) ==
	    0)
		return 0;
	if (!qp->phrase || qp->cur == NULL) {
		q->cl = xreallocarray(q->cl, q->ncl + 1, sizeof(*q->cl));
		c = &q->cl[q->ncl++];
		c->ids = NULL;
		c->n = 0;
		c->word = qp->phrase ? NULL : xstrdup(raw);
		c->text = qp->phrase ? NULL : xstrndup(s + start, end - start);
		c->fuzzy = 0;
		if (qp->phrase)
			qp->cur = c;
	} else
		c = qp->cur;
	c->ids = xreallocarray(c->ids, c->n + 1, sizeof(*c->ids));
	c->ids[c->n++] = query_add_stem(q, buf, raw);
	return 0;
}

void
query_release(struct query *q)
{
	size_t i, j;

	for (i = 0; i < q->nstems; i++) {
		free(q->stems[i]);
		free(q->words[i]);
	}
	free(q->stems);
	free(q->words);
	for (i = 0; i < q->nalt; i++) {
		for (j = 0; j < q->alt[i].n; j++)
			free(q->alt[i].stems[j]);
		free(q->alt[i].stems);
		if (q->alt[i].st != NULL)
			sb_stemmer_delete(q->alt[i].st);
	}
	free(q->alt);
	for (i = 0; i < q->ncl; i++) {
		free(q->cl[i].ids);
		free(q->cl[i].word);
		free(q->cl[i].text);
	}
	free(q->cl);
	if (q->stemmer != NULL)
		sb_stemmer_delete(q->stemmer);
	memo_forget(q);
}

void
query_copy(struct query *dst, const struct query *q)
{
	size_t i;

	*dst = *q;
	dst->stemmer = query_stemmer_new(q->algo);
	dst->alt = xcalloc(q->nalt + 1, sizeof(*dst->alt));
	for (i = 0; i < q->nalt; i++) {
		dst->alt[i] = q->alt[i];
		dst->alt[i].st = query_stemmer_new(q->alt[i].algo);
	}
	dst->memo = memo_new(QUERY_MEMO_MAX);
}

void
query_copy_release(struct query *dst)
{
	size_t i;

	for (i = 0; i < dst->nalt; i++)
		query_stemmer_free(dst->alt[i].st);
	free(dst->alt);
	query_stemmer_free(dst->stemmer);
	memo_forget(dst);
	memset(dst, 0, sizeof(*dst));
}

/* Split s into words and "quoted phrases" as clauses. */
static void
query_split(struct qparse *qp, const char *s)
{
	const char *p = s, *e;

	while (*p != '\0') {
		if (*p == '"') {
			e = strchr(p + 1, '"');
			if (e == NULL)
				e = p + strlen(p);
			qp->phrase = 1;
			qp->cur = NULL;
			scan_words(p + 1, (size_t)(e - p - 1), qp_word, qp, 0);
			if (qp->cur != NULL)
				qp->cur->text =
				    xstrndup(p + 1, (size_t)(e - p - 1));
			qp->phrase = 0;
			p = *e == '"' ? e + 1 : e;
			continue;
		}
		e = strchr(p, '"');
		if (e == NULL)
			e = p + strlen(p);
		scan_words(p, (size_t)(e - p), qp_word, qp, 0);
		p = e;
	}
}

void
query_parse(struct query *q, const char *s, const char *lang)
{
	struct qparse qp;

	memset(q, 0, sizeof(*q));
	q->algo = algo_for(lang);
	q->stemmer = q->algo != NULL ? sb_stemmer_new(q->algo, "UTF_8") : NULL;
	memset(&qp, 0, sizeof(qp));
	qp.q = q;
	query_split(&qp, s);
	if (q->ncl == 0 && qp.nstop > 0) {
		qp.keep_stop = 1;
		query_split(&qp, s);
		q->stop_only = 1;
	}
}

void
query_prepare(struct query *q)
{
	size_t i;

	memset(q->first, 0, sizeof(q->first));
	q->minlen = SIZE_MAX;
	memo_forget(q);
	q->memo = memo_new(QUERY_MEMO_MAX);
	for (i = 0; i < q->nstems; i++) {
		q->first[(unsigned char)q->stems[i][0]] = 1;
		if (strlen(q->stems[i]) < q->minlen)
			q->minlen = strlen(q->stems[i]);
	}
}

long
query_find_stem(
    const struct query *q, const struct query_alt *alt, const char *w, size_t n)
{
	char buf[QUERY_STEM_BUF];
	unsigned char c = (unsigned char)w[0];
	char *const *stems = alt != NULL ? alt->stems : q->stems;
	const struct memo_val *v;
	long id = -1;
	size_t i;

	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	if (alt == NULL && c < 0x80 && (!q->first[c] || n < q->minlen))
		return -1; /* cannot stem to any word of the query */
	if (q->memo != NULL &&
	    (v = memo_get(q->memo, (uintptr_t)alt, w, n)) != NULL)
		return v->num;
	if (query_stem(alt != NULL ? alt->st : q->stemmer, w, n, buf,
		sizeof(buf)) != 0)
		for (i = 0; i < q->nstems && id < 0; i++)
			if (strcmp(stems[i], buf) == 0)
				id = (long)i;
	if (q->memo != NULL)
		memo_put(q->memo, (uintptr_t)alt, w, n, id, 0, NULL);
	return id;
}
