#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "md.h"
#include "search.h"
#include "utf8.h"

const char *
match_name(enum match_kind k)
{
	static const char *const names[] = {
	    NULL, "exact", "alias", "prefix", "substring", "fuzzy", "fulltext"};

	return names[k];
}

void
filter_init(struct filter *f, const char *category, const char *vertical)
{
	f->category = category ? utf8_fold(category, strlen(category)) : NULL;
	f->vertical = vertical ? utf8_fold(vertical, strlen(vertical)) : NULL;
}

void
filter_release(struct filter *f)
{
	free(f->category);
	free(f->vertical);
	f->category = f->vertical = NULL;
}

static int
same_folded(const char *folded, const char *s)
{
	char *k;
	int eq;

	if (s == NULL)
		return 0;
	k = utf8_fold(s, strlen(s));
	eq = strcmp(k, folded) == 0;
	free(k);
	return eq;
}

int
filter_match(const struct filter *f, const struct term *t)
{
	if (f == NULL)
		return 1;
	if (f->category != NULL && !same_folded(f->category, t->category))
		return 0;
	if (f->vertical != NULL && !same_folded(f->vertical, t->vertical))
		return 0;
	return 1;
}

/* ---- lookup and suggestions ---- */

/* Add t to a list of distinct terms. */
static void
push_term(const struct term ***v, size_t *n, const struct term *t)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == t)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = t;
}

static int
cmp_term_key(const void *a, const void *b)
{
	const struct term *x = *(const struct term *const *)a;
	const struct term *y = *(const struct term *const *)b;

	return strcmp(x->key, y->key);
}

void
search_lookup(const struct table *tab, const char *query, int exact,
    const struct filter *f, struct lookup *lk)
{
	const struct term **v = NULL;
	size_t first, last, i, n = 0;
	char *key;

	memset(lk, 0, sizeof(*lk));
	key = utf8_fold(query, strlen(query));
	if (key[0] == '\0') {
		free(key);
		return;
	}
	table_prefix(tab, key, &first, &last);
	for (i = first; i < last; i++) {
		const struct table_entry *e = &tab->idx[i];

		if (strcmp(e->key, key) != 0)
			break;
		if (filter_match(f, e->term)) {
			lk->term = e->term;
			lk->kind = e->alias < 0 ? MATCH_EXACT : MATCH_ALIAS;
			free(key);
			return;
		}
	}
	if (exact) {
		free(key);
		return;
	}
	for (i = first; i < last; i++)
		if (filter_match(f, tab->idx[i].term))
			push_term(&v, &n, tab->idx[i].term);
	if (n == 1) {
		lk->term = v[0];
		lk->kind = MATCH_PREFIX;
		free(v);
		free(key);
		return;
	}
	if (n > 1) {
		qsort(v, n, sizeof(*v), cmp_term_key);
		lk->ambiguous = 1;
		lk->cands = v;
		lk->ncands = n;
		free(key);
		return;
	}
	for (i = 0; i < tab->nidx; i++)
		if (strstr(tab->idx[i].key, key) != NULL &&
		    filter_match(f, tab->idx[i].term))
			push_term(&v, &n, tab->idx[i].term);
	if (n == 1) {
		lk->term = v[0];
		lk->kind = MATCH_SUBSTRING;
		free(v);
		free(key);
		return;
	}
	free(v);
	lk->cands = xcalloc(SEARCH_MAX_SUGGEST, sizeof(*lk->cands));
	lk->ncands =
	    search_suggest(tab, query, f, lk->cands, SEARCH_MAX_SUGGEST);
	free(key);
}

void
lookup_release(struct lookup *lk)
{
	free(lk->cands);
	memset(lk, 0, sizeof(*lk));
}

#define EDIT_MAX 64

/* Optimal string alignment distance (Damerau-Levenshtein, adjacent swaps). */
static size_t
osa(const char *a, size_t n, const char *b, size_t m)
{
	static size_t d[EDIT_MAX + 1][EDIT_MAX + 1];
	size_t i, j;

	if (n > EDIT_MAX)
		n = EDIT_MAX;
	if (m > EDIT_MAX)
		m = EDIT_MAX;
	for (i = 0; i <= n; i++)
		d[i][0] = i;
	for (j = 0; j <= m; j++)
		d[0][j] = j;
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

size_t
search_edits(const char *a, const char *b)
{
	return osa(a, strlen(a), b, strlen(b));
}

/* Edit distance scaled by length: 0 is equal, 1 shares nothing. */
static double
scaled(const char *a, size_t n, const char *b, size_t m)
{
	size_t big = n > m ? n : m;

	if (big == 0)
		return 1;
	return (double)osa(a, n, b, m) /
	    (double)(big > EDIT_MAX ? EDIT_MAX : big);
}

/*
 * How far key is from q (lower is closer): the whole-name distance, or
 * being a prefix or substring, or the closest word of the name.
 */
static double
distance(const char *q, const char *key)
{
	size_t qn = strlen(q), kn = strlen(key);
	double best = scaled(q, qn, key, kn);
	const char *w = key, *sp;

	if (qn >= 2 && strncmp(key, q, qn) == 0 && best > 0.15)
		best = 0.15;
	else if (qn >= 3 && strstr(key, q) != NULL && best > 0.25)
		best = 0.25;
	/* Word by word: "retension" is close to "customer retention". */
	for (;;) {
		size_t wn;
		double dw;

		sp = strchr(w, ' ');
		wn = sp != NULL ? (size_t)(sp - w) : strlen(w);
		if (wn != kn) {
			dw = scaled(q, qn, w, wn) + 0.1;
			if (dw < best)
				best = dw;
		}
		if (sp == NULL)
			break;
		w = sp + 1;
	}
	return best;
}

struct cand {
	const struct term *t;
	double d;
};

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return strcmp(x->t->key, y->t->key);
}

size_t
search_suggest(const struct table *tab, const char *query,
    const struct filter *f, const struct term **out, size_t max)
{
	struct cand *c;
	char *q = utf8_fold(query, strlen(query));
	size_t i, j, n = 0;

	if (q[0] == '\0' || tab->nidx == 0) {
		free(q);
		return 0;
	}
	c = xcalloc(tab->nidx, sizeof(*c));
	for (i = 0; i < tab->nidx; i++) {
		const struct table_entry *e = &tab->idx[i];
		double d;

		if (!filter_match(f, e->term))
			continue;
		d = distance(q, e->key);
		if (d > 0.45)
			continue;
		for (j = 0; j < n; j++)
			if (c[j].t == e->term)
				break;
		if (j < n) {
			if (d < c[j].d)
				c[j].d = d;
			continue;
		}
		c[n].t = e->term;
		c[n++].d = d;
	}
	qsort(c, n, sizeof(*c), cmp_cand);
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		out[i] = c[i].t;
	free(c);
	free(q);
	return n;
}

/* ---- full-text search ---- */

enum field { F_NAME, F_ALIAS, F_DESC, F_EXAMPLE, F_BODY, NFIELDS };

static const double field_weight[NFIELDS] = {8.0, 5.0, 3.0, 2.0, 1.0};
static const double field_b[NFIELDS] = {0.3, 0.3, 0.75, 0.75, 0.75};
#define BM25_K1 1.2

#define WORD_MAX 64

/* A word, or a phrase of words, that the query looks for. */
struct clause {
	size_t *ids; /* stems, in order; several for a phrase */
	size_t n;
	char *word; /* a single word as typed, folded; for typos */
	int fuzzy;  /* the word was corrected */
};

struct query {
	struct sb_stemmer *stemmer;
	char **stems; /* distinct stems of the query */
	size_t nstems;
	struct clause *cl;
	size_t ncl;
	/*
	 * A Snowball stem keeps the first letter of its word and is never
	 * longer, so a word that starts otherwise, or is shorter than every
	 * stem, need not be stemmed at all.
	 */
	unsigned char first[256];
	size_t minlen;
};

/*
 * Fold and stem one word into buf (at least 4 * WORD_MAX bytes).
 * Returns the stem's length, or 0 for nothing.
 */
static size_t
stem_word(
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

/* Call back for each word of s: its byte range [start, end). */
typedef void (*word_fn)(void *, const char *, size_t, size_t);

static void
each_word(const char *s, size_t n, word_fn fn, void *arg)
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

static size_t
query_stem_id(struct query *q, const char *stem)
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
	char buf[4 * WORD_MAX], raw[4 * WORD_MAX];
	struct clause *c;

	if (stem_word(NULL, s + start, end - start, raw, sizeof(raw)) == 0)
		return;
	if (!qp->phrase && !qp->keep_stop && is_stopword(raw)) {
		qp->nstop++;
		return;
	}
	if (stem_word(q->stemmer, s + start, end - start, buf, sizeof(buf)) ==
	    0)
		return;
	if (!qp->phrase || qp->cur == NULL) {
		q->cl = xreallocarray(q->cl, q->ncl + 1, sizeof(*q->cl));
		c = &q->cl[q->ncl++];
		c->ids = NULL;
		c->n = 0;
		c->word = qp->phrase ? NULL : xstrdup(raw);
		c->fuzzy = 0;
		if (qp->phrase)
			qp->cur = c;
	} else
		c = qp->cur;
	c->ids = xreallocarray(c->ids, c->n + 1, sizeof(*c->ids));
	c->ids[c->n++] = query_stem_id(q, buf);
}

static void
query_release(struct query *q)
{
	size_t i;

	for (i = 0; i < q->nstems; i++)
		free(q->stems[i]);
	free(q->stems);
	for (i = 0; i < q->ncl; i++) {
		free(q->cl[i].ids);
		free(q->cl[i].word);
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
			each_word(p + 1, (size_t)(e - p - 1), qp_word, qp);
			qp->phrase = 0;
			p = *e == '"' ? e + 1 : e;
			continue;
		}
		e = strchr(p, '"');
		if (e == NULL)
			e = p + strlen(p);
		each_word(p, (size_t)(e - p), qp_word, qp);
		p = e;
	}
}

/*
 * Parse the query.  Stopwords ("what is churn") are dropped unless the
 * query has nothing else or they stand in a phrase.
 */
static void
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
	}
}

/* The stem ids of the words of one field of one term. */
struct seq {
	long *ids; /* stem id, or -1 */
	size_t n, cap;
	struct query *q;
};

/* The query stem that the word w[0..n) stems to, or -1. */
static long
stem_id(const struct query *q, const char *w, size_t n)
{
	char buf[4 * WORD_MAX];
	unsigned char c = (unsigned char)w[0];
	size_t i;

	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	if (c < 0x80 && (!q->first[c] || n < q->minlen))
		return -1; /* cannot stem to any word of the query */
	if (stem_word(q->stemmer, w, n, buf, sizeof(buf)) == 0)
		return -1;
	for (i = 0; i < q->nstems; i++)
		if (strcmp(q->stems[i], buf) == 0)
			return (long)i;
	return -1;
}

static void
seq_word(void *arg, const char *s, size_t start, size_t end)
{
	struct seq *sq = arg;

	if (sq->n == sq->cap) {
		sq->cap = sq->cap ? sq->cap * 2 : 64;
		sq->ids = xreallocarray(sq->ids, sq->cap, sizeof(*sq->ids));
	}
	sq->ids[sq->n++] = stem_id(sq->q, s + start, end - start);
}

/* How often clause c occurs in the word sequence. */
static unsigned
clause_tf(const struct clause *c, const struct seq *sq)
{
	size_t i, j;
	unsigned tf = 0;

	for (i = 0; i + c->n <= sq->n; i++) {
		for (j = 0; j < c->n; j++)
			if (sq->ids[i + j] != (long)c->ids[j])
				break;
		if (j == c->n)
			tf++;
	}
	return tf;
}

struct doc {
	const struct term *t;
	unsigned *tf; /* [clause][field] */
	size_t len[NFIELDS];
};

static void
field_text(const struct term *t, enum field f, struct sbuf *sb)
{
	size_t i;

	switch (f) {
	case F_NAME:
		sb_adds(sb, t->name);
		break;
	case F_ALIAS:
		for (i = 0; i < t->aliases.n; i++) {
			sb_adds(sb, t->aliases.v[i]);
			sb_adds(sb, " \n ");
		}
		break;
	case F_DESC:
		sb_adds(sb, t->description);
		break;
	case F_EXAMPLE:
		for (i = 0; i < t->examples.n; i++) {
			sb_adds(sb, t->examples.v[i]);
			sb_adds(sb, " \n ");
		}
		break;
	default:
		break;
	}
}

/* Count each clause in each field of t. */
static void
doc_count(struct query *q, const struct term *t, struct doc *d)
{
	struct seq sq = {NULL, 0, 0, q};
	struct sbuf sb;
	size_t c;
	int f;

	d->t = t;
	d->tf = xcalloc(q->ncl * NFIELDS, sizeof(*d->tf));
	sb_init(&sb);
	for (f = 0; f < NFIELDS; f++) {
		sq.n = 0;
		if (f == F_BODY) {
			each_word(
			    term_body(t), strlen(term_body(t)), seq_word, &sq);
		} else {
			sb.len = 0;
			field_text(t, (enum field)f, &sb);
			each_word(sb.s ? sb.s : "", sb.len, seq_word, &sq);
		}
		d->len[f] = sq.n;
		for (c = 0; c < q->ncl; c++)
			d->tf[c * NFIELDS + (size_t)f] =
			    clause_tf(&q->cl[c], &sq);
	}
	sb_release(&sb);
	free(sq.ids);
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->term->key, y->term->key);
}

struct marker {
	struct query *q;
	struct hit *h;
	size_t base;
};

static void
mark_word(void *arg, const char *s, size_t start, size_t end)
{
	struct marker *m = arg;

	if (stem_id(m->q, s + start, end - start) < 0)
		return;
	m->h->marks = xreallocarray(
	    m->h->marks, m->h->nmarks * 2 + 2, sizeof(*m->h->marks));
	m->h->marks[m->h->nmarks * 2] = start;
	m->h->marks[m->h->nmarks * 2 + 1] = end;
	m->h->nmarks++;
}

#define SNIPPET_BEFORE 60
#define SNIPPET_LEN    180

/* An excerpt of text around its first match, on one line. */
static void
make_snippet(struct query *q, struct hit *h, const char *text)
{
	struct marker m = {q, h, 0};
	struct hit probe = {0};
	struct marker pm = {q, &probe, 0};
	struct sbuf sb;
	size_t n = strlen(text), start = 0, end, i;
	int space = 0;

	each_word(text, n, mark_word, &pm);
	/* Start at the beginning when the first match is in view from there. */
	if (probe.nmarks > 0 && probe.marks[1] > SNIPPET_LEN - 20 &&
	    probe.marks[0] > SNIPPET_BEFORE) {
		start = probe.marks[0] - SNIPPET_BEFORE;
		while (start < n && text[start] != ' ' && text[start] != '\n')
			start++;
	}
	free(probe.marks);
	end = start + SNIPPET_LEN < n ? start + SNIPPET_LEN : n;
	while (end < n && end > start && text[end] != ' ' && text[end] != '\n')
		end--;
	/* Never cut a UTF-8 sequence. */
	while (end < n && ((unsigned char)text[end] & 0xc0) == 0x80)
		end++;
	sb_init(&sb);
	if (start > 0)
		sb_adds(&sb, "...");
	for (i = start; i < end; i++) {
		char c = text[i];

		if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
			/* A line break ends a block: list items stay apart. */
			if (c == '\n' && sb.len > 0 &&
			    strchr(".,;:!?", sb.s[sb.len - 1]) == NULL)
				sb_addc(&sb, ';');
			space = 1;
			continue;
		}
		if (space && sb.len > 0)
			sb_addc(&sb, ' ');
		space = 0;
		sb_addc(&sb, c);
	}
	if (end < n)
		sb_adds(&sb, "...");
	h->snippet = sb_take(&sb);
	each_word(h->snippet, strlen(h->snippet), mark_word, &m);
}

/* The filtered corpus with, for each term, the counts of each clause. */
struct pass {
	struct doc *docs;
	size_t n;	     /* terms that pass the filter */
	size_t *df;	     /* terms holding each clause */
	double avg[NFIELDS]; /* average field lengths in words */
};

static void
pass_run(struct query *q, const struct table *tab, const struct filter *flt,
    struct pass *ps)
{
	size_t i, c;
	int f;

	memset(ps, 0, sizeof(*ps));
	memset(q->first, 0, sizeof(q->first));
	q->minlen = SIZE_MAX;
	for (i = 0; i < q->nstems; i++) {
		q->first[(unsigned char)q->stems[i][0]] = 1;
		if (strlen(q->stems[i]) < q->minlen)
			q->minlen = strlen(q->stems[i]);
	}
	ps->docs = xcalloc(tab->n ? tab->n : 1, sizeof(*ps->docs));
	ps->df = xcalloc(q->ncl, sizeof(*ps->df));
	for (i = 0; i < tab->n; i++) {
		struct doc *d = &ps->docs[ps->n];

		if (!filter_match(flt, tab->terms[i]))
			continue;
		doc_count(q, tab->terms[i], d);
		for (f = 0; f < NFIELDS; f++)
			ps->avg[f] += (double)d->len[f];
		for (c = 0; c < q->ncl; c++) {
			unsigned sum = 0;

			for (f = 0; f < NFIELDS; f++)
				sum += d->tf[c * NFIELDS + (size_t)f];
			if (sum > 0)
				ps->df[c]++;
		}
		ps->n++;
	}
	for (f = 0; f < NFIELDS; f++)
		ps->avg[f] = ps->n ? ps->avg[f] / (double)ps->n : 1;
}

static void
pass_release(struct pass *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		free(ps->docs[i].tf);
	free(ps->docs);
	free(ps->df);
}

/* Typo correction: the closest word of the corpus to each unknown word. */
struct fix {
	struct query *q;
	size_t *dist;	/* best distance so far, per clause */
	char **best;	/* the word at that distance, per clause */
	unsigned *freq; /* how often it was seen */
};

static size_t
max_typos(size_t len)
{
	return len < 4 ? 0 : len < 8 ? 1 : 2;
}

static void
fix_word(void *arg, const char *s, size_t start, size_t end)
{
	struct fix *fx = arg;
	char buf[4 * WORD_MAX];
	size_t c, n = stem_word(NULL, s + start, end - start, buf, sizeof(buf));

	for (c = 0; c < fx->q->ncl; c++) {
		const char *w = fx->q->cl[c].word;
		size_t wn, d, lim;

		if (w == NULL || fx->dist[c] == 0)
			continue;
		wn = strlen(w);
		lim = max_typos(wn);
		if (lim == 0 || (n > wn ? n - wn : wn - n) > lim)
			continue;
		d = osa(w, wn, buf, n);
		if (d > lim || d > fx->dist[c])
			continue;
		if (fx->best[c] != NULL && strcmp(fx->best[c], buf) == 0) {
			fx->freq[c]++;
			continue;
		}
		/* Closer wins; at the same distance, the commoner word. */
		if (d == fx->dist[c] && fx->freq[c] > 1)
			continue;
		free(fx->best[c]);
		fx->best[c] = xstrdup(buf);
		fx->dist[c] = d;
		fx->freq[c] = 1;
	}
}

/*
 * Replace each single word that occurs nowhere with the closest word of
 * the corpus (Damerau-Levenshtein, 1 edit for short words, 2 for long).
 * Returns whether any word was corrected.
 */
static int
fix_typos(struct query *q, const struct table *tab, const struct filter *flt,
    const struct pass *ps)
{
	struct fix fx;
	struct sbuf sb;
	size_t c, i, need = 0;
	int f, fixed = 0;

	for (c = 0; c < q->ncl; c++)
		if (ps->df[c] == 0 && q->cl[c].word != NULL)
			need++;
	if (need == 0)
		return 0;
	fx.q = q;
	fx.dist = xcalloc(q->ncl, sizeof(*fx.dist));
	fx.best = xcalloc(q->ncl, sizeof(*fx.best));
	fx.freq = xcalloc(q->ncl, sizeof(*fx.freq));
	for (c = 0; c < q->ncl; c++)
		fx.dist[c] =
		    ps->df[c] == 0 && q->cl[c].word != NULL ? SIZE_MAX : 0;
	sb_init(&sb);
	for (i = 0; i < tab->n; i++) {
		const struct term *t = tab->terms[i];

		if (!filter_match(flt, t))
			continue;
		for (f = 0; f < F_BODY; f++) {
			sb.len = 0;
			field_text(t, (enum field)f, &sb);
			each_word(sb.s ? sb.s : "", sb.len, fix_word, &fx);
		}
		each_word(term_body(t), strlen(term_body(t)), fix_word, &fx);
	}
	sb_release(&sb);
	for (c = 0; c < q->ncl; c++) {
		char stem[4 * WORD_MAX];

		if (fx.best[c] == NULL)
			continue;
		stem_word(q->stemmer, fx.best[c], strlen(fx.best[c]), stem,
		    sizeof(stem));
		q->cl[c].ids[0] = query_stem_id(q, stem);
		q->cl[c].fuzzy = 1;
		fixed = 1;
		free(q->cl[c].word);
		q->cl[c].word = fx.best[c];
	}
	free(fx.dist);
	free(fx.best);
	free(fx.freq);
	return fixed;
}

/*
 * How many of ncl clauses a term must hold: all of one or two words;
 * of longer queries, typed as questions or descriptions, at least half.
 */
static size_t
need_clauses(size_t ncl)
{
	return ncl <= 2 ? ncl : (ncl + 1) / 2;
}

/* Whether every word of t's name (or of one alias) is in the query. */
static int
names_in_query(const struct term *t, const char *qkey)
{
	size_t a;

	if (strstr(qkey, t->key) != NULL)
		return 1;
	for (a = 0; a < t->alias_keys.n; a++)
		if (strlen(t->alias_keys.v[a]) > 2 &&
		    strstr(qkey, t->alias_keys.v[a]) != NULL)
			return 1;
	return 0;
}

/*
 * The folded query with its corrected words in place, so that "chrun"
 * still counts as naming Churn.  The caller frees the result.
 */
static char *
corrected_key(const struct query *q, const char *query)
{
	char *k = utf8_fold(query, strlen(query)), *w, *save = NULL;
	struct sbuf sb;
	size_t c = 0;

	sb_init(&sb);
	for (w = strtok_r(k, " ", &save); w != NULL;
	     w = strtok_r(NULL, " ", &save)) {
		const char *out = w;
		size_t i;

		for (i = c; i < q->ncl; i++)
			if (q->cl[i].fuzzy && q->cl[i].word != NULL) {
				char buf[4 * WORD_MAX];

				stem_word(NULL, w, strlen(w), buf, sizeof(buf));
				if (osa(buf, strlen(buf), q->cl[i].word,
					strlen(q->cl[i].word)) <=
				    max_typos(strlen(buf))) {
					out = q->cl[i].word;
					c = i + 1;
					break;
				}
			}
		if (sb.len > 0)
			sb_addc(&sb, ' ');
		sb_adds(&sb, out);
	}
	free(k);
	return sb_take(&sb);
}

/* What scoring one term needs to know of the query and the corpus. */
struct scorer {
	const struct query *q;
	const struct pass *ps;
	const double *idf;
	const char *qkey;   /* the folded query */
	const char *padded; /* " qkey " */
	int fuzzy;
};

/*
 * BM25F over the fields of one term.  Returns 1 and fills h if the term
 * holds at least need of the query's clauses.
 */
static int
score_doc(
    const struct scorer *sc, const struct doc *d, size_t need, struct hit *h)
{
	const struct query *q = sc->q;
	const struct term *t = d->t;
	double score = 0;
	size_t a, c, matched = 0;
	int f;

	for (c = 0; c < q->ncl; c++) {
		double tfw = 0;

		for (f = 0; f < NFIELDS; f++) {
			double len = (double)d->len[f], avg = sc->ps->avg[f];
			double norm = 1.0 - field_b[f] +
			    field_b[f] * (avg > 0 ? len / avg : 1);

			tfw += field_weight[f] *
			    d->tf[c * NFIELDS + (size_t)f] / norm;
		}
		if (tfw > 0)
			matched++;
		score += sc->idf[c] * tfw / (BM25_K1 + tfw);
	}
	if (matched < need)
		return 0;
	/* Each missing word costs: all words matter. */
	score *= (double)matched / (double)q->ncl;
	h->term = t;
	h->match = MATCH_FULLTEXT;
	if (strcmp(t->key, sc->qkey) == 0) {
		h->match = MATCH_EXACT;
		score += 100;
	} else {
		for (a = 0; a < t->alias_keys.n; a++)
			if (strcmp(t->alias_keys.v[a], sc->qkey) == 0)
				break;
		if (a < t->alias_keys.n) {
			h->match = MATCH_ALIAS;
			score += 50;
		} else if (names_in_query(t, sc->padded))
			score *= 1.5;
	}
	/* A corrected query matched nothing as typed. */
	if (sc->fuzzy)
		h->match = MATCH_FUZZY;
	h->score = score;
	return 1;
}

size_t
search_query(const struct table *tab, const char *query,
    const struct filter *flt, size_t limit, struct hits *out)
{
	struct query q;
	struct pass ps;
	struct scorer sc;
	double *idf;
	size_t i, c, nd = 0, need;
	char *qkey, *padded;
	int fuzzy = 0;

	memset(out, 0, sizeof(*out));
	query_parse(&q, query);
	if (q.ncl == 0) {
		query_release(&q);
		return 0;
	}
	pass_run(&q, tab, flt, &ps);
	if (fix_typos(&q, tab, flt, &ps)) {
		pass_release(&ps);
		pass_run(&q, tab, flt, &ps);
		fuzzy = 1;
	}
	idf = xcalloc(q.ncl, sizeof(*idf));
	for (c = 0; c < q.ncl; c++)
		idf[c] = log(1.0 +
		    ((double)ps.n - (double)ps.df[c] + 0.5) /
			((double)ps.df[c] + 0.5));
	qkey =
	    fuzzy ? corrected_key(&q, query) : utf8_fold(query, strlen(query));
	padded = xasprintf(" %s ", qkey);
	sc.q = &q;
	sc.ps = &ps;
	sc.idf = idf;
	sc.qkey = qkey;
	sc.padded = padded;
	sc.fuzzy = fuzzy;
	out->v = xcalloc(ps.n ? ps.n : 1, sizeof(*out->v));
	/* If no term holds enough of the words, take any that holds one. */
	for (need = need_clauses(q.ncl); nd == 0 && need > 0;
	     need = need > 1 ? 1 : 0)
		for (i = 0; i < ps.n; i++)
			if (score_doc(&sc, &ps.docs[i], need, &out->v[nd]))
				nd++;
	out->n = nd;
	qsort(out->v, out->n, sizeof(*out->v), cmp_hit);
	if (limit > 0 && out->n > limit)
		out->n = limit;
	for (i = 0; i < out->n; i++) {
		const struct term *t = out->v[i].term;
		struct hit probe = {0};
		struct marker pm = {&q, &probe, 0};
		const char *text = t->description;
		char *plain = NULL;
		size_t e;

		each_word(text, strlen(text), mark_word, &pm);
		for (e = 0; probe.nmarks == 0 && e < t->examples.n; e++) {
			text = t->examples.v[e];
			each_word(text, strlen(text), mark_word, &pm);
		}
		if (probe.nmarks == 0) {
			const char *b = term_body(t);

			plain = md_plain(b, strlen(b));
			each_word(plain, strlen(plain), mark_word, &pm);
			text = probe.nmarks > 0 ? plain : t->description;
		}
		free(probe.marks);
		make_snippet(&q, &out->v[i], text);
		free(plain);
	}
	free(padded);
	free(qkey);
	free(idf);
	pass_release(&ps);
	query_release(&q);
	return out->n;
}

void
hits_release(struct hits *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].snippet);
		free(h->v[i].marks);
	}
	free(h->v);
	memset(h, 0, sizeof(*h));
}

/* ---- related terms ---- */

const struct term *
search_resolve(const struct table *tab, const char *name)
{
	char *key = utf8_fold(name, strlen(name));
	const struct term *t = table_get(tab, key, NULL);

	free(key);
	return t;
}

const struct term *
search_link(const struct table *tab, const struct term_link *l)
{
	return table_get(tab, l->key, NULL);
}

static struct rel *
rel_push(struct rels *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	memset(&r->v[r->n], 0, sizeof(r->v[0]));
	return &r->v[r->n++];
}

void
search_links_build(const struct table *tab, struct search_links *l)
{
	size_t i, j, n = 0, *fill;

	l->out_first = xcalloc(tab->n + 1, sizeof(*l->out_first));
	for (i = 0; i < tab->n; i++) {
		l->out_first[i] = n;
		n += tab->terms[i]->nrelated;
	}
	l->out_first[tab->n] = n;
	l->out_to = xcalloc(n ? n : 1, sizeof(*l->out_to));
	l->in_first = xcalloc(tab->n + 1, sizeof(*l->in_first));
	for (i = 0; i < tab->n; i++)
		for (j = 0; j < tab->terms[i]->nrelated; j++) {
			const struct term *u =
			    search_link(tab, &tab->terms[i]->related[j]);

			l->out_to[l->out_first[i] + j] = u;
			if (u != NULL)
				l->in_first[u->idx + 1]++;
		}
	for (i = 0; i < tab->n; i++)
		l->in_first[i + 1] += l->in_first[i];
	l->in_from = xcalloc(n ? n : 1, sizeof(*l->in_from));
	fill = xcalloc(tab->n ? tab->n : 1, sizeof(*fill));
	/* In table order, so each list of in-links is sorted by name. */
	for (i = 0; i < tab->n; i++)
		for (j = l->out_first[i]; j < l->out_first[i + 1]; j++) {
			const struct term *u = l->out_to[j];
			size_t at;

			if (u == NULL || u == tab->terms[i])
				continue;
			at = l->in_first[u->idx] + fill[u->idx];
			/* A name and an alias of u in one list: once. */
			if (fill[u->idx] > 0 &&
			    l->in_from[at - 1] == tab->terms[i])
				continue;
			l->in_from[at] = tab->terms[i];
			fill[u->idx]++;
		}
	l->in_len = fill;
}

void
search_links_release(struct search_links *l)
{
	free(l->out_first);
	free(l->out_to);
	free(l->in_first);
	free(l->in_from);
	free(l->in_len);
	memset(l, 0, sizeof(*l));
}

int
search_links_to(const struct search_links *l, const struct term *from,
    const struct term *to)
{
	size_t k;

	for (k = l->out_first[from->idx]; k < l->out_first[from->idx + 1]; k++)
		if (l->out_to[k] == to)
			return 1;
	return 0;
}

void
search_related(
    const struct table *tab, const struct term *t, int depth, struct rels *out)
{
	struct search_links l;
	char *visited;
	size_t level_start = 0, level_end = 0, i, j, k;
	int d;

	memset(out, 0, sizeof(*out));
	search_links_build(tab, &l);
	visited = xcalloc(tab->n ? tab->n : 1, 1);
	visited[t->idx] = 1;
	for (d = 1; d <= depth; d++) {
		size_t nfrom = d == 1 ? 1 : level_end - level_start;

		for (k = 0; k < nfrom; k++) {
			const struct term *from =
			    d == 1 ? t : out->v[level_start + k].term;
			size_t first = out->n;

			if (from == NULL)
				continue;
			for (i = 0; i < from->nrelated; i++) {
				const struct term *to =
				    l.out_to[l.out_first[from->idx] + i];
				struct rel *r;

				if (to == from)
					continue;
				if (to != NULL) {
					if (visited[to->idx])
						continue;
					visited[to->idx] = 1;
				} else if (d > 1)
					continue;
				r = rel_push(out);
				r->term = to;
				r->name = to != NULL ? to->name
						     : from->related[i].name;
				r->dir = REL_OUT;
				r->depth = d;
				r->from = from;
			}
			for (i = 0; i < l.in_len[from->idx]; i++) {
				const struct term *o =
				    l.in_from[l.in_first[from->idx] + i];
				struct rel *r;

				for (j = first; j < out->n; j++)
					if (out->v[j].term == o) {
						out->v[j].dir = REL_BOTH;
						break;
					}
				if (j < out->n || visited[o->idx])
					continue;
				visited[o->idx] = 1;
				r = rel_push(out);
				r->term = o;
				r->name = o->name;
				r->dir = REL_IN;
				r->depth = d;
				r->from = from;
			}
		}
		level_start = d == 1 ? 0 : level_end;
		level_end = out->n;
	}
	free(visited);
	search_links_release(&l);
}

void
rels_release(struct rels *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}
