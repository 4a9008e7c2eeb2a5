#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editdist.h"
#include "post_make.h"
#include "query.h"
#include "rank.h"
#include "rank_int.h"
#include "snippet.h"
#include "utf8.h"

static const double field_weight[NFIELDS] = {8.0, 5.0, 3.0, 2.0, 1.0};
static const double field_b[NFIELDS] = {0.3, 0.3, 0.75, 0.75, 0.75};
#define BM25_K1 1.2

/* The stem ids of the words of one field of one term. */
struct seq {
	long *ids; /* stem id, or -1 */
	size_t n, cap;
	const struct query *q;
	const struct query_alt *alt; /* how the term's language stems */
};

static int
seq_word(void *arg, const char *s, size_t start, size_t end)
{
	struct seq *sq = arg;

	if (sq->n == sq->cap) {
		sq->cap = sq->cap ? sq->cap * 2 : 64;
		sq->ids = xreallocarray(sq->ids, sq->cap, sizeof(*sq->ids));
	}
	sq->ids[sq->n++] =
	    query_find_stem(sq->q, sq->alt, s + start, end - start);
	return 0;
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

static void
field_text(const struct term *t, enum field f, struct sbuf *sb)
{
	post_field_text(t, (enum post_field)f, sb);
}

/* Count each clause in each field of t (in its body only with body). */
void
doc_count(struct query *q, const struct term *t, struct doc *d, int body)
{
	struct seq sq = {NULL, 0, 0, q, NULL};
	struct sbuf sb;
	size_t c;
	int f;

	sq.alt = query_alt(q, t->lang);
	d->t = t;
	d->tf = xcalloc(q->ncl * NFIELDS, sizeof(*d->tf));
	sb_init(&sb);
	for (f = 0; f < NFIELDS; f++) {
		sq.n = 0;
		/* Stopwords alone: every text has them, names may not. */
		if ((q->stop_only && f != F_NAME && f != F_ALIAS) ||
		    (f == F_BODY && !body))
			continue;
		if (f == F_BODY) {
			query_body_words(term_body_text(t),
			    strlen(term_body_text(t)), seq_word, &sq);
		} else {
			sb.len = 0;
			field_text(t, (enum field)f, &sb);
			query_words(sb.s ? sb.s : "", sb.len, seq_word, &sq);
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

/* One more term, d, for the count of terms holding each clause. */
void
count_df(const struct query *q, const struct doc *d, struct pass *ps)
{
	size_t c;
	int f;

	for (c = 0; c < q->ncl; c++) {
		unsigned sum = 0;

		for (f = 0; f < NFIELDS; f++)
			sum += d->tf[c * NFIELDS + (size_t)f];
		if (sum > 0)
			ps->df[c]++;
	}
}

/* Count each clause of q in each field of every term that passes flt. */
static void
pass_run(struct query *q, const struct table *tab, const struct filter *flt,
    struct pass *ps)
{
	size_t i;
	int f;

	memset(ps, 0, sizeof(*ps));
	query_prepare(q);
	ps->docs = xcalloc(tab->n ? tab->n : 1, sizeof(*ps->docs));
	ps->df = xcalloc(q->ncl, sizeof(*ps->df));
	for (i = 0; i < tab->n; i++) {
		struct doc *d = &ps->docs[ps->ndocs];

		if (!filter_match(flt, tab->terms[i]))
			continue;
		ps->ndocs++;
		doc_count(q, tab->terms[i], d, 1);
		for (f = 0; f < NFIELDS; f++)
			ps->avg[f] += (double)d->len[f];
		count_df(q, d, ps);
		ps->n++;
	}
	for (f = 0; f < NFIELDS; f++)
		ps->avg[f] = ps->n ? ps->avg[f] / (double)ps->n : 1;
}

void
pass_release(struct pass *ps)
{
	size_t i;

	for (i = 0; i < ps->ndocs; i++)
		free(ps->docs[i].tf);
	free(ps->docs);
	free(ps->df);
	memset(ps, 0, sizeof(*ps));
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

static int
fix_word(void *arg, const char *s, size_t start, size_t end)
{
	struct fix *fx = arg;
	char buf[QUERY_STEM_BUF];
	size_t c,
	    n = query_stem(NULL, s + start, end - start, buf, sizeof(buf));

	for (c = 0; c < fx->q->ncl; c++) {
		const char *w = fx->q->cl[c].word;
		size_t wn, d, lim;

		if (w == NULL || fx->dist[c] == 0)
			continue;
		wn = strlen(w);
		lim = max_typos(wn);
		if (lim == 0 || (n > wn ? n - wn : wn - n) > lim)
			continue;
		d = editdist_mem(w, wn, buf, n);
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
	return 0;
}

/* Look for the closest word of the corpus to each clause marked in fx. */
static void
fix_scan(struct fix *fx, const struct table *tab, const struct filter *flt)
{
	struct sbuf sb;
	size_t i;
	int f;

	sb_init(&sb);
	for (i = 0; i < tab->n; i++) {
		const struct term *t = tab->terms[i];

		if (!filter_match(flt, t))
			continue;
		for (f = 0; f < F_BODY; f++) {
			sb.len = 0;
			field_text(t, (enum field)f, &sb);
			query_words(sb.s ? sb.s : "", sb.len, fix_word, fx);
		}
		query_body_words(
		    term_body_text(t), strlen(term_body_text(t)), fix_word, fx);
	}
	sb_release(&sb);
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
	size_t c, need = 0;
	int fixed = 0;

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
	fix_scan(&fx, tab, flt);
	for (c = 0; c < q->ncl; c++) {
		char stem[QUERY_STEM_BUF];

		if (fx.best[c] == NULL)
			continue;
		query_stem(q->stemmer, fx.best[c], strlen(fx.best[c]), stem,
		    sizeof(stem));
		q->cl[c].ids[0] = query_add_stem(q, stem, fx.best[c]);
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
 * Count the query's clauses in the corpus; when typos were corrected,
 * count again.  Returns whether they were.
 */
static int
run_passes(struct query *q, const struct table *tab, const struct filter *flt,
    struct pass *ps)
{
	pass_run(q, tab, flt, ps);
	if (q->stop_only || !fix_typos(q, tab, flt, ps))
		return 0;
	pass_release(ps);
	pass_run(q, tab, flt, ps);
	return 1;
}

/* Give every term that passes flt its text.  -1: one could not be read. */
static int
texts_all(const struct table *tab, const struct filter *flt)
{
	const struct post_src *src = tab->post;
	size_t i;

	for (i = 0; i < tab->n; i++)
		if (filter_match(flt, tab->terms[i]) &&
		    src->ops->text(src->ctx, tab->terms[i]) < 0)
			return -1;
	return 0;
}

/*
 * Count the query's clauses: through the postings when the table has
 * them, else (or when they cannot say) in every text.  Returns whether
 * typos were corrected, or -1 when a text could not be read.
 */
static int
count_query(struct query *q, const struct table *tab, const struct filter *flt,
    struct pass *ps)
{
	int rc = 1;

	if (tab->post != NULL && !q->stop_only)
		rc = post_passes(q, tab, flt, ps);
	if (rc == 1 && tab->post != NULL && !q->stop_only &&
	    texts_all(tab, flt) < 0)
		rc = -1;
	if (rc == 1)
		return run_passes(q, tab, flt, ps);
	return rc == 0 ? 0 : -1;
}

/* Below this many hits, snippets are made on one thread. */
#define SNIPPET_SPLIT_MIN 64
/* Hits a thread takes at a time: a body costs a hundred descriptions. */
#define SNIPPET_CHUNK 16

/* The hits whose snippets are to be made: those whose need is want; a
 * hit whose body the term does not hold is left, its need one more.
 * The threads take them SNIPPET_CHUNK at a time, from next. */
struct snip_work {
	struct hit *v;
	unsigned char *need;
	size_t n, next;
	unsigned char want;
	pthread_mutex_t mu;
};

/* One thread's part: its query (each thread its own) and the work. */
struct snip_part {
	const struct query *q;
	struct snip_work *w;
};

static void *
snip_run(void *arg)
{
	struct snip_part *p = arg;
	struct snip_work *w = p->w;
	size_t i, lo, hi;

	for (;;) {
		pthread_mutex_lock(&w->mu);
		lo = w->next;
		hi = w->next =
		    lo + SNIPPET_CHUNK < w->n ? lo + SNIPPET_CHUNK : w->n;
		pthread_mutex_unlock(&w->mu);
		if (lo == hi)
			return NULL;
		for (i = lo; i < hi; i++)
			if (w->need[i] == w->want &&
			    snippet_make(p->q, &w->v[i]) < 0)
				w->need[i]++;
	}
}

/*
 * Make the snippets of the n hits v whose need is want, with a second
 * thread that has a copy of q (snippets are most of a search of many
 * hits, and each stands alone).
 */
static void
snip_all(const struct query *q, struct hit *v, size_t n, unsigned char *need,
    unsigned char want)
{
	struct snip_work w = {v, need, n, 0, want, PTHREAD_MUTEX_INITIALIZER};
	struct snip_part a = {q, &w}, b = a;
	struct query qc;
	pthread_t tid;
	int two = n >= SNIPPET_SPLIT_MIN && sysconf(_SC_NPROCESSORS_ONLN) > 1;

	if (two) {
		query_copy(&qc, q);
		b.q = &qc;
		if (pthread_create(&tid, NULL, snip_run, &b) != 0) {
			two = 0;
			query_copy_release(&qc);
		}
	}
	(void)snip_run(&a);
	if (two) {
		pthread_join(tid, NULL);
		query_copy_release(&qc);
	}
	pthread_mutex_destroy(&w.mu);
}

/*
 * Make the shown hits' snippets, then give those that need the body
 * their text (on this thread: the source is not shared) and make theirs.
 * -1: a text could not be read.
 */
static int
snippets(const struct query *q, const struct table *tab, struct hits *out)
{
	const struct post_src *src = tab->post;
	unsigned char *need = xcalloc(out->n + 1, 1);
	size_t i;
	int rc = 0, again = 0;

	snip_all(q, out->v, out->n, need, 0);
	for (i = 0; i < out->n && rc == 0; i++)
		if (need[i] != 0 &&
		    (src == NULL ||
			src->ops->text(src->ctx, out->v[i].term) < 0))
			rc = -1;
		else
			again |= need[i] != 0;
	if (rc == 0 && again) {
		snip_all(q, out->v, out->n, need, 1);
		for (i = 0; i < out->n; i++)
			if (need[i] > 1)
				rc = -1;
	}
	free(need);
	return rc;
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
 * The folded words of the query with its corrected words in place, so
 * that "chrun" still counts as naming Churn.  The caller frees the result.
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
				char buf[QUERY_STEM_BUF];

				query_stem(
				    NULL, w, strlen(w), buf, sizeof(buf));
				if (editdist_mem(buf, strlen(buf),
					q->cl[i].word, strlen(q->cl[i].word)) <=
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

/* Whether key is one of the keys of l. */
static int
has_key(const struct strlist *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], key) == 0)
			return 1;
	return 0;
}

/* What scoring one term needs to know of the query and the corpus. */
struct scorer {
	const struct query *q;
	const struct pass *ps;
	const double *idf;
	const char *qkey; /* the query as a key (term_key) */
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
	size_t c, matched = 0;
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
	} else if (has_key(&t->alias_keys, sc->qkey) ||
	    has_key(&t->derived_keys, sc->qkey)) {
		h->match = MATCH_ALIAS;
		score += 50;
	} else if (names_in_query(t, sc->qkey))
		score *= 1.5;
	/* A corrected query matched nothing as typed. */
	if (sc->fuzzy)
		h->match = MATCH_FUZZY;
	h->score = score;
	return 1;
}

/* Score every counted term into out->v, unsorted: out->n of them. */
static void
score_all(const struct query *q, const struct pass *ps, const char *query,
    int fuzzy, struct hits *out)
{
	struct scorer sc;
	double *idf;
	size_t i, c, need;
	char *qkey, *words;

	idf = xcalloc(q->ncl, sizeof(*idf));
	for (c = 0; c < q->ncl; c++)
		idf[c] = log(1.0 +
		    ((double)ps->n - (double)ps->df[c] + 0.5) /
			((double)ps->df[c] + 0.5));
	words = fuzzy ? corrected_key(q, query) : NULL;
	qkey = term_key(words != NULL ? words : query);
	free(words);
	sc.q = q;
	sc.ps = ps;
	sc.idf = idf;
	sc.qkey = qkey;
	sc.fuzzy = fuzzy;
	out->v = xcalloc(ps->ndocs ? ps->ndocs : 1, sizeof(*out->v));
	/* If no term holds enough of the words, take any that holds one. */
	for (need = need_clauses(q->ncl); out->n == 0 && need > 0;
	     need = need > 1 ? 1 : 0)
		for (i = 0; i < ps->ndocs; i++)
			if (score_doc(&sc, &ps->docs[i], need, &out->v[out->n]))
				out->n++;
	free(qkey);
	free(idf);
}

/* Name the clauses that no counted term holds. */
static void
unmatched(const struct query *q, const struct pass *ps, struct hits *out)
{
	size_t c;

	for (c = 0; c < q->ncl; c++) {
		if (ps->df[c] > 0 || q->cl[c].text == NULL)
			continue;
		out->unmatched = xreallocarray(out->unmatched,
		    out->nunmatched + 1, sizeof(*out->unmatched));
		out->unmatched[out->nunmatched++] = xstrdup(q->cl[c].text);
	}
}

size_t
rank_query(const struct table *tab, const char *query, const struct filter *flt,
    size_t limit, struct hits *out)
{
	struct query q;
	struct pass ps;
	int fuzzy, rc;

	memset(out, 0, sizeof(*out));
	query_parse(&q, query, tab->lang);
	if (q.ncl == 0) {
		query_release(&q);
		return 0;
	}
	out->stop_only = q.stop_only;
	if ((fuzzy = count_query(&q, tab, flt, &ps)) < 0) {
		out->stale = 1;
		query_release(&q);
		return 0;
	}
	/* What search made is written while it ranks, and in place
	 * before any output: a reader that closes the pipe early kills
	 * the process (SIGPIPE) with what was unwritten. */
	table_flush_begin(tab);
	score_all(&q, &ps, query, fuzzy, out);
	unmatched(&q, &ps, out);
	qsort(out->v, out->n, sizeof(*out->v), cmp_hit);
	out->total = out->n;
	if (limit > 0 && out->n > limit)
		out->n = limit;
	rc = snippets(&q, tab, out);
	table_flush(tab);
	pass_release(&ps);
	query_release(&q);
	if (rc < 0) {
		hits_release(out);
		out->stale = 1;
		return 0;
	}
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
	for (i = 0; i < h->nunmatched; i++)
		free(h->unmatched[i]);
	free(h->unmatched);
	memset(h, 0, sizeof(*h));
}
