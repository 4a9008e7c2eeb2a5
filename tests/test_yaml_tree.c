/* YAML text to a tree of values: positions, limits, refusals. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "loader.h"
#include "utf8.h"
#include "yaml_tree.h"

/* Parse s as if it started on line 2 of t.md. */
static int
parse(const char *s, struct diag *d, struct tval *root)
{
	diag_init(d);
	return yaml_tree_parse(s, strlen(s), 2, "t.md", d, root);
}

/* s must fail with exactly one error of code, at line:col. */
static void
want_error(const char *s, enum diag_code code, unsigned line, unsigned col)
{
	struct tval root;
	struct diag d;

	assert_int_equal(parse(s, &d, &root), -1);
	assert_int_equal(d.n, 1);
	if (d.v[0].code != code)
		fail_msg("want %s, got %s: %s", diag_code_name(code),
		    diag_code_name(d.v[0].code), d.v[0].msg);
	assert_string_equal(d.v[0].file, "t.md");
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].col, col);
	tval_release(&root);
	diag_release(&d);
}

static void
test_tree_and_positions(void **state)
{
	struct tval root;
	struct diag d;
	const struct tval *v;

	(void)state;
	assert_int_equal(
	    parse("term: Churn\nlist:\n  - 'a'\n  - [b, {c: d}]\n", &d, &root),
	    0);
	assert_int_equal(d.n, 0);
	assert_int_equal(root.type, TV_MAP);
	assert_int_equal(root.n, 2);
	v = tval_get(&root, "term");
	assert_int_equal(v->type, TV_STR);
	assert_string_equal(v->str, "Churn");
	assert_true(v->plain);
	assert_int_equal(v->line, 2); /* first_line */
	assert_int_equal(v->col, 7);
	v = tval_get(&root, "list");
	assert_int_equal(v->type, TV_SEQ);
	assert_int_equal(v->n, 2);
	assert_false(v->items[0].plain); /* quoted */
	assert_int_equal(v->items[0].line, 4);
	assert_int_equal(v->items[0].col, 5);
	assert_int_equal(v->items[1].type, TV_SEQ);
	assert_string_equal(tval_get(&v->items[1].items[1], "c")->str, "d");
	tval_release(&root);
	diag_release(&d);
}

static void
test_empty(void **state)
{
	struct tval root;
	struct diag d;

	(void)state;
	assert_int_equal(parse("", &d, &root), 1);
	assert_int_equal(parse("# only a comment\n", &d, &root), 1);
	assert_int_equal(d.n, 0);
	tval_release(&root);
}

/* depth nested flow sequences around one scalar. */
static char *
nested(int depth)
{
	char *s = malloc((size_t)depth * 2 + 3);
	int i;

	for (i = 0; i < depth; i++)
		s[i] = '[';
	s[depth] = 'x';
	for (i = 0; i < depth; i++)
		s[depth + 1 + i] = ']';
	s[2 * depth + 1] = '\n';
	s[2 * depth + 2] = '\0';
	return s;
}

static void
test_depth_limit(void **state)
{
	struct tval root;
	struct diag d;
	char *s;

	(void)state;
	s = nested(LOADER_MAX_DEPTH);
	assert_int_equal(parse(s, &d, &root), 0);
	assert_int_equal(d.n, 0);
	tval_release(&root);
	free(s);
	/* One more level: refused where it opens (column 33). */
	s = nested(LOADER_MAX_DEPTH + 1);
	want_error(s, DIAG_YAML_TOO_DEEP, 2, LOADER_MAX_DEPTH + 1);
	free(s);
}

/* A flow list of n items. */
static char *
items(int n)
{
	char *s = malloc((size_t)n * 2 + 3), *p = s;
	int i;

	*p++ = '[';
	for (i = 0; i < n; i++) {
		*p++ = '1';
		*p++ = ',';
	}
	p[-1] = ']';
	*p++ = '\n';
	*p = '\0';
	return s;
}

static void
test_items_limit(void **state)
{
	struct tval root;
	struct diag d;
	char *s;

	(void)state;
	s = items(LOADER_MAX_ITEMS);
	assert_int_equal(parse(s, &d, &root), 0);
	assert_int_equal(root.n, LOADER_MAX_ITEMS);
	tval_release(&root);
	diag_release(&d);
	free(s);
	s = items(LOADER_MAX_ITEMS + 1);
	want_error(s, DIAG_YAML_TOO_MANY_ITEMS, 2, 2 * LOADER_MAX_ITEMS + 2);
	free(s);
}

static void
test_anchors_refused(void **state)
{
	(void)state;
	want_error("a: &x 1\nb: *x\n", DIAG_YAML_ANCHOR, 2, 4);
	want_error("a: 1\nb: *x\n", DIAG_YAML_ANCHOR, 3, 4);
	want_error("&k a: 1\n", DIAG_YAML_ANCHOR, 2, 1);
	want_error("- &s [1]\n", DIAG_YAML_ANCHOR, 2, 3);
}

static void
test_refusals(void **state)
{
	(void)state;
	want_error("[a]: 1\n", DIAG_YAML_KEY_NOT_STRING, 2, 1);
	want_error("a: \"x\\0y\"\n", DIAG_YAML_NUL, 2, 4);
	want_error("a: 1\n---\nb: 2\n", DIAG_YAML_MANY_DOCUMENTS, 3, 1);
	/* Found at the end of the input: where the construct began. */
	want_error("a: [1, 2\n", DIAG_YAML_SYNTAX, 2, 4);
	/* Found before the end: where it was found. */
	want_error("a: [1, 2\nb: 3\n", DIAG_YAML_SYNTAX, 3, 2);
	/* A control character, found by offset: line and column. */
	want_error("a: 1\nb: x\x01\n", DIAG_YAML_BAD_INPUT, 3, 5);
}

static void
test_messages(void **state)
{
	struct tval root;
	struct diag d;

	(void)state;
	assert_int_equal(parse("a: x\x01\n", &d, &root), -1);
	assert_string_equal(d.v[0].msg,
	    "invalid YAML: control characters are not allowed (U+0001)");
	tval_release(&root);
	diag_release(&d);
	assert_int_equal(parse("a: [1, 2\n", &d, &root), -1);
	assert_non_null(strstr(d.v[0].msg, "while parsing a flow sequence"));
	tval_release(&root);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tree_and_positions),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_depth_limit),
	    cmocka_unit_test(test_items_limit),
	    cmocka_unit_test(test_anchors_refused),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
