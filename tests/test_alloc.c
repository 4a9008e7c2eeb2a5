/*
 * Allocation failures in the loader, injected by a counting malloc: the
 * n-th allocation fails, for every n until a parse needs no more.  A
 * failure inside libyaml must come back as a diagnostic; one in our own
 * code must end in the single out-of-memory wrapper (here a longjmp).
 * Nothing may crash.  Skipped under ASan and valgrind, which own malloc.
 */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "loader.h"

#if defined(__SANITIZE_ADDRESS__)
#define NO_INTERPOSE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_INTERPOSE 1
#endif
#endif

#ifndef NO_INTERPOSE
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

static long countdown; /* fail when it reaches 0; off when negative */
static long calls;

static int
fail_now(void)
{
	if (countdown < 0)
		return 0;
	calls++;
	return countdown-- == 0;
}

void *
malloc(size_t n)
{
	return fail_now() ? NULL : __libc_malloc(n);
}

void *
calloc(size_t n, size_t sz)
{
	return fail_now() ? NULL : __libc_calloc(n, sz);
}

void *
realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __libc_realloc(p, n);
}

static jmp_buf oom_jump;

static void
oom_jump_back(void)
{
	countdown = -1;
	longjmp(oom_jump, 1);
}

static void
test_every_allocation_fails_once(void **state)
{
	static const char doc[] =
	    "---\nterm: Cross-sell\naliases: [cross-selling, x]\n"
	    "category: Sales\nvertical: SaaS\ndescription: >-\n  Selling "
	    "more.\nexample: [One., Two.]\nrelated: [Upsell, MRR]\n"
	    "details:\n  - {title: Related Terms, value: 'ARR, Churn'}\n"
	    "icon: x\ntags: [a, {b: c}]\n---\nBody.\n";
	volatile long n, yaml_oom = 0, wrapper_oom = 0, ok = 0;

	(void)state;
	xalloc_oom_hook = oom_jump_back;
	for (n = 0;; n++) {
		/* volatile: they live across the longjmp. */
		struct diag *volatile dp = malloc(sizeof(struct diag));
		struct term *t = NULL;
		enum load_status st;

		diag_init(dp);
		calls = 0;
		countdown = n;
		if (setjmp(oom_jump) != 0) {
			wrapper_oom++;
			continue; /* what was allocated leaks; fine here */
		}
		st = loader_parse(doc, sizeof(doc) - 1, "t.md", dp, &t);
		countdown = -1;
		if (st == LOAD_OK) {
			term_free(t);
			ok++;
		} else if (diag_has(dp, "out of memory"))
			yaml_oom++;
		else
			fail_msg("allocation %ld: unexpected '%s'", n,
			    dp->n ? dp->v[0].msg : "(no diagnostic)");
		diag_release(dp);
		free(dp);
		if (calls <= n) /* the parse finished before failure n */
			break;
	}
	xalloc_oom_hook = NULL;
	printf("# %ld allocations: %ld libyaml failures reported, %ld in "
	       "the wrapper, %ld parses that survived\n",
	    n, yaml_oom, wrapper_oom, ok);
	assert_true(n > 20);
	assert_true(yaml_oom > 0);
	assert_true(wrapper_oom > 0);
}
#endif

int
main(void)
{
#ifndef NO_INTERPOSE
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_allocation_fails_once),
	};

	countdown = -1;
	return cmocka_run_group_tests(tests, NULL, NULL);
#else
	puts("# skipped: ASan owns malloc");
	return 0;
#endif
}
