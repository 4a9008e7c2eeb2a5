/*
 * term_pack: every term of data/ and tests/data/sites/, as the loader
 * parses it, packs and unpacks to an equal term, field by field and as
 * JSON; a term unpacked without its body has no body_text and all else;
 * truncated or trailing bytes are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "loader.h"
#include "readfile.h"
#include "render.h"
#include "term_pack.h"
#include "walk.h"

static void
assert_str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void
assert_list_eq(const struct strlist *a, const struct strlist *b)
{
	size_t i;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++)
		assert_string_equal(a->v[i], b->v[i]);
}

static void
assert_tv_eq(const struct tval *a, const struct tval *b)
{
	size_t i;

	assert_int_equal(a->type, b->type);
	assert_int_equal(a->scalar, b->scalar);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->col, b->col);
	assert_str_eq(a->str, b->str);
	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		if (a->type == TV_MAP)
			assert_string_equal(a->keys[i], b->keys[i]);
		assert_tv_eq(&a->items[i], &b->items[i]);
	}
}

/* Every field term_pack keeps; body_text only when body. */
static void
assert_term_eq(const struct term *a, const struct term *b, int body)
{
	size_t i;

	assert_str_eq(a->name, b->name);
	assert_str_eq(a->key, b->key);
	assert_list_eq(&a->aliases, &b->aliases);
	assert_list_eq(&a->alias_keys, &b->alias_keys);
	assert_list_eq(&a->derived, &b->derived);
	assert_list_eq(&a->derived_keys, &b->derived_keys);
	assert_str_eq(a->pronunciation, b->pronunciation);
	assert_list_eq(&a->categories, &b->categories);
	assert_str_eq(a->vertical, b->vertical);
	assert_str_eq(a->lang, b->lang);
	assert_list_eq(&a->tags, &b->tags);
	assert_list_eq(&a->ids, &b->ids);
	assert_list_eq(&a->mentions, &b->mentions);
	assert_str_eq(body ? a->body_text : NULL, b->body_text);
	assert_str_eq(a->description, b->description);
	assert_list_eq(&a->examples, &b->examples);
	assert_int_equal(a->nrelated, b->nrelated);
	for (i = 0; i < a->nrelated; i++) {
		assert_str_eq(a->related[i].name, b->related[i].name);
		assert_str_eq(a->related[i].key, b->related[i].key);
		assert_int_equal(a->related[i].line, b->related[i].line);
		assert_int_equal(a->related[i].col, b->related[i].col);
	}
	assert_int_equal(a->ndetails, b->ndetails);
	for (i = 0; i < a->ndetails; i++) {
		assert_str_eq(a->details[i].title, b->details[i].title);
		assert_str_eq(a->details[i].value, b->details[i].value);
		assert_int_equal(a->details[i].line, b->details[i].line);
		assert_int_equal(a->details[i].col, b->details[i].col);
	}
	assert_tv_eq(&a->extra, &b->extra);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->col, b->col);
	assert_int_equal(a->textlen, b->textlen);
	assert_int_equal(a->body_off, b->body_off);
}

/* t as `show -f json --full' prints it; the caller frees it. */
static char *
json_of(const struct term *t)
{
	struct render_opts o;
	struct render_ctx ctx;
	struct rrec rec;
	char *buf = NULL;
	size_t sz = 0;
	FILE *fp = open_memstream(&buf, &sz);

	assert_non_null(fp);
	memset(&o, 0, sizeof(o));
	o.full = 1;
	o.sep = '\n';
	memset(&ctx, 0, sizeof(ctx));
	ctx.fp = fp;
	ctx.opts = &o;
	ctx.mode = RM_SHOW;
	render_begin(&render_json, &ctx);
	ctx.single = 1;
	memset(&rec, 0, sizeof(rec));
	rec.term = t;
	rec.match = MATCH_EXACT;
	render_record(&render_json, &ctx, &rec);
	render_end(&render_json, &ctx);
	fclose(fp);
	return buf;
}

/*
 * Unpack n bytes at p with flags, in pool (NULL: none); -1 unless they
 * are exactly one term.
 */
static int
unpack(const void *p, size_t n, int flags, struct term_pool *pool,
    struct term **out)
{
	struct tval_rd r = {p, (const unsigned char *)p + n};

	if ((pool != NULL ? term_unpack_pooled(&r, flags, pool, out)
			  : term_unpack(&r, flags, out)) < 0)
		return -1;
	if (r.p != r.end) {
		term_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/*
 * The term packed in sb, unpacked in pool (or not), is t, its JSON
 * too; what the loader and table_index put in it later is freed with
 * it.
 */
static void
check_unpack(
    const struct term *t, const struct sbuf *sb, struct term_pool *pool)
{
	struct term *u, *v;
	char *j0, *j1;

	assert_int_equal(unpack(sb->s, sb->len, 0, pool, &u), 0);
	assert_term_eq(t, u, 1);
	assert_true(pool != NULL ? u->pooled > 0 : u->pooled == 0);
	assert_null(u->path);
	assert_null(u->text);
	/* What the loader sets besides, and the JSON is the same. */
	u->path = xstrdup(t->path);
	u->text = xstrdup(t->text);
	j0 = json_of(t);
	j1 = json_of(u);
	assert_string_equal(j0, j1);
	free(j0);
	free(j1);
	term_drop_str(u, u->lang);
	u->lang = xstrdup("xx");
	term_drop_list(u, &u->mentions);
	strlist_push(&u->mentions, xstrdup("a name"));
	term_free(u);
	assert_int_equal(
	    unpack(sb->s, sb->len, TERM_UNPACK_NO_BODY, pool, &v), 0);
	assert_term_eq(t, v, 0);
	term_free(v);
}

/* Pack t and check what comes back; returns how many bytes it took. */
static size_t
round_trip(const struct term *t, int every_prefix)
{
	struct term_pool pool;
	struct term *u;
	struct sbuf sb;
	size_t n;

	sb_init(&sb);
	memset(&pool, 0, sizeof(pool));
	assert_int_equal(term_pack(t, &sb), 0);
	check_unpack(t, &sb, NULL);
	check_unpack(t, &sb, &pool);
	/* Any prefix is malformed: nothing is returned, nothing leaks. */
	for (n = every_prefix ? 0 : sb.len - 1; n < sb.len; n++) {
		assert_int_equal(unpack(sb.s, n, 0, NULL, &u), -1);
		assert_null(u);
		assert_int_equal(unpack(sb.s, n, 0, &pool, &u), -1);
		assert_null(u);
	}
	term_pool_release(&pool);
	n = sb.len;
	sb_release(&sb);
	return n;
}

/* Round-trip every term below dir; returns how many there were. */
static size_t
round_trip_dir(const char *dir, size_t *bytes)
{
	struct walk_list list = {NULL, 0, 0, NULL};
	struct readfile_buf rb = {NULL, 0};
	struct diag d;
	size_t i, n = 0;

	diag_init(&d);
	assert_int_equal(
	    walk_tree(dir, 0, LOADER_MAX_BYTES, NULL, &list, &d), 0);
	for (i = 0; i < list.n; i++) {
		struct term *t;
		ssize_t len;

		if (list.v[i].path == NULL)
			continue;
		len = readfile_read(list.v[i].path, &rb, &d, NULL);
		assert_true(len >= 0);
		if (loader_parse(rb.s, (size_t)len, list.v[i].path, &d, &t) !=
		    LOAD_OK)
			continue;
		*bytes += round_trip(t, n < 8);
		term_free(t);
		n++;
	}
	free(rb.s);
	walk_release(&list);
	diag_release(&d);
	return n;
}

static void
test_term_pack_corpus(void **state)
{
	size_t bytes = 0;

	(void)state;
	assert_true(round_trip_dir(GLOSS_SRCDIR "/data", &bytes) >= 50);
	assert_true(
	    round_trip_dir(GLOSS_SRCDIR "/tests/data/sites", &bytes) >= 30);
	assert_true(bytes > 0);
}

/* A term with every field, including the rare ones, by hand. */
static void
test_term_pack_every_field(void **state)
{
	struct term *t = term_new();

	(void)state;
	t->name = xstrdup("Churn");
	t->key = xstrdup("churn");
	strlist_push(&t->aliases, xstrdup("Attrition"));
	strlist_push(&t->alias_keys, xstrdup("attrition"));
	strlist_push(&t->derived, xstrdup("CR"));
	strlist_push(&t->derived_keys, xstrdup("cr"));
	t->pronunciation = xstrdup("/tʃɜːn/");
	strlist_push(&t->categories, xstrdup("Revenue"));
	t->vertical = xstrdup("SaaS");
	t->lang = xstrdup("en");
	strlist_push(&t->tags, xstrdup("retention"));
	strlist_push(&t->ids, xstrdup("churn"));
	strlist_push(&t->mentions, xstrdup("mrr"));
	t->body_text = xstrdup("Lost customers, reduced.");
	t->description = xstrdup("Customers lost.");
	strlist_push(&t->examples, xstrdup("5% a month"));
	term_add_related(t, "MRR", 7, 3);
	term_add_related(t, "Net churn", 8, 3);
	t->details = xcalloc(1, sizeof(*t->details));
	t->details[0].title = xstrdup("Formula");
	t->details[0].value = xstrdup("lost / total");
	t->details[0].line = 9;
	t->details[0].col = 12;
	t->ndetails = 1;
	t->extra.keys = xcalloc(1, sizeof(char *));
	t->extra.items = xcalloc(1, sizeof(struct tval));
	t->extra.keys[0] = xstrdup("icon");
	t->extra.items[0].str = xstrdup("mdi:chart");
	t->extra.items[0].line = 10;
	t->extra.items[0].col = 7;
	t->extra.n = 1;
	t->line = 2;
	t->col = 1;
	t->path = xstrdup("g/churn.md");
	t->text = xstrdup("---\nterm: Churn\n---\nLost customers.\n");
	t->textlen = strlen(t->text);
	t->body_off = 20;
	(void)round_trip(t, 1);
	/* What cannot be packed is refused, not packed wrong. */
	{
		struct sbuf sb;

		sb_init(&sb);
		t->extra.type = TV_SEQ;
		assert_int_equal(term_pack(t, &sb), -1);
		t->extra.type = TV_MAP;
		t->body_off = t->textlen + 1;
		assert_int_equal(term_pack(t, &sb), -1);
		sb_release(&sb);
	}
	term_free(t);
}

/* Replace the first two bytes "from" in sb with "to". */
static void
patch2(struct sbuf *sb, const char *from, const char *to)
{
	size_t i;

	for (i = 0; i + 1 < sb->len; i++)
		if (sb->s[i] == from[0] && sb->s[i + 1] == from[1]) {
			memcpy(sb->s + i, to, 2);
			return;
		}
	fail_msg("\"%s\" not packed", from);
}

/*
 * Keys that are term_key of their names are made again, not stored
 * (term_pack.c); others are stored and come back as they were.  A key
 * stored that its name would make is refused: the bytes are canonical.
 */
static void
test_term_pack_keys(void **state)
{
	static const char *const stored[] = {"zz", "yy", "ww"};
	static const char *const folds[] = {"ab", "cd", "ef"};
	struct term *t = term_new(), *u;
	struct sbuf sb;
	size_t i, folded;

	(void)state;
	t->name = xstrdup("Ab");
	t->key = xstrdup("ab");
	strlist_push(&t->aliases, xstrdup("Cd"));
	strlist_push(&t->alias_keys, xstrdup("cd"));
	strlist_push(&t->categories, xstrdup("Uncategorized"));
	term_add_related(t, "Ef", 3, 4);
	t->path = xstrdup("ab.md");
	t->text = xstrdup("");
	folded = round_trip(t, 1);
	free(t->key);
	t->key = xstrdup("zz");
	free(t->alias_keys.v[0]);
	t->alias_keys.v[0] = xstrdup("yy");
	free(t->related[0].key);
	t->related[0].key = xstrdup("ww");
	assert_true(round_trip(t, 1) > folded);
	for (i = 0; i < 3; i++) {
		sb_init(&sb);
		assert_int_equal(term_pack(t, &sb), 0);
		assert_int_equal(unpack(sb.s, sb.len, 0, NULL, &u), 0);
		term_free(u);
		patch2(&sb, stored[i], folds[i]);
		assert_int_equal(unpack(sb.s, sb.len, 0, NULL, &u), -1);
		assert_null(u);
		sb_release(&sb);
	}
	term_free(t);
}

/* Bytes of another version, a count past the input, trailing bytes. */
static void
test_term_pack_malformed(void **state)
{
	struct term *t = term_new(), *u;
	struct sbuf sb;

	(void)state;
	t->name = xstrdup("x");
	t->key = xstrdup("x");
	strlist_push(&t->categories, xstrdup("Uncategorized"));
	t->path = xstrdup("x.md");
	t->text = xstrdup("");
	sb_init(&sb);
	assert_int_equal(term_pack(t, &sb), 0);
	sb.s[0] = TERM_PACK_VERSION + 1;
	assert_int_equal(unpack(sb.s, sb.len, 0, NULL, &u), -1);
	sb.s[0] = TERM_PACK_VERSION;
	sb_addc(&sb, 0);
	assert_int_equal(unpack(sb.s, sb.len, 0, NULL, &u), -1);
	sb.len--;
	assert_int_equal(unpack(sb.s, sb.len, 0, NULL, &u), 0);
	term_free(u);
	/* body_off past textlen: the fifth number. */
	sb.s[4] = 1;
	assert_int_equal(unpack(sb.s, sb.len, 0, NULL, &u), -1);
	sb_release(&sb);
	term_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_term_pack_corpus),
	    cmocka_unit_test(test_term_pack_every_field),
	    cmocka_unit_test(test_term_pack_keys),
	    cmocka_unit_test(test_term_pack_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
