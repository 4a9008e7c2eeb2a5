/* Markdown bodies: blocks with style marks, plain text, examples. */
#include <stdlib.h>

#include "testutil.h"

#include "md.h"

/* A string literal and its length. */
#define LIT(s) s, sizeof(s) - 1

static void
parse(const char *s, struct md_doc *doc)
{
	md_parse(s, strlen(s), doc);
}

static void
test_blocks(void **state)
{
	struct md_doc d;

	(void)state;
	parse("# Title\n\nSome *emph*, **strong** and `code`.\n\n"
	      "> quoted\n\n---\n\n```\nline 1\nline 2\n```\n\n## Sub\n",
	    &d);
	assert_int_equal(d.n, 6);
	assert_int_equal(d.v[0].kind, MD_HEADING);
	assert_int_equal(d.v[0].level, 1);
	assert_string_equal(d.v[0].text, "Title");
	assert_int_equal(d.v[1].kind, MD_PARA);
	assert_string_equal(
	    d.v[1].text, "Some \016emph\016, \017strong\017 and \020code\020.");
	assert_int_equal(d.v[2].kind, MD_QUOTE);
	assert_string_equal(d.v[2].text, "quoted");
	assert_int_equal(d.v[3].kind, MD_RULE);
	assert_null(d.v[3].text);
	assert_int_equal(d.v[4].kind, MD_CODEBLOCK);
	assert_string_equal(d.v[4].text, "line 1\nline 2"); /* no last \n */
	assert_int_equal(d.v[5].kind, MD_HEADING);
	assert_int_equal(d.v[5].level, 2);
	md_doc_release(&d);
	assert_int_equal(d.n, 0);
	assert_null(d.v);
}

/*
 * A pipe table (GitHub's, which cmark reads as a paragraph): a row a
 * line, its cells apart, the delimiter row gone; text that only looks
 * like one stays a paragraph.
 */
static void
test_pipe_tables(void **state)
{
	struct md_doc d;
	char *p;

	(void)state;
	parse("| Term | Means |\n|:---|---:|\n| `CTE` | a *named* query |\n"
	      "| view | a saved query |\n\nAfter.\n",
	    &d);
	assert_int_equal(d.n, 4);
	assert_int_equal(d.v[0].kind, MD_ROW);
	assert_string_equal(d.v[0].text, "Term | Means");
	assert_int_equal(d.v[1].kind, MD_ROW);
	assert_string_equal(d.v[1].text, "\020CTE\020 | a \016named\016 query");
	assert_string_equal(d.v[2].text, "view | a saved query");
	assert_int_equal(d.v[3].kind, MD_PARA);
	md_doc_release(&d);
	/* No leading pipes; a row of fewer cells. */
	parse("a | b\n--- | ---\nx |\n", &d);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].text, "a | b");
	assert_string_equal(d.v[1].text, "x");
	md_doc_release(&d);
	/* Not tables: no delimiter row; a dash line without a pipe. */
	parse("a | b\nc | d\n\nx\n- - -\n", &d);
	assert_int_equal(d.v[0].kind, MD_PARA);
	assert_string_equal(d.v[0].text, "a | b c | d");
	md_doc_release(&d);
	p = md_plain(LIT("| A | B |\n|---|---|\n| 1 | 2 |\n"));
	assert_string_equal(p, "A | B\n1 | 2\n");
	free(p);
}

/* Which headings open an examples section, as md_examples reads them. */
static void
test_examples_heading(void **state)
{
	struct md_doc d;

	(void)state;
	parse("## Examples\n\nx\n\n### Example\n\n## Example\n\n"
	      "# Examples\n\n## Pitfalls\n\n> ## Examples\n",
	    &d);
	assert_int_equal(d.n, 7);
	assert_true(d.v[0].examples);  /* ## Examples */
	assert_false(d.v[1].examples); /* its paragraph */
	assert_false(d.v[2].examples); /* ### Example: level 3 */
	assert_true(d.v[3].examples);  /* ## Example */
	assert_false(d.v[4].examples); /* # Examples: level 1 */
	assert_false(d.v[5].examples); /* ## Pitfalls */
	assert_false(d.v[6].examples); /* in a quote */
	md_doc_release(&d);
}

static void
test_lists(void **state)
{
	struct md_doc d;

	(void)state;
	parse("- a\n  - b\n    - c\n\n  more a\n\n3. three\n4. four\n", &d);
	assert_int_equal(d.n, 6);
	assert_int_equal(d.v[0].kind, MD_ITEM);
	assert_string_equal(d.v[0].marker, "- ");
	assert_string_equal(d.v[0].text, "a");
	assert_int_equal(d.v[0].level, 0);
	assert_int_equal(d.v[1].level, 1);
	assert_string_equal(d.v[1].text, "b");
	assert_int_equal(d.v[2].level, 2);
	/* A second paragraph of an item: no marker, same depth. */
	assert_string_equal(d.v[3].text, "more a");
	assert_string_equal(d.v[3].marker, "");
	assert_int_equal(d.v[3].level, 0);
	/* Ordered lists keep their numbers. */
	assert_string_equal(d.v[4].marker, "3. ");
	assert_string_equal(d.v[5].marker, "4. ");
	assert_string_equal(d.v[5].text, "four");
	md_doc_release(&d);
}

static void
test_links_and_escapes(void **state)
{
	struct md_doc d;

	(void)state;
	parse("[a link](http://x.y) and ![img](i.png)\n\n"
	      "esc \x1b[31mred\n",
	    &d);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].text, "a link <http://x.y> and img <i.png>");
	/* Terminal controls in a body never reach the terminal. */
	assert_string_equal(d.v[1].text, "esc ^[[31mred");
	md_doc_release(&d);
	/* An autolink's text is its address: once. */
	parse("see <https://x.y/z> or <a@b.c>, [x.y](https://x.y)\n", &d);
	assert_string_equal(
	    d.v[0].text, "see https://x.y/z or a@b.c, x.y <https://x.y>");
	md_doc_release(&d);
	/* A plain text (a snippet) has a link's text only. */
	{
		char *p = md_plain("a [b](http://x.y) <http://z.w>\n", 31);

		assert_string_equal(p, "a b http://z.w\n");
		free(p);
	}
}

/* A body of n nested quotes around one word. */
static char *
quotes(int n)
{
	struct sbuf sb;
	int i;

	sb_init(&sb);
	for (i = 0; i < n; i++)
		sb_adds(&sb, "> ");
	sb_adds(&sb, "deep\n");
	return sb_take(&sb);
}

static void
test_nesting_cap(void **state)
{
	struct md_doc d;
	char *s;

	(void)state;
	/* Sixteen levels are a quote still. */
	s = quotes(16);
	parse(s, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].kind, MD_QUOTE);
	assert_string_equal(d.v[0].text, "deep");
	md_doc_release(&d);
	free(s);
	/* Deeper, the rest is one flat paragraph at the cap, text kept. */
	s = quotes(17);
	parse(s, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].kind, MD_PARA);
	assert_int_equal(d.v[0].level, 16);
	assert_non_null(strstr(d.v[0].text, "deep"));
	md_doc_release(&d);
	free(s);
	s = quotes(5000);
	parse(s, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].level, 16);
	assert_non_null(strstr(d.v[0].text, "deep"));
	md_doc_release(&d);
	free(s);
}

static void
test_plain(void **state)
{
	const char *b = "# Heading\n\nPara *x* `y`.\n\n- item\n\n    code\n";
	char *p = md_plain(b, strlen(b));

	(void)state;
	/* No headings, no marks, no escapes: one block a line. */
	assert_string_equal(p, "Para x y.\nitem\ncode\n");
	free(p);
	/* A line break between Chinese or Japanese characters is no
	 * space; beside Latin text or Hangul it is one. */
	b = "代金を\nアクワイアラー\n\nPod は\nノード\n한국\n어 and\n見\n";
	p = md_plain(b, strlen(b));
	assert_string_equal(
	    p, "代金をアクワイアラー\nPod はノード 한국 어 and 見\n");
	free(p);
	p = md_plain("\x1b", 1);
	assert_string_equal(p, "\x1b\n");
	free(p);
	p = md_plain("", 0);
	assert_string_equal(p, "");
	free(p);
}

static void
test_examples(void **state)
{
	const char *b = "Intro.\n\n## Examples\n\n- One *a*.\n- Two.\n\n"
			"### Detail\n\nThree.\n\n## Notes\n\nNot one.\n";
	const char *one = "# T\n\n##  example ##\n\nOnly this.\n";
	struct strlist l = {0};

	(void)state;
	assert_true(md_has_examples(b, strlen(b)));
	assert_true(md_has_examples(one, strlen(one)));
	assert_false(md_has_examples("## Exampled\n", 12));
	assert_false(md_has_examples("# Examples\n", 11));
	/* A heading after up to three spaces; a `#' earlier in the body. */
	assert_true(md_has_examples(LIT("a # b\n   ## Example\n")));
	assert_true(md_has_examples(LIT("#x\n## Examples")));
	assert_true(md_has_examples(LIT("\n## Examples ##\r\n")));
	assert_false(md_has_examples(LIT("    ## Example\n")));
	assert_false(md_has_examples(LIT("x ## Example\n")));
	assert_false(md_has_examples(LIT("## Example x\n# ## Example\n")));
	assert_false(md_has_examples(LIT("")));
	md_examples(b, strlen(b), &l);
	/* Up to the next heading of level 2; deeper headings do not end it. */
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0], "One a.");
	assert_string_equal(l.v[1], "Two.");
	assert_string_equal(l.v[2], "Three.");
	strlist_release(&l);
	md_examples(one, strlen(one), &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0], "Only this.");
	strlist_release(&l);
	md_examples("No section.\n", 12, &l);
	assert_int_equal(l.n, 0);
	strlist_release(&l);
}

static void
test_examples_large_body(void **state)
{
	struct strlist l = {0};
	struct sbuf sb;
	size_t i;

	(void)state;
	/*
	 * Of a large body, parsing starts at the heading and reads at most
	 * MD_MAX_EXAMPLES bytes: "Late." lies beyond them.
	 */
	sb_init(&sb);
	for (i = 0; i < MD_MAX_EXAMPLES / 8; i++)
		sb_adds(&sb, "filler\n\n");
	sb_adds(&sb, "## Example\n\nFirst.\n\n```\n");
	for (i = 0; i <= MD_MAX_EXAMPLES / 7; i++)
		sb_adds(&sb, "code 7\n");
	sb_adds(&sb, "```\n\nLate.\n");
	md_examples(sb.s, sb.len, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0], "First.");
	strlist_release(&l);
	sb_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_blocks),
	    cmocka_unit_test(test_pipe_tables),
	    cmocka_unit_test(test_examples_heading),
	    cmocka_unit_test(test_lists),
	    cmocka_unit_test(test_links_and_escapes),
	    cmocka_unit_test(test_nesting_cap),
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_examples),
	    cmocka_unit_test(test_examples_large_body),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
