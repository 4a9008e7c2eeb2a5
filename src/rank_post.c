/*
 * The counting of a query through the postings a table's source keeps
 * (post.h, index_post.c): each term's field lengths and Bloom filter, and
 * for each of the query's stems the terms that hold it with their counts,
 * so that only the candidates' texts are ever read, and only where the
 * postings cannot say (a phrase, a doubtful term).
 */
#include <stdlib.h>
#include <string.h>

#include "post_make.h"
#include "query.h"
#include "rank_int.h"
#include "util.h"

/* What the stored postings say of one term that passes the filter. */
struct pterm {
	const struct term *t;
	const char *algo;  /* how its language stems (query_algo) */
	size_t g;	   /* that stemmer's index in the pass's */
	struct post_doc d; /* its field lengths and Bloom filter */
	int cand;	   /* it holds a stem of the query */
	int exact;	   /* count it from its text */
};

/* A stemmer the terms use, and a language of it. */
struct palgo {
	const char *algo, *lang;
	unsigned *bits; /* [stem][POST_BLOOM_K]: the query's stems' bits */
};

/* The counting of a query through the stored postings (post.h). */
struct ppass {
	struct query *q;
	const struct table *tab;
	const struct post_src *src;
	struct pterm *pt; /* in table order */
	size_t n;
	size_t *at;	    /* table position -> index in pt + 1; 0: none */
	unsigned *tf;	    /* [term][stem][field]: the stem's counts */
	unsigned char *has; /* [term][stem]: its list holds the term */
	struct palgo *alg;  /* the stemmers of the terms */
	size_t nalg;
	const char *cur; /* the stemmer of the list being read */
	size_t stem;	 /* the stem of it */
};

/* The stemmer of t's language: its index among the pass's. */
static size_t
pp_algo(struct ppass *pp, const struct term *t)
{
	const char *lang = t->lang != NULL ? t->lang : pp->tab->lang;
	const char *a;
	size_t i;

	for (i = 0; i < pp->nalg; i++)
		if (str_same(pp->alg[i].lang, lang))
			return i;
	a = query_algo(lang);
	for (i = 0; i < pp->nalg; i++)
		if (str_same(pp->alg[i].algo, a))
			return i;
	pp->alg = xreallocarray(pp->alg, pp->nalg + 1, sizeof(*pp->alg));
	memset(&pp->alg[pp->nalg], 0, sizeof(*pp->alg));
	pp->alg[pp->nalg].algo = a;
	pp->alg[pp->nalg].lang = lang;
	return pp->nalg++;
}

/* Keep what v's postings say in its term's pterm, and store them. */
static void
pp_made(struct ppass *pp, struct rank_make *v)
{
	struct pterm *p = &pp->pt[v->at];

	memcpy(p->d.len, v->d.len, sizeof(v->d.len));
	memcpy(p->d.bloom, v->d.bloom, sizeof(v->d.bloom));
	p->d.irregular = v->d.irregular;
	pp->src->ops->doc_put(pp->src->ctx, p->t, v->key, &v->d);
}

/*
 * Every term that passes flt, with its postings: those kept, else made
 * from its text (all at once: rank_make_all) and kept.  -1: a text
 * could not be read.
 */
static int
pp_terms(struct ppass *pp, const struct filter *flt)
{
	const struct table *tab = pp->tab;
	const struct post_src *src = pp->src;
	struct rank_make *mk = NULL; /* those with none stored: mostly none */
	struct post_req *rq;
	size_t i, n = 0, cap = 0;
	int rc = 0;

	pp->pt = xcalloc(tab->n ? tab->n : 1, sizeof(*pp->pt));
	pp->at = xcalloc(tab->n ? tab->n : 1, sizeof(*pp->at));
	rq = xcalloc(tab->n ? tab->n : 1, sizeof(*rq));
	for (i = 0; i < tab->n; i++) {
		struct pterm *p = &pp->pt[pp->n];

		if (!filter_match(flt, tab->terms[i]))
			continue;
		p->t = tab->terms[i];
		p->g = pp_algo(pp, p->t);
		p->d.algo = p->algo = pp->alg[p->g].algo;
		rq[pp->n].t = p->t;
		rq[pp->n].key = post_key(p->t, p->algo);
		rq[pp->n].d = &p->d;
		pp->at[i] = ++pp->n;
	}
	src->ops->docs_get(src->ctx, rq, pp->n);
	for (i = 0; i < pp->n; i++) {
		if (rq[i].found)
			continue;
		if (src->ops->text(src->ctx, rq[i].t) < 0) {
			rc = -1;
			break;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			mk = xreallocarray(mk, cap, sizeof(*mk));
		}
		memset(&mk[n], 0, sizeof(*mk));
		mk[n].t = rq[i].t;
		mk[n].algo = pp->pt[i].algo;
		mk[n].key = rq[i].key;
		mk[n++].at = i;
	}
	free(rq);
	if (rc == 0)
		rank_make_all(mk, n);
	for (i = 0; rc == 0 && i < n; i++)
		pp_made(pp, &mk[i]);
	free(mk);
	return rc;
}

/* A term of the list being read holds the stem. */
static void
pp_hit(void *arg, const struct term *t, const unsigned *tf)
{
	struct ppass *pp = arg;
	struct pterm *p;
	size_t i;

	if (t->idx >= pp->tab->n || pp->tab->terms[t->idx] != t ||
	    (i = pp->at[t->idx]) == 0)
		return; /* filtered out */
	p = &pp->pt[i - 1];
	if (!str_same(p->algo, pp->cur))
		return;
	p->cand = 1;
	memcpy(&pp->tf[((i - 1) * pp->q->nstems + pp->stem) * POST_NFIELDS], tf,
	    POST_NFIELDS * sizeof(*tf));
	pp->has[(i - 1) * pp->q->nstems + pp->stem] = 1;
}

/* Read the lists of the query's stems, as each stemmer makes them.
 * -1: one could not be read. */
static int
pp_lists(struct ppass *pp)
{
	const struct post_src *src = pp->src;
	struct query *q = pp->q;
	size_t g, s;

	pp->tf = xcalloc(pp->n * q->nstems * POST_NFIELDS + 1, sizeof(*pp->tf));
	pp->has = xcalloc(pp->n * q->nstems + 1, sizeof(*pp->has));
	for (g = 0; g < pp->nalg; g++) {
		const struct query_alt *alt = query_alt(q, pp->alg[g].lang);
		char *const *stems = alt != NULL ? alt->stems : q->stems;

		pp->cur = pp->alg[g].algo;
		pp->alg[g].bits =
		    xcalloc(q->nstems * POST_BLOOM_K + 1, sizeof(unsigned));
		for (pp->stem = 0, s = 0; s < q->nstems; pp->stem = ++s) {
			post_bloom_bits(
			    stems[s], &pp->alg[g].bits[s * POST_BLOOM_K]);
			if (src->ops->stem_each(
				src->ctx, pp->cur, stems[s], pp_hit, pp) < 0)
				return -1;
		}
	}
	return 0;
}

/*
 * Whether term i may hold a stem of the query whose list did not say
 * so (its Bloom filter says it may): a list lost to a damaged index, or
 * a filter's false positive.  Either way, its text says.
 */
static int
pp_doubt(const struct ppass *pp, size_t i)
{
	const struct pterm *p = &pp->pt[i];
	size_t s, ns = pp->q->nstems;

	for (s = 0; s < ns; s++)
		if (!pp->has[i * ns + s] &&
		    post_bloom_may(
			p->d.bloom, &pp->alg[p->g].bits[s * POST_BLOOM_K]))
			return 1;
	return 0;
}

/*
 * Whether term i of the pass must be counted from its text: a word the
 * postings may count apart from rank, or a phrase whose every word is in
 * the body (the postings know no order).
 */
static int
pp_exact(const struct ppass *pp, size_t i)
{
	const struct query *q = pp->q;
	const unsigned *tf = &pp->tf[i * q->nstems * POST_NFIELDS];
	size_t c, j;

	if (pp->pt[i].d.irregular)
		return 1;
	for (c = 0; c < q->ncl; c++) {
		if (q->cl[c].n < 2)
			continue;
		for (j = 0; j < q->cl[c].n &&
		     tf[q->cl[c].ids[j] * POST_NFIELDS + POST_BODY] > 0;
		     j++)
			;
		if (j == q->cl[c].n)
			return 1;
	}
	return 0;
}

/* Whether a clause of q is a phrase: the postings know no order. */
static int
has_phrase(const struct query *q)
{
	size_t c;

	for (c = 0; c < q->ncl; c++)
		if (q->cl[c].n > 1)
			return 1;
	return 0;
}

/*
 * Count the clauses in candidate i: words from the postings, phrases in
 * the fields but the body (in memory) as pass_run does, and everything
 * from the text when the postings cannot say.  -1: a text failed.
 */
static int
pp_count(struct ppass *pp, size_t i, struct doc *d)
{
	struct query *q = pp->q;
	const struct term *t = pp->pt[i].t;
	size_t c;
	int exact = pp->pt[i].exact || pp_exact(pp, i), f;

	if (exact && pp->src->ops->text(pp->src->ctx, t) < 0)
		return -1;
	if (exact || has_phrase(q)) {
		doc_count(q, t, d, exact);
		if (exact)
			return 0;
	} else {
		d->t = t;
		d->tf = xcalloc(q->ncl * NFIELDS, sizeof(*d->tf));
	}
	for (f = 0; f < NFIELDS; f++)
		d->len[f] = pp->pt[i].d.len[f];
	for (c = 0; c < q->ncl; c++)
		if (q->cl[c].n == 1)
			memcpy(&d->tf[c * NFIELDS],
			    &pp->tf[(i * q->nstems + q->cl[c].ids[0]) *
				POST_NFIELDS],
			    NFIELDS * sizeof(*d->tf));
	return 0;
}

/* The pass over the candidates: pass_run's result, from the postings. */
static int
pp_pass(struct ppass *pp, struct pass *ps)
{
	struct query *q = pp->q;
	size_t i;
	int f;

	ps->docs = xcalloc(pp->n ? pp->n : 1, sizeof(*ps->docs));
	ps->df = xcalloc(q->ncl, sizeof(*ps->df));
	ps->n = pp->n;
	for (i = 0; i < pp->n; i++) {
		struct doc *d;

		for (f = 0; f < NFIELDS; f++)
			ps->avg[f] += (double)pp->pt[i].d.len[f];
		if (pp_doubt(pp, i))
			pp->pt[i].cand = pp->pt[i].exact = 1;
		if (!pp->pt[i].cand)
			continue;
		d = &ps->docs[ps->ndocs++];
		if (pp_count(pp, i, d) < 0)
			return -1;
		count_df(q, d, ps);
	}
	for (f = 0; f < NFIELDS; f++)
		ps->avg[f] = ps->n ? ps->avg[f] / (double)ps->n : 1;
	return 0;
}

static void
pp_release(struct ppass *pp)
{
	size_t i;

	for (i = 0; i < pp->nalg; i++) {
		free(pp->alg[i].bits);
	}
	free(pp->alg);
	free(pp->pt);
	free(pp->at);
	free(pp->tf);
	free(pp->has);
}

/* Whether a word occurs nowhere: typo correction reads every text. */
static int
needs_fix(const struct query *q, const struct pass *ps)
{
	size_t c;

	for (c = 0; c < q->ncl; c++)
		if (ps->df[c] == 0 && q->cl[c].word != NULL)
			return 1;
	return 0;
}

/*
 * Count the query through the table's stored postings: 0 when ps is
 * filled, 1 when the counting must read every text (a word to correct,
 * a list that could not be read), -1 when a text could not be read.
 */
int
post_passes(struct query *q, const struct table *tab, const struct filter *flt,
    struct pass *ps)
{
	struct ppass pp;
	int rc;

	memset(&pp, 0, sizeof(pp));
	memset(ps, 0, sizeof(*ps));
	pp.q = q;
	pp.tab = tab;
	pp.src = tab->post;
	query_prepare(q);
	if ((rc = pp_terms(&pp, flt)) == 0 && (rc = pp_lists(&pp)) < 0)
		rc = 1;
	if (rc == 0)
		rc = pp_pass(&pp, ps);
	if (rc == 0 && needs_fix(q, ps))
		rc = 1;
	if (rc != 0)
		pass_release(ps);
	pp_release(&pp);
	return rc;
}
