/*
 * libFuzzer target (d): tval_unpack, tval_unpack_diag and term_unpack on
 * untrusted cache bytes.  Nothing may crash or leak, and whatever is
 * accepted must pack back to exactly the same bytes (the encodings are
 * canonical), so a tree or term read from the index is the one that was
 * written.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "term_pack.h"
#include "tval_pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
same_bytes(const struct sbuf *sb, const uint8_t *data, size_t size)
{
	if (sb->len != size || (size > 0 && memcmp(sb->s, data, size) != 0))
		abort();
}

/* A term, with or without its body text; all of the input or nothing. */
static void
one_term(const uint8_t *data, size_t size, int flags, struct sbuf *sb)
{
	struct tval_rd r = {data, data + size};
	struct term *t;

	if (term_unpack(&r, flags, &t) < 0) {
		if (t != NULL)
			abort(); /* a failure returns no term */
		return;
	}
	if (r.p == r.end && flags == 0) {
		if (term_pack(t, sb) < 0)
			abort();
		same_bytes(sb, data, size);
	}
	term_free(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tval v;
	struct diag d;
	struct sbuf sb;

	/* The first byte chooses the decoder; the rest is its input. */
	if (size < 1)
		return 0;
	sb_init(&sb);
	if (data[0] & 2)
		one_term(data + 1, size - 1,
		    data[0] & 4 ? TERM_UNPACK_NO_BODY : 0, &sb);
	else if (data[0] & 1) {
		if (tval_unpack(data + 1, size - 1, &v) == 0) {
			if (tval_pack(&v, &sb) < 0)
				abort();
			same_bytes(&sb, data + 1, size - 1);
			tval_release(&v);
		} else if (v.n != 0 || v.str != NULL || v.items != NULL)
			abort(); /* a failure leaves *out empty */
	} else {
		diag_init(&d);
		if (tval_unpack_diag(data + 1, size - 1, "self.md", &d) == 0) {
			if (tval_pack_diag(&d, "self.md", &sb) < 0)
				abort();
			same_bytes(&sb, data + 1, size - 1);
		} else if (d.n != 0)
			abort();
		diag_release(&d);
	}
	sb_release(&sb);
	return 0;
}
