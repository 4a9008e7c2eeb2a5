/*
 * libFuzzer target (d): the site-markup reducer on any bytes.  The
 * output is never longer than the input, every reference points inside
 * the output, the same output comes back without references, the
 * summary divider is where a comment starts, and outside code (no
 * backtick or tilde in the input) no `<!--' survives.  The output, read
 * as a body, also holds md_plain_cut's promise: the plain text of a
 * prefix cut there is the start of the whole's, but for its last byte.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "md.h"

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

/* Abort unless md_plain of each prefix md_plain_cut gives of body
 * starts the whole's plain text, but for its last byte. */
static void
check_cuts(const char *body)
{
	static const size_t wants[] = {1, 16, 128};
	size_t n = strlen(body), fl, pl, i;
	char *full = md_plain(body, n), *pre;

	fl = strlen(full);
	for (i = 0; i < sizeof(wants) / sizeof(wants[0]); i++) {
		size_t cut = md_plain_cut(body, n, wants[i]);

		if (cut > n)
			abort();
		if (cut == n)
			continue;
		pre = md_plain(body, cut);
		pl = strlen(pre);
		if (pl > 0 && (pl - 1 > fl || memcmp(pre, full, pl - 1) != 0))
			abort();
		free(pre);
	}
	free(full);
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
	check_cuts(out);
	more = markup_more(in, size);
	if (more > size || (more < size && memcmp(in + more, "<!--", 4) != 0))
		abort();
	free(again);
	free(out);
	markup_refs_release(&refs);
	return 0;
}
