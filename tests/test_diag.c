/*
 * The table of diagnostic codes: every code has one stable name, a
 * fixed level and a text, and diag_add takes all three from it.
 */
#include <stdlib.h>

#include "testutil.h"

#include "diag.h"

/*
 * The names and levels are an interface (check -f json and tsv print
 * them, scripts filter on them): this list fails when one changes.
 */
static const struct {
	enum diag_code code;
	const char *name;
	enum diag_level level;
} stable[] = {
    {DIAG_CANNOT_OPEN, "cannot-open", DIAG_ERROR},
    {DIAG_CANNOT_STAT, "cannot-stat", DIAG_ERROR},
    {DIAG_READ_ERROR, "read-error", DIAG_ERROR},
    {DIAG_NOT_REGULAR, "not-a-regular-file", DIAG_ERROR},
    {DIAG_FILE_TOO_LARGE, "file-too-large", DIAG_ERROR},
    {DIAG_DANGLING_LINK, "dangling-link", DIAG_ERROR},
    {DIAG_DIRECTORY_CYCLE, "directory-cycle", DIAG_WARN},
    {DIAG_DIRECTORIES_DEEP, "directories-too-deep", DIAG_WARN},
    {DIAG_CANNOT_OPEN_DIR, "cannot-open-directory", DIAG_ERROR},
    {DIAG_NOT_A_DIRECTORY, "not-a-directory", DIAG_ERROR},
    {DIAG_GLOSSARY_TOO_LARGE, "glossary-too-large", DIAG_ERROR},
    {DIAG_NO_FRONT_MATTER, "no-front-matter", DIAG_NOTE},
    {DIAG_UTF16, "utf16", DIAG_ERROR},
    {DIAG_NUL_BYTE, "nul-byte", DIAG_ERROR},
    {DIAG_INVALID_UTF8, "invalid-utf8", DIAG_ERROR},
    {DIAG_FRONT_MATTER_TOO_LONG, "front-matter-too-long", DIAG_ERROR},
    {DIAG_FRONT_MATTER_UNCLOSED, "front-matter-unclosed", DIAG_ERROR},
    {DIAG_ODD_LINE_BREAK, "odd-line-break", DIAG_ERROR},
    {DIAG_FRONT_MATTER_EMPTY, "front-matter-empty", DIAG_ERROR},
    {DIAG_OUT_OF_MEMORY, "out-of-memory", DIAG_ERROR},
    {DIAG_YAML_OUT_OF_MEMORY, "yaml-out-of-memory", DIAG_ERROR},
    {DIAG_YAML_BAD_INPUT, "yaml-bad-input", DIAG_ERROR},
    {DIAG_YAML_SYNTAX, "yaml-syntax", DIAG_ERROR},
    {DIAG_YAML_TOO_MANY_ITEMS, "yaml-too-many-items", DIAG_ERROR},
    {DIAG_YAML_KEY_NOT_STRING, "yaml-key-not-string", DIAG_ERROR},
    {DIAG_YAML_ANCHOR, "yaml-anchor", DIAG_ERROR},
    {DIAG_YAML_NUL, "yaml-nul", DIAG_ERROR},
    {DIAG_YAML_TOO_DEEP, "yaml-too-deep", DIAG_ERROR},
    {DIAG_YAML_UNEXPECTED, "yaml-unexpected-event", DIAG_ERROR},
    {DIAG_YAML_MANY_DOCUMENTS, "yaml-many-documents", DIAG_ERROR},
    {DIAG_NOT_A_MAPPING, "front-matter-not-mapping", DIAG_ERROR},
    {DIAG_DUPLICATE_KEY, "duplicate-key", DIAG_WARN},
    {DIAG_WRONG_TYPE, "wrong-type", DIAG_WARN},
    {DIAG_RESERVED_KEY, "reserved-key", DIAG_NOTE},
    {DIAG_MISSING_KEY, "missing-key", DIAG_ERROR},
    {DIAG_EMPTY_KEY, "empty-key", DIAG_ERROR},
    {DIAG_NAME_TOO_LONG, "name-too-long", DIAG_ERROR},
    {DIAG_NAME_LINE_BREAK, "name-line-break", DIAG_ERROR},
    {DIAG_NAME_NO_LETTERS, "name-no-letters", DIAG_ERROR},
    {DIAG_NO_NAME, "no-name", DIAG_ERROR},
    {DIAG_NO_DESCRIPTION, "no-description", DIAG_ERROR},
    {DIAG_KEY_IGNORED, "key-ignored", DIAG_NOTE},
    {DIAG_DRAFT, "draft", DIAG_NOTE},
    {DIAG_SITE_PAGE, "site-page", DIAG_NOTE},
    {DIAG_SKIPPED_BY_CONFIG, "skipped-by-config", DIAG_NOTE},
    {DIAG_CONFIG_FIELD, "config-unknown-field", DIAG_WARN},
    {DIAG_CONFIG_SETTING, "config-unknown-setting", DIAG_WARN},
    {DIAG_DUPLICATE_TERM, "duplicate-term", DIAG_WARN},
    {DIAG_SHADOWED_TERM, "shadowed-term", DIAG_NOTE},
    {DIAG_ALIAS_IS_NAME, "alias-is-name", DIAG_WARN},
    {DIAG_ALIAS_IS_ALIAS, "alias-is-alias", DIAG_WARN},
    {DIAG_ALIAS_SHADOWED_NAME, "alias-shadowed-by-name", DIAG_NOTE},
    {DIAG_ALIAS_SHADOWED_ALIAS, "alias-shadowed-by-alias", DIAG_NOTE},
    {DIAG_UNKNOWN_RELATED, "unknown-related", DIAG_ERROR},
    {DIAG_SELF_RELATED, "self-related", DIAG_WARN},
    {DIAG_ONE_WAY_LINK, "one-way-link", DIAG_NOTE},
    {DIAG_NOT_MD, "not-md", DIAG_NOTE},
    {DIAG_RELATED_UNLOADED, "related-not-loaded", DIAG_NOTE},
    {DIAG_TEMPLATE_DESCRIPTION, "template-description", DIAG_WARN},
    {DIAG_YAML_UNKNOWN_TAG, "unknown-tag", DIAG_WARN},
    {DIAG_YAML_TAG_MISMATCH, "tag-mismatch", DIAG_WARN},
    {DIAG_NULL_VALUE, "null-value", DIAG_WARN},
    {DIAG_NOT_A_TERM_FILE, "not-a-term-file", DIAG_ERROR},
    {DIAG_CONFIG_NOT_MAPPING, "config-not-mapping", DIAG_WARN},
    {DIAG_CONFIG_UNKNOWN_KEY, "config-unknown-key", DIAG_WARN},
    {DIAG_INDEX_DIRECTORY, "index-directory", DIAG_WARN},
    {DIAG_INDEX_UNUSABLE, "index-unusable", DIAG_WARN},
    {DIAG_INDEX_WRITE, "index-write-failed", DIAG_WARN},
};

#define NSTABLE (sizeof(stable) / sizeof(stable[0]))

static int
is_kebab(const char *s)
{
	size_t i;

	if (s[0] == '\0' || s[0] == '-')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= '0' && s[i] <= '9') ||
			(s[i] == '-' && s[i + 1] != '-' && s[i + 1] != '\0')))
			return 0;
	return 1;
}

static void
test_every_code_named_once(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < DIAG_NCODES; i++) {
		const char *name = diag_code_name((enum diag_code)i);
		enum diag_level l = diag_code_level((enum diag_code)i);
		const char *fmt = diag_code_format((enum diag_code)i);

		if (!is_kebab(name) || strcmp(name, "unknown") == 0)
			fail_msg("code %d: bad name '%s'", i, name);
		for (j = 0; j < i; j++)
			if (strcmp(name, diag_code_name((enum diag_code)j)) ==
			    0)
				fail_msg(
				    "codes %d and %d: both '%s'", j, i, name);
		assert_true(
		    l == DIAG_NOTE || l == DIAG_WARN || l == DIAG_ERROR);
		/* Messages are lowercase, but for names (YAML, UTF-8). */
		if (fmt[0] == '\0' ||
		    (fmt[0] >= 'A' && fmt[0] <= 'Z' &&
			strncmp(fmt, "YAML", 4) != 0))
			fail_msg("code %s: bad text '%s'", name, fmt);
	}
	assert_string_equal(diag_code_name(DIAG_NCODES), "unknown");
}

static void
test_names_and_levels_are_stable(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(NSTABLE, DIAG_NCODES);
	for (i = 0; i < NSTABLE; i++) {
		assert_string_equal(
		    diag_code_name(stable[i].code), stable[i].name);
		assert_int_equal(
		    diag_code_level(stable[i].code), stable[i].level);
	}
	assert_string_equal(diag_level_name(DIAG_ERROR), "error");
	assert_string_equal(diag_level_name(DIAG_WARN), "warning");
	assert_string_equal(diag_level_name(DIAG_NOTE), "note");
}

static void
test_add_takes_level_and_text_from_the_table(void **state)
{
	struct diag d, all;

	(void)state;
	diag_init(&d);
	diag_init(&all);
	diag_add(&d, DIAG_DUPLICATE_KEY, "a.md", 3, 7, "icon");
	diag_add(&d, DIAG_ONE_WAY_LINK, NULL, 0, 0, "MRR", "ARR");
	diag_add(&d, DIAG_FILE_TOO_LARGE, "b.md", 0, 0, (size_t)1);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[0].code, DIAG_DUPLICATE_KEY);
	assert_int_equal(d.v[0].level, DIAG_WARN);
	assert_string_equal(
	    d.v[0].msg, "duplicate key 'icon'; the first is used");
	assert_string_equal(d.v[0].file, "a.md");
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, 7);
	assert_int_equal(d.v[1].level, DIAG_NOTE);
	assert_null(d.v[1].file);
	assert_string_equal(
	    d.v[1].msg, "one-way link: 'MRR' does not list 'ARR' back");
	assert_int_equal(d.v[2].level, DIAG_ERROR);
	assert_string_equal(
	    d.v[2].msg, "the file is larger than 1 MiB; skipped");
	assert_int_equal(d.nerr, 1);
	assert_int_equal(d.nwarn, 1);
	assert_int_equal(d.nnote, 1);
	/* Moving keeps the codes and the counts. */
	diag_move(&all, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(all.n, 3);
	assert_int_equal(all.v[1].code, DIAG_ONE_WAY_LINK);
	assert_int_equal(all.nerr + all.nwarn + all.nnote, 3);
	diag_release(&all);
	diag_release(&d);
}

/* diag_sort: by line and column, equal positions kept in order. */
static void
test_sort(void **state)
{
	struct diag d;

	(void)state;
	diag_init(&d);
	diag_add(&d, DIAG_DUPLICATE_KEY, "f", 9, 1, "b");
	diag_add(&d, DIAG_DUPLICATE_KEY, "f", 3, 5, "a");
	diag_add(&d, DIAG_NULL_VALUE, "f", 9, 1, "c");
	diag_add(&d, DIAG_NUL_BYTE, "f", 0, 0);
	diag_sort(&d);
	assert_int_equal(d.v[0].line, 0);
	assert_int_equal(d.v[1].line, 3);
	assert_int_equal(d.v[2].code, DIAG_DUPLICATE_KEY);
	assert_int_equal(d.v[3].code, DIAG_NULL_VALUE);
	assert_int_equal(d.nwarn, 3);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_code_named_once),
	    cmocka_unit_test(test_names_and_levels_are_stable),
	    cmocka_unit_test(test_add_takes_level_and_text_from_the_table),
	    cmocka_unit_test(test_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
