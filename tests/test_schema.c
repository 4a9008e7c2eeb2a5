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
	assert_string_equal(t->key, "cafe latte");
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
	/* The parser warns of the key given twice before the schema runs. */
	assert_int_equal(d.v[0].code, DIAG_DUPLICATE_KEY);
	assert_int_equal(d.v[1].code, DIAG_WRONG_TYPE);
	assert_string_equal(
	    d.v[1].msg, "'category' should be a string; ignored");
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

/* Whether d has a message of code c at line. */
static int
has_code(const struct diag *d, enum diag_code c, unsigned line)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].code == c && d->v[i].line == line)
			return 1;
	return 0;
}

/* String fields take numbers and booleans as text; null is warned. */
static void
test_string_fields(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(interpret("term: 42\n"		   /* 2 */
				   "description: d\n"	   /* 3 */
				   "category: nULL\n"	   /* 4 */
				   "vertical: ~\n"	   /* 5 */
				   "pronunciation: 1.5\n", /* 6 */
			     &d, &t),
	    0);
	assert_string_equal(t->name, "42");
	assert_string_equal(t->category, "nULL");
	assert_null(t->vertical);
	assert_string_equal(t->pronunciation, "1.5");
	assert_int_equal(d.n, 1);
	assert_true(has_code(&d, DIAG_NULL_VALUE, 5));
	assert_string_equal(d.v[0].msg, "'vertical' is null; ignored");
	term_free(t);
	diag_release(&d);

	assert_int_equal(interpret("term: !!str null\ndescription: TRUE\n"
				   "category: !!null Sales\n"
				   "aliases: ~\nrelated: null\n"
				   "vertical: {a: b}\n",
			     &d, &t),
	    0);
	assert_string_equal(t->name, "null");
	assert_string_equal(t->description, "TRUE");
	assert_string_equal(t->category, "Uncategorized");
	assert_int_equal(d.n, 4);
	assert_true(has_code(&d, DIAG_NULL_VALUE, 4));
	assert_true(has_code(&d, DIAG_NULL_VALUE, 5));
	assert_true(has_code(&d, DIAG_NULL_VALUE, 6));
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 7));
	term_free(t);
	diag_release(&d);
}

/* One trimming rule: surrounding white space off every string field. */
static void
test_trimming(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(
	    interpret("term: \"  Churn \\t\"\n"
		      "description: \" d \\n\"\n"
		      "vertical: ' SaaS '\ncategory: \"\\tSales\"\n"
		      "aliases: [' a ', '  ', b]\n"
		      "related: [' X ']\n"
		      "details: [{title: ' Unit ', value: ' USD '}]\n",
		&d, &t),
	    0);
	assert_int_equal(d.n, 0);
	assert_string_equal(t->name, "Churn");
	assert_string_equal(t->description, "d");
	assert_string_equal(t->vertical, "SaaS");
	assert_string_equal(t->category, "Sales");
	assert_int_equal(t->aliases.n, 2);
	assert_string_equal(t->aliases.v[0], "a");
	assert_string_equal(t->related[0].name, "X");
	assert_string_equal(t->details[0].title, "Unit");
	assert_string_equal(t->details[0].value, "USD");
	term_free(t);
	diag_release(&d);
}

/* The name's limits hold after trimming (SPEC 1). */
static void
test_name_limits(void **state)
{
	struct diag d;
	struct term *t;
	char *s, *long_name;

	(void)state;
	/* A block scalar of one line: its final line break is trimmed. */
	assert_int_equal(
	    interpret("term: |\n  Churn\ndescription: d\n", &d, &t), 0);
	assert_string_equal(t->name, "Churn");
	term_free(t);
	diag_release(&d);
	assert_int_equal(
	    interpret("term: |\n  a\n  b\ndescription: d\n", &d, &t), -1);
	assert_int_equal(d.v[0].code, DIAG_NAME_LINE_BREAK);
	term_free(t);
	diag_release(&d);
	assert_int_equal(
	    interpret("term: \"a\\u2028b\"\ndescription: d\n", &d, &t), -1);
	assert_int_equal(d.v[0].code, DIAG_NAME_LINE_BREAK);
	term_free(t);
	diag_release(&d);
	/* 256 bytes and blanks: a name; 257 bytes: too long. */
	long_name = malloc(258);
	memset(long_name, 'x', 257);
	long_name[256] = '\0';
	s = xasprintf("term: '  %s  '\ndescription: d\n", long_name);
	assert_int_equal(interpret(s, &d, &t), 0);
	term_free(t);
	diag_release(&d);
	free(s);
	long_name[256] = 'x';
	long_name[257] = '\0';
	s = xasprintf("term: %s\ndescription: d\n", long_name);
	assert_int_equal(interpret(s, &d, &t), -1);
	assert_int_equal(d.v[0].code, DIAG_NAME_TOO_LONG);
	term_free(t);
	diag_release(&d);
	free(s);
	free(long_name);
}

/* A name with no letter or digit is refused, whatever it folds to. */
static void
test_name_letters(void **state)
{
	static const char *const no[] = {
	    "'-'", "'!!!'", "'?'", "'. -'", "\"\\u2014\"", NULL};
	static const char *const yes[] = {
	    "'C++'", "'.NET'", "'A/B'", "'5'", "'é'", NULL};
	struct diag d;
	struct term *t;
	char *s;
	size_t i;

	(void)state;
	for (i = 0; no[i] != NULL; i++) {
		s = xasprintf("term: %s\ndescription: d\n", no[i]);
		if (interpret(s, &d, &t) != -1 || d.n != 1 ||
		    d.v[0].code != DIAG_NAME_NO_LETTERS)
			fail_msg("%s is accepted as a name", no[i]);
		assert_string_equal(
		    d.v[0].msg, "the term name has no letters or digits");
		term_free(t);
		diag_release(&d);
		free(s);
	}
	for (i = 0; yes[i] != NULL; i++) {
		s = xasprintf("term: %s\ndescription: d\n", yes[i]);
		if (interpret(s, &d, &t) != 0)
			fail_msg("%s is refused as a name", yes[i]);
		term_free(t);
		diag_release(&d);
		free(s);
	}
}

/* A detail with a null or non-string title or value: warned, ignored. */
static void
test_details_not_strings(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(interpret("term: T\ndescription: d\n"
				   "details:\n"
				   "  - {title: Related Terms, value: ~}\n"
				   "  - {title: Category, value: null}\n"
				   "  - {title: null, value: x}\n"
				   "  - {title: 5, value: x}\n"
				   "  - {title: Industry, value: ''}\n"
				   "  - {title: Unit, value: USD}\n",
			     &d, &t),
	    0);
	assert_int_equal(t->nrelated, 0);
	assert_string_equal(t->category, "Uncategorized");
	assert_int_equal(t->ndetails, 2);
	assert_string_equal(t->details[1].title, "Unit");
	assert_int_equal(d.n, 4);
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 5));
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 6));
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 7));
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 8));
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
	    cmocka_unit_test(test_string_fields),
	    cmocka_unit_test(test_trimming),
	    cmocka_unit_test(test_name_limits),
	    cmocka_unit_test(test_name_letters),
	    cmocka_unit_test(test_details_not_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
