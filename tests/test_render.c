/* Every renderer, written to memory and read back. */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "testutil.h"

#include "escape.h"
#include "render.h"
#include "utf8.h"

static struct term *hostile, *plain, *wide;

/*
 * A term built in memory, as the loader would leave it: the render layer
 * is tested without the loader (the link line proves it).
 */
static struct term *
mkterm(
    const char *name, const char *desc, const char *category, const char *body)
{
	struct term *t = term_new();

	t->name = xstrdup(name);
	t->key = term_key(name);
	t->description = xstrdup(desc);
	strlist_push(&t->categories, xstrdup(category));
	t->path = xstrdup("t.md");
	t->text = xasprintf("---\nterm: x\n---\n%s", body);
	t->textlen = strlen(t->text);
	t->body_off = t->textlen - strlen(body);
	return t;
}

/*
 * A passed-through scalar typed as the loader types it; unquoted: it was
 * written plain.
 */
static struct tval
scalar(const char *s, int unquoted)
{
	struct tval v;

	memset(&v, 0, sizeof(v));
	v.type = TV_STR;
	v.str = xstrdup(s);
	v.scalar = tval_type_scalar(NULL, unquoted, s, NULL);
	return v;
}

/* Pass v through as key; the term owns it from now on. */
static void
add_extra(struct term *t, const char *key, struct tval v)
{
	struct tval *x = &t->extra;

	x->items = xreallocarray(x->items, x->n + 1, sizeof(*x->items));
	x->keys = xreallocarray(x->keys, x->n + 1, sizeof(*x->keys));
	x->keys[x->n] = xstrdup(key);
	x->items[x->n++] = v;
}

static struct tval
two_items(const char *a, const char *b)
{
	struct tval v;

	memset(&v, 0, sizeof(v));
	v.type = TV_SEQ;
	v.n = 2;
	v.items = xcalloc(2, sizeof(*v.items));
	v.items[0] = scalar(a, 1);
	v.items[1] = scalar(b, 1);
	return v;
}

static int
setup(void **state)
{
	(void)state;
	/* Bytes a terminal would act on, in every field. */
	hostile = mkterm("Evil\033]0;pwned\a",
	    "a\xc2\x9b"
	    "31m b\xe2\x80\xae c\x7f d\033[2J",
	    "\033[31mRed", "## Body \033\n\nText with \033? and more\n");
	strlist_push(&hostile->examples, xstrdup("tab\there"));
	term_add_related(hostile, "\033[1mX", 1, 1);
	add_extra(hostile, "icon", scalar("\xe2\x80\xae", 0));
	plain = mkterm("MRR", "Revenue\tper month,\nnormalised.", "Revenue",
	    "Intro *emph* and **strong** and `code`.\n\n"
	    "## Section\n\n- item one\n- item [link](http://x.y)\n");
	strlist_push(&plain->aliases, xstrdup("monthly recurring revenue"));
	strlist_push(&plain->aliases, xstrdup("mrr"));
	plain->vertical = xstrdup("SaaS");
	strlist_push(&plain->examples, xstrdup("One."));
	strlist_push(&plain->examples, xstrdup("Two."));
	term_add_related(plain, "ARR", 1, 1);
	term_add_related(plain, "Churn", 1, 1);
	add_extra(plain, "topics", two_items("a", "b"));
	strlist_push(&plain->tags, xstrdup("x"));
	strlist_push(&plain->tags, xstrdup("y"));
	add_extra(plain, "count", scalar("12", 1));
	add_extra(plain, "flag", scalar("true", 1));
	add_extra(plain, "odd", scalar("nUlL", 1));
	add_extra(plain, "none", scalar("NULL", 1));
	add_extra(plain, "ls", scalar("x\xe2\x80\xa8y", 0));
	add_extra(plain, "price", scalar("1.5", 1));
	add_extra(plain, "hex", scalar("0x1F", 1));
	add_extra(plain, "oct", scalar("0o17", 1));
	add_extra(plain, "plus", scalar("+5", 1));
	add_extra(plain, "big", scalar("99999999999999999999", 1));
	add_extra(plain, "upper", scalar("TRUE", 1));
	add_extra(plain, "inf", scalar("-.Inf", 1));
	add_extra(plain, "nan", scalar(".NaN", 1));
	add_extra(plain, "quoted", scalar("42", 0));
	wide = mkterm("見積書",
	    "見積書は、商品やサービスの価格と条件を取引の前に顧客へ"
	    "示す書類です。 Mixed with some longer English words "
	    "and an emoji 😀😀😀 too.",
	    "Uncategorized", "");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	term_free(hostile);
	term_free(plain);
	term_free(wide);
	return 0;
}

/* Render terms in mode with opts; the caller frees the output. */
static char *
render_as(const struct renderer *r, enum render_mode mode,
    const struct render_opts *o, struct term **terms, size_t n, int single,
    size_t *len)
{
	struct render_ctx ctx;
	char *buf = NULL;
	size_t sz = 0, i;
	FILE *fp = open_memstream(&buf, &sz);

	memset(&ctx, 0, sizeof(ctx));
	ctx.fp = fp;
	ctx.opts = o;
	ctx.mode = mode;
	render_begin(r, &ctx);
	ctx.single = single;
	for (i = 0; i < n; i++) {
		struct rrec rec = {0};

		rec.term = terms[i];
		rec.match = MATCH_EXACT;
		render_record(r, &ctx, &rec);
	}
	render_end(r, &ctx);
	fclose(fp);
	if (len != NULL)
		*len = sz;
	return buf;
}

/* A run of n records as a listing, or several names asked for. */
static char *
render(const struct renderer *r, enum render_mode mode,
    const struct render_opts *o, struct term **terms, size_t n, size_t *len)
{
	return render_as(r, mode, o, terms, n, 0, len);
}

static struct render_opts
opts(void)
{
	struct render_opts o;

	memset(&o, 0, sizeof(o));
	o.sep = '\n';
	return o;
}

/* No byte of s may drive a terminal. */
static void
assert_inert(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' || c == '\t')
			continue;
		if (c < 0x20 || c == 0x7f)
			fail_msg("control byte 0x%02x at %zu", c, i);
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			fail_msg("C1 control at %zu", i);
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0xae)
			fail_msg("bidi override at %zu", i);
	}
}

static void
test_text_escapes(void **state)
{
	struct render_opts o = opts();
	struct term *v[] = {hostile};
	size_t len;
	char *s;

	(void)state;
	o.full = 1;
	s = render(&render_text, RM_SHOW, &o, v, 1, &len);
	assert_inert(s, len);
	assert_non_null(strstr(s, "Evil^[]0;pwned^G"));
	assert_non_null(strstr(s, "a\\x9b31m b<U+202E> c^? d^[[2J"));
	assert_non_null(strstr(s, "^[[31mRed"));
	free(s);
	/* Colour on: only our own SGR sequences, never the file's. */
	o.color = 1;
	s = render(&render_text, RM_SHOW, &o, v, 1, &len);
	assert_null(strstr(s, "\033]"));
	assert_null(strstr(s, "\033[2J"));
	assert_null(strstr(s, "\033[31m"));
	assert_non_null(strstr(s, "\033[1m"));
	free(s);
	s = render(&render_text, RM_LIST, &o, v, 1, &len);
	assert_string_equal(s, "Evil^[]0;pwned^G\n");
	free(s);
}

static void
test_text_plain_and_color(void **state)
{
	struct render_opts o = opts();
	struct term *v[] = {plain};
	char *s;

	(void)state;
	o.full = 1;
	s = render(&render_text, RM_SHOW, &o, v, 1, NULL);
	assert_null(strchr(s, '\033'));
	assert_non_null(strstr(s,
	    "MRR\n  Revenue · SaaS · also monthly "
	    "recurring revenue, mrr\n"));
	assert_non_null(strstr(s, "\n  Tags\n    x, y\n"));
	assert_non_null(strstr(s, "Intro emph and strong and code."));
	assert_non_null(strstr(s, "- item link <http://x.y>"));
	assert_null(strstr(s, "##"));
	assert_non_null(strstr(s, "Examples\n    - One.\n    - Two.\n"));
	assert_non_null(strstr(s, "Related\n    ARR, Churn\n"));
	free(s);
	o.color = 1;
	s = render(&render_text, RM_SHOW, &o, v, 1, NULL);
	assert_non_null(strstr(s, "\033[1mMRR\033[0m"));
	assert_non_null(strstr(s, "\033[4memph"));
	free(s);
}

/* Every line of s fits in width columns. */
static void
assert_fits(const char *s, size_t width)
{
	const char *p = s, *nl;

	for (; *p != '\0'; p = nl + 1) {
		size_t w;

		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		w = utf8_width(p, (size_t)(nl - p));
		if (w > width)
			fail_msg("line of width %zu > %zu: %.*s", w, width,
			    (int)(nl - p), p);
		if (*nl == '\0')
			break;
	}
}

static void
test_wrap(void **state)
{
	struct render_opts o = opts();
	struct term *v[] = {wide, plain, hostile};
	size_t w;
	char *s;

	(void)state;
	o.full = 1;
	for (w = 12; w <= 80; w += 17) {
		o.width = (int)w;
		s = render(&render_text, RM_SHOW, &o, v, 3, NULL);
		assert_fits(s, w);
		free(s);
	}
	/* Unwrapped in a pipe: the description stays on one line. */
	o.width = 0;
	s = render(&render_text, RM_SHOW, &o, v, 1, NULL);
	assert_non_null(strstr(s,
	    "です。 Mixed with some longer English words "
	    "and an emoji"));
	free(s);
}

static void
test_json(void **state)
{
	struct render_opts o = opts();
	struct term *v[] = {plain, hostile};
	json_error_t err;
	json_t *j, *a;
	char *s;

	(void)state;
	s = render_as(&render_json, RM_SHOW, &o, v, 1, 1, NULL);
	j = json_loads(s, 0, &err);
	assert_non_null(j);
	assert_true(json_is_object(j));
	assert_string_equal(
	    json_string_value(json_object_get(j, "term")), "MRR");
	assert_string_equal(
	    json_string_value(json_object_get(j, "match")), "exact");
	assert_int_equal(json_array_size(json_object_get(j, "examples")), 2);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 12);
	assert_true(json_is_true(json_object_get(j, "flag")));
	assert_int_equal(json_array_size(json_object_get(j, "tags")), 2);
	assert_int_equal(json_array_size(json_object_get(j, "topics")), 2);
	assert_int_equal(json_array_size(json_object_get(j, "categories")), 1);
	assert_true(json_is_null(json_object_get(j, "pronunciation")));
	json_decref(j);
	free(s);

	s = render(&render_json, RM_SHOW, &o, v, 2, NULL);
	assert_inert(s, strlen(s));
	assert_non_null(strstr(s, "\\u009b"));
	assert_non_null(strstr(s, "\\u202e"));
	j = json_loads(s, 0, &err);
	assert_true(json_is_array(j));
	a = json_array_get(j, 1);
	assert_non_null(
	    strstr(json_string_value(json_object_get(a, "description")),
		"\xe2\x80\xae"));
	json_decref(j);
	free(s);

	/*
	 * The shape follows the arguments (SPEC 4): one name asked and not
	 * found is null; several names, of which one was found, an array.
	 */
	s = render_as(&render_json, RM_SHOW, &o, v, 0, 1, NULL);
	assert_string_equal(s, "null\n");
	free(s);
	s = render(&render_json, RM_SHOW, &o, v, 1, NULL);
	j = json_loads(s, 0, &err);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), 1);
	json_decref(j);
	free(s);
	s = render(&render_json, RM_SHOW, &o, v, 0, NULL);
	assert_string_equal(s, "[]\n");
	free(s);
	s = render(&render_json, RM_LIST, &o, v, 0, NULL);
	assert_string_equal(s, "[]\n");
	free(s);
}

static void
test_ndjson(void **state)
{
	struct render_opts o = opts();
	struct term *v[] = {plain, hostile};
	json_error_t err;
	json_t *j;
	size_t k;
	char *s;

	(void)state;
	s = render(&render_ndjson, RM_LIST, &o, v, 2, NULL);
	k = strcspn(s, "\n");
	assert_int_equal(s[k], '\n');
	s[k] = '\0';
	j = json_loads(s, 0, &err);
	assert_non_null(j);
	json_decref(j);
	j = json_loads(s + k + 1, 0, &err);
	assert_non_null(j);
	json_decref(j);
	free(s);
}

static void
test_tsv(void **state)
{
	struct render_opts o = opts();
	struct term *v[] = {plain, hostile};
	size_t len;
	char *s;

	(void)state;
	o.header = 1;
	s = render(&render_tsv, RM_LIST, &o, v, 1, NULL);
	assert_string_equal(s,
	    "term\tcategory\tdescription\n"
	    "MRR\tRevenue\tRevenue\\tper month,\\nnormalised.\n");
	free(s);
	/* At a terminal every format escapes. */
	o.header = 0;
	o.escape = 1;
	s = render(&render_tsv, RM_LIST, &o, v + 1, 1, &len);
	assert_inert(s, len);
	free(s);
}

static void
test_markdown_and_field(void **state)
{
	struct render_opts o = opts();
	struct term *v[] = {plain, hostile};
	size_t len;
	char *s;

	(void)state;
	s = render(&render_markdown, RM_SHOW, &o, v, 1, &len);
	assert_int_equal(len, plain->textlen);
	assert_memory_equal(s, plain->text, len);
	free(s);

	o.field = "aliases";
	s = render(&render_field, RM_LIST, &o, v, 1, NULL);
	assert_string_equal(s, "monthly recurring revenue, mrr\n");
	free(s);
	o.field = "topics";
	s = render(&render_field, RM_LIST, &o, v, 2, NULL);
	assert_string_equal(s, "a, b\n\n");
	free(s);
	o.field = "tags";
	s = render(&render_field, RM_LIST, &o, v, 2, NULL);
	assert_string_equal(s, "x, y\n\n");
	free(s);
	o.field = "term";
	o.sep = '\0';
	s = render(&render_field, RM_LIST, &o, v, 2, &len);
	assert_int_equal(len, 4 + strlen(hostile->name) + 1);
	assert_memory_equal(s, "MRR\0", 4);
	free(s);
	assert_true(render_field_known("description"));
	assert_true(render_field_known("tags"));
	assert_false(render_field_known("topics"));
	assert_null(render_find("yaml"));
	assert_ptr_equal(render_find("ndjson"), &render_ndjson);
}

/* Render records in mode; the caller frees the output. */
static char *
render_recs(const struct renderer *r, enum render_mode mode,
    const struct render_opts *o, const struct rrec *recs, size_t n,
    const struct render_totals *totals)
{
	struct render_ctx ctx;
	char *buf = NULL;
	size_t sz = 0, i;
	FILE *fp = open_memstream(&buf, &sz);

	memset(&ctx, 0, sizeof(ctx));
	ctx.fp = fp;
	ctx.opts = o;
	ctx.mode = mode;
	ctx.totals = totals;
	render_begin(r, &ctx);
	for (i = 0; i < n; i++)
		render_record(r, &ctx, &recs[i]);
	render_end(r, &ctx);
	fclose(fp);
	return buf;
}

/* Every key of o that is not a passed-through key of t is reserved. */
static void
assert_keys_reserved(json_t *o, const struct term *t)
{
	const char *key;
	json_t *val;

	json_object_foreach(o, key, val)
	{
		(void)val;
		if (tval_get(&t->extra, key) == NULL && !field_reserved(key))
			fail_msg("JSON writes '%s', which the loader would "
				 "pass through",
			    key);
	}
}

/* A term's object in show, search and related records, with every field. */
static void
test_json_keys_reserved(void **state)
{
	struct render_opts o = opts();
	struct rrec rec[3];
	struct hit h;
	struct rel l;
	json_error_t err;
	json_t *j;
	size_t i;
	char *s;

	(void)state;
	o.full = 1;
	memset(rec, 0, sizeof(rec));
	memset(&h, 0, sizeof(h));
	memset(&l, 0, sizeof(l));
	h.term = wide;
	h.score = 1.5;
	h.snippet = (char *)"snip";
	l.term = wide;
	l.name = wide->name;
	l.dir = REL_IN;
	l.depth = 1;
	l.from = plain;
	wide->details = xcalloc(1, sizeof(*wide->details));
	wide->details[0].title = xstrdup("Unit");
	wide->details[0].value = xstrdup("JPY");
	wide->ndetails = 1;
	for (i = 0; i < 3; i++) {
		rec[i].term = wide;
		rec[i].match = MATCH_EXACT;
	}
	rec[1].hit = &h;
	rec[2].rel = &l;
	s = render_recs(&render_json, RM_SHOW, &o, rec, 1, NULL);
	j = json_loads(s, 0, &err);
	assert_non_null(json_object_get(json_array_get(j, 0), "body"));
	assert_non_null(json_object_get(json_array_get(j, 0), "details"));
	assert_keys_reserved(json_array_get(j, 0), wide);
	json_decref(j);
	free(s);
	s = render_recs(&render_json, RM_SEARCH, &o, rec + 1, 1, NULL);
	j = json_loads(s, 0, &err);
	assert_non_null(json_object_get(json_array_get(j, 0), "score"));
	assert_keys_reserved(json_array_get(j, 0), wide);
	json_decref(j);
	free(s);
	s = render_recs(&render_json, RM_RELATED, &o, rec + 2, 1, NULL);
	j = json_loads(s, 0, &err);
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(j, 0), "from")),
	    "MRR");
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(j, 0), "relation")),
	    "in");
	assert_keys_reserved(json_array_get(j, 0), wide);
	json_decref(j);
	free(s);
}

/* SPEC 1's null, and the dangerous code points JSON alone escapes. */
static void
test_json_null_and_linesep(void **state)
{
	struct render_opts o = opts();
	struct term *v[] = {plain};
	json_error_t err;
	json_t *j;
	char *s;

	(void)state;
	s = render_as(&render_json, RM_SHOW, &o, v, 1, 1, NULL);
	assert_non_null(strstr(s, "\"x\\u2028y\""));
	j = json_loads(s, 0, &err);
	assert_string_equal(
	    json_string_value(json_object_get(j, "odd")), "nUlL");
	assert_true(json_is_null(json_object_get(j, "none")));
	json_decref(j);
	free(s);
}

/*
 * Passed-through values keep their YAML 1.2 type; a number is never
 * changed: an integer beyond 64 bits is written as its digits, .inf and
 * .nan (no JSON number) as written.
 */
static void
test_json_typed_values(void **state)
{
	struct render_opts o = opts();
	struct term *v[] = {plain};
	json_error_t err;
	json_t *j;
	char *s;

	(void)state;
	s = render_as(&render_json, RM_SHOW, &o, v, 1, 1, NULL);
	j = json_loads(s, 0, &err);
	assert_non_null(j);
	assert_true(json_is_real(json_object_get(j, "price")));
	assert_true(json_real_value(json_object_get(j, "price")) == 1.5);
	assert_int_equal(json_integer_value(json_object_get(j, "hex")), 31);
	assert_int_equal(json_integer_value(json_object_get(j, "oct")), 15);
	assert_int_equal(json_integer_value(json_object_get(j, "plus")), 5);
	assert_string_equal(json_string_value(json_object_get(j, "big")),
	    "99999999999999999999");
	assert_true(json_is_true(json_object_get(j, "upper")));
	assert_string_equal(
	    json_string_value(json_object_get(j, "inf")), "-.Inf");
	assert_string_equal(
	    json_string_value(json_object_get(j, "nan")), ".NaN");
	assert_string_equal(
	    json_string_value(json_object_get(j, "quoted")), "42");
	json_decref(j);
	free(s);
}

/*
 * Floats are written in as few digits as give each back exactly, not in
 * 17: 0.1 as 0.1 (jansson's default wrote 0.10000000000000001), in
 * JSON and NDJSON alike, and never in an exponent a plain number would
 * not need.  One document's reals share a precision: a value that needs
 * 17 digits (0.30000000000000004) gets them, and so do the others.
 */
static void
test_json_short_reals(void **state)
{
	static const char *const in[][2] = {{"tenth", "0.1"}, {"pi", "3.14159"},
	    {"thousand", "1e3"}, {"tiny", "2.5e-7"}, {"big", "1.5e300"},
	    {"third", "0.30000000000000004"}};
	static const char *const want[] = {"\"tenth\": 0.1,",
	    "\"pi\": 3.14159,", "\"thousand\": 1000.0,", "\"tiny\": 2.5e-7,",
	    "\"big\": 1.5e300\n"};
	struct render_opts o = opts();
	struct term *t = mkterm("Reals", "d", "C", "b"), *v[1];
	json_error_t err;
	json_t *j;
	size_t i;
	char *s;

	(void)state;
	v[0] = t;
	for (i = 0; i + 1 < sizeof(in) / sizeof(in[0]); i++)
		add_extra(t, in[i][0], scalar(in[i][1], 1));
	s = render_as(&render_json, RM_SHOW, &o, v, 1, 1, NULL);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(s, want[i]) == NULL)
			fail_msg("no '%s' in\n%s", want[i], s);
	free(s);
	add_extra(t, in[i][0], scalar(in[i][1], 1));
	s = render_as(&render_json, RM_SHOW, &o, v, 1, 1, NULL);
	assert_non_null(strstr(s, "\"third\": 0.30000000000000004"));
	j = json_loads(s, 0, &err);
	assert_non_null(j);
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		assert_true(json_real_value(json_object_get(j, in[i][0])) ==
		    strtod(in[i][1], NULL));
	json_decref(j);
	free(s);
	term_free(t);
	/* A record of NDJSON is a document of its own. */
	t = mkterm("Tenth", "d", "C", "b");
	v[0] = t;
	add_extra(t, "tenth", scalar("0.1", 1));
	s = render(&render_ndjson, RM_LIST, &o, v, 1, NULL);
	assert_non_null(strstr(s, "\"tenth\":0.1}"));
	free(s);
	term_free(t);
}

/* check: text sums up at the end; other formats write each record. */
static void
test_check(void **state)
{
	struct render_opts o = opts();
	struct render_totals tot = {3, 1, 1, 0, 2};
	struct diag_msg m;
	struct rrec rec;
	char *s;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(&rec, 0, sizeof(rec));
	m.file = (char *)"a.md";
	m.line = 2;
	m.col = 3;
	m.level = DIAG_ERROR;
	m.code = DIAG_UNKNOWN_RELATED;
	m.msg = (char *)"bad";
	rec.diag = &m;
	s = render_recs(&render_text, RM_CHECK, &o, &rec, 1, &tot);
	assert_string_equal(
	    s, "3 terms in 1 directory: 1 error, 0 warnings, 2 notes\n");
	free(s);
	s = render_recs(&render_text, RM_CHECK, &o, &rec, 1, NULL);
	assert_string_equal(s, "");
	free(s);
	s = render_recs(&render_tsv, RM_CHECK, &o, &rec, 1, &tot);
	assert_string_equal(s, "a.md\t2\t3\terror\tbad\tunknown-related\n");
	free(s);
	o.field = "level";
	s = render_recs(&render_field, RM_CHECK, &o, &rec, 1, &tot);
	assert_string_equal(s, "error\n");
	free(s);
	o.field = "code";
	s = render_recs(&render_field, RM_CHECK, &o, &rec, 1, &tot);
	assert_string_equal(s, "unknown-related\n");
	free(s);
}

/* What each format says it needs; the names -f knows. */
static void
test_needs_body(void **state)
{
	struct render_opts o = opts();

	(void)state;
	assert_false(render_needs_body(&render_text, RM_SHOW, &o));
	assert_true(render_needs_body(&render_json, RM_SHOW, &o));
	assert_false(render_needs_body(&render_json, RM_LIST, &o));
	assert_true(render_needs_body(&render_markdown, RM_LIST, &o));
	assert_false(render_needs_body(&render_tsv, RM_SHOW, &o));
	o.full = 1;
	assert_true(render_needs_body(&render_text, RM_LIST, &o));
	assert_true(render_needs_body(&render_ndjson, RM_LIST, &o));
	o.field = "term";
	assert_false(render_needs_body(&render_field, RM_SHOW, &o));
	o.field = "body";
	assert_true(render_needs_body(&render_field, RM_LIST, &o));
	assert_string_equal(
	    render_names(), "text, json, ndjson, tsv or markdown");
	assert_string_equal(render_rel_name(REL_BOTH), "both");
	assert_string_equal(render_rel_arrow(REL_IN), "<-");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text_escapes),
	    cmocka_unit_test(test_text_plain_and_color),
	    cmocka_unit_test(test_wrap),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_ndjson),
	    cmocka_unit_test(test_tsv),
	    cmocka_unit_test(test_markdown_and_field),
	    cmocka_unit_test(test_json_keys_reserved),
	    cmocka_unit_test(test_json_null_and_linesep),
	    cmocka_unit_test(test_json_typed_values),
	    cmocka_unit_test(test_json_short_reals),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_needs_body),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
