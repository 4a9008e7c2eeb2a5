/* The edit distance: known distances, its cap, and reentrancy. */
#include <pthread.h>
#include <stdlib.h>

#include "testutil.h"

#include "editdist.h"

static void
test_known(void **state)
{
	(void)state;
	assert_int_equal(editdist("", ""), 0);
	assert_int_equal(editdist("abc", ""), 3);
	assert_int_equal(editdist("", "abc"), 3);
	assert_int_equal(editdist("churn", "churn"), 0);
	assert_int_equal(editdist("kitten", "sitting"), 3);
	assert_int_equal(editdist("sitting", "kitten"), 3);
	assert_int_equal(editdist("retension", "retention"), 1);
	assert_int_equal(editdist("upsell", "upsel"), 1);
	assert_int_equal(editdist("upsel", "upsell"), 1);
	/* Only the given bytes count, NUL or not. */
	assert_int_equal(editdist_mem("abcdef", 3, "abX", 3), 1);
	assert_int_equal(editdist_mem("abc", 0, "abc", 3), 3);
}

static void
test_transpositions(void **state)
{
	(void)state;
	/* An adjacent swap is one edit, not two. */
	assert_int_equal(editdist("ca", "ac"), 1);
	assert_int_equal(editdist("chrun", "churn"), 1);
	assert_int_equal(editdist("serach", "search"), 1);
	assert_int_equal(editdist("abcd", "badc"), 2);
	/*
	 * Optimal string alignment edits each substring once: "ca" to
	 * "abc" is 3 (Damerau-Levenshtein proper would say 2).
	 */
	assert_int_equal(editdist("ca", "abc"), 3);
}

static void
test_cap(void **state)
{
	char a[100], b[100];

	(void)state;
	memset(a, 'x', sizeof(a) - 1);
	a[sizeof(a) - 1] = '\0';
	memcpy(b, a, sizeof(b));
	/* Past EDITDIST_MAX bytes, nothing is compared. */
	b[EDITDIST_MAX + 5] = 'y';
	assert_int_equal(editdist(a, b), 0);
	b[EDITDIST_MAX - 1] = 'y';
	assert_int_equal(editdist(a, b), 1);
	assert_int_equal(editdist(a, ""), EDITDIST_MAX);
}

/* One thread's share: the same pair again and again, wrong answers counted. */
struct job {
	char a[EDITDIST_MAX + 1], b[EDITDIST_MAX + 1];
	size_t want;
	int wrong;
};

static void *
run_job(void *arg)
{
	struct job *j = arg;
	int i;

	for (i = 0; i < (int)test_scale(4000, 400); i++)
		if (editdist(j->a, j->b) != j->want)
			j->wrong++;
	return NULL;
}

/*
 * Two computations at once, in two threads, one of the largest distance
 * and one of none: a shared work space would mix them up.
 */
static void
test_reentrant(void **state)
{
	struct job far = {{0}, {0}, EDITDIST_MAX, 0}, near = {{0}, {0}, 0, 0};
	pthread_t t1, t2;

	(void)state;
	memset(far.a, 'a', EDITDIST_MAX);
	memset(far.b, 'b', EDITDIST_MAX);
	memset(near.a, 'c', EDITDIST_MAX);
	memset(near.b, 'c', EDITDIST_MAX);
	assert_int_equal(pthread_create(&t1, NULL, run_job, &far), 0);
	assert_int_equal(pthread_create(&t2, NULL, run_job, &near), 0);
	assert_int_equal(pthread_join(t1, NULL), 0);
	assert_int_equal(pthread_join(t2, NULL), 0);
	assert_int_equal(far.wrong, 0);
	assert_int_equal(near.wrong, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_known),
	    cmocka_unit_test(test_transpositions),
	    cmocka_unit_test(test_cap),
	    cmocka_unit_test(test_reentrant),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
