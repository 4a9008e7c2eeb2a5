/*
 * Unsigned LEB128 varints, the index's one encoding of numbers: seven
 * bits a byte, the lowest first, the high bit set on every byte but the
 * last.  Only the shortest form is read back, so that bytes that read
 * well pack again to the same bytes.
 */
#ifndef GLOSS_VARINT_H
#define GLOSS_VARINT_H

#include <stddef.h>
#include <stdint.h>

/* The most bytes a varint takes. */
#define VARINT_MAX 10

/* Write x at p, which has room for VARINT_MAX bytes; the end of it. */
static inline unsigned char *
varint_put(unsigned char *p, uint64_t x)
{
	for (; x >= 0x80; x >>= 7)
		*p++ = (unsigned char)(x | 0x80);
	*p++ = (unsigned char)x;
	return p;
}

/*
 * Read the varint at *pp, before end, into *out and step *pp past it:
 * 0, or -1 when it runs past end or 64 bits, is not the shortest form
 * or is above max (*pp then says nothing).
 */
static inline int
varint_get(const unsigned char **pp, const unsigned char *end, uint64_t max,
    uint64_t *out)
{
	const unsigned char *p = *pp;
	uint64_t x = 0;
	unsigned shift = 0;
	unsigned char c;

	/* Most numbers (lengths, counts, flags) take one byte. */
	if (p != end && *p < 0x80) {
		if (*p > max)
			return -1;
		*out = *p;
		*pp = p + 1;
		return 0;
	}
	do {
		if (p == end || shift > 63)
			return -1;
		c = *p++;
		if (shift == 63 && (c & 0x7e) != 0)
			return -1; /* past 64 bits */
		x |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	if ((c == 0 && shift > 7) || x > max)
		return -1; /* not the shortest form, or too large */
	*out = x;
	*pp = p;
	return 0;
}

#endif
