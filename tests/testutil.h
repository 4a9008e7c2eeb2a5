/* Helpers shared by the cmocka tests. */
#ifndef GLOSS_TESTUTIL_H
#define GLOSS_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
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

#endif
