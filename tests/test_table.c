/* The table: folded names, aliases, duplicates, shadowing, prefixes. */
#include <stdlib.h>

#include "testutil.h"

#include "table.h"
#include "utf8.h"

static struct term *
mk(const char *name, int dirno, const char *path, const char *alias)
{
	struct term *t = term_new();

	t->name = xstrdup(name);
	t->key = utf8_fold(name, strlen(name));
	t->description = xstrdup("d");
	strlist_push(&t->categories, xstrdup("Sales"));
	t->path = xstrdup(path);
	t->dirno = dirno;
	t->line = 2;
	t->col = 7;
	if (alias != NULL) {
		strlist_push(&t->aliases, xstrdup(alias));
		strlist_push(&t->alias_keys, utf8_fold(alias, strlen(alias)));
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
	    table_get(&tab, "cross sell", &alias)->name, "Cross-sell");
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lookup),
	    cmocka_unit_test(test_duplicates_and_shadowing),
	    cmocka_unit_test(test_alias_collisions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
