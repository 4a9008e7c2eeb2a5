/*
 * libFuzzer target (d): tval_unpack and tval_unpack_diag on untrusted
 * cache bytes.  Nothing may crash or leak, and whatever is accepted must
 * pack back to exactly the same bytes (the encoding is canonical), so a
 * tree read from the index is the tree that was written.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tval_pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
same_bytes(const struct sbuf *sb, const uint8_t *data, size_t size)
{
	if (sb->len != size || (size > 0 && memcmp(sb->s, data, size) != 0))
		abort();
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
	if (data[0] & 1) {
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
