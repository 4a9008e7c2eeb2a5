/* The related-term graph: resolving links, both ways, and the walk. */
#include <stdlib.h>

#include "testutil.h"

#include "links.h"
#include "testterm.h"

static struct table tab;

static int
setup(void **state)
{
	static const struct tterm g[] = {
	    {.name = "Cross-sell",
		.aliases = {"cross-selling"},
		.related = {"Upsell", "Nowhere"}},
	    /* Itself, and Cross-sell twice: by an alias and by its name. */
	    {.name = "Upsell",
		.related = {"cross selling", "UPSELL", "Cross-sell"}},
	    /* Mentions: one also a link, one by id, one of nothing. */
	    {.name = "Churn",
		.mentions = {"customer-retention", "pp", "nothing", "churn"}},
	    {.name = "Customer Retention", .related = {"Churn"}},
	    {.name = "Channel Partner", .related = {"Partner Program"}},
	    {.name = "Affiliate", .related = {"partner program"}},
	    {.name = "Partner Program", .ids = {"pp"}},
	};

	(void)state;
	tterm_table(&tab, g, sizeof(g) / sizeof(g[0]));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	table_release(&tab);
	return 0;
}

static const struct term *
term(const char *name)
{
	const struct term *t = links_resolve(&tab, name);

	assert_non_null(t);
	return t;
}

static void
test_resolve(void **state)
{
	const struct term *cs = term("cross-sell");

	/* A link key finds its term; a name is never shadowed by one. */
	assert_ptr_equal(links_resolve(&tab, "pp"), term("partner program"));

	(void)state;
	assert_string_equal(cs->name, "Cross-sell");
	assert_ptr_equal(links_resolve(&tab, "CROSS_SELLING"), cs);
	assert_null(links_resolve(&tab, "nowhere"));
	assert_null(links_resolve(&tab, "cross")); /* no prefixes */
	assert_int_equal(cs->nrelated, 2);
	assert_ptr_equal(
	    links_resolve_link(&tab, &cs->related[0]), term("upsell"));
	assert_null(links_resolve_link(&tab, &cs->related[1]));
}

static void
test_build(void **state)
{
	const struct term *cs = term("cross-sell"), *up = term("upsell");
	const struct term *pp = term("partner program");
	struct links l;

	(void)state;
	links_build(&tab, &l);
	/* Out: every link in order, resolved or NULL. */
	assert_int_equal(l.out_first[up->idx + 1] - l.out_first[up->idx], 3);
	assert_ptr_equal(l.out_to[l.out_first[up->idx]], cs);
	assert_ptr_equal(l.out_to[l.out_first[up->idx] + 1], up);
	assert_ptr_equal(l.out_to[l.out_first[up->idx] + 2], cs);
	assert_null(l.out_to[l.out_first[cs->idx] + 1]);
	/* In: each linking term once, never the term itself, by name. */
	assert_int_equal(l.in_len[cs->idx], 1);
	assert_ptr_equal(l.in_from[l.in_first[cs->idx]], up);
	assert_int_equal(l.in_len[up->idx], 1);
	assert_ptr_equal(l.in_from[l.in_first[up->idx]], cs);
	assert_int_equal(l.in_len[pp->idx], 2);
	assert_ptr_equal(l.in_from[l.in_first[pp->idx]], term("affiliate"));
	assert_ptr_equal(
	    l.in_from[l.in_first[pp->idx] + 1], term("channel partner"));
	assert_int_equal(l.in_len[term("affiliate")->idx], 0);
	/* links_to: one way only. */
	assert_true(links_to(&l, up, cs));
	assert_true(links_to(&l, term("customer retention"), term("churn")));
	assert_false(links_to(&l, term("churn"), term("customer retention")));
	assert_false(links_to(&l, pp, term("affiliate")));
	links_release(&l);
	assert_null(l.out_to);
	assert_null(l.in_from);
}

static void
test_related(void **state)
{
	struct rels r;

	(void)state;
	links_related(&tab, term("cross-sell"), 1, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[0].name, "Upsell");
	assert_int_equal(r.v[0].dir, REL_BOTH); /* Upsell lists an alias */
	assert_int_equal(r.v[0].depth, 1);
	assert_null(r.v[1].term);
	assert_string_equal(r.v[1].name, "Nowhere");
	assert_int_equal(r.v[1].dir, REL_OUT);
	rels_release(&r);

	links_related(&tab, term("churn"), 1, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[0].name, "Customer Retention");
	assert_int_equal(r.v[0].dir, REL_IN);
	/* A mention of a term listed already is not listed again. */
	assert_string_equal(r.v[1].name, "Partner Program");
	assert_int_equal(r.v[1].dir, REL_MENTION);
	rels_release(&r);
	/* table_index made the mentions names; itself and nothing gone. */
	assert_int_equal(term("churn")->mentions.n, 2);
	assert_string_equal(term("churn")->mentions.v[1], "Partner Program");

	/* Depth 2 walks on, each term once, never back to the start. */
	links_related(&tab, term("upsell"), 2, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].name, "Cross-sell");
	rels_release(&r);
	links_related(&tab, term("affiliate"), 3, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[0].name, "Partner Program");
	assert_int_equal(r.v[0].dir, REL_OUT);
	assert_string_equal(r.v[1].name, "Channel Partner");
	assert_int_equal(r.v[1].dir, REL_IN);
	assert_int_equal(r.v[1].depth, 2);
	assert_ptr_equal(r.v[1].from, r.v[0].term);
	rels_release(&r);
	/* The terms whose bodies mention it, after the links in: Churn
	 * mentions Partner Program by its id. */
	links_related(&tab, term("partner program"), 1, &r);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.v[0].name, "Affiliate");
	assert_string_equal(r.v[1].name, "Channel Partner");
	assert_string_equal(r.v[2].name, "Churn");
	assert_int_equal(r.v[2].dir, REL_MENTIONED_BY);
	assert_int_equal(r.v[2].depth, 1);
	rels_release(&r);
	/* Deeper, the walk goes on from them as from any other. */
	links_related(&tab, term("partner program"), 3, &r);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.v[3].name, "Customer Retention");
	assert_int_equal(r.v[3].dir, REL_IN);
	assert_int_equal(r.v[3].depth, 2);
	assert_ptr_equal(r.v[3].from, r.v[2].term);
	rels_release(&r);
	/* A term listed already by a link is not listed again for its
	 * mention (Churn links nowhere; Customer Retention links to it). */
	links_related(&tab, term("customer retention"), 1, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].name, "Churn");
	assert_int_equal(r.v[0].dir, REL_OUT);
	rels_release(&r);
	assert_null(r.v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_resolve),
	    cmocka_unit_test(test_build),
	    cmocka_unit_test(test_related),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
