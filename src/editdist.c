#include <string.h>

#include "editdist.h"

/*
 * Row by row: row i needs only rows i-1 and i-2 (for the swap), so three
 * rows on the stack replace a whole matrix, and two callers, threads or
 * not, never share one.
 */
size_t
editdist_mem(const char *a, size_t n, const char *b, size_t m)
{
	size_t rows[3][EDITDIST_MAX + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *t;
	size_t i, j;

	if (n > EDITDIST_MAX)
		n = EDITDIST_MAX;
	if (m > EDITDIST_MAX)
		m = EDITDIST_MAX;
	for (j = 0; j <= m; j++)
		cur[j] = j;
	for (i = 1; i <= n; i++) {
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
		cur[0] = i;
		for (j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = prev[j] + 1;

			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (prev[j - 1] + cost < best)
				best = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
	}
	return cur[m];
}

size_t
editdist(const char *a, const char *b)
{
	return editdist_mem(a, strlen(a), b, strlen(b));
}
