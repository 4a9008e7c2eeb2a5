/* Lookup fallbacks, suggestions, full-text ranking, the related graph. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "loader.h"
#include "search.h"

static struct table tab;

static void
add(const char *name, const char *extra, const char *body)
{
	struct diag d;
	struct term *t;
	char *s = xasprintf("---\nterm: %s\n%s\n---\n%s", name, extra, body);

	diag_init(&d);
	if (loader_parse(s, strlen(s), name, &d, &t) != LOAD_OK)
		fail_msg("cannot parse %s: %s", name, d.n ? d.v[0].msg : "");
	table_add(&tab, t);
	diag_release(&d);
	free(s);
}

static int
setup(void **state)
{
	struct diag d;

	(void)state;
	table_init(&tab);
	add("Cross-sell",
	    "aliases: [cross-selling]\ncategory: Sales\n"
	    "description: Selling a complementary product to a customer.\n"
	    "related: [Upsell, Nowhere]",
	    "Bundles help.\n");
	add("Upsell",
	    "category: Sales\ndescription: Moving a customer to a bigger "
	    "plan.\nrelated: [cross selling]",
	    "Upselling is not cross-selling.\n");
	add("Churn",
	    "aliases: [attrition]\ncategory: Revenue\nvertical: SaaS\n"
	    "description: Customers who cancel in a period.\n"
	    "example: Ten accounts cancelled, so churn was two percent.",
	    "Churn is the opposite of customer retention.\n");
	add("Customer Retention",
	    "category: Revenue\nvertical: SaaS\ndescription: Keeping "
	    "customers over time.\nrelated: [Churn]",
	    "");
	add("Channel Partner",
	    "category: Partnerships\ndescription: A company that resells "
	    "your product.\nrelated: [Partner Program]",
	    "");
	add("Partner Program",
	    "category: Partnerships\ndescription: Rules and rewards for "
	    "partners who sell.",
	    "Disputes over deal registration are common.\n");
	add("Café", "category: Pricing\ndescription: An accented name.", "");
	diag_init(&d);
	table_index(&tab, &d);
	diag_release(&d);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	table_release(&tab);
	return 0;
}

static enum match_kind
look(const char *q, int exact, const char **name)
{
	struct lookup lk;
	enum match_kind k;

	search_lookup(&tab, q, exact, NULL, &lk);
	k = lk.kind;
	*name = lk.term ? lk.term->name : NULL;
	lookup_release(&lk);
	return k;
}

static void
test_lookup_order(void **state)
{
	const char *name;

	(void)state;
	assert_int_equal(look("CROSS_SELL", 0, &name), MATCH_EXACT);
	assert_string_equal(name, "Cross-sell");
	assert_int_equal(look("Cross Selling", 0, &name), MATCH_ALIAS);
	assert_string_equal(name, "Cross-sell");
	assert_int_equal(look("cafe", 0, &name), MATCH_EXACT);
	assert_string_equal(name, "Café");
	assert_int_equal(look("upse", 0, &name), MATCH_PREFIX);
	assert_string_equal(name, "Upsell");
	assert_int_equal(look("retention", 0, &name), MATCH_SUBSTRING);
	assert_string_equal(name, "Customer Retention");
	/* -e: no fallback at all. */
	assert_int_equal(look("upse", 1, &name), MATCH_NONE);
	assert_null(name);
	assert_int_equal(look("cross-sell", 1, &name), MATCH_EXACT);
	assert_int_equal(look("partner", 0, &name), MATCH_PREFIX);
	assert_string_equal(name, "Partner Program");
	/* "ner" is a substring of two names: nothing. */
	assert_int_equal(look("ner", 0, &name), MATCH_NONE);
	assert_int_equal(look("", 0, &name), MATCH_NONE);
}

static void
test_ambiguous_and_suggest(void **state)
{
	struct lookup lk;

	(void)state;
	search_lookup(&tab, "c", 0, NULL, &lk);
	assert_null(lk.term);
	assert_true(lk.ambiguous);
	assert_int_equal(
	    lk.ncands, 5); /* Café, Channel.., Churn, Cross, Cust */
	lookup_release(&lk);

	search_lookup(&tab, "upsel-x", 0, NULL, &lk);
	assert_false(lk.ambiguous);
	assert_true(lk.ncands >= 1);
	assert_string_equal(lk.cands[0]->name, "Upsell");
	lookup_release(&lk);

	search_lookup(&tab, "retension", 0, NULL, &lk);
	assert_null(lk.term);
	assert_true(lk.ncands >= 1);
	assert_string_equal(lk.cands[0]->name, "Customer Retention");
	lookup_release(&lk);

	search_lookup(&tab, "crosssell", 0, NULL, &lk);
	assert_string_equal(lk.cands[0]->name, "Cross-sell");
	lookup_release(&lk);

	search_lookup(&tab, "zzzzqqqq", 0, NULL, &lk);
	assert_int_equal(lk.ncands, 0);
	lookup_release(&lk);
}

static void
test_filter(void **state)
{
	struct filter f;
	struct lookup lk;

	(void)state;
	filter_init(&f, "revenue", NULL);
	search_lookup(&tab, "upsell", 0, &f, &lk);
	assert_null(lk.term);
	lookup_release(&lk);
	search_lookup(&tab, "churn", 0, &f, &lk);
	assert_non_null(lk.term);
	lookup_release(&lk);
	filter_release(&f);
	filter_init(&f, NULL, "saas");
	search_lookup(&tab, "c", 0, &f, &lk);
	assert_int_equal(lk.ncands, 2);
	lookup_release(&lk);
	filter_release(&f);
}

static void
test_fulltext(void **state)
{
	struct hits h;

	(void)state;
	/* Stemming: "selling" finds sell, cross-selling and Upselling. */
	assert_int_equal(search_query(&tab, "selling", NULL, 0, &h), 3);
	assert_string_equal(h.v[0].term->name, "Cross-sell");
	hits_release(&h);
	assert_int_equal(search_query(&tab, "churn", NULL, 0, &h), 1);
	assert_int_equal(h.v[0].match, MATCH_EXACT);
	hits_release(&h);
	/* A word in the name outranks the same word in descriptions. */
	assert_true(search_query(&tab, "customers", NULL, 0, &h) >= 3);
	assert_string_equal(h.v[0].term->name, "Customer Retention");
	assert_int_equal(h.v[1].match, MATCH_FULLTEXT);
	hits_release(&h);
	/* Every word must match. */
	assert_int_equal(search_query(&tab, "customer period", NULL, 0, &h), 1);
	assert_string_equal(h.v[0].term->name, "Churn");
	hits_release(&h);
	/* "disputes" finds "Disputes", plural and all; stopwords drop. */
	assert_int_equal(
	    search_query(&tab, "what is a dispute", NULL, 0, &h), 1);
	assert_string_equal(h.v[0].term->name, "Partner Program");
	assert_non_null(h.v[0].snippet);
	assert_true(h.v[0].nmarks >= 1);
	hits_release(&h);
	/* Phrases: adjacent words only. */
	assert_int_equal(
	    search_query(&tab, "\"customer retention\"", NULL, 0, &h), 2);
	hits_release(&h);
	assert_int_equal(
	    search_query(&tab, "\"retention customer\"", NULL, 0, &h), 0);
	hits_release(&h);
	assert_int_equal(search_query(&tab, "customer", NULL, 2, &h), 2);
	hits_release(&h);
	assert_int_equal(search_query(&tab, "zebra", NULL, 0, &h), 0);
	hits_release(&h);
}

static void
test_ties_by_name(void **state)
{
	struct hits h;
	size_t i;

	(void)state;
	assert_true(search_query(&tab, "partners", NULL, 0, &h) >= 1);
	for (i = 1; i < h.n; i++)
		assert_true(h.v[i - 1].score > h.v[i].score ||
		    (h.v[i - 1].score == h.v[i].score &&
			strcmp(h.v[i - 1].term->key, h.v[i].term->key) < 0));
	hits_release(&h);
}

static void
test_related(void **state)
{
	struct rels r;
	const struct term *t = search_resolve(&tab, "cross-sell");

	(void)state;
	assert_non_null(t);
	search_related(&tab, t, 1, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[0].name, "Upsell");
	assert_int_equal(r.v[0].dir, REL_BOTH); /* Upsell lists an alias */
	assert_null(r.v[1].term);
	assert_string_equal(r.v[1].name, "Nowhere");
	rels_release(&r);

	t = search_resolve(&tab, "churn");
	search_related(&tab, t, 1, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].name, "Customer Retention");
	assert_int_equal(r.v[0].dir, REL_IN);
	rels_release(&r);

	/* Depth 2 walks on, each term once. */
	t = search_resolve(&tab, "upsell");
	search_related(&tab, t, 2, &r);
	assert_int_equal(r.n, 1);
	rels_release(&r);
	t = search_resolve(&tab, "partner program");
	search_related(&tab, t, 3, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].dir, REL_IN);
	rels_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lookup_order),
	    cmocka_unit_test(test_ambiguous_and_suggest),
	    cmocka_unit_test(test_filter),
	    cmocka_unit_test(test_fulltext),
	    cmocka_unit_test(test_ties_by_name),
	    cmocka_unit_test(test_related),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
