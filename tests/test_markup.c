/*
 * Site markup reduced to text (SPEC 1): one test per rule, the
 * references it records, and the worst shapes built in memory.
 * The sentences are our own, written in each site's style.
 */
#include <stdlib.h>

#include "testutil.h"

#include "markup.h"

/* Reduce in and compare with want; return the refs for more checks. */
static void
check_refs(const char *in, const char *want, struct markup_refs *refs)
{
	size_t len = 0;
	char *got = markup_reduce(in, strlen(in), &len, refs);

	assert_string_equal(got, want);
	assert_int_equal(len, strlen(want));
	free(got);
}

static void
check(const char *in, const char *want)
{
	check_refs(in, want, NULL);
}

/* The i-th reference is of kind k, names target and covers text. */
static void
check_ref(const struct markup_refs *refs, size_t i, enum markup_kind k,
    const char *target, const char *out, const char *text)
{
	assert_true(i < refs->n);
	assert_int_equal(refs->v[i].kind, k);
	assert_string_equal(refs->v[i].target, target);
	assert_int_equal(refs->v[i].len, strlen(text));
	assert_memory_equal(out + refs->v[i].off, text, strlen(text));
}

static void
test_comments(void **state)
{
	(void)state;
	check("A mug holds tea.\n<!--more-->\nIt has a handle.",
	    "A mug holds tea.\n\nIt has a handle.");
	check("Bowl <!-- TODO: say more -->of soup", "Bowl of soup");
	check("Two <!-- a\n\nb --> lines", "Two  lines");
	/* Unclosed: dropped to the end. */
	check("Kept <!-- never closed {{< x >}}", "Kept ");
	/* The first --> closes, however many <!-- came before. */
	check("a <!-- <!-- inner --> b --> c", "a  b --> c");
	check("x<!---->y<!-->z<!--->w", "xyzw");
}

static void
test_shortcode_text(void **state)
{
	struct markup_refs refs;
	const char *want = "A stove heats a kettle quickly.";

	(void)state;
	markup_refs_init(&refs);
	check_refs("A stove heats a {{< glossary_tooltip text=\"kettle\" "
		   "term_id=\"water-kettle\" >}} quickly.",
	    want, &refs);
	assert_int_equal(refs.n, 1);
	check_ref(&refs, 0, MARKUP_TOOLTIP, "water-kettle", want, "kettle");
	markup_refs_release(&refs);
	assert_int_equal(refs.n, 0);
	/* Any shortcode's text parameter, escaped quotes unescaped. */
	check("{{< badge text=\"say \\\"hi\\\"\" >}}!", "say \"hi\"!");
	check("{{% pill text='warm' %}} tea", "warm tea");
}

static void
test_shortcode_tooltip_without_text(void **state)
{
	struct markup_refs refs;
	const char *want = "Kept in a cupboard.";

	(void)state;
	markup_refs_init(&refs);
	/* Without text the id stands in, as the site shows the term. */
	check_refs("Kept in a {{< glossary_tooltip term_id=\"cupboard\" >}}.",
	    want, &refs);
	check_ref(&refs, 0, MARKUP_TOOLTIP, "cupboard", want, "cupboard");
	markup_refs_release(&refs);
}

/* Footnotes (GitHub's, which cmark does not read): a reference is a
 * mark, dropped; a definition a note at the end, a list item. */
static void
test_footnotes(void **state)
{
	(void)state;
	check("ISA-95[^ref-1] links plants and offices.[^2]\n\n"
	      "[^ref-1]: The standard's own text.\n[^2]:Second note.\n",
	    "ISA-95 links plants and offices.\n\n"
	    "- The standard's own text.\n- Second note.\n");
	/* Not footnotes: a link's text, a reference link, inside code,
	 * no label, a space in it, a definition not at a line start. */
	check("[^up](https://x.y) [^a][b] `[^c]` [^] [^a b] x [^d]: e",
	    "[^up](https://x.y) [^a][b] `[^c]` [^] [^a b] x : e");
}

/* Jekyll's links: a Liquid output that gives a string is that string
 * in a link's destination, so the link is one, and a mention. */
static void
test_liquid_destinations(void **state)
{
	struct markup_refs refs;
	const char *want = "- [permission](/terms/permission/) and [x](/a/b)";

	(void)state;
	markup_refs_init(&refs);
	check_refs("- [permission]({{ '/terms/permission/' | relative_url }})"
		   " and [x]({{\"/a/b\"}})",
	    want, &refs);
	assert_int_equal(refs.n, 2);
	check_ref(&refs, 0, MARKUP_LINK, "permission", want, "permission");
	check_ref(&refs, 1, MARKUP_LINK, "b", want, "x");
	markup_refs_release(&refs);
	/* Anything else in a destination, and in text, as before. */
	check_refs("[y]({{ site.baseurl }}/terms/y/) {{ 'z' | upcase }}",
	    "[y](/terms/y/) ", &refs);
	check_ref(&refs, 0, MARKUP_LINK, "y", "[y](/terms/y/) ", "y");
	markup_refs_release(&refs);
	check("[y]({{ 'open) never closed", "[y]({{ 'open) never closed");
}

/* A term component of an MDX page (dbt's <Term id>, a plugin's
 * <GlossaryTerm term>): a mention; alone, its id stands in as text. */
static void
test_term_components(void **state)
{
	struct markup_refs refs;
	const char *want = "A DAG runs before any other edw, then tabs.";

	(void)state;
	markup_refs_init(&refs);
	check_refs("A <Term id=\"dag\">DAG</Term> runs before any other "
		   "<Term id=\"edw\" />, then <Tabs id=\"t\">tabs</Tabs>.",
	    want, &refs);
	assert_int_equal(refs.n, 2);
	check_ref(&refs, 0, MARKUP_TOOLTIP, "dag", want, "DAG");
	check_ref(&refs, 1, MARKUP_TOOLTIP, "edw", want, "edw");
	markup_refs_release(&refs);
	check_refs("<GlossaryTerm term='data-warehouse'>warehouses"
		   "</GlossaryTerm> and <term id=\"x\">x</term>",
	    "warehouses and x", &refs);
	assert_int_equal(refs.n, 1);
	check_ref(&refs, 0, MARKUP_TOOLTIP, "data-warehouse",
	    "warehouses and x", "warehouses");
	markup_refs_release(&refs);
}

static void
test_shortcode_paired_and_dropped(void **state)
{
	(void)state;
	check("{{< note >}}\nBoil the **water** first.\n{{< /note >}}",
	    "\nBoil the **water** first.\n");
	check("{{% warning title=\"Hot\" %}}Mind the lid.{{% /warning %}}",
	    "Mind the lid.");
	check("Before{{< figure src=\"pot.png\" alt=\"a pot\" >}}after",
	    "Beforeafter");
	check("{{< glossary_definition term_id=\"pan\" length=\"all\" >}}", "");
	check("{{</* tabs */>}}x", "x");
	/* Not closed before a blank line: not a shortcode. */
	check("{{< oops\n\nmore >}}", "{{< oops\n\nmore >}}");
}

static void
test_macros(void **state)
{
	struct markup_refs refs;
	const char *want = "A sieve drains pasta and rice grains.";

	(void)state;
	check("Use {{jsxref(\"Array.map\")}} here.", "Use Array.map here.");
	check("The {{domxref('Node.textContent', 'text')}} of it.",
	    "The text of it.");
	check("{{CSSRef}}Colour{{ListSubpages}}", "Colour");
	check("{{ EmbedLiveSample(\"demo\", 300, 200) }}", "demo");
	markup_refs_init(&refs);
	check_refs("A sieve drains {{Glossary(\"pasta\")}} and "
		   "{{Glossary(\"Grain\", \"rice grains\")}}.",
	    want, &refs);
	assert_int_equal(refs.n, 2);
	check_ref(&refs, 0, MARKUP_MACRO, "pasta", want, "pasta");
	/* The term is the first argument, the text the second. */
	check_ref(&refs, 1, MARKUP_MACRO, "Grain", want, "rice grains");
	markup_refs_release(&refs);
}

static void
test_liquid(void **state)
{
	(void)state;
	check("{% include note.html %}Stir{% endinclude %}.", "Stir.");
	check("By {{ page.author | upcase }} today", "By  today");
	check("{{ site.title }}", "");
	/* An unclosed {{ is text, and costs nothing per brace. */
	check("{{ never {{ closed", "{{ never {{ closed");
	check("{{Glossary(\"a\")\n\n}}", "{{Glossary(\"a\")\n\n}}");
	/* A comment block goes whole, blank lines and all. */
	check("Tea{% comment %} draft\n\nnote {{ x }}{% endcomment %} cup.",
	    "Tea cup.");
	check("A{%- comment -%}x{%- endcomment -%}B{% comment %}y"
	      "{% endcomment %}C",
	    "ABC");
	/* Kramdown's attribute lists (Jekyll) go: after a span, after a
	 * link, on a line of their own. */
	check("a state{:.glossary} that", "a state that");
	check("[x](y){:target=\"_blank\"}.\n{: .note}\nz", "[x](y).\n\nz");
	check("{: not closed\n}", "{: not closed\n}");
	/* Unclosed, only the tag goes; "commentary" is another tag. */
	check("A{% comment %}b", "Ab");
	check("A{% commentary %}b{% endcomment %}c", "Abc");
}

static void
test_html_tags(void **state)
{
	(void)state;
	check("<p>A <strong>fork</strong> has <em>tines</em>.</p>",
	    "A fork has tines. ");
	check("one<br>two<br/>three", "one two three");
	check("<span class=\"x\" data-v='1' hidden>Plate</span>", "Plate");
	/* Not tags: kept as text for the Markdown renderer. */
	check("a < b and c<d", "a < b and c<d");
	check("<https://example.org/> and <me@example.org>",
	    "<https://example.org/> and <me@example.org>");
	check("<a title=\"x\" <b>c", "<a title=\"x\" c");
	check("unclosed <div class=\"y", "unclosed <div class=\"y");
}

static void
test_html_script_style(void **state)
{
	(void)state;
	check("A<script>if (a < b && c) {}</script>B", "AB");
	check("A<STYLE type=\"text/css\">p { color: red }</Style >B", "AB");
	check("A<script src=\"x.js\"/>B", "AB");
	/* Unclosed: dropped to the end. */
	check("A<script>var x = 1; <!-- no end", "A");
	/* A page's <head> (dbt's MDX, Docusaurus' <Head>) is never shown. */
	check("<head>\n  <title>CTE in SQL: a tab's title</title>\n</head>\n\n"
	      "A CTE is",
	    "\n\nA CTE is");
	check("A<Head><meta name=\"x\" /></Head>B", "AB");
	check("A<header>kept</header>B", "AkeptB"); /* not a <head> */
}

static void
test_entities(void **state)
{
	(void)state;
	check("Salt &amp; pepper &lt;3 &gt; &quot;q&quot; &apos;a&apos;",
	    "Salt & pepper <3 > \"q\" 'a'");
	check("a&nbsp;b&mdash;c&ndash;d&hellip;&copy;",
	    "a\xc2\xa0"
	    "b\xe2\x80\x94"
	    "c\xe2\x80\x93"
	    "d\xe2\x80\xa6\xc2\xa9");
	check("&#65;&#x42;&#X43;&#x1F944;", "ABC\xf0\x9f\xa5\x84");
	/* Unknown, invalid or unsafe: left as written. */
	check(
	    "&bogus; &amp &#; &#x; &#12a; &", "&bogus; &amp &#; &#x; &#12a; &");
	check(
	    "&#0; &#9; &#x1b; &#127; &#x85;", "&#0; &#9; &#x1b; &#127; &#x85;");
	check("&#xD800; &#xDFFF; &#x110000; &#99999999;",
	    "&#xD800; &#xDFFF; &#x110000; &#99999999;");
	check("&#x10FFFF;", "\xf4\x8f\xbf\xbf");
}

static void
test_mdx(void **state)
{
	(void)state;
	check("import Cup from './cup.mdx'\nimport { A, B } from \"x\"\n"
	      "import './style.css';\nA cup.\n",
	    "A cup.\n");
	check("export const meta = {\n  title: 'Cup',\n};\nText\n", "Text\n");
	check("Text\nexport default Layout\n", "Text\n");
	/* Prose that happens to start with the words stays. */
	check("import and export of cups\nexports are up\n",
	    "import and export of cups\nexports are up\n");
	check("  import X from 'y'\n", "  import X from 'y'\n");
}

/* Docusaurus and Starlight admonitions (and Pandoc's fenced divs): the
 * fence lines go, their title and what they enclose stay. */
static void
test_admonitions(void **state)
{
	(void)state;
	/* A fence ends a paragraph, as the box does on the page; the
	 * title is a paragraph of its own, not the text's first words. */
	check(":::note\nA cup holds tea.\n:::\nAfter.\n",
	    "\nA cup holds tea.\n\nAfter.\n");
	check(":::tip[Pour slowly]\nHot.\n:::\n", "\nPour slowly\n\nHot.\n\n");
	check(":::caution Mind the handle\nHot.\n:::",
	    "\nMind the handle\n\nHot.\n\n");
	check("::::info{open}\n:::note\nIn.\n:::\n::::\n", "\n\nIn.\n\n\n");
	check("  :::danger\r\nBoiling.\r\n  :::\r\n", "\nBoiling.\r\n\n");
	check("Before.\n:::note Tip\nIn.\n:::\n", "Before.\n\nTip\n\nIn.\n\n");
	check(":::\n:::\n", "\n\n");
	/* Not at a line start, two colons, or in code: text. */
	check("A ratio of 3:::1 holds.\n", "A ratio of 3:::1 holds.\n");
	check("::note\n", "::note\n");
	check("    :::note\n", "    :::note\n"); /* indented code */
	check("```\n:::note\n```\n", "```\n:::note\n```\n");
}

/* MDN's definition lists: a term's item, then its definition as a
 * nested item that starts "- : ".  The colon goes. */
static void
test_mdn_definitions(void **state)
{
	(void)state;
	check("- `cup`\n  - : Holds tea.\n- `mug`\n  - : Holds more.\n",
	    "- `cup`\n  - Holds tea.\n- `mug`\n  - Holds more.\n");
	check("- : Alone.\n", "- Alone.\n");
	/* Elsewhere a colon is text. */
	check("- a : b\n-: c\n  x - : y\n", "- a : b\n-: c\n  x - : y\n");
}

static void
test_markdown_links(void **state)
{
	struct markup_refs refs;
	const char *in = "A [saucer](/docs/glossary/saucer/) under a "
			 "[cup **of tea**](../cup.md#size), ![a jug](jug.png) "
			 "and <a href=\"/en-US/docs/Glossary/Tray\">a "
			 "<b>tray</b></a>.";
	const char *want =
	    "A [saucer](/docs/glossary/saucer/) under a "
	    "[cup **of tea**](../cup.md#size), ![a jug](jug.png) "
	    "and a tray.";

	(void)state;
	markup_refs_init(&refs);
	check_refs(in, want, &refs);
	assert_int_equal(refs.n, 3); /* not the image */
	check_ref(&refs, 0, MARKUP_LINK, "saucer", want, "saucer");
	check_ref(&refs, 1, MARKUP_LINK, "cup", want, "cup **of tea**");
	check_ref(&refs, 2, MARKUP_LINK, "Tray", want, "a tray");
	markup_refs_release(&refs);
}

static void
test_link_markup_inside(void **state)
{
	struct markup_refs refs;
	const char *want = "See [the lid](/docs/glossary/lid.md) now.";

	(void)state;
	markup_refs_init(&refs);
	/* A Hugo ref shortcode as the destination gives its path. */
	check_refs("See [the {{< b >}}lid{{< /b >}}]({{< ref "
		   "\"/docs/glossary/lid.md\" >}}) now.",
	    want, &refs);
	assert_int_equal(refs.n, 1);
	check_ref(&refs, 0, MARKUP_LINK, "lid", want, "the lid");
	markup_refs_release(&refs);
	markup_refs_init(&refs);
	check_refs(
	    "[{{Glossary(\"Spoon\")}}](/g/spoon)", "[Spoon](/g/spoon)", &refs);
	assert_int_equal(refs.n, 2);
	assert_int_equal(refs.v[0].kind, MARKUP_MACRO);
	assert_int_equal(refs.v[1].kind, MARKUP_LINK);
	markup_refs_release(&refs);
}

static void
check_key(const char *url, const char *want)
{
	size_t off = 99, n = markup_url_key(url, strlen(url), &off);

	assert_int_equal(n, strlen(want));
	assert_memory_equal(url + off, want, n);
}

static void
test_url_key(void **state)
{
	(void)state;
	check_key("/docs/reference/glossary/pod/", "pod");
	check_key(
	    "/en-US/docs/Glossary/TCP_handshake#see_also", "TCP_handshake");
	check_key("../glossary/kettle.md?x=1", "kettle");
	check_key("kettle.HTML", "kettle");
	check_key("/glossary/ladle/index.md", "ladle");
	check_key("/glossary/ladle/_index.md", "ladle");
	check_key("../ladle/README.md", "ladle");
	check_key("/docs/ladle/readme", "ladle");
	check_key("https://example.org/a/b.mdx", "b");
	check_key("https://example.org/a/b/", "b");
	check_key("https://example.org", "");
	check_key("https://example.org/?q=1", "");
	check_key("//example.org/cdn/x.html", "x");
	check_key("mailto:cook@example.org", "cook@example.org");
	check_key("#top", "");
	/* A glossary page's anchor names its term (Gatsby; Kubernetes
	 * writes the anchor term-ID). */
	check_key("/docs/glossary#jsx", "jsx");
	check_key("/docs/Glossary/#npm", "npm");
	check_key("/docs/reference/glossary/?all=true#term-pod", "pod");
	check_key("/docs/reference/glossary/?all=true", "glossary");
	check_key("/docs/glossary#", "glossary");
	check_key("/docs/api#jsx", "api");
	check_key("/", "");
	check_key(".md", ".md");
	check_key("index.md", "index");
}

static void
test_code_untouched(void **state)
{
	const char *fenced = "Before\n```html\n<!-- c --> {{< x >}} &amp;\n\n"
			     "{{Glossary(\"y\")}}\n```\nafter &amp;\n";
	const char *tilde = "~~~~\n<b>\n```\n~~~~\n<i>x</i>";

	(void)state;
	check("Write `{{Glossary(\"a\")}}` and ``<b>`` &amp; ` ` ",
	    "Write `{{Glossary(\"a\")}}` and ``<b>`` & ` ` ");
	check(fenced,
	    "Before\n```html\n<!-- c --> {{< x >}} &amp;\n\n"
	    "{{Glossary(\"y\")}}\n```\nafter &\n");
	check(tilde, "~~~~\n<b>\n```\n~~~~\nx");
	/* Unclosed fence: code to the end. */
	check("```\n<b>", "```\n<b>");
	/* A lone backtick is text, and markup after it is reduced. */
	check("it`s <b>bold</b>", "it`s bold");
	check("`a\n\n<b>b</b>`", "`a\n\nb`");
	check("\\`<b>x</b>\\`", "\\`x\\`");
}

static void
test_bytes(void **state)
{
	static const char in[] = "a\xff<b>\0</b>\xc3(\x80{{x\0}}z";
	static const char want[] = "a\xff\0\xc3(\x80z";
	static const char href[] = "<a href=\"x\0y\">a</a> <a href=cup>b</a>";
	struct markup_refs refs;
	size_t len = 0;
	char *got;

	(void)state;
	got = markup_reduce(in, sizeof(in) - 1, &len, NULL);
	assert_int_equal(len, sizeof(want) - 1);
	assert_memory_equal(got, want, len);
	assert_int_equal(got[len], '\0');
	free(got);
	/* Found by fuzz_markup: a target is a C string, so none with a NUL. */
	markup_refs_init(&refs);
	got = markup_reduce(href, sizeof(href) - 1, &len, &refs);
	assert_string_equal(got, "a b");
	assert_int_equal(refs.n, 1);
	assert_string_equal(refs.v[0].target, "cup");
	markup_refs_release(&refs);
	free(got);
	got = markup_reduce(NULL, 0, &len, NULL);
	assert_string_equal(got, "");
	free(got);
}

static void
test_no_comment_assembled(void **state)
{
	(void)state;
	/* Pieces around dropped markup never join into a comment opener. */
	check("<!<b></b>--x", "<!-x");
	check("&lt;!-- y", "<!- y");
	check("<{{x}}!--z", "<!-z");
	/* Found by fuzz_markup: a URL is copied, but not that, and the
	 * output stays no longer than the input. */
	check("[a](/x<!--y)", "[a](/x<!-y)");
}

static void
test_more(void **state)
{
	const char *s = "Short.\n<!-- note -->\n`<!--more-->`\n<!--more-->\n"
			"Long.\n<!--more-->";

	(void)state;
	assert_int_equal(markup_more(s, strlen(s)), strlen(s) - 29);
	assert_int_equal(markup_more("x <!-- more --> y", 17), 2);
	assert_int_equal(markup_more("x <!--more", 10), 10);
	assert_int_equal(markup_more("no divider", 10), 10);
	assert_int_equal(markup_more("", 0), 0);
}

/* A buffer of n bytes of a repeated pattern, then a tail. */
static char *
repeat(const char *pat, size_t n, const char *tail, size_t *len)
{
	size_t m = strlen(pat), t = strlen(tail), k;
	char *s = malloc(n + t + 1);

	assert_non_null(s);
	for (k = 0; k < n; k++)
		s[k] = pat[k % m];
	memcpy(s + n, tail, t + 1);
	*len = n + t;
	return s;
}

/* The reduction of pat repeated to 1 MiB (32 KiB under valgrind: make
 * leakcheck), then tail, is want. */
static void
check_worst(const char *pat, const char *tail, const char *want)
{
	size_t n, len;
	char *in = repeat(pat, test_scale(1 << 20, 1 << 15), tail, &n), *got;

	got = markup_reduce(in, n, &len, NULL);
	if (want == NULL) { /* unchanged */
		assert_int_equal(len, n);
		assert_memory_equal(got, in, n);
	} else
		assert_string_equal(got, want);
	assert_true(markup_more(in, n) == n || want != NULL);
	free(got);
	free(in);
}

/* pat repeated to 1 MiB, as check_worst, reduced in time whatever it
 * gives; its length is no more than the input's. */
static void
check_worst_any(const char *pat)
{
	size_t n, len;
	char *in = repeat(pat, test_scale(1 << 20, 1 << 15), "", &n), *got;

	got = markup_reduce(in, n, &len, NULL);
	assert_true(len <= n);
	free(got);
	free(in);
}

static void
test_worst_shapes(void **state)
{
	(void)state;
	check_worst("{{<", "", NULL);
	check_worst("{{<", " x >}}", "");
	check_worst("{{% ", "", NULL);
	check_worst("<!--", "-->end", "end");
	check_worst("<!--", "", "");
	check_worst("{{", "", NULL);
	check_worst("{{", "}}tail", "tail");
	check_worst("{{Glossary(\"a\"", "", NULL);
	check_worst("<script>", "", "");
	check_worst("<head>", "", "");
	check_worst("&", "", NULL);
	check_worst("&#x1", "", NULL);
	check_worst("`", "", NULL);
	check_worst("` `` ``` ```` ", "", NULL);
	check_worst("<a x=\"", "", NULL);
	check_worst("[", "", NULL);
	check_worst("](", "", NULL);
	check_worst("\n\n", "", NULL);
	/* Comment blocks never closed, and closers never opened (the
	 * harness's time limit is the test). */
	check_worst_any("{% comment %}");
	check_worst_any("- endcomment %}");
	check_worst_any("{% comment %}x - endcomment");
	/* Admonition fences, MDN definitions. */
	check_worst_any(":::\n"); /* a blank line each */
	check_worst_any("  - : ");
	/* Attribute lists never closed. */
	check_worst("{:", "", NULL);
	check_worst("{: a ", "", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_comments),
	    cmocka_unit_test(test_shortcode_text),
	    cmocka_unit_test(test_shortcode_tooltip_without_text),
	    cmocka_unit_test(test_term_components),
	    cmocka_unit_test(test_liquid_destinations),
	    cmocka_unit_test(test_footnotes),
	    cmocka_unit_test(test_shortcode_paired_and_dropped),
	    cmocka_unit_test(test_macros),
	    cmocka_unit_test(test_liquid),
	    cmocka_unit_test(test_html_tags),
	    cmocka_unit_test(test_html_script_style),
	    cmocka_unit_test(test_entities),
	    cmocka_unit_test(test_mdx),
	    cmocka_unit_test(test_admonitions),
	    cmocka_unit_test(test_mdn_definitions),
	    cmocka_unit_test(test_markdown_links),
	    cmocka_unit_test(test_link_markup_inside),
	    cmocka_unit_test(test_url_key),
	    cmocka_unit_test(test_code_untouched),
	    cmocka_unit_test(test_bytes),
	    cmocka_unit_test(test_no_comment_assembled),
	    cmocka_unit_test(test_more),
	    cmocka_unit_test(test_worst_shapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
