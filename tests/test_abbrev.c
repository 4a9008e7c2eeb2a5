/* Abbreviation definitions, as Schwartz and Hearst find them. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "abbrev.h"

/* The pairs found in text, as "SF=long form;" for each. */
static char *
pairs(const char *text)
{
	struct abbrev a[8];
	size_t n = abbrev_find(text, strlen(text), a, 8), i;
	static char buf[512];

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t len = strlen(buf);

		snprintf(buf + len, sizeof(buf) - len, "%.*s=%.*s;",
		    (int)a[i].short_len, text + a[i].short_off,
		    (int)a[i].long_len, text + a[i].long_off);
	}
	return buf;
}

static void
test_long_then_short(void **state)
{
	(void)state;
	assert_string_equal(
	    pairs("Cross-Origin Resource Sharing (CORS) is a mechanism"),
	    "CORS=Cross-Origin Resource Sharing;");
	assert_string_equal(
	    pairs("Primary account number (PAN) is the long number"),
	    "PAN=Primary account number;");
	/* Only the words the short form needs, from the word of its first
	 * letter on. */
	assert_string_equal(
	    pairs("A company called a Payment Service Provider (PSP) takes"),
	    "PSP=Payment Service Provider;");
	/* Letters may come from inside words: the classic example. */
	assert_string_equal(pairs("in heat shock protein (HSP) levels"),
	    "HSP=heat shock protein;");
	assert_string_equal(pairs("the Web Application Firewall (WAF)."),
	    "WAF=Web Application Firewall;");
}

/* What a parenthesis holds after a comma or semicolon is not part of
 * the short form (Schwartz and Hearst cut it there). */
static void
test_short_form_cut(void **state)
{
	(void)state;
	assert_string_equal(
	    pairs("Asynchronous Loading Protocol (ALP, or alp) moves data"),
	    "ALP=Asynchronous Loading Protocol;");
	assert_string_equal(
	    pairs("Service Level Objective (SLO; see also SLA) sets"),
	    "SLO=Service Level Objective;");
	/* The cut is the long form when the short form comes first, as
	 * Schwartz and Hearst swap them. */
	assert_string_equal(
	    pairs("The EYZ (Extra Yellow Zone, also called the band) is"),
	    "EYZ=Extra Yellow Zone;");
	/* Nothing before the comma: no short form. */
	assert_string_equal(pairs("Annual Recurring Revenue (, ARR)"), "");
}

static void
test_short_then_long(void **state)
{
	(void)state;
	assert_string_equal(pairs("The MRR (monthly recurring revenue) grows"),
	    "MRR=monthly recurring revenue;");
}

static void
test_not_definitions(void **state)
{
	(void)state;
	/* The letters are not there, in order. */
	assert_string_equal(pairs("a credit card (PAN) is"), "");
	/* The first letter must start a word. */
	assert_string_equal(pairs("a number of things (XN)"), "");
	/* Too long, or no letter, or not closed, or empty. */
	assert_string_equal(
	    pairs("some words here (a very long note indeed)"), "");
	assert_string_equal(pairs("usually 16 digits (2021)"), "");
	assert_string_equal(pairs("Open Source (OS"), "");
	assert_string_equal(pairs("()"), "");
	assert_string_equal(pairs("(PAN)"), "");
	/* A long form may not stretch over a clause boundary. */
	assert_string_equal(pairs("Primary. Account Number (PAN)"), "");
	/* The short form may not be a word of its own long form. */
	assert_string_equal(pairs("the SLA Agreement (SLA)"), "");
}

static void
test_several_and_max(void **state)
{
	const char *t = "Service Level Agreement (SLA) and Key Performance "
			"Indicator (KPI)";
	struct abbrev a[1];

	(void)state;
	assert_string_equal(pairs(t),
	    "SLA=Service Level Agreement;KPI=Key Performance Indicator;");
	assert_int_equal(abbrev_find(t, strlen(t), a, 1), 1);
	assert_int_equal(abbrev_find("", 0, a, 1), 0);
}

/* Worst shapes of a big first sentence: each must take linear time. */
static void
test_linear(void **state)
{
	static const char *const unit[] = {"(", "a (", "(AB", "w ", "(AB) "};
	size_t n = (size_t)1 << 20, i, u;
	struct abbrev a[4];
	char *s = malloc(n + 1);

	(void)state;
	assert_non_null(s);
	for (u = 0; u < sizeof(unit) / sizeof(unit[0]); u++) {
		size_t len = strlen(unit[u]);

		for (i = 0; i < n; i++)
			s[i] = unit[u][i % len];
		s[n] = '\0';
		assert_true(abbrev_find(s, n, a, 4) <= 4);
	}
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_long_then_short),
	    cmocka_unit_test(test_short_form_cut),
	    cmocka_unit_test(test_short_then_long),
	    cmocka_unit_test(test_not_definitions),
	    cmocka_unit_test(test_several_and_max),
	    cmocka_unit_test(test_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
