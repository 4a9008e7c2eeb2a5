#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

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

void
query_words(const char *s, size_t n, query_word_fn fn, void *arg)
{
	size_t i = 0, start = 0;
	int in = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp = c;
		int len = 1;

		if (c >= 0x80 && (len = utf8_decode(s + i, n - i, &cp)) < 0)
			len = 1;
		if (c < 0x80 ? (c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
			     : utf8_isalnum(cp)) {
			if (!in)
				start = i;
			in = 1;
		} else if (in) {
			fn(arg, s, start, i);
			in = 0;
		}
		i += (size_t)len;
	}
	if (in)
		fn(arg, s, start, n);
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

size_t
query_add_stem(struct query *q, const char *stem)
{
	size_t i;

	for (i = 0; i < q->nstems; i++)
		if (strcmp(q->stems[i], stem) == 0)
			return i;
	q->stems = xreallocarray(q->stems, q->nstems + 1, sizeof(*q->stems));
	q->stems[q->nstems] = xstrdup(stem);
	return q->nstems++;
}

struct qparse {
	struct query *q;
	struct clause *cur;
	int phrase;
	int keep_stop;
	size_t nstop;
};

static void
qp_word(void *arg, const char *s, size_t start, size_t end)
{
	struct qparse *qp = arg;
	struct query *q = qp->q;
	char buf[QUERY_STEM_BUF], raw[QUERY_STEM_BUF];
	struct clause *c;

	if (query_stem(NULL, s + start, end - start, raw, sizeof(raw)) == 0)
		return;
	if (!qp->phrase && !qp->keep_stop && is_stopword(raw)) {
		qp->nstop++;
		return;
	}
	if (query_stem(q->stemmer, s + start, end - start, buf, sizeof(buf)) ==
	    0)
		return;
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
	c->ids[c->n++] = query_add_stem(q, buf);
}

void
query_release(struct query *q)
{
	size_t i;

	for (i = 0; i < q->nstems; i++)
		free(q->stems[i]);
	free(q->stems);
	for (i = 0; i < q->ncl; i++) {
		free(q->cl[i].ids);
		free(q->cl[i].word);
		free(q->cl[i].text);
	}
	free(q->cl);
	if (q->stemmer != NULL)
		sb_stemmer_delete(q->stemmer);
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
			query_words(p + 1, (size_t)(e - p - 1), qp_word, qp);
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
		query_words(p, (size_t)(e - p), qp_word, qp);
		p = e;
	}
}

void
query_parse(struct query *q, const char *s)
{
	struct qparse qp;

	memset(q, 0, sizeof(*q));
	q->stemmer = sb_stemmer_new("english", "UTF_8");
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
	for (i = 0; i < q->nstems; i++) {
		q->first[(unsigned char)q->stems[i][0]] = 1;
		if (strlen(q->stems[i]) < q->minlen)
			q->minlen = strlen(q->stems[i]);
	}
}

long
query_find_stem(const struct query *q, const char *w, size_t n)
{
	char buf[QUERY_STEM_BUF];
	unsigned char c = (unsigned char)w[0];
	size_t i;

	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	if (c < 0x80 && (!q->first[c] || n < q->minlen))
		return -1; /* cannot stem to any word of the query */
	if (query_stem(q->stemmer, w, n, buf, sizeof(buf)) == 0)
		return -1;
	for (i = 0; i < q->nstems; i++)
		if (strcmp(q->stems[i], buf) == 0)
			return (long)i;
	return -1;
}
