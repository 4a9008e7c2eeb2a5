/* The table: folded names, aliases, duplicates, shadowing, prefixes. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "table.h"
#include "utf8.h"

static struct term *
mk(const char *name, int dirno, const char *path, const char *alias)
{
	struct term *t = term_new();

	t->name = xstrdup(name);
	t->key = term_key(name);
	t->description = xstrdup("d");
	strlist_push(&t->categories, xstrdup("Sales"));
	t->path = xstrdup(path);
	t->dirno = dirno;
	t->line = 2;
	t->col = 7;
	if (alias != NULL) {
		strlist_push(&t->aliases, xstrdup(alias));
		strlist_push(&t->alias_keys, term_key(alias));
	}
	return t;
}

static void
test_lookup(void **state)
{
	struct table tab;
	struct diag d;
	size_t first, last;
	int alias;

	(void)state;
	table_init(&tab);
	diag_init(&d);
	table_add(&tab, mk("Cross-sell", 0, "a/cross.md", "cross selling"));
	table_add(&tab, mk("Churn", 0, "a/churn.md", "attrition"));
	table_add(&tab, mk("Channel Partner", 0, "a/cp.md", NULL));
	table_index(&tab, &d);
	assert_int_equal(d.n, 0);
	/* Sorted by folded name. */
	assert_string_equal(tab.terms[0]->name, "Channel Partner");
	assert_string_equal(tab.terms[2]->name, "Cross-sell");
	assert_string_equal(
	    table_get(&tab, "crosssell", &alias)->name, "Cross-sell");
	assert_int_equal(alias, -1);
	assert_string_equal(
	    table_get(&tab, "attrition", &alias)->name, "Churn");
	assert_int_equal(alias, 0);
	assert_null(table_get(&tab, "cross", NULL));
	table_prefix(&tab, "c", &first, &last);
	assert_int_equal(last - first, 4);
	table_prefix(&tab, "cross", &first, &last);
	assert_int_equal(last - first, 2); /* the name and its alias */
	table_prefix(&tab, "zz", &first, &last);
	assert_int_equal(last - first, 0);
	table_release(&tab);
	diag_release(&d);
}

static void
test_duplicates_and_shadowing(void **state)
{
	struct table tab;
	struct diag d;

	(void)state;
	table_init(&tab);
	diag_init(&d);
	/* Load order: dir 0 first, each in path order. */
	table_add(&tab, mk("MRR", 0, "one/a.md", NULL));
	table_add(&tab, mk("mrr", 0, "one/b.md", NULL));
	table_add(&tab, mk("Mrr", 1, "two/c.md", NULL));
	table_add(&tab, mk("ARR", 1, "two/arr.md", NULL));
	table_index(&tab, &d);
	assert_int_equal(tab.n, 2);
	assert_string_equal(table_get(&tab, "mrr", NULL)->path, "one/a.md");
	assert_int_equal(d.nwarn, 1);
	assert_string_equal(d.v[0].file, "one/b.md");
	assert_non_null(strstr(d.v[0].msg, "one/a.md"));
	assert_int_equal(d.nnote, 1);
	assert_true(diag_has(&d, "shadowed by 'one/a.md'"));
	table_release(&tab);
	diag_release(&d);
}

static void
test_alias_collisions(void **state)
{
	struct table tab;
	struct diag d;
	int alias;

	(void)state;
	table_init(&tab);
	diag_init(&d);
	table_add(&tab, mk("Churn", 0, "a.md", "attrition"));
	table_add(&tab, mk("Attrition", 0, "b.md", NULL));
	table_add(&tab, mk("Logo Churn", 0, "c.md", "attrition"));
	table_add(&tab, mk("Self", 0, "d.md", "SELF"));
	table_index(&tab, &d);
	/* The name wins over an alias; the alias equal to the name is
	 * dropped quietly. */
	assert_string_equal(
	    table_get(&tab, "attrition", &alias)->name, "Attrition");
	assert_int_equal(alias, -1);
	assert_int_equal(d.nwarn, 2);
	assert_true(diag_has(&d, "is the name of a term"));
	table_release(&tab);
	diag_release(&d);
}

static void
test_term_key(void **state)
{
	static const char *const same[] = {"config map", "Config-Map",
	    "CONFIG_MAP", "configMap", "ConfigMap", "config/map", "config.map",
	    "configmap"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		char *k = term_key(same[i]);

		assert_string_equal(k, "configmap");
		free(k);
	}
	{
		char *a = term_key("HTTPServer"), *b = term_key("http server");

		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

/* A term with a name derived as names.c would. */
static struct term *
mk_derived(const char *name, const char *path, const char *derived)
{
	struct term *t = mk(name, 0, path, NULL);

	strlist_push(&t->derived, xstrdup(derived));
	strlist_push(&t->derived_keys, term_key(derived));
	return t;
}

static void
test_derived_names(void **state)
{
	struct table tab;
	struct diag d;
	int alias;

	(void)state;
	table_init(&tab);
	diag_init(&d);
	table_add(&tab,
	    mk_derived("Settlement (card payments)", "a.md", "Settlement"));
	table_add(&tab, mk("Settlement", 0, "b.md", NULL));
	table_add(&tab, mk_derived("Churn (Customer)", "c.md", "Churn"));
	table_add(&tab, mk_derived("Churn (Revenue)", "d.md", "Churn"));
	table_add(&tab, mk("Logo Churn", 0, "e.md", "PAN"));
	table_add(&tab, mk_derived("Primary account number", "f.md", "PAN"));
	table_index(&tab, &d);
	/* A derived name never warns, whatever it meets. */
	assert_int_equal(d.n, 0);
	/* A name beats a derived name of another term... */
	assert_string_equal(
	    table_get(&tab, "settlement", &alias)->path, "b.md");
	assert_int_equal(alias, -1);
	/* ... and so does an explicit alias. */
	assert_string_equal(table_get(&tab, "pan", &alias)->path, "e.md");
	assert_int_equal(alias, 0);
	/* A derived name finds its term; of two, the first by name. */
	assert_string_equal(table_get(&tab, "churn", NULL)->path, "c.md");
	assert_string_equal(
	    table_get(&tab, "settlement", NULL)->name, "Settlement");
	table_release(&tab);
	diag_release(&d);
}

static void
test_languages_not_duplicates(void **state)
{
	struct table tab;
	struct diag d;
	struct term *en = mk("Payout", 0, "en/payout.md", NULL);
	struct term *de = mk("Payout", 0, "de/payout.md", NULL);
	struct term *de2 = mk("payout", 0, "de/payout2.md", NULL);

	(void)state;
	en->lang = xstrdup("en");
	de->lang = xstrdup("de");
	de2->lang = xstrdup("de");
	table_init(&tab);
	diag_init(&d);
	table_add(&tab, de);
	table_add(&tab, en);
	table_add(&tab, de2);
	table_index(&tab, &d);
	/* Payout in two languages is two terms; twice in one, a duplicate. */
	assert_int_equal(tab.n, 2);
	assert_int_equal(d.nwarn, 1);
	assert_string_equal(d.v[0].file, "de/payout2.md");
	table_release(&tab);
	diag_release(&d);
}

/* A term of language lang (NULL: none) for the serving tests. */
static struct term *
mk_lang(const char *name, const char *path, const char *lang)
{
	struct term *t = mk(name, 0, path, NULL);

	t->lang = lang != NULL ? xstrdup(lang) : NULL;
	return t;
}

/* A table of the same glossary in de, en and ja, and one term of none. */
static void
load_langs(struct table *tab)
{
	table_init(tab);
	table_add(tab, mk_lang("Abwicklung", "de/s.md", "de"));
	table_add(tab, mk_lang("Settlement", "en/s.md", "en"));
	table_add(tab, mk_lang("Kessai", "ja/s.md", "ja"));
	table_add(tab, mk_lang("Everywhere", "x.md", NULL));
}

static void
test_serve_lang(void **state)
{
	const char *none[] = {NULL, NULL, "en"}, *de[] = {NULL, "de-de", "en"};
	const char *fr[] = {"fr", NULL, "zz"};
	struct table tab;

	(void)state;
	/* Nothing asked: en; a term of no language is always served. */
	load_langs(&tab);
	assert_int_equal(table_serve_lang(&tab, NULL, none, 3), 2);
	assert_string_equal(tab.lang, "en");
	assert_int_equal(tab.n, 2);
	table_release(&tab);
	/* The locale's language, by its language without region. */
	load_langs(&tab);
	table_serve_lang(&tab, NULL, de, 3);
	assert_string_equal(tab.lang, "de");
	table_release(&tab);
	/* No preference present: the first language present. */
	load_langs(&tab);
	table_serve_lang(&tab, NULL, fr, 3);
	assert_string_equal(tab.lang, "de");
	table_release(&tab);
	/* Asked for: served even when absent; all keeps every term. */
	load_langs(&tab);
	assert_int_equal(table_serve_lang(&tab, "fr", none, 3), 3);
	assert_int_equal(tab.n, 1);
	table_release(&tab);
	load_langs(&tab);
	assert_int_equal(table_serve_lang(&tab, "all", none, 3), 0);
	assert_null(tab.lang);
	assert_int_equal(tab.n, 4);
	table_release(&tab);
	/* A glossary that names no language: nothing to choose. */
	table_init(&tab);
	table_add(&tab, mk_lang("Plain", "p.md", NULL));
	table_serve_lang(&tab, NULL, de, 3);
	assert_null(tab.lang);
	assert_int_equal(tab.n, 1);
	table_release(&tab);
}

/* The order of index entries: key, name before alias before derived
 * name, directory, then the term's key and which alias. */
static int
entry_before(const struct table_entry *x, const struct table_entry *y)
{
	int rx = x->alias < 0 ? 0 : x->derived ? 2 : 1;
	int ry = y->alias < 0 ? 0 : y->derived ? 2 : 1;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c < 0;
	if (rx != ry)
		return rx < ry;
	if (x->term->dirno != y->term->dirno)
		return x->term->dirno < y->term->dirno;
	if ((c = strcmp(x->term->key, y->term->key)) != 0)
		return c < 0;
	return x->alias < y->alias;
}

/*
 * The index and the terms of n terms (and an alias each) sorted as
 * strcmp orders their keys, names before aliases among equal keys, the
 * first loaded of two equal names kept: keys that share their first 16
 * bytes (which the sort compares as numbers) and keys shorter than 8,
 * loaded in a scrambled order.
 */
static void
sort_order_of(size_t n)
{
	static const char *const stems[] = {"forecastingaccuracy",
	    "forecastingaccura", "forecasting", "forecast", "fore", "f",
	    "forecastingz", "forecastinga", "zebra", "a"};
	struct table tab;
	struct diag d;
	char name[64], alias[64], path[64];
	size_t i, k;

	table_init(&tab);
	diag_init(&d);
	for (i = 0; i < n; i++) {
		k = (i * 37) % n;
		snprintf(name, sizeof(name), "%s %zu", stems[k % 10], k / 10);
		snprintf(alias, sizeof(alias), "%s%zu", stems[(k + 3) % 10],
		    k / 10 + 1);
		snprintf(path, sizeof(path), "t/%05zu.md", i);
		table_add(&tab, mk(name, (int)(i % 2), path, alias));
	}
	/* Two of the same name: the one loaded first stays. */
	table_add(&tab, mk("Forecast 0", 0, "t/zz.md", NULL));
	table_index(&tab, &d);
	assert_int_equal(d.n > 0, 1);
	assert_int_equal(tab.n, n);
	for (i = 1; i < tab.n; i++)
		assert_true(
		    strcmp(tab.terms[i - 1]->key, tab.terms[i]->key) < 0);
	assert_string_not_equal(
	    table_get(&tab, "forecast0", NULL)->path, "t/zz.md");
	assert_int_equal(tab.nidx > n, 1);
	for (i = 1; i < tab.nidx; i++)
		assert_true(entry_before(&tab.idx[i - 1], &tab.idx[i]));
	table_release(&tab);
	diag_release(&d);
}

/* Small sorts run on one thread, large ones in two halves (table.c). */
static void
test_sort_order(void **state)
{
	(void)state;
	sort_order_of(60);
	sort_order_of(6000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lookup),
	    cmocka_unit_test(test_duplicates_and_shadowing),
	    cmocka_unit_test(test_alias_collisions),
	    cmocka_unit_test(test_term_key),
	    cmocka_unit_test(test_derived_names),
	    cmocka_unit_test(test_languages_not_duplicates),
	    cmocka_unit_test(test_serve_lang),
	    cmocka_unit_test(test_sort_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
