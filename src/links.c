#include <stdlib.h>
#include <string.h>

#include "links.h"

const struct term *
links_resolve(const struct table *tab, const char *name)
{
	char *key = term_key(name);
	const struct term *t = table_get(tab, key, NULL);

	free(key);
	return t;
}

const struct term *
links_resolve_link(const struct table *tab, const struct term_link *l)
{
	return table_get(tab, l->key, NULL);
}

void
links_build(const struct table *tab, struct links *l)
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
			    links_resolve_link(tab, &tab->terms[i]->related[j]);

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
links_release(struct links *l)
{
	free(l->out_first);
	free(l->out_to);
	free(l->in_first);
	free(l->in_from);
	free(l->in_len);
	memset(l, 0, sizeof(*l));
}

int
links_to(const struct links *l, const struct term *from, const struct term *to)
{
	size_t k;

	for (k = l->out_first[from->idx]; k < l->out_first[from->idx + 1]; k++)
		if (l->out_to[k] == to)
			return 1;
	return 0;
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

/* One breadth-first walk: the graph, the terms seen, the list so far. */
struct walk {
	const struct links *l;
	char *visited; /* by term idx */
	struct rels *out;
	int depth; /* of the level being added */
};

static void
walk_add(struct walk *w, const struct term *to, const char *name,
    enum rel_dir dir, const struct term *from)
{
	struct rel *r = rel_push(w->out);

	r->term = to;
	r->name = name;
	r->dir = dir;
	r->depth = w->depth;
	r->from = from;
}

/* The terms from links to, not seen yet; at depth 1, unresolved names. */
static void
walk_out(struct walk *w, const struct term *from)
{
	const struct links *l = w->l;
	size_t i;

	for (i = 0; i < from->nrelated; i++) {
		const struct term *to = l->out_to[l->out_first[from->idx] + i];

		if (to == from)
			continue;
		if (to != NULL) {
			if (w->visited[to->idx])
				continue;
			w->visited[to->idx] = 1;
		} else if (w->depth > 1)
			continue;
		walk_add(w, to, to != NULL ? to->name : from->related[i].name,
		    REL_OUT, from);
	}
}

/*
 * The terms linking to from, not seen yet; those that from also links
 * to, listed by walk_out from its entry first on, become REL_BOTH.
 */
static void
walk_in(struct walk *w, const struct term *from, size_t first)
{
	const struct links *l = w->l;
	struct rels *out = w->out;
	size_t i, j;

	for (i = 0; i < l->in_len[from->idx]; i++) {
		const struct term *o = l->in_from[l->in_first[from->idx] + i];

		for (j = first; j < out->n; j++)
			if (out->v[j].term == o) {
				out->v[j].dir = REL_BOTH;
				break;
			}
		if (j < out->n || w->visited[o->idx])
			continue;
		w->visited[o->idx] = 1;
		walk_add(w, o, o->name, REL_IN, from);
	}
}

/* The terms from mentions, not seen yet (term->mentions are names). */
static void
walk_mentions(struct walk *w, const struct table *tab, const struct term *from)
{
	size_t i;

	for (i = 0; i < from->mentions.n; i++) {
		const struct term *u = links_resolve(tab, from->mentions.v[i]);

		if (u == NULL || w->visited[u->idx])
			continue;
		w->visited[u->idx] = 1;
		walk_add(w, u, u->name, REL_MENTION, from);
	}
}

/* The terms whose bodies mention to, not seen yet, in table order. */
static void
walk_mentioned(struct walk *w, const struct table *tab, const struct term *to)
{
	size_t i, j;

	for (i = 0; i < tab->n; i++) {
		const struct term *u = tab->terms[i];

		if (w->visited[u->idx])
			continue;
		/* A mention is the name of the term it means (table_index):
		 * another name is another term. */
		for (j = 0; j < u->mentions.n; j++)
			if (strcmp(u->mentions.v[j], to->name) == 0 &&
			    links_resolve(tab, u->mentions.v[j]) == to) {
				w->visited[u->idx] = 1;
				walk_add(w, u, u->name, REL_MENTIONED_BY, to);
				break;
			}
	}
}

void
links_related(
    const struct table *tab, const struct term *t, int depth, struct rels *out)
{
	struct links l;
	struct walk w;
	size_t level_start = 0, level_end = 0, k;

	memset(out, 0, sizeof(*out));
	links_build(tab, &l);
	w.l = &l;
	w.visited = xcalloc(tab->n ? tab->n : 1, 1);
	w.out = out;
	w.visited[t->idx] = 1;
	for (w.depth = 1; w.depth <= depth; w.depth++) {
		size_t nfrom = w.depth == 1 ? 1 : level_end - level_start;

		for (k = 0; k < nfrom; k++) {
			const struct term *from =
			    w.depth == 1 ? t : out->v[level_start + k].term;
			size_t first = out->n;

			if (from == NULL)
				continue;
			walk_out(&w, from);
			walk_in(&w, from, first);
			if (w.depth == 1) {
				walk_mentions(&w, tab, from);
				walk_mentioned(&w, tab, from);
			}
		}
		level_start = w.depth == 1 ? 0 : level_end;
		level_end = out->n;
	}
	free(w.visited);
	links_release(&l);
}

void
rels_release(struct rels *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}
