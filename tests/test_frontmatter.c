/* Splitting a term file into front matter and body, and its checks. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "frontmatter.h"
#include "loader.h"

/* A string literal and its length, NUL bytes included. */
#define LIT(s) s, sizeof(s) - 1

static enum fm_status
split(const char *s, size_t len, struct diag *d, struct frontmatter *fm)
{
	diag_init(d);
	return frontmatter_split(s, len, "t.md", d, fm);
}

/* s must split; the YAML and the body must read yaml and body. */
static void
want_split(const char *s, const char *yaml, const char *body)
{
	struct frontmatter fm;
	struct diag d;

	assert_int_equal(split(s, strlen(s), &d, &fm), FM_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(fm.len, strlen(yaml));
	assert_memory_equal(s + fm.off, yaml, fm.len);
	assert_string_equal(s + fm.body_off, body);
	diag_release(&d);
}

/* s (of len bytes) must fail with one error of code at line:col. */
static void
want_error(
    const char *s, size_t len, enum diag_code code, unsigned line, unsigned col)
{
	struct frontmatter fm;
	struct diag d;

	assert_int_equal(split(s, len, &d, &fm), FM_ERROR);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.nerr, 1);
	if (d.v[0].code != code)
		fail_msg("want %s, got %s: %s", diag_code_name(code),
		    diag_code_name(d.v[0].code), d.v[0].msg);
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].col, col);
	diag_release(&d);
}

static void
test_split(void **state)
{
	(void)state;
	want_split("---\na: 1\n---\nBody.\n", "a: 1\n", "Body.\n");
	/* The closing fence may be `...', with blanks; no body at all. */
	want_split("---\na: 1\n...  \t", "a: 1\n", "");
	/* An empty front matter is the schema's business, not ours. */
	want_split("---\n---\nx", "", "x");
	/* A later `---' belongs to the body. */
	want_split("---\na: 1\n---\n---\n", "a: 1\n", "---\n");
}

static void
test_bom_and_crlf(void **state)
{
	(void)state;
	want_split("\xef\xbb\xbf---\na: 1\n---\nB", "a: 1\n", "B");
	want_split("---\r\na: 1\r\nb: 2\r\n---\r\nBody.\r\n",
	    "a: 1\r\nb: 2\r\n", "Body.\r\n");
	want_split("\xef\xbb\xbf---\r\na: 1\r\n---\r\n", "a: 1\r\n", "");
}

static void
test_not_a_term_file(void **state)
{
	static const char *const none[] = {"", "# Title\n", "--\n", "----\n",
	    "--- x\n", "...\na: 1\n...\n", "\xef\xbb\xbf", " ---\n", NULL};
	struct frontmatter fm;
	struct diag d;
	size_t i;

	(void)state;
	for (i = 0; none[i] != NULL; i++) {
		assert_int_equal(
		    split(none[i], strlen(none[i]), &d, &fm), FM_NONE);
		assert_int_equal(d.n, 0);
		diag_release(&d);
	}
}

static void
test_unclosed(void **state)
{
	char *big;
	size_t n = LOADER_MAX_FM + 100;

	(void)state;
	want_error(LIT("---\na: 1\n"), DIAG_FRONT_MATTER_UNCLOSED, 1, 1);
	/* A byte order mark is a character of line 1. */
	want_error(
	    LIT("\xef\xbb\xbf---\na: 1\n"), DIAG_FRONT_MATTER_UNCLOSED, 1, 2);
	/* A front matter that would close too late is not looked through. */
	big = malloc(n + 8);
	memcpy(big, "---\n", 4);
	memset(big + 4, '\n', n);
	memcpy(big + 4 + n, "---\n", 4);
	want_error(big, n + 8, DIAG_FRONT_MATTER_TOO_LONG, 1, 1);
	free(big);
}

static void
test_encoding(void **state)
{
	(void)state;
	want_error(LIT("\xff\xfe-\0-\0-\0"), DIAG_UTF16, 1, 1);
	want_error(LIT("\xfe\xff\0-\0-\0-"), DIAG_UTF16, 1, 1);
	want_error(LIT("-\0-\0-\0"), DIAG_UTF16, 1, 1);
	/* Checked in the whole file, body included; placed where it is. */
	want_error(LIT("---\na: 1\n---\nab\xff"), DIAG_INVALID_UTF8, 4, 3);
	want_error(LIT("---\na: \0\n---\n"), DIAG_NUL_BYTE, 2, 4);
}

static void
test_odd_line_breaks(void **state)
{
	(void)state;
	want_error(LIT("---\na: 1\rb: 2\n---\n"), DIAG_ODD_LINE_BREAK, 2, 5);
	want_error(LIT("---\na: \xc2\x85\n---\n"), DIAG_ODD_LINE_BREAK, 2, 4);
	want_error(
	    LIT("---\nab\xe2\x80\xa8\n---\n"), DIAG_ODD_LINE_BREAK, 2, 3);
	/* Only the front matter matters: the body may have them. */
	want_split(
	    "---\na: 1\n---\nx\ry\xe2\x80\xa9", "a: 1\n", "x\ry\xe2\x80\xa9");
}

/*
 * An odd break at every offset of a long line, and a CRLF, which is
 * not odd: the scan skips plain bytes eight at a time, so each place
 * in a word and after the last whole word must be looked at.
 */
static void
test_odd_break_anywhere(void **state)
{
	static const char *const odd[] = {"\r", "\xc2\x85", "\xe2\x80\xa8"};
	char buf[128], yaml[64];
	size_t i, k;

	(void)state;
	for (i = 0; i < 40; i++) {
		for (k = 0; k < 3; k++) {
			snprintf(buf, sizeof(buf), "---\nk: %.*s%sx\n---\n",
			    (int)i, "0123456789012345678901234567890123456789",
			    odd[k]);
			want_error(buf, strlen(buf), DIAG_ODD_LINE_BREAK, 2,
			    4 + (unsigned)i);
		}
		snprintf(yaml, sizeof(yaml), "k: %.*s\r\nx\n", (int)i,
		    "0123456789012345678901234567890123456789");
		snprintf(buf, sizeof(buf), "---\n%s---\n", yaml);
		want_split(buf, yaml, "");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_split),
	    cmocka_unit_test(test_bom_and_crlf),
	    cmocka_unit_test(test_not_a_term_file),
	    cmocka_unit_test(test_unclosed),
	    cmocka_unit_test(test_encoding),
	    cmocka_unit_test(test_odd_line_breaks),
	    cmocka_unit_test(test_odd_break_anywhere),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
