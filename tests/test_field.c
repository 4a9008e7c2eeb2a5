/* The field table and the YAML null rule: the term layer alone. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "field.h"
#include "term.h"

/* A scalar of text typed as the loader types it. */
static struct tval
scalar(const char *s, const char *tag, int plain)
{
	struct tval v;

	memset(&v, 0, sizeof(v));
	v.type = TV_STR;
	v.str = (char *)s;
	v.scalar = tval_type_scalar(tag, plain, s, NULL);
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
		v = scalar(nulls[i], NULL, 1);
		if (!tval_is_null(&v))
			fail_msg("'%s' is a null", nulls[i]);
		/* Quoted, it is a string. */
		v = scalar(nulls[i], NULL, 0);
		if (tval_is_null(&v))
			fail_msg("quoted '%s' is a string", nulls[i]);
	}
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		v = scalar(strings[i], NULL, 1);
		if (tval_is_null(&v))
			fail_msg("'%s' is a string, not a null", strings[i]);
	}
	memset(&v, 0, sizeof(v));
	v.type = TV_SEQ;
	assert_false(tval_is_null(&v));
}

#define TAG(t) "tag:yaml.org,2002:" t

/* Plain scalars by the YAML 1.2 core schema; the 1.1-only forms too. */
static void
test_core_schema(void **state)
{
	static const struct {
		const char *text;
		enum tval_scalar want;
	} cases[] = {{"true", TS_BOOL}, {"True", TS_BOOL}, {"TRUE", TS_BOOL},
	    {"false", TS_BOOL}, {"FALSE", TS_BOOL}, {"tRUE", TS_STR},
	    {"yes", TS_STR}, {"on", TS_STR}, {"y", TS_STR}, {"0", TS_INT},
	    {"-17", TS_INT}, {"+5", TS_INT}, {"08", TS_INT},
	    {"99999999999999999999", TS_INT}, {"0o17", TS_INT},
	    {"0x1F", TS_INT}, {"0x", TS_STR}, {"0o8", TS_STR},
	    {"0b101", TS_STR}, {"1_000", TS_STR}, {"1:30", TS_STR},
	    {"2001-12-14", TS_STR}, {"1.5", TS_FLOAT}, {".5", TS_FLOAT},
	    {"1.", TS_FLOAT}, {"1e3", TS_FLOAT}, {"-1.5E-2", TS_FLOAT},
	    {".inf", TS_FLOAT}, {"-.Inf", TS_FLOAT}, {"+.INF", TS_FLOAT},
	    {".nan", TS_FLOAT}, {".NaN", TS_FLOAT}, {".NAN", TS_FLOAT},
	    {"-.nan", TS_STR}, {".", TS_STR}, {"1e", TS_STR}, {"e3", TS_STR},
	    {".Nan", TS_STR}, {"inf", TS_STR}, {"1.5x", TS_STR},
	    {"a b", TS_STR}};
	struct tval v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = scalar(cases[i].text, NULL, 1);
		if (v.scalar != cases[i].want)
			fail_msg("'%s' typed %d, want %d", cases[i].text,
			    v.scalar, cases[i].want);
		v = scalar(cases[i].text, NULL, 0);
		if (v.scalar != TS_STR)
			fail_msg("quoted '%s' is a string", cases[i].text);
	}
}

/* Explicit tags decide; an unknown one keeps the text as a string. */
static void
test_tags(void **state)
{
	enum tval_tagcheck ck;

	(void)state;
	assert_int_equal(tval_type_scalar(TAG("str"), 1, "null", &ck), TS_STR);
	assert_int_equal(ck, TVT_OK);
	assert_int_equal(tval_type_scalar(TAG("str"), 1, "42", &ck), TS_STR);
	assert_int_equal(tval_type_scalar("!", 1, "42", &ck), TS_STR);
	assert_int_equal(ck, TVT_OK);
	assert_int_equal(
	    tval_type_scalar(TAG("null"), 1, "Sales", &ck), TS_NULL);
	assert_int_equal(tval_type_scalar(TAG("null"), 0, "", &ck), TS_NULL);
	assert_int_equal(tval_type_scalar(TAG("int"), 0, "42", &ck), TS_INT);
	assert_int_equal(ck, TVT_OK);
	assert_int_equal(
	    tval_type_scalar(TAG("float"), 0, "1E-2", &ck), TS_FLOAT);
	assert_int_equal(tval_type_scalar(TAG("float"), 1, "5", &ck), TS_FLOAT);
	assert_int_equal(
	    tval_type_scalar(TAG("bool"), 0, "FALSE", &ck), TS_BOOL);
	assert_int_equal(tval_type_scalar(TAG("bool"), 1, "yes", &ck), TS_STR);
	assert_int_equal(ck, TVT_MISMATCH);
	assert_int_equal(tval_type_scalar(TAG("int"), 1, "abc", &ck), TS_STR);
	assert_int_equal(ck, TVT_MISMATCH);
	assert_int_equal(tval_type_scalar("!foo", 1, "null", &ck), TS_STR);
	assert_int_equal(ck, TVT_UNKNOWN);
	assert_int_equal(tval_type_scalar(TAG("foo"), 1, "1", &ck), TS_STR);
	assert_int_equal(ck, TVT_UNKNOWN);
	assert_true(tval_tag_known_collection(NULL, 1));
	assert_true(tval_tag_known_collection(TAG("seq"), 0));
	assert_false(tval_tag_known_collection(TAG("seq"), 1));
	assert_false(tval_tag_known_collection("!set", 1));
}

/* The values of typed scalars; a number is never changed. */
static void
test_scalar_values(void **state)
{
	struct tval v;
	long long n;
	char *s;

	(void)state;
	v = scalar("0x1F", NULL, 1);
	assert_int_equal(tval_int(&v, &n), 0);
	assert_int_equal(n, 31);
	v = scalar("0o17", NULL, 1);
	assert_int_equal(tval_int(&v, &n), 0);
	assert_int_equal(n, 15);
	v = scalar("+5", NULL, 1);
	assert_int_equal(tval_int(&v, &n), 0);
	assert_int_equal(n, 5);
	v = scalar("-9223372036854775808", NULL, 1);
	assert_int_equal(tval_int(&v, &n), 0);
	v = scalar("9223372036854775808", NULL, 1);
	assert_int_equal(tval_int(&v, &n), -1);
	s = tval_scalar_text(&v);
	assert_string_equal(s, "9223372036854775808");
	free(s);
	v = scalar("99999999999999999999", NULL, 1);
	assert_int_equal(tval_int(&v, &n), -1);
	v = scalar("1.5", NULL, 1);
	assert_true(tval_real(&v) == 1.5);
	v = scalar("5", TAG("float"), 1);
	assert_true(tval_real(&v) == 5.0);
	v = scalar("0x10", TAG("float"), 1);
	assert_true(tval_real(&v) == 16.0);
	v = scalar("-.Inf", NULL, 1);
	assert_true(isinf(tval_real(&v)) && tval_real(&v) < 0);
	v = scalar(".NaN", NULL, 1);
	assert_true(isnan(tval_real(&v)));
	v = scalar("TRUE", NULL, 1);
	assert_true(tval_bool(&v));
	s = tval_scalar_text(&v);
	assert_string_equal(s, "true");
	free(s);
	v = scalar("False", TAG("bool"), 0);
	assert_false(tval_bool(&v));
	v = scalar("0x1F", NULL, 1);
	s = tval_scalar_text(&v);
	assert_string_equal(s, "31");
	free(s);
	v = scalar("~", NULL, 1);
	s = tval_scalar_text(&v);
	assert_string_equal(s, "");
	free(s);
	v = scalar("1e3", NULL, 1);
	s = tval_scalar_text(&v);
	assert_string_equal(s, "1e3");
	free(s);
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
	    cmocka_unit_test(test_core_schema),
	    cmocka_unit_test(test_tags),
	    cmocka_unit_test(test_scalar_values),
	    cmocka_unit_test(test_every_row),
	    cmocka_unit_test(test_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
