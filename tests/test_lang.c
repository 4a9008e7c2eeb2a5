/* Language tags: folders, locales, front matter, stemmers. */
#include <stdlib.h>

#include "testutil.h"

#include "lang.h"

static int
is_tag(const char *s)
{
	return lang_is_tag(s, strlen(s));
}

static void
test_is_tag(void **state)
{
	(void)state;
	assert_true(is_tag("en"));
	assert_true(is_tag("DE"));
	assert_true(is_tag("pt-br"));
	assert_true(is_tag("pt_BR"));
	assert_true(is_tag("zh-hans"));
	assert_true(is_tag("es-419"));
	assert_true(is_tag("fil"));
	assert_false(is_tag("docs"));
	assert_false(is_tag("xx"));
	assert_false(is_tag("en-"));
	assert_false(is_tag("en-abc"));
	assert_false(is_tag(""));
}

static void
check_locale(const char *loc, const char *want)
{
	char *got = lang_from_locale(loc);

	if (want == NULL)
		assert_null(got);
	else
		assert_string_equal(got, want);
	free(got);
}

static void
test_locale(void **state)
{
	(void)state;
	check_locale("de_DE.UTF-8", "de-de");
	check_locale("ja_JP.eucJP@x", "ja-jp");
	check_locale("fr", "fr");
	check_locale("C", NULL);
	check_locale("C.UTF-8", NULL);
	check_locale("POSIX", NULL);
	check_locale("", NULL);
	check_locale(NULL, NULL);
}

static void
test_matches_and_stemmers(void **state)
{
	(void)state;
	assert_true(lang_matches("de-de", "de"));
	assert_true(lang_matches("pt", "pt-br"));
	assert_true(lang_matches("en", "en"));
	assert_false(lang_matches("de", "en"));
	assert_false(lang_matches("e", "en"));
	assert_string_equal(lang_stemmer_name("de"), "german");
	assert_string_equal(lang_stemmer_name("pt-BR"), "portuguese");
	assert_string_equal(lang_stemmer_name("en"), "english");
	assert_null(lang_stemmer_name("ja"));
	assert_null(lang_stemmer_name("xx"));
	assert_null(lang_stemmer_name(NULL));
}

static void
test_from_keys(void **state)
{
	struct term *t = term_new();
	struct tval *x = &t->extra;

	(void)state;
	x->n = 3;
	x->keys = xcalloc(3, sizeof(*x->keys));
	x->items = xcalloc(3, sizeof(*x->items));
	x->keys[0] = xstrdup("Language");
	x->items[0].str = xstrdup("pt_BR");
	x->keys[1] = xstrdup("icon");
	x->items[1].str = xstrdup("x");
	x->keys[2] = xstrdup("lang");
	x->items[2].str = xstrdup("de");
	lang_from_keys(t);
	/* The first key wins; both leave the pass-through keys. */
	assert_string_equal(t->lang, "pt-br");
	assert_int_equal(x->n, 1);
	assert_string_equal(x->keys[0], "icon");
	term_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_is_tag),
	    cmocka_unit_test(test_locale),
	    cmocka_unit_test(test_matches_and_stemmers),
	    cmocka_unit_test(test_from_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
