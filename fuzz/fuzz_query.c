/*
 * libFuzzer target (c): the query side.  The input is a query, a name to
 * look up and a filter, against a fixed glossary: lookup with and without
 * fallbacks, suggestions, ranked search with snippets.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "search.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct table tab;

static const char *const glossary[] = {
    "---\nterm: Cross-sell\naliases: [cross-selling, cross sell]\n"
    "category: Sales\nvertical: SaaS\ndescription: Selling a complementary "
    "product to an existing customer.\nexample: She cross-sold the add-on."
    "\nrelated: [Upsell, Churn]\n---\nBody with **markup** and `code`.\n",
    "---\nterm: Upsell\ncategory: Sales\ndescription: Moving a customer to "
    "a bigger plan.\nrelated: [cross selling]\n---\n## Examples\n\n- One.\n",
    "---\nterm: Churn\naliases: [attrition, churn rate]\ncategory: Revenue\n"
    "description: Customers who cancel.\n---\n",
    "---\nterm: Café\ncategory: Pricing\ndescription: Accents é à ü.\n---\n",
    "---\nterm: 見積書\ndescription: 見積書は価格を示す書類です。\n---\n",
    "---\nterm: Net Revenue Retention\naliases: [NRR]\ndescription: "
    "Revenue kept from existing customers, with expansion.\n---\n",
};

static void
init(void)
{
	struct diag d;
	size_t i;

	diag_init(&d);
	table_init(&tab);
	for (i = 0; i < sizeof(glossary) / sizeof(glossary[0]); i++) {
		struct term *t;

		if (loader_parse(glossary[i], strlen(glossary[i]), "g.md", &d,
			&t) != LOAD_OK)
			abort();
		table_add(&tab, t);
	}
	table_index(&tab, &d);
	diag_release(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct term *sug[SUGGEST_MAX];
	struct filter f;
	struct lookup lk;
	struct hits h;
	char *q;
	size_t i, j;

	if (tab.n == 0)
		init();
	q = malloc(size + 1);
	memcpy(q, data, size);
	q[size] = '\0'; /* a C string: stop at the first NUL, like argv */
	lookup_find(&tab, q, 0, NULL, &lk);
	lookup_release(&lk);
	lookup_find(&tab, q, 1, NULL, &lk);
	lookup_release(&lk);
	(void)suggest_find(&tab, q, NULL, sug, SUGGEST_MAX);
	rank_query(&tab, q, NULL, 0, &h);
	for (i = 0; i < h.n; i++) {
		size_t len = h.v[i].snippet ? strlen(h.v[i].snippet) : 0;

		for (j = 0; j < h.v[i].nmarks; j++)
			if (h.v[i].marks[2 * j] > h.v[i].marks[2 * j + 1] ||
			    h.v[i].marks[2 * j + 1] > len)
				abort();
		if (i > 0 && h.v[i].score > h.v[i - 1].score)
			abort();
	}
	hits_release(&h);
	filter_init(&f, q, size % 2 ? q : NULL);
	rank_query(&tab, "customer", &f, 3, &h);
	hits_release(&h);
	lookup_find(&tab, "c", 0, &f, &lk);
	lookup_release(&lk);
	filter_release(&f);
	free(q);
	return 0;
}
