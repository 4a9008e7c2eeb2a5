/*
 * The filters -c/--category, -t/--tag and --vertical (SPEC 3): a name that no
 * term has is an error naming the nearest existing ones, so that a typo does
 * not read as an empty answer.  One row per facet.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "utf8.h"

#define FACET_MAX_SUGGEST 5

/* The i-th value of a facet of t, or NULL past the last. */
typedef const char *facet_get(const struct term *, size_t i);

static const char *
get_category(const struct term *t, size_t i)
{
	return i < t->categories.n ? t->categories.v[i] : NULL;
}

static const char *
get_vertical(const struct term *t, size_t i)
{
	return i == 0 ? t->vertical : NULL;
}

static const char *
get_tag(const struct term *t, size_t i)
{
	return i < t->tags.n ? t->tags.v[i] : NULL;
}

static const struct strlist *
given_category(const struct ctx *ctx)
{
	return &ctx->category;
}

static const struct strlist *
given_vertical(const struct ctx *ctx)
{
	return &ctx->vertical;
}

static const struct strlist *
given_tag(const struct ctx *ctx)
{
	return &ctx->tag;
}

static const struct facet {
	const char *what;				    /* in messages */
	const struct strlist *(*given)(const struct ctx *); /* as given */
	facet_get *get;	    /* the term's values */
	const char *listed; /* the command that lists them */
} facets[] = {
    {"category", given_category, get_category, "gloss categories"},
    {"vertical", given_vertical, get_vertical,
	"gloss categories --by vertical"},
    {"tag", given_tag, get_tag, "gloss categories --by tag"},
};

struct near {
	const char *name; /* borrowed from a term */
	char *folded;
	size_t dist;
};

/* How near folded name n is to folded q: edits, or 1 for a prefix. */
static size_t
nearness(const char *q, const char *n)
{
	size_t d = editdist(q, n);

	if (strncmp(n, q, strlen(q)) == 0 || strstr(n, q) != NULL)
		d = d < 1 ? d : 1;
	return d;
}

struct nears {
	struct near *v;
	size_t n;
};

static void
nears_release(struct nears *ns)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i].folded);
	free(ns->v);
}

static int
near_cmp(const void *a, const void *b)
{
	const struct near *x = a, *y = b;

	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	return strcmp(x->folded, y->folded);
}

/*
 * Whether some term has the value q (folded) of facet f; if not, ns
 * holds the distinct values within reach, nearest first.
 */
static int
facet_known(const struct table *tab, const struct facet *f, const char *q,
    struct nears *ns)
{
	size_t i, j, k, reach = strlen(q) / 3 + 1;
	const char *v;

	if (reach > 2)
		reach = 2;
	for (i = 0; i < tab->n; i++)
		for (j = 0; (v = f->get(tab->terms[i], j)) != NULL; j++) {
			char *fv = utf8_fold(v, strlen(v));
			size_t d = nearness(q, fv);

			for (k = 0; k < ns->n; k++)
				if (strcmp(ns->v[k].folded, fv) == 0)
					break;
			if (d == 0 || d > reach || k < ns->n) {
				free(fv);
				if (d == 0)
					return 1;
				continue;
			}
			ns->v = xreallocarray(ns->v, ns->n + 1, sizeof(*ns->v));
			ns->v[ns->n++] = (struct near){v, fv, d};
		}
	if (ns->n > 0)
		qsort(ns->v, ns->n, sizeof(*ns->v), near_cmp);
	return 0;
}

/* Report q, a value of f that no term has, with the nearest ones. */
static void
facet_unknown(const struct facet *f, const char *q, const struct nears *ns)
{
	struct sbuf sb;
	size_t i;

	if (ns->n == 0) {
		cli_errorx(
		    "no %s '%s'; '%s' lists them", f->what, q, f->listed);
		return;
	}
	sb_init(&sb);
	for (i = 0; i < ns->n && i < FACET_MAX_SUGGEST; i++) {
		if (i > 0)
			sb_adds(&sb, ", ");
		sb_adds(&sb, ns->v[i].name);
	}
	cli_errorx("no %s '%s'; did you mean: %s?", f->what, q, sb.s);
	sb_release(&sb);
}

int
cli_check_filters(const struct ctx *ctx)
{
	size_t i, j;
	int ok = 1;

	for (i = 0; i < sizeof(facets) / sizeof(facets[0]); i++) {
		const struct facet *f = &facets[i];
		const struct strlist *l = f->given(ctx);

		for (j = 0; j < l->n; j++) {
			struct nears ns = {NULL, 0};
			char *fq = utf8_fold(l->v[j], strlen(l->v[j]));

			if (!facet_known(&ctx->table, f, fq, &ns)) {
				facet_unknown(f, l->v[j], &ns);
				ok = 0;
			}
			nears_release(&ns);
			free(fq);
		}
	}
	return ok ? 0 : -1;
}
