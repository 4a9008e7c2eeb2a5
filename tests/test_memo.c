/* The memo of short words: what is kept, under which tag, and its limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "memo.h"

static void
test_get_put(void **state)
{
	struct memo *m = memo_new(100);
	const struct memo_val *v;

	(void)state;
	assert_null(memo_get(m, 0, "churn", 5));
	memo_put(m, 0, "churning", 8, 5, UINT64_C(0xfeedface12345678), "churn");
	memo_put(m, 0, "churn", 5, -1, 0, NULL);
	v = memo_get(m, 0, "churning", 8);
	assert_non_null(v);
	assert_int_equal(v->num, 5);
	assert_string_equal(v->str, "churn");
	assert_true(v->aux == UINT64_C(0xfeedface12345678));
	v = memo_get(m, 0, "churn", 5);
	assert_non_null(v);
	assert_int_equal(v->num, -1);
	assert_null(v->str);
	/* Only the n bytes given are the word. */
	assert_non_null(memo_get(m, 0, "churnXYZ", 5));
	assert_null(memo_get(m, 0, "churnin", 7));
	/* The first put of a word stands. */
	memo_put(m, 0, "churn", 5, 7, 0, "x");
	assert_int_equal(memo_get(m, 0, "churn", 5)->num, -1);
	assert_int_equal(memo_count(m), 2);
	memo_free(m);
	memo_free(NULL);
}

static void
test_tags(void **state)
{
	struct memo *m = memo_new(100);
	int a, b;

	(void)state;
	memo_put(m, (uintptr_t)&a, "word", 4, 1, 0, NULL);
	memo_put(m, (uintptr_t)&b, "word", 4, 2, 0, NULL);
	assert_int_equal(memo_get(m, (uintptr_t)&a, "word", 4)->num, 1);
	assert_int_equal(memo_get(m, (uintptr_t)&b, "word", 4)->num, 2);
	assert_null(memo_get(m, 0, "word", 4));
	assert_int_equal(memo_count(m), 2);
	memo_free(m);
}

static void
test_limits(void **state)
{
	struct memo *m = memo_new(3);
	char w[MEMO_WORD + 2];

	(void)state;
	memset(w, 'a', sizeof(w));
	memo_put(m, 0, w, 0, 1, 0, NULL);
	assert_null(memo_get(m, 0, w, 0));
	memo_put(m, 0, w, MEMO_WORD + 1, 1, 0, NULL);
	assert_null(memo_get(m, 0, w, MEMO_WORD + 1));
	memo_put(m, 0, w, MEMO_WORD, 2, 0, NULL);
	assert_int_equal(memo_get(m, 0, w, MEMO_WORD)->num, 2);
	memo_put(m, 0, "b", 1, 3, 0, NULL);
	memo_put(m, 0, "c", 1, 4, 0, NULL);
	/* Full: a fourth word is not kept, the three are. */
	memo_put(m, 0, "d", 1, 5, 0, NULL);
	assert_null(memo_get(m, 0, "d", 1));
	assert_int_equal(memo_get(m, 0, "c", 1)->num, 4);
	assert_int_equal(memo_count(m), 3);
	memo_free(m);
}

/* Words alike in their first eight or sixteen bytes, or but for their
 * length, are told apart. */
static void
test_alike(void **state)
{
	static const char *const w[] = {"forecast", "forecasts", "forecastt",
	    "forecastingpipelin", "forecastingpipelinx", "forecastingpipeli"};
	struct memo *m = memo_new(100);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		memo_put(m, 0, w[i], strlen(w[i]), (long)i, (uint64_t)i, w[i]);
	assert_int_equal(memo_count(m), sizeof(w) / sizeof(w[0]));
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		const struct memo_val *v = memo_get(m, 0, w[i], strlen(w[i]));

		assert_non_null(v);
		assert_int_equal(v->num, (long)i);
		assert_string_equal(v->str, w[i]);
	}
	assert_null(memo_get(m, 0, "forecas", 7));
	memo_free(m);
}

/* Many words: the table grows, and every word keeps what it gave. */
static void
test_grow(void **state)
{
	struct memo *m = memo_new(50000);
	char w[32];
	int i, n;

	(void)state;
	for (i = 0; i < 20000; i++) {
		n = snprintf(w, sizeof(w), "w%d", i);
		memo_put(m, (uintptr_t)(i % 3), w, (size_t)n, i, 0, w);
	}
	assert_int_equal(memo_count(m), 20000);
	for (i = 0; i < 20000; i++) {
		const struct memo_val *v;

		n = snprintf(w, sizeof(w), "w%d", i);
		v = memo_get(m, (uintptr_t)(i % 3), w, (size_t)n);
		assert_non_null(v);
		assert_int_equal(v->num, i);
		assert_string_equal(v->str, w);
		assert_null(memo_get(m, (uintptr_t)(i % 3 + 1), w, (size_t)n));
	}
	memo_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_get_put),
	    cmocka_unit_test(test_tags),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_alike),
	    cmocka_unit_test(test_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
