/*
 * libFuzzer target (d): the site-markup reducer on any bytes.  The
 * output is never longer than the input, every reference points inside
 * the output, the same output comes back without references, the
 * summary divider is where a comment starts, and outside code (no
 * backtick or tilde in the input) no `<!--' survives.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
has(const char *s, size_t n, const char *pat)
{
	size_t k, m = strlen(pat);

	for (k = 0; k + m <= n; k++)
		if (memcmp(s + k, pat, m) == 0)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct markup_refs refs;
	char *out, *again;
	size_t len, len2, k, more;

	markup_refs_init(&refs);
	out = markup_reduce(in, size, &len, &refs);
	if (out == NULL || len > size || out[len] != '\0')
		abort();
	for (k = 0; k < refs.n; k++)
		if (refs.v[k].target == NULL || refs.v[k].target[0] == '\0' ||
		    refs.v[k].off > len || refs.v[k].len > len - refs.v[k].off)
			abort();
	again = markup_reduce(in, size, &len2, NULL);
	if (len2 != len || memcmp(out, again, len) != 0)
		abort();
	if (memchr(in, '`', size) == NULL && memchr(in, '~', size) == NULL &&
	    has(out, len, "<!--"))
		abort();
	more = markup_more(in, size);
	if (more > size || (more < size && memcmp(in + more, "<!--", 4) != 0))
		abort();
	free(again);
	free(out);
	markup_refs_release(&refs);
	return 0;
}
