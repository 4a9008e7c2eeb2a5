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
	assert_int_equal(v->scalar, TS_STR);
	assert_int_equal(v->line, 2); /* first_line */
	assert_int_equal(v->col, 7);
	v = tval_get(&root, "list");
	assert_int_equal(v->type, TV_SEQ);
	assert_int_equal(v->n, 2);
	assert_int_equal(v->items[0].scalar, TS_STR); /* quoted */
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
	/* Found later: still where the construct began (issue 11 bug 10). */
	want_error("a: [1, 2\nb: 3\n", DIAG_YAML_SYNTAX, 2, 4);
	want_error("term: T\naliases: [a, b\ndescription: d\n",
	    DIAG_YAML_SYNTAX, 3, 10);
	want_error("a: {x: 1\nb: 3\n", DIAG_YAML_SYNTAX, 2, 4);
	/* Bad indentation in a block mapping: the line, not the block. */
	want_error("term: T\nmeta:\n  a: 1\n b: 2\ndescription: d\n",
	    DIAG_YAML_SYNTAX, 5, 2);
	/* A block scalar's content not indented: that line, not below. */
	want_error("term: T\nnote: >-\nfolded text\ndescription: d\n",
	    DIAG_YAML_SYNTAX, 4, 1);
	/* A stray line of text: its own line, not the next one. */
	want_error("term: T\njust some words\ndescription: d\n",
	    DIAG_YAML_SYNTAX, 3, 1);
	/* A NUL in a key, escaped, is refused like one in a value. */
	want_error("\"term\\0x\": T\n", DIAG_YAML_NUL, 2, 1);
	want_error("a:\n  \"b\\0\": 1\n", DIAG_YAML_NUL, 3, 3);
	/* A control character, found by offset: line and column. */
	want_error("a: 1\nb: x\x01\n", DIAG_YAML_BAD_INPUT, 3, 5);
}

/*
 * A raw NUL is libyaml's reader's to refuse, in any style of scalar:
 * yaml_tree looks for a NUL only in double-quoted ones (escapes).
 */
static void
test_raw_nul(void **state)
{
	static const char *const docs[] = {
	    "a: b\0c\n", "a: 'b\0c'\n", "a: |\n  b\0c\n", "a: \"b\0c\"\n"};
	static const size_t lens[] = {7, 9, 11, 9};
	struct tval root;
	struct diag d;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		diag_init(&d);
		assert_int_equal(
		    yaml_tree_parse(docs[i], lens[i], 2, "t.md", &d, &root),
		    -1);
		assert_int_equal(d.n, 1);
		assert_int_equal(d.v[0].code, DIAG_YAML_BAD_INPUT);
		tval_release(&root);
		diag_release(&d);
	}
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

/* Parse s, which must load; *d keeps the warnings. */
static void
load(const char *s, struct diag *d, struct tval *root)
{
	if (parse(s, d, root) != 0)
		fail_msg("'%s' does not load: %s", s, d->n ? d->v[0].msg : "");
}

/* Exactly the warnings of codes want[] (DIAG_NCODES ends), in order. */
static void
want_warnings(
    const struct diag *d, const enum diag_code *want, const unsigned *lines)
{
	size_t i;

	for (i = 0; want[i] != DIAG_NCODES; i++) {
		if (i >= d->n)
			fail_msg("warning %zu (%s) missing", i,
			    diag_code_name(want[i]));
		if (d->v[i].code != want[i] || d->v[i].line != lines[i])
			fail_msg("warning %zu: %s at %u (%s), want %s at %u", i,
			    diag_code_name(d->v[i].code), d->v[i].line,
			    d->v[i].msg, diag_code_name(want[i]), lines[i]);
	}
	assert_int_equal(d->n, i);
}

/* Every key given twice, at any depth, the empty one too: first wins. */
static void
test_duplicate_keys(void **state)
{
	static const enum diag_code want[] = {DIAG_DUPLICATE_KEY,
	    DIAG_DUPLICATE_KEY, DIAG_DUPLICATE_KEY, DIAG_DUPLICATE_KEY,
	    DIAG_NCODES};
	static const unsigned lines[] = {4, 6, 9, 11};
	struct tval root;
	struct diag d;
	const struct tval *v;

	(void)state;
	load("icon: a\n"	       /* 2 */
	     "\"\": y\n"	       /* 3 */
	     "icon: b\n"	       /* 4: dup */
	     "level: {c: a, d: 1,\n"   /* 5 */
	     "  c: b}\n"	       /* 6: dup nested */
	     "details:\n - title: T\n" /* 7, 8 */
	     "   title: U\n"	       /* 9: dup in an item */
	     "   value: v\n"	       /* 10 */
	     "'': z\n",		       /* 11: dup '' */
	    &d, &root);
	want_warnings(&d, want, lines);
	assert_int_equal(root.n, 4);
	assert_string_equal(tval_get(&root, "icon")->str, "a");
	assert_string_equal(tval_get(&root, "")->str, "y");
	v = tval_get(&root, "level");
	assert_int_equal(v->n, 2);
	assert_string_equal(tval_get(v, "c")->str, "a");
	v = tval_get(&root, "details");
	assert_string_equal(tval_get(&v->items[0], "title")->str, "T");
	assert_string_equal(
	    d.v[0].msg, "duplicate key 'icon'; the first is used");
	assert_string_equal(d.v[1].msg, "duplicate key 'c'; the first is used");
	assert_string_equal(d.v[3].msg, "duplicate key ''; the first is used");
	tval_release(&root);
	diag_release(&d);
	/* A key given once is never a duplicate, "" included. */
	load("\"\": y\na: {\"\": 1, b: 2}\n", &d, &root);
	assert_int_equal(d.n, 0);
	tval_release(&root);
	diag_release(&d);
}

/*
 * A value is what YAML makes of it, whatever its script: a fold between
 * two Chinese characters is a space, as YAML folds it (the front
 * matter's values are passed through as YAML reads them: tests/yamldiff
 * holds gloss to that).  What a page shows, without that space, is kept
 * beside it for the description (joined).
 */
static void
test_cjk_folds(void **state)
{
	struct tval root;
	struct diag d;

	(void)state;
	load("a: >\n  一组机器，\n  会运行。\n" /* 2-4 */
	     "b: 一组\n  机器 and\n  見\n"	/* 5-7 */
	     "c: >2+\n   日本語 日本語\n",	/* 8-9 */
	    &d, &root);
	assert_int_equal(d.n, 0);
	assert_string_equal(tval_get(&root, "a")->str, "一组机器， 会运行。\n");
	assert_string_equal(tval_get(&root, "b")->str, "一组 机器 and 見");
	assert_string_equal(tval_get(&root, "c")->str, " 日本語 日本語\n");
	/* Beside each, the text without the folds a page shows none of:
	 * only those between Chinese or Japanese characters, only folds. */
	assert_string_equal(
	    tval_get(&root, "a")->joined, "一组机器，会运行。\n");
	assert_string_equal(tval_get(&root, "b")->joined, "一组机器 and 見");
	assert_null(tval_get(&root, "c")->joined);
	tval_release(&root);
	diag_release(&d);
	load("a: >-\n  一组\n\n  机器\n  日本\n" /* an empty line: a break */
	     "b: \"一组\n  机器\"\n"		 /* quoted: not followed */
	     "c: |\n  一组\n  机器\n"		 /* literal: its breaks */
	     "d: 한국\n  어 # comment\n"	 /* Hangul keeps the space */
	     "e: >\n  一组\r\n  机器\r\n",	 /* CRLF */
	    &d, &root);
	assert_int_equal(d.n, 0);
	assert_string_equal(tval_get(&root, "a")->str, "一组\n机器 日本");
	assert_string_equal(tval_get(&root, "a")->joined, "一组\n机器日本");
	assert_null(tval_get(&root, "b")->joined);
	assert_null(tval_get(&root, "c")->joined);
	assert_null(tval_get(&root, "d")->joined);
	assert_string_equal(tval_get(&root, "d")->str, "한국 어");
	assert_string_equal(tval_get(&root, "e")->joined, "一组机器\n");
	tval_release(&root);
	diag_release(&d);
	/* A key folded over lines keeps its text alone: nothing beside it
	 * is kept (it leaked; make sanitize's LeakSanitizer would say). */
	load("? 一组\n  机器\n: v\n", &d, &root);
	assert_int_equal(d.n, 0);
	assert_string_equal(root.keys[0], "一组 机器");
	tval_release(&root);
	diag_release(&d);
}

/* Scalars are typed when parsed; tags decide; unknown tags warned. */
static void
test_typed_scalars(void **state)
{
	static const enum diag_code want[] = {
	    DIAG_YAML_UNKNOWN_TAG, DIAG_YAML_TAG_MISMATCH, DIAG_NCODES};
	static const unsigned lines[] = {10, 11};
	struct tval root;
	struct diag d;

	(void)state;
	load("a: 1.5\n"		 /* 2 */
	     "b: !!str 42\n"	 /* 3 */
	     "c: !!null Sales\n" /* 4 */
	     "d: '~'\n"		 /* 5 */
	     "e: nULL\n"	 /* 6 */
	     "f: 0x1F\n"	 /* 7 */
	     "g: |\n  true\n"	 /* 8, 9 */
	     "h: !foo null\n"	 /* 10 */
	     "i: !!int abc\n"	 /* 11 */
	     "j: TRUE\n",
	    &d, &root);
	want_warnings(&d, want, lines);
	assert_string_equal(
	    d.v[0].msg, "unknown tag '!foo'; the value is kept as written");
	assert_int_equal(d.v[0].col, 4);
	assert_int_equal(tval_get(&root, "a")->scalar, TS_FLOAT);
	assert_int_equal(tval_get(&root, "b")->scalar, TS_STR);
	assert_int_equal(tval_get(&root, "c")->scalar, TS_NULL);
	assert_int_equal(tval_get(&root, "d")->scalar, TS_STR);
	assert_int_equal(tval_get(&root, "e")->scalar, TS_STR);
	assert_int_equal(tval_get(&root, "f")->scalar, TS_INT);
	assert_int_equal(tval_get(&root, "g")->scalar, TS_STR);
	assert_int_equal(tval_get(&root, "h")->scalar, TS_STR);
	assert_string_equal(tval_get(&root, "h")->str, "null");
	assert_int_equal(tval_get(&root, "i")->scalar, TS_STR);
	assert_int_equal(tval_get(&root, "j")->scalar, TS_BOOL);
	tval_release(&root);
	diag_release(&d);
	/* !!x is shown as written; a tag on a list too. */
	load("a: !!set [1]\nb: !!binary x\n", &d, &root);
	assert_int_equal(d.n, 2);
	assert_string_equal(
	    d.v[0].msg, "unknown tag '!!set'; the value is kept as written");
	assert_int_equal(tval_get(&root, "a")->type, TV_SEQ);
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
	    cmocka_unit_test(test_raw_nul),
	    cmocka_unit_test(test_messages),
	    cmocka_unit_test(test_duplicate_keys),
	    cmocka_unit_test(test_typed_scalars),
	    cmocka_unit_test(test_cjk_folds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
