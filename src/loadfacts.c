/*
 * The body's facts as bytes: a varint (unsigned LEB128) for each number,
 * a string as its length and its bytes (no NUL).  In order: the file's
 * length, taken, whether there is a description and the description,
 * the mentions' count and each mention, the examples' count and each.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loadfacts.h"

void
loadfacts_release(struct loadfacts *f)
{
	schema_body_release(&f->body);
	strlist_release(&f->examples);
	memset(f, 0, sizeof(*f));
}

static void
put_num(struct sbuf *out, uint64_t v)
{
	while (v >= 0x80) {
		sb_addc(out, (char)(0x80 | (v & 0x7f)));
		v >>= 7;
	}
	sb_addc(out, (char)v);
}

static void
put_str(struct sbuf *out, const char *s)
{
	size_t n = strlen(s);

	put_num(out, n);
	sb_addn(out, s, n);
}

static void
put_list(struct sbuf *out, const struct strlist *l)
{
	size_t i;

	put_num(out, l->n);
	for (i = 0; i < l->n; i++)
		put_str(out, l->v[i]);
}

void
loadfacts_pack(const struct loadfacts *f, struct sbuf *out)
{
	put_num(out, f->textlen);
	put_num(out, (uint64_t)f->body.taken);
	put_num(out, f->body.desc != NULL);
	if (f->body.desc != NULL)
		put_str(out, f->body.desc);
	put_list(out, &f->body.mentions);
	put_list(out, &f->examples);
}

/* Bytes being read. */
struct rd {
	const unsigned char *p, *end;
};

static int
get_num(struct rd *r, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	unsigned shift = 0;

	for (;;) {
		if (r->p == r->end || shift > 63)
			return -1;
		v |= (uint64_t)(*r->p & 0x7f) << shift;
		if ((*r->p++ & 0x80) == 0)
			break;
		shift += 7;
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

static int
get_str(struct rd *r, char **out)
{
	uint64_t n;

	if (get_num(r, (uint64_t)(r->end - r->p), &n) < 0 ||
	    memchr(r->p, '\0', (size_t)n) != NULL)
		return -1;
	*out = xstrndup((const char *)r->p, (size_t)n);
	r->p += n;
	return 0;
}

static int
get_list(struct rd *r, struct strlist *l)
{
	uint64_t n, i;
	char *s;

	/* Each string takes a byte at least: a count cannot pass what is
	 * left. */
	if (get_num(r, (uint64_t)(r->end - r->p), &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (get_str(r, &s) < 0)
			return -1;
		strlist_push(l, s);
	}
	return 0;
}

int
loadfacts_unpack(const void *buf, size_t len, struct loadfacts *f)
{
	struct rd r = {buf, (const unsigned char *)buf + len};
	uint64_t n, taken, has;

	memset(f, 0, sizeof(*f));
	if (get_num(&r, SIZE_MAX, &n) < 0 || get_num(&r, 1, &taken) < 0 ||
	    get_num(&r, 1, &has) < 0)
		return -1;
	f->textlen = (size_t)n;
	f->body.taken = (int)taken;
	if ((has && get_str(&r, &f->body.desc) < 0) ||
	    get_list(&r, &f->body.mentions) < 0 ||
	    get_list(&r, &f->examples) < 0 || r.p != r.end) {
		loadfacts_release(f);
		return -1;
	}
	return 0;
}
