/* Helpers shared by the cmocka tests. */
#ifndef GLOSS_TESTUTIL_H
#define GLOSS_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

/* Whether some diagnostic's message contains s. */
static inline int
diag_has(const struct diag *d, const char *s)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, s) != NULL)
			return 1;
	return 0;
}

/*
 * How many times to repeat a loop, or how large to make an input:
 * full, or quick when GLOSS_TEST_QUICK is set in the environment.  make
 * leakcheck sets it: under valgrind, whose cost is per instruction, the
 * same code paths are checked on smaller inputs; every other run (make
 * test, make sanitize) uses the full sizes.
 */
static inline size_t
test_scale(size_t full, size_t quick)
{
	const char *q = getenv("GLOSS_TEST_QUICK");

	return q != NULL && *q != '\0' ? quick : full;
}

#endif
