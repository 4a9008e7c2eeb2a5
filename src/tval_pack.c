/*
 * Packing of YAML trees and diagnostics for the index.
 *
 * A tree is a version byte, then its root node.  A node is the numbers of
 * the field table below, each an unsigned LEB128 varint, then for a
 * scalar its string, for a sequence its count and items, for a mapping
 * its count and (key string, node) pairs.  A string is a varint length
 * and that many bytes, none of them NUL.  The encoding is canonical
 * (shortest varints, every number in range, nothing after the root), so
 * unpacking accepted bytes and packing the tree again gives the same
 * bytes: the fuzz target checks exactly that.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tval_pack.h"
#include "varint.h"

/* Deeper input is refused, so unpacking untrusted bytes cannot recurse
 * without bound; the loader stops well before (LOADER_MAX_DEPTH). */
#define TVAL_PACK_MAX_DEPTH 64

/*
 * The numbers of a node, in order.  A new small field of struct tval is
 * one row here (and a bump of TVAL_PACK_VERSION).
 */
struct tv_field {
	size_t off, size;
	uint64_t max;
};

#define TV_FIELD(name, max)                                                    \
	{                                                                      \
		offsetof(struct tval, name),                                   \
		    sizeof(((struct tval *)NULL)->name), max                   \
	}

static const struct tv_field tv_fields[] = {
    TV_FIELD(type, TV_MAP),
    TV_FIELD(scalar, TS_FLOAT),
    TV_FIELD(line, UINT_MAX),
    TV_FIELD(col, UINT_MAX),
};

#define NFIELDS (sizeof(tv_fields) / sizeof(tv_fields[0]))

/* A field's value, whatever its width; signed fields read as unsigned,
 * so a negative value is out of range and refused. */
static uint64_t
field_get(const struct tval *v, const struct tv_field *f)
{
	const char *p = (const char *)v + f->off;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (f->size) {
	case 1:
		memcpy(&u8, p, 1);
		return u8;
	case 2:
		memcpy(&u16, p, 2);
		return u16;
	case 4:
		memcpy(&u32, p, 4);
		return u32;
	default:
		memcpy(&u64, p, 8);
		return u64;
	}
}

static void
field_set(struct tval *v, const struct tv_field *f, uint64_t x)
{
	char *p = (char *)v + f->off;
	uint8_t u8 = (uint8_t)x;
	uint16_t u16 = (uint16_t)x;
	uint32_t u32 = (uint32_t)x;

	switch (f->size) {
	case 1:
		memcpy(p, &u8, 1);
		break;
	case 2:
		memcpy(p, &u16, 2);
		break;
	case 4:
		memcpy(p, &u32, 4);
		break;
	default:
		memcpy(p, &x, 8);
		break;
	}
}

/* x as a varint at out's end, which has room for it (sb_reserve). */
static void
put_uint(struct sbuf *out, uint64_t x)
{
	unsigned char *p = (unsigned char *)out->s + out->len;

	out->len = (size_t)((char *)varint_put(p, x) - out->s);
}

/* Room for n more bytes and the NUL, asking sb_reserve only when short. */
static void
room(struct sbuf *out, size_t n)
{
	if (out->cap - out->len <= n)
		sb_reserve(out, n);
}

/* Written in place, not through sb_addn: a term packs some hundred
 * numbers and strings, and the calls were most of its cost. */
void
tval_pack_uint(struct sbuf *out, uint64_t x)
{
	room(out, 10);
	put_uint(out, x);
	out->s[out->len] = '\0';
}

void
tval_pack_str(struct sbuf *out, const char *s)
{
	size_t n = strlen(s);

	room(out, n + 10);
	put_uint(out, n);
	memcpy(out->s + out->len, s, n);
	out->len += n;
	out->s[out->len] = '\0';
}

static int
pack_node(const struct tval *v, struct sbuf *out, int depth)
{
	size_t i;

	if (depth > TVAL_PACK_MAX_DEPTH)
		return -1;
	for (i = 0; i < NFIELDS; i++) {
		uint64_t x = field_get(v, &tv_fields[i]);

		if (x > tv_fields[i].max)
			return -1;
		tval_pack_uint(out, x);
	}
	if (v->type == TV_STR) {
		if (v->str == NULL)
			return -1;
		tval_pack_str(out, v->str);
		return 0;
	}
	tval_pack_uint(out, v->n);
	for (i = 0; i < v->n; i++) {
		if (v->type == TV_MAP) {
			if (v->keys == NULL || v->keys[i] == NULL)
				return -1;
			tval_pack_str(out, v->keys[i]);
		}
		if (pack_node(&v->items[i], out, depth + 1) < 0)
			return -1;
	}
	return 0;
}

int
tval_pack(const struct tval *v, struct sbuf *out)
{
	sb_addc(out, TVAL_PACK_VERSION);
	return pack_node(v, out, 0);
}

/* A canonical varint no larger than max. */
int
tval_read_uint(struct tval_rd *r, uint64_t max, uint64_t *out)
{
	return varint_get(&r->p, r->end, max, out);
}

/* A count or length: never more than the bytes left after it. */
static int
get_size(struct tval_rd *r, size_t *out)
{
	uint64_t x;

	if (tval_read_uint(r, UINT64_MAX, &x) < 0 ||
	    x > (uint64_t)(r->end - r->p))
		return -1;
	*out = (size_t)x;
	return 0;
}

int
tval_read_span(struct tval_rd *r, const char **s, size_t *n)
{
	if (get_size(r, n) < 0 || memchr(r->p, '\0', *n) != NULL)
		return -1;
	*s = (const char *)r->p;
	r->p += *n;
	return 0;
}

char *
tval_read_str_in(struct tval_rd *r, struct term_mem *m)
{
	const char *s;
	size_t n;

	return tval_read_span(r, &s, &n) < 0 ? NULL : term_mem_strndup(m, s, n);
}

/* A string of its own length, without NUL; the caller frees it. */
char *
tval_read_str(struct tval_rd *r)
{
	return tval_read_str_in(r, NULL);
}

static int
unpack_node(struct tval_rd *r, struct term_mem *m, struct tval *v, int depth)
{
	uint64_t x;
	size_t i, n;

	if (depth > TVAL_PACK_MAX_DEPTH)
		return -1;
	for (i = 0; i < NFIELDS; i++) {
		if (tval_read_uint(r, tv_fields[i].max, &x) < 0)
			return -1;
		field_set(v, &tv_fields[i], x);
	}
	if (v->type == TV_STR)
		return (v->str = tval_read_str_in(r, m)) != NULL ? 0 : -1;
	/* Every item takes at least one byte a field: a bound on n. */
	if (get_size(r, &n) < 0 || n > (size_t)(r->end - r->p) / NFIELDS)
		return -1;
	if (n == 0)
		return 0;
	v->items = term_mem_calloc(m, n, sizeof(*v->items));
	if (v->type == TV_MAP)
		v->keys = term_mem_calloc(m, n, sizeof(*v->keys));
	v->n = n; /* zeroed items release cleanly on failure */
	for (i = 0; i < n; i++) {
		if (v->type == TV_MAP &&
		    (v->keys[i] = tval_read_str_in(r, m)) == NULL)
			return -1;
		if (unpack_node(r, m, &v->items[i], depth + 1) < 0)
			return -1;
	}
	return 0;
}

int
tval_read_tree_in(struct tval_rd *r, struct term_mem *m, struct tval *out)
{
	memset(out, 0, sizeof(*out));
	return r->p == r->end || *r->p++ != TVAL_PACK_VERSION ||
		unpack_node(r, m, out, 0) < 0
	    ? -1
	    : 0;
}

int
tval_read_tree(struct tval_rd *r, struct tval *out)
{
	if (tval_read_tree_in(r, NULL, out) < 0) {
		tval_release(out); /* and zeroes it */
		return -1;
	}
	return 0;
}

int
tval_unpack(const void *buf, size_t len, struct tval *out)
{
	struct tval_rd r;

	memset(out, 0, sizeof(*out));
	if (buf == NULL || len < 1)
		return -1;
	r.p = buf;
	r.end = r.p + len;
	if (tval_read_tree(&r, out) < 0)
		return -1;
	if (r.p != r.end) {
		tval_release(out); /* and zeroes it */
		return -1;
	}
	return 0;
}

enum { DFILE_NONE, DFILE_SELF, DFILE_OTHER };

int
tval_pack_diag(const struct diag *d, const char *path, struct sbuf *out)
{
	size_t i;

	sb_addc(out, TVAL_PACK_VERSION);
	tval_pack_uint(out, d->n);
	for (i = 0; i < d->n; i++) {
		const struct diag_msg *m = &d->v[i];

		if ((unsigned)m->code >= DIAG_NCODES || m->msg == NULL)
			return -1;
		/* By name: the names are stable, the enum's numbers not. */
		tval_pack_str(out, diag_code_name(m->code));
		if (m->file == NULL)
			tval_pack_uint(out, DFILE_NONE);
		else if (path != NULL && strcmp(m->file, path) == 0)
			tval_pack_uint(out, DFILE_SELF);
		else {
			tval_pack_uint(out, DFILE_OTHER);
			tval_pack_str(out, m->file);
		}
		tval_pack_uint(out, m->line);
		tval_pack_uint(out, m->col);
		tval_pack_str(out, m->msg);
	}
	return 0;
}

/* The code named name, or DIAG_NCODES. */
static enum diag_code
code_named(const char *name)
{
	int c;

	for (c = 0; c < DIAG_NCODES; c++)
		if (strcmp(diag_code_name((enum diag_code)c), name) == 0)
			break;
	return (enum diag_code)c;
}

/* One message into d; -1 on malformed input. */
static int
unpack_msg(struct tval_rd *r, const char *path, struct diag *d)
{
	struct diag_msg m;
	enum diag_code code;
	uint64_t how, line, col;
	char *file = NULL, *msg, *name;

	if ((name = tval_read_str(r)) == NULL)
		return -1;
	code = code_named(name);
	free(name);
	if (code == DIAG_NCODES || tval_read_uint(r, DFILE_OTHER, &how) < 0)
		return -1;
	if (how == DFILE_OTHER && (file = tval_read_str(r)) == NULL)
		return -1;
	if (file != NULL && path != NULL && strcmp(file, path) == 0) {
		free(file); /* would have been packed as DFILE_SELF */
		return -1;
	}
	if (tval_read_uint(r, UINT_MAX, &line) < 0 ||
	    tval_read_uint(r, UINT_MAX, &col) < 0 ||
	    (msg = tval_read_str(r)) == NULL) {
		free(file);
		return -1;
	}
	if (how == DFILE_SELF && path != NULL)
		file = xstrdup(path);
	m.code = code;
	m.level = diag_code_level(code);
	m.file = file;
	m.line = (unsigned)line;
	m.col = (unsigned)col;
	m.msg = msg;
	diag_push(d, &m); /* copies file and msg */
	free(msg);
	free(file);
	return 0;
}

int
tval_unpack_diag(const void *buf, size_t len, const char *path, struct diag *d)
{
	struct diag tmp;
	struct tval_rd r;
	size_t i, n;

	if (buf == NULL || len < 1)
		return -1;
	r.p = buf;
	r.end = r.p + len;
	if (*r.p++ != TVAL_PACK_VERSION || get_size(&r, &n) < 0)
		return -1;
	diag_init(&tmp);
	for (i = 0; i < n; i++)
		if (unpack_msg(&r, path, &tmp) < 0)
			break;
	if (i < n || r.p != r.end) {
		diag_release(&tmp);
		return -1;
	}
	diag_move(d, &tmp);
	return 0;
}
