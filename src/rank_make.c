/*
 * The postings of many terms made at once (rank_int.h, rank_make_all),
 * for the search that finds none stored: the first in a glossary, or
 * after an edit of many files.  Each term's stand alone, so with enough
 * of them a second thread makes half; a stemmer and its memo are not
 * shared, so each thread has its own for each stemmer it meets.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "post_make.h"
#include "query.h"
#include "rank_int.h"
#include "util.h"

/* Terms a thread takes at a time, and the fewest worth a thread. */
#define MAKE_CHUNK     32
#define MAKE_SPLIT_MIN 64

/* The work both threads take from. */
struct make_work {
	struct rank_make *v;
	size_t n, next;
	pthread_mutex_t mu;
};

/* A stemmer of one thread, and the words it has stemmed. */
struct make_stemmer {
	const char *algo;
	struct sb_stemmer *st;
	struct post_memo *memo;
};

/* The thread's stemmer for algo, made when first asked for. */
static struct make_stemmer *
stemmer_of(struct make_stemmer **v, size_t *n, const char *algo)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (str_same((*v)[i].algo, algo))
			return &(*v)[i];
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].algo = algo;
	(*v)[*n].st = query_stemmer_new(algo);
	(*v)[*n].memo = post_memo_new();
	return &(*v)[(*n)++];
}

static void *
make_run(void *arg)
{
	struct make_work *w = arg;
	struct make_stemmer *sv = NULL, *s;
	size_t i, lo, hi, ns = 0;

	for (;;) {
		pthread_mutex_lock(&w->mu);
		lo = w->next;
		hi = w->next = lo + MAKE_CHUNK < w->n ? lo + MAKE_CHUNK : w->n;
		pthread_mutex_unlock(&w->mu);
		if (lo == hi)
			break;
		for (i = lo; i < hi; i++) {
			s = stemmer_of(&sv, &ns, w->v[i].algo);
			post_make(w->v[i].t, w->v[i].algo, s->st, s->memo,
			    &w->v[i].d);
		}
	}
	for (i = 0; i < ns; i++) {
		query_stemmer_free(sv[i].st);
		post_memo_free(sv[i].memo);
	}
	free(sv);
	return NULL;
}

void
rank_make_all(struct rank_make *v, size_t n)
{
	struct make_work w = {v, n, 0, PTHREAD_MUTEX_INITIALIZER};
	pthread_t tid;
	int two = n >= MAKE_SPLIT_MIN && sysconf(_SC_NPROCESSORS_ONLN) > 1;

	if (two && pthread_create(&tid, NULL, make_run, &w) != 0)
		two = 0;
	(void)make_run(&w);
	if (two)
		pthread_join(tid, NULL);
	pthread_mutex_destroy(&w.mu);
}
