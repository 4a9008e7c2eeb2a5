/*
 * JSON and NDJSON, through jansson: the only file that includes it.
 * Every term object carries the fields of the field table (field.h) that
 * its record has, then the passed-through keys of the front matter.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "escape.h"
#include "render.h"
#include "utf8.h"

static json_t *
jstr(const char *s)
{
	/* Term text is checked UTF-8; a query may not be. */
	json_t *j = s != NULL ? json_string(s) : json_null();

	return j != NULL ? j : json_string("");
}

/*
 * A passed-through scalar by its YAML type (tval_type_scalar).  JSON has
 * no number beyond jansson's 64-bit integer, nor infinity or NaN: those
 * are written as the text of the scalar, so a number is never changed.
 */
static json_t *
jscalar(const struct tval *v)
{
	long long n;
	double d;

	switch (v->scalar) {
	case TS_NULL:
		return json_null();
	case TS_BOOL:
		return json_boolean(tval_bool(v));
	case TS_INT:
		if (tval_int(v, &n) == 0)
			return json_integer((json_int_t)n);
		break;
	case TS_FLOAT:
		if (isfinite(d = tval_real(v)))
			return json_real(d);
		break;
	case TS_STR:
		break;
	}
	return jstr(v->str);
}

/* A passed-through YAML value, typed. */
static json_t *
jtval(const struct tval *v)
{
	json_t *j;
	size_t i;

	switch (v->type) {
	case TV_STR:
		return jscalar(v);
	case TV_SEQ:
		j = json_array();
		for (i = 0; i < v->n; i++)
			json_array_append_new(j, jtval(&v->items[i]));
		return j;
	case TV_MAP:
		j = json_object();
		for (i = 0; i < v->n; i++)
			json_object_set_new(j, v->keys[i], jtval(&v->items[i]));
		return j;
	}
	return json_null();
}

/* One field's value; NULL when the record has none. */
static json_t *
jfield(const struct field_value *v)
{
	json_t *a;
	size_t i;

	if (!v->has)
		return NULL;
	switch (v->type) {
	case FIELD_STRING:
		return jstr(v->str);
	case FIELD_INT:
		return json_integer(v->num);
	case FIELD_REAL:
		return json_real(v->real);
	case FIELD_LIST:
		a = json_array();
		for (i = 0; i < v->n; i++)
			json_array_append_new(a, jstr(field_item(v, i)));
		return a;
	case FIELD_PAIRS:
		a = json_array();
		for (i = 0; i < v->n; i++)
			json_array_append_new(a,
			    json_pack("{s:o,s:o}", "title",
				jstr(field_item(v, i)), "value",
				jstr(field_item_value(v, i))));
		return a;
	}
	return NULL;
}

/* A term: every field of the table, then the passed-through keys. */
static json_t *
jterm(const struct render_ctx *ctx, const struct rrec *r)
{
	const struct term *t = r->term;
	json_t *o = json_object(), *j;
	struct field_src src;
	struct field_value v;
	size_t i;

	render_field_src(r, ctx->mode == RM_SHOW || ctx->opts->full, &src);
	for (i = 0; field_table[i].name != NULL; i++) {
		if (field_table[i].flags & FIELD_OTHER_NAME)
			continue;
		field_get(&field_table[i], &src, &v);
		if ((j = jfield(&v)) != NULL)
			json_object_set_new(o, field_table[i].name, j);
	}
	for (i = 0; i < t->extra.n; i++)
		if (json_object_get(o, t->extra.keys[i]) == NULL)
			json_object_set_new(
			    o, t->extra.keys[i], jtval(&t->extra.items[i]));
	return o;
}

static json_t *
jdiag(const struct render_ctx *ctx, const struct rrec *r)
{
	const struct diag_msg *m = r->diag;
	json_t *o = json_object();

	(void)ctx;
	json_object_set_new(o, "file", jstr(m->file));
	json_object_set_new(o, "line", json_integer(m->line));
	json_object_set_new(o, "col", json_integer(m->col));
	json_object_set_new(o, "level", jstr(diag_level_name(m->level)));
	json_object_set_new(o, "code", jstr(diag_code_name(m->code)));
	json_object_set_new(o, "message", jstr(m->msg));
	return o;
}

static json_t *
jgroup(const struct render_ctx *ctx, const struct rrec *r)
{
	json_t *o = json_object();

	json_object_set_new(
	    o, ctx->opts->by ? ctx->opts->by : "category", jstr(r->group));
	json_object_set_new(o, "count", json_integer((json_int_t)r->count));
	return o;
}

/* The object of a record, by what the mode's records are. */
static json_t *(*const jobject[RM_NMODES])(
    const struct render_ctx *, const struct rrec *) = {[RM_SHOW] = jterm,
    [RM_LIST] = jterm,
    [RM_SEARCH] = jterm,
    [RM_RELATED] = jterm,
    [RM_CATEGORIES] = jgroup,
    [RM_CHECK] = jdiag};

/*
 * Write a dumped document.  JSON allows DEL, C1 controls, the bidi
 * overrides and U+2028/U+2029 raw inside strings; write every dangerous
 * code point (escape.h) as a \u escape so that no output can act on a
 * terminal.  jansson has escaped the C0 controls already.
 */
static void
jwrite(struct render_ctx *ctx, const char *s)
{
	size_t i = 0, run = 0, n = strlen(s);
	FILE *fp = ctx->fp;

	while (i < n) {
		int32_t cp;
		int len;

		if ((unsigned char)s[i] < 0x7f) {
			i++;
			continue;
		}
		if ((len = utf8_decode(s + i, n - i, &cp)) < 0)
			len = 1;
		else if (esc_kind(cp) != ESC_NONE) {
			fwrite(s + run, 1, i - run, fp);
			fprintf(fp, "\\u%04x", (unsigned)cp);
			run = i + (size_t)len;
		}
		i += (size_t)len;
	}
	fwrite(s + run, 1, n - run, fp);
}

/*
 * The precision %g writes d in exactly: 15, 16 or 17 significant
 * digits.  %g drops trailing zeros, so 15 writes 0.1 as 0.1 and 1000.0
 * as 1000 (jansson adds the .0): a real typed by hand reads back at 15.
 */
static int
real_digits(double d)
{
	char buf[32];
	int p;

	for (p = 15; p < 17; p++) {
		snprintf(buf, sizeof(buf), "%.*g", p, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return p;
}

/* The most digits a real in j needs (0: it has none); it stops at 17,
 * the most any needs. */
static int
jdigits(json_t *j)
{
	const char *k;
	json_t *v;
	size_t i;
	int p = 0, q;

	if (json_is_real(j))
		return real_digits(json_real_value(j));
	if (json_is_array(j)) {
		json_array_foreach(j, i, v)
		{
			if ((q = jdigits(v)) > p && (p = q) == 17)
				break;
		}
	}
	if (json_is_object(j)) {
		json_object_foreach(j, k, v)
		{
			if ((q = jdigits(v)) > p && (p = q) == 17)
				break;
		}
	}
	return p;
}

/*
 * Write j.  jansson writes every real in one precision, by default 17
 * digits (0.1 as 0.10000000000000001): the most that one of j's reals
 * needs is enough for each to read back exactly, and most reals a
 * glossary holds were typed by hand, in few digits.
 */
static void
jdump(struct render_ctx *ctx, json_t *j, size_t flags)
{
	int p = jdigits(j);
	char *s = json_dumps(
	    j, flags | JSON_ENCODE_ANY | (p > 0 ? JSON_REAL_PRECISION(p) : 0));

	if (s != NULL) {
		jwrite(ctx, s);
		free(s);
	}
}

static int
json_needs_body(enum render_mode mode, const struct render_opts *o)
{
	return mode == RM_SHOW || o->full;
}

static void
json_begin(struct render_ctx *ctx)
{
	ctx->priv = json_array();
}

static void
json_record(struct render_ctx *ctx, const struct rrec *r)
{
	/* A related name that is no term has no object. */
	if (r->rel != NULL && r->term == NULL)
		return;
	json_array_append_new(ctx->priv, jobject[ctx->mode](ctx, r));
}

static void
json_end(struct render_ctx *ctx)
{
	json_t *a = ctx->priv;

	/*
	 * The shape follows the arguments, never the results (SPEC 4), so
	 * that `jq '.[]'' works whatever was found: one name asked is one
	 * value, its object or null; anything else is an array, [] when
	 * empty.
	 */
	if (ctx->single)
		jdump(ctx,
		    json_array_size(a) > 0 ? json_array_get(a, 0) : json_null(),
		    JSON_INDENT(2));
	else
		jdump(ctx, a, JSON_INDENT(2));
	fputc('\n', ctx->fp);
	json_decref(a);
}

static void
ndjson_record(struct render_ctx *ctx, const struct rrec *r)
{
	json_t *o;

	if (r->rel != NULL && r->term == NULL)
		return;
	o = jobject[ctx->mode](ctx, r);
	jdump(ctx, o, JSON_COMPACT);
	fputc(ctx->opts->sep, ctx->fp);
	json_decref(o);
}

const struct renderer render_json = {.name = "json",
    .needs_body = json_needs_body,
    .begin = json_begin,
    .record = RENDER_EVERY_MODE(json_record),
    .end = json_end};
const struct renderer render_ndjson = {.name = "ndjson",
    .needs_body = json_needs_body,
    .record = RENDER_EVERY_MODE(ndjson_record)};
