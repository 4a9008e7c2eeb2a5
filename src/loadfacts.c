/*
 * The body's facts as bytes, in tval_pack's codec: a varint for each
 * number, a string as its length and its bytes (no NUL).  In order: the file's
 * length, taken, whether there is a description and the description,
 * the mentions' count and each mention, the examples' count and each.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loadfacts.h"
#include "tval_pack.h"

void
loadfacts_release(struct loadfacts *f)
{
	schema_body_release(&f->body);
	strlist_release(&f->examples);
	memset(f, 0, sizeof(*f));
}

static void
put_list(struct sbuf *out, const struct strlist *l)
{
	size_t i;

	tval_pack_uint(out, l->n);
	for (i = 0; i < l->n; i++)
		tval_pack_str(out, l->v[i]);
}

void
loadfacts_pack(const struct loadfacts *f, struct sbuf *out)
{
	tval_pack_uint(out, f->textlen);
	tval_pack_uint(out, (uint64_t)f->body.taken);
	tval_pack_uint(out, f->body.desc != NULL);
	if (f->body.desc != NULL)
		tval_pack_str(out, f->body.desc);
	put_list(out, &f->body.mentions);
	put_list(out, &f->examples);
}

static int
get_list(struct tval_rd *r, struct strlist *l)
{
	uint64_t n, i;
	char *s;

	/* Each string takes a byte at least: a count cannot pass what is
	 * left. */
	if (tval_read_uint(r, (uint64_t)(r->end - r->p), &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((s = tval_read_str(r)) == NULL)
			return -1;
		strlist_push(l, s);
	}
	return 0;
}

int
loadfacts_unpack(const void *buf, size_t len, struct loadfacts *f)
{
	struct tval_rd r = {buf, (const unsigned char *)buf + len};
	uint64_t n, taken, has;

	memset(f, 0, sizeof(*f));
	if (tval_read_uint(&r, SIZE_MAX, &n) < 0 ||
	    tval_read_uint(&r, 1, &taken) < 0 ||
	    tval_read_uint(&r, 1, &has) < 0)
		return -1;
	f->textlen = (size_t)n;
	f->body.taken = (int)taken;
	if ((has && (f->body.desc = tval_read_str(&r)) == NULL) ||
	    get_list(&r, &f->body.mentions) < 0 ||
	    get_list(&r, &f->examples) < 0 || r.p != r.end) {
		loadfacts_release(f);
		return -1;
	}
	return 0;
}
