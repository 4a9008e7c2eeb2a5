/* The field table and the YAML null rule: the term layer alone. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "field.h"
#include "term.h"

static struct tval
scalar(const char *s, int plain)
{
	struct tval v;

	memset(&v, 0, sizeof(v));
	v.type = TV_STR;
	v.plain = plain;
	v.str = (char *)s;
	return v;
}

static void
test_null_rule(void **state)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
	static const char *const strings[] = {
	    "nUlL", "nULL", "NUll", "none", "nil", "~~", " null", "Nothing"};
	struct tval v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++) {
		v = scalar(nulls[i], 1);
		if (!tval_is_null(&v))
			fail_msg("'%s' is a null", nulls[i]);
		/* Quoted, it is a string. */
		v = scalar(nulls[i], 0);
		if (tval_is_null(&v))
			fail_msg("quoted '%s' is a string", nulls[i]);
	}
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		v = scalar(strings[i], 1);
		if (tval_is_null(&v))
			fail_msg("'%s' is a string, not a null", strings[i]);
	}
	memset(&v, 0, sizeof(v));
	v.type = TV_SEQ;
	assert_false(tval_is_null(&v));
}

static void
test_every_row(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; field_table[i].name != NULL; i++) {
		const struct field *f = &field_table[i];

		if (f->get == NULL)
			fail_msg("field '%s' has no getter", f->name);
		assert_ptr_equal(field_find(f->name), f);
		for (j = 0; j < i; j++)
			if (strcmp(field_table[j].name, f->name) == 0)
				fail_msg("field '%s' twice", f->name);
		assert_int_equal(field_reserved(f->name),
		    !(f->flags & (FIELD_OTHER_NAME | FIELD_FILE_KEY)));
	}
	assert_true(i >= 17);
	assert_true(field_reserved("from"));
	assert_true(field_reserved("term"));
	assert_true(field_reserved("line"));
	assert_false(field_reserved("name"));
	assert_false(field_reserved("example"));
	assert_true(field_reserved("tags"));
	assert_true(field_reserved("categories"));
	assert_false(field_reserved("icon"));
	assert_null(field_find("icon"));
	/* lang is written by gloss and read from files (lang.h). */
	assert_false(field_reserved("lang"));
	assert_non_null(field_find("lang"));
}

static struct term *
sample(void)
{
	struct term *t = term_new();

	t->name = xstrdup("MRR");
	strlist_push(&t->categories, xstrdup("Revenue"));
	t->description = xstrdup("Revenue per month.");
	t->path = xstrdup("mrr.md");
	strlist_push(&t->aliases, xstrdup("monthly recurring revenue"));
	strlist_push(&t->aliases, xstrdup("mrr"));
	term_add_related(t, "ARR", 1, 1);
	term_add_related(t, "Churn", 1, 1);
	t->details = xcalloc(2, sizeof(*t->details));
	t->details[0].title = xstrdup("Unit");
	t->details[0].value = xstrdup("USD");
	t->details[1].title = xstrdup("Owner");
	t->details[1].value = xstrdup("Finance");
	t->ndetails = 2;
	t->text = xstrdup("---\n---\nThe body.\n");
	t->textlen = strlen(t->text);
	t->body_off = 8;
	return t;
}

/* The --field text of field name of src. */
static char *
text_of(const char *name, const struct field_src *src)
{
	struct field_value v;

	field_get(field_find(name), src, &v);
	return field_text(&v);
}

static void
assert_text(const char *name, const struct field_src *src, const char *want)
{
	char *s = text_of(name, src);

	if (strcmp(s, want) != 0)
		fail_msg("field '%s': '%s', want '%s'", name, s, want);
	free(s);
}

static void
test_values(void **state)
{
	struct term *t = sample();
	struct field_src src;
	struct field_value v;

	(void)state;
	memset(&src, 0, sizeof(src));
	src.term = t;
	assert_text("term", &src, "MRR");
	assert_text("name", &src, "MRR");
	t->line = 7;
	assert_text("line", &src, "7");
	assert_text("aliases", &src, "monthly recurring revenue, mrr");
	assert_text("related", &src, "ARR, Churn");
	assert_text("details", &src, "Unit: USD, Owner: Finance");
	assert_text("examples", &src, "");
	assert_text("vertical", &src, "");
	assert_text("match", &src, "");
	/* Fields a record does not have are empty text, absent in JSON. */
	assert_text("score", &src, "");
	assert_text("depth", &src, "");
	field_get(field_find("score"), &src, &v);
	assert_false(v.has);
	field_get(field_find("body"), &src, &v);
	assert_false(v.has);
	field_get(field_find("vertical"), &src, &v);
	assert_true(v.has);
	assert_null(v.str);
	field_get(field_find("details"), &src, &v);
	assert_int_equal(v.type, FIELD_PAIRS);
	assert_string_equal(field_item(&v, 1), "Owner");
	assert_string_equal(field_item_value(&v, 1), "Finance");

	src.body = 1;
	src.match = "alias";
	src.scored = 1;
	src.score = 2.5;
	src.snippet = "per month";
	src.relation = "out";
	src.depth = 2;
	src.from = "ARR";
	assert_text("body", &src, "The body.\n");
	assert_text("match", &src, "alias");
	assert_text("score", &src, "2.5000");
	assert_text("snippet", &src, "per month");
	assert_text("relation", &src, "out");
	assert_text("depth", &src, "2");
	assert_text("from", &src, "ARR");
	term_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_null_rule),
	    cmocka_unit_test(test_every_row),
	    cmocka_unit_test(test_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
