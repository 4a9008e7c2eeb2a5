/* Every renderer, written to memory and read back. */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "testutil.h"

#include "loader.h"
#include "render.h"
#include "utf8.h"

static struct term *hostile, *plain, *wide;

static struct term *
parse(const char *s)
{
	struct diag d;
	struct term *t = NULL;

	diag_init(&d);
	if (loader_parse(s, strlen(s), "t.md", &d, &t) != LOAD_OK)
		fail_msg("parse: %s", d.n ? d.v[0].msg : "");
	diag_release(&d);
	return t;
}

static int
setup(void **state)
{
	(void)state;
	/* Escapes in double quotes bring back bytes the reader refuses. */
	hostile =
	    parse("---\nterm: \"Evil\\e]0;pwned\\a\"\n"
		  "description: \"a\\u009b31m b\\u202e c\\x7f d\\e[2J\"\n"
		  "example: \"tab\\there\"\ncategory: \"\\e[31mRed\"\n"
		  "related: [\"\\e[1mX\"]\nicon: \"\\u202e\"\n---\n"
		  "## Body \\e\n\nText with \x1b? no: raw ESC is refused\n");
	plain = parse("---\nterm: MRR\naliases: [monthly recurring revenue, "
		      "mrr]\ncategory: Revenue\nvertical: SaaS\n"
		      "description: \"Revenue\\tper month,\\nnormalised.\"\n"
		      "example: [One., Two.]\nrelated: [ARR, Churn]\n"
		      "tags: [a, b]\ncount: 12\nflag: true\n---\n"
		      "Intro *emph* and **strong** and `code`.\n\n"
		      "## Section\n\n- item one\n- item [link](http://x.y)\n");
	wide = parse("---\nterm: 見積書\ndescription: "
		     "見積書は、商品やサービスの価格と条件を取引の前に顧客へ"
		     "示す書類です。 Mixed with some longer English words "
		     "and an emoji 😀😀😀 too.\n---\n");
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
render(const struct renderer *r, enum render_mode mode,
    const struct render_opts *o, struct term **terms, size_t n, size_t *len)
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
	s = render(&render_json, RM_SHOW, &o, v, 1, NULL);
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

	/* A show that found nothing prints nothing; a listing prints []. */
	s = render(&render_json, RM_SHOW, &o, v, 0, NULL);
	assert_string_equal(s, "");
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
	o.field = "tags";
	s = render(&render_field, RM_LIST, &o, v, 2, NULL);
	assert_string_equal(s, "a, b\n\n");
	free(s);
	o.field = "term";
	o.sep = '\0';
	s = render(&render_field, RM_LIST, &o, v, 2, &len);
	assert_int_equal(len, 4 + strlen(hostile->name) + 1);
	assert_memory_equal(s, "MRR\0", 4);
	free(s);
	assert_true(render_field_known("description"));
	assert_false(render_field_known("tags"));
	assert_null(render_find("yaml"));
	assert_ptr_equal(render_find("ndjson"), &render_ndjson);
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
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
