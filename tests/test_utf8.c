/* Folding, decoding, width and escaping: the bottom layer. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "escape.h"
#include "utf8.h"

static void
check_fold(const char *in, const char *want)
{
	char *got = utf8_fold(in, strlen(in));

	assert_string_equal(got, want);
	free(got);
}

static void
test_fold_case_and_separators(void **state)
{
	(void)state;
	check_fold("Cross-sell", "cross sell");
	check_fold("CROSS_SELL", "cross sell");
	check_fold("  cross   sell  ", "cross sell");
	check_fold("cross--_ sell", "cross sell");
	check_fold("-_-", "");
}

/* utf8_fold's result with its spaces dropped: what utf8_key must give. */
static char *
fold_joined(const char *in)
{
	char *k = utf8_fold(in, strlen(in)), *r, *w;

	for (r = w = k; *r != '\0'; r++)
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
	return k;
}

static void
check_key(const char *in)
{
	char *want = fold_joined(in), *got = utf8_key(in);

	assert_string_equal(got, want);
	free(got);
	free(want);
}

/*
 * A string of fewer than cap bytes drawn from abc (n bytes) into in, by
 * the linear congruential generator whose state is *r.
 */
static void
random_text(char *in, size_t cap, const char *abc, size_t n, unsigned long *r)
{
	size_t j, len;

	*r = *r * 6364136223846793005UL + 1442695040888963407UL;
	len = (*r >> 33) % cap;
	for (j = 0; j < len; j++) {
		*r = *r * 6364136223846793005UL + 1442695040888963407UL;
		in[j] = abc[(*r >> 33) % n];
	}
	in[len] = '\0';
}

/*
 * utf8_key takes a path of its own for ASCII: it must give what the
 * general one does.  Random strings of letters of both cases, digits,
 * dots, separators and other bytes, each also with a non-ASCII letter
 * after it, which sends the same bytes through utf8proc.
 */
static void
test_key_ascii_path(void **state)
{
	static const char abc[] = "aAbBzZ09.. -_/\t\n\r\v\f().&'\x01\x7fMx";
	unsigned long r = 12345;
	char in[32], more[40], *a, *b;
	size_t i;

	(void)state;
	check_key("configMap");
	check_key("HTTPServer v3.14 .5 x.");
	check_key("  Cross--Sell__2.0/TCP.IP  ");
	for (i = 0; i < test_scale(20000, 2000); i++) {
		random_text(in, sizeof(in), abc, sizeof(abc) - 1, &r);
		check_key(in);
		snprintf(more, sizeof(more), "%s\xc3\xa9", in);
		a = utf8_key(in);
		b = utf8_key(more);
		assert_int_equal(strlen(b), strlen(a) + 1);
		assert_memory_equal(a, b, strlen(a));
		assert_int_equal(b[strlen(a)], 'e');
		free(a);
		free(b);
	}
}

/* utf8_is_key(in, k) must say whether k is utf8_key(in), exactly. */
static void
check_is_key(const char *in)
{
	char *k = utf8_key(in), other[80];
	size_t n = strlen(k);

	assert_int_equal(utf8_is_key(in, k), 1);
	snprintf(other, sizeof(other), "%sx", k); /* one byte more */
	assert_int_equal(utf8_is_key(in, other), 0);
	if (n > 0) {
		memcpy(other, k, n + 1);
		other[n - 1] = '\0'; /* one byte less */
		assert_int_equal(utf8_is_key(in, other), 0);
		other[n - 1] = k[n - 1] == 'q' ? 'r' : 'q'; /* one other */
		assert_int_equal(utf8_is_key(in, other), 0);
		other[0] = k[0] == '.' ? '3' : '.';
		assert_int_equal(utf8_is_key(in, other), 0);
	}
	free(k);
}

/* utf8_is_key, which the index's packing of terms trusts to leave out
 * keys made again from their names: ASCII, dots, numbers, separators,
 * non-ASCII and invalid bytes, at random too. */
static void
test_is_key(void **state)
{
	static const char abc[] = "aAbBzZ09.. -_/\t().&'\x01\x7fMx\xc3\xa9\xff";
	unsigned long r = 54321;
	char in[32];
	size_t i;

	(void)state;
	check_is_key("");
	check_is_key("configMap");
	check_is_key("HTTPServer v3.14 .5 x.");
	check_is_key("Caf\xc3\xa9 cr\xc3\xa8me");
	check_is_key("bad \xff byte");
	assert_int_equal(utf8_is_key("Cross Sell", "crosssell"), 1);
	assert_int_equal(utf8_is_key("Cross Sell", "cross sell"), 0);
	assert_int_equal(utf8_is_key("v3.14", "v3.14"), 1);
	assert_int_equal(utf8_is_key("v3.14", "v314"), 0);
	for (i = 0; i < test_scale(20000, 2000); i++) {
		random_text(in, sizeof(in), abc, sizeof(abc) - 1, &r);
		check_is_key(in);
	}
}

static void
test_fold_more_separators(void **state)
{
	(void)state;
	check_fold("TCP/IP", "tcp ip");
	check_fold("Node.js", "node js");
	check_fold("U.S.A.", "u s a");
	check_fold("version 3.14", "version 3.14"); /* a number keeps its . */
	check_fold("1./2", "1 2");
}

static void
test_fold_camel_case(void **state)
{
	(void)state;
	check_fold("ConfigMap", "config map");
	check_fold("configMap", "config map");
	check_fold("HTTPServer", "http server");
	check_fold("getHTTPResponse", "get http response");
	check_fold("ABTest", "ab test");
	check_fold("IPv4", "ipv4"); /* one capital before: not a word */
	check_fold("CONFIG_MAP", "config map");
	check_fold("ÉtéÉtude", "ete etude"); /* boundaries outside ASCII */
	/* A part of one letter is not a word of its own. */
	check_fold("iPhone", "iphone");
	check_fold("SaaS", "saas");
	check_fold("getX", "getx");
	check_fold("A", "a");
	check_fold("aB", "ab");
}

static void
test_fold_unicode(void **state)
{
	(void)state;
	check_fold("Café", "cafe");
	check_fold("CAFÉ", "cafe");
	check_fold("Straße", "strasse");
	check_fold("ＡＲＲ", "arr"); /* fullwidth compatibility forms */
	check_fold("見積書", "見積書");
}

static void
test_fold_invalid_utf8(void **state)
{
	(void)state;
	/* Not UTF-8: folded as ASCII, never an error. */
	check_fold("AB\xff"
		   "C",
	    "ab\xff"
	    "c");
}

static void
test_check(void **state)
{
	size_t bad = 0;

	(void)state;
	assert_int_equal(utf8_check("héllo", strlen("héllo"), &bad), 0);
	assert_int_equal(utf8_check("ab\xffz", 4, &bad), -1);
	assert_int_equal(bad, 2);
	assert_int_equal(utf8_check("ab\0z", 4, &bad), -1);
	assert_int_equal(bad, 2);
	/* An overlong slash and a UTF-16 surrogate are not UTF-8. */
	assert_int_equal(utf8_check("\xc0\xaf", 2, &bad), -1);
	assert_int_equal(utf8_check("\xed\xa0\x80", 3, &bad), -1);
	/* Cut short. */
	assert_int_equal(utf8_check("\xe2\x82", 2, &bad), -1);
}

/*
 * A NUL or a bad byte at every offset of ASCII text, which is passed
 * 32 bytes at a time: the first of them is the one reported, and a
 * character cut short by a NUL is bad where it starts.
 */
static void
test_check_anywhere(void **state)
{
	char buf[100];
	size_t i, j, bad;

	(void)state;
	memset(buf, 'a', sizeof(buf));
	assert_int_equal(utf8_check(buf, sizeof(buf), &bad), 0);
	for (i = 0; i < sizeof(buf); i++) {
		for (j = i + 1; j < sizeof(buf); j += 7) {
			memset(buf, 'a', sizeof(buf));
			buf[i] = '\0';
			buf[j] = '\xff';
			assert_int_equal(
			    utf8_check(buf, sizeof(buf), &bad), -1);
			assert_int_equal(bad, i);
			buf[i] = '\xfe';
			buf[j] = '\0';
			assert_int_equal(
			    utf8_check(buf, sizeof(buf), &bad), -1);
			assert_int_equal(bad, i);
		}
		memset(buf, 'a', sizeof(buf));
		memcpy(buf + i, "\xc3\xa9", i + 1 < sizeof(buf) ? 2 : 1);
		assert_int_equal(utf8_check(buf, sizeof(buf), &bad),
		    i + 1 < sizeof(buf) ? 0 : -1);
		if (i + 2 < sizeof(buf)) {
			memcpy(buf + i, "\xe2\x82\0", 3);
			assert_int_equal(
			    utf8_check(buf, sizeof(buf), &bad), -1);
			assert_int_equal(bad, i);
		}
	}
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc", 3), 3);
	assert_int_equal(utf8_width("é", strlen("é")), 1);
	assert_int_equal(utf8_width("見積", strlen("見積")), 4);
	assert_int_equal(utf8_width("e\xcc\x81", 3), 1); /* e + combining */
}

/*
 * A line break between two Chinese or Japanese characters is no space
 * (CSS Text 3's segment break rule, as a browser shows the site); Korean
 * spaces its words, and a break beside Latin text is a space.
 */
static void
test_break_vanishes(void **state)
{
	(void)state;
	assert_true(utf8_break_vanishes(0x3092, 0x30a2));  /* を ア */
	assert_true(utf8_break_vanishes(0xff0c, 0x4f1a));  /* ， 会 */
	assert_true(utf8_break_vanishes(0x3002, 0x3042));  /* 。 あ */
	assert_false(utf8_break_vanishes('a', 0x898b));	   /* a 見 */
	assert_false(utf8_break_vanishes(0x898b, 'a'));	   /* 見 a */
	assert_false(utf8_break_vanishes(0xac00, 0xb098)); /* 가 나 */
	assert_false(utf8_break_vanishes(0x898b, 0xac00)); /* 見 가 */
	assert_false(utf8_break_vanishes(0xd55c, 0x3002)); /* 한 。 */
}

static void
check_esc(const char *in, size_t n, const char *want)
{
	struct sbuf sb;

	sb_init(&sb);
	esc_append(&sb, in, n);
	assert_string_equal(sb.s ? sb.s : "", want);
	assert_int_equal(esc_needed(in, n), strcmp(in, want) != 0);
	sb_release(&sb);
}

static void
test_escape(void **state)
{
	char *s;

	(void)state;
	check_esc("plain text", 10, "plain text");
	check_esc("tab\tand\nnewline", 15, "tab\tand\nnewline");
	check_esc("\x1b[2J", 4, "^[[2J");
	check_esc("bell\x07", 5, "bell^G");
	check_esc("del\x7f", 4, "del^?");
	check_esc("\xc2\x9b"
		  "31m",
	    5, "\\x9b31m");
	check_esc("a\xe2\x80\xae"
		  "b",
	    5, "a<U+202E>b");
	check_esc("\xe2\x81\xa6", 3, "<U+2066>");
	check_esc("bad\xff", 4, "bad\\xff");
	check_esc("café 見", strlen("café 見"), "café 見");
	s = esc_line("two\nlines\tand \x1b");
	assert_string_equal(s, "two\\nlines\\tand ^[");
	free(s);
}

static void
test_linecol(void **state)
{
	const char *s = "ab\ncaf\xc3\xa9x\n\nz";
	unsigned line, col;

	(void)state;
	utf8_linecol(s, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	utf8_linecol(s, 2, &line, &col); /* the newline itself */
	assert_int_equal(line, 1);
	assert_int_equal(col, 3);
	utf8_linecol(s, 3, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 1);
	/* "café" is five bytes but four characters: x is column 5. */
	utf8_linecol(s, 8, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 5);
	utf8_linecol(s, 11, &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fold_case_and_separators),
	    cmocka_unit_test(test_fold_more_separators),
	    cmocka_unit_test(test_key_ascii_path),
	    cmocka_unit_test(test_is_key),
	    cmocka_unit_test(test_fold_camel_case),
	    cmocka_unit_test(test_fold_unicode),
	    cmocka_unit_test(test_fold_invalid_utf8),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_check_anywhere),
	    cmocka_unit_test(test_linecol),
	    cmocka_unit_test(test_width),
	    cmocka_unit_test(test_break_vanishes),
	    cmocka_unit_test(test_escape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
