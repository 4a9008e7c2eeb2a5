/* The front matter schema: the key table, reserved keys, the name. */
#include <stdlib.h>

#include "testutil.h"

#include "schema.h"
#include "yaml_tree.h"

/* Interpret the YAML s into *t; the caller frees *t and releases d. */
static int
interpret(const char *s, struct diag *d, struct term **t)
{
	struct tval root;
	int rc;

	diag_init(d);
	*t = term_new();
	assert_int_equal(yaml_tree_parse(s, strlen(s), 2, "t.md", d, &root), 0);
	rc = schema_term(&root, *t, "t.md", d);
	tval_release(&root);
	return rc;
}

static void
test_reserved(void **state)
{
	static const char *const yes[] = {"term", "description", "category",
	    "vertical", "pronunciation", "aliases", "example", "examples",
	    "related", "details", "file", "match", "body", "score", "snippet",
	    "relation", "depth", NULL};
	static const char *const no[] = {
	    "icon", "url", "tags", "Term", "", "terms", NULL};
	size_t i;

	(void)state;
	for (i = 0; yes[i] != NULL; i++)
		if (!schema_reserved(yes[i]))
			fail_msg("'%s' is not reserved", yes[i]);
	for (i = 0; no[i] != NULL; i++)
		if (schema_reserved(no[i]))
			fail_msg("'%s' is reserved", no[i]);
}

static void
test_keys_from_the_table(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(interpret("term: Café Latte\ndescription: d\n"
				   "vertical: SaaS\npronunciation: ''\n"
				   "aliases: [CL, ~, '']\nexample: one\n"
				   "examples: [two]\nicon: x\nscore: 3\n",
			     &d, &t),
	    0);
	assert_string_equal(t->key, "cafelatte");
	assert_string_equal(t->category, "Uncategorized");
	assert_string_equal(t->vertical, "SaaS");
	assert_null(t->pronunciation);
	assert_int_equal(t->aliases.n, 1);
	assert_string_equal(t->alias_keys.v[0], "cl");
	assert_int_equal(t->examples.n, 2);
	/* icon passes through; score is refused with a note. */
	assert_int_equal(t->extra.n, 1);
	assert_string_equal(t->extra.keys[0], "icon");
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, DIAG_RESERVED_KEY);
	assert_int_equal(d.v[0].line, 10);
	term_free(t);
	diag_release(&d);
}

static void
test_diagnostics(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(interpret("term: A\ndescription: d\ncategory: [x]\n"
				   "term: B\n",
			     &d, &t),
	    0);
	assert_string_equal(t->name, "A");
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].code, DIAG_WRONG_TYPE);
	assert_string_equal(
	    d.v[0].msg, "'category' should be a string; ignored");
	assert_int_equal(d.v[1].code, DIAG_DUPLICATE_KEY);
	term_free(t);
	diag_release(&d);

	assert_int_equal(interpret("term: '-_-'\n", &d, &t), -1);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].code, DIAG_NAME_NO_LETTERS);
	assert_int_equal(d.v[1].code, DIAG_MISSING_KEY);
	assert_string_equal(d.v[1].msg, "missing required key 'description'");
	term_free(t);
	diag_release(&d);

	assert_int_equal(interpret("- a\n", &d, &t), -1);
	assert_int_equal(d.v[0].code, DIAG_NOT_A_MAPPING);
	term_free(t);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reserved),
	    cmocka_unit_test(test_keys_from_the_table),
	    cmocka_unit_test(test_diagnostics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
