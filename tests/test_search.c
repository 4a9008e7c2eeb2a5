/* Lookup fallbacks, suggestions, filters, full-text ranking. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

#include "post_make.h"
#include "query.h"
#include "search.h"
#include "snippet.h"
#include "testterm.h"

static struct table tab;

static int
setup(void **state)
{
	static const struct tterm g[] = {
	    {.name = "Cross-sell",
		.aliases = {"cross-selling"},
		.category = "Sales",
		.description = "Selling a complementary product to a customer.",
		.related = {"Upsell", "Nowhere"},
		.body = "Bundles help.\n"},
	    {.name = "Upsell",
		.category = "Sales",
		.description = "Moving a customer to a bigger plan.",
		.related = {"cross selling"},
		.body = "Upselling is not cross-selling.\n"},
	    {.name = "Churn",
		.aliases = {"attrition"},
		.category = "Revenue",
		.vertical = "SaaS",
		.description = "Customers who cancel in a period.",
		.examples = {"Ten accounts cancelled, so churn was two "
			     "percent."},
		.body = "Churn is the opposite of customer retention.\n"},
	    {.name = "Customer Retention",
		.category = "Revenue",
		.vertical = "SaaS",
		.description = "Keeping customers over time.",
		.related = {"Churn"}},
	    {.name = "Channel Partner",
		.category = "Partnerships",
		.description = "A company that resells your product.",
		.related = {"Partner Program"}},
	    {.name = "Partner Program",
		.category = "Partnerships",
		.description = "Rules and rewards for partners who sell.",
		.body = "Disputes over deal registration are common.\n"},
	    {.name = "Café",
		.category = "Pricing",
		.description = "An accented name."},
	};

	(void)state;
	tterm_table(&tab, g, sizeof(g) / sizeof(g[0]));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	table_release(&tab);
	return 0;
}

static enum match_kind
look(const char *q, int exact, const char **name)
{
	struct lookup lk;
	enum match_kind k;

	lookup_find(&tab, q, exact, NULL, &lk);
	k = lk.kind;
	*name = lk.term ? lk.term->name : NULL;
	lookup_release(&lk);
	return k;
}

static void
test_lookup_order(void **state)
{
	const char *name;

	(void)state;
	assert_int_equal(look("CROSS_SELL", 0, &name), MATCH_EXACT);
	assert_string_equal(name, "Cross-sell");
	assert_int_equal(look("Cross Selling", 0, &name), MATCH_ALIAS);
	assert_string_equal(name, "Cross-sell");
	assert_int_equal(look("cafe", 0, &name), MATCH_EXACT);
	assert_string_equal(name, "Café");
	assert_int_equal(look("upse", 0, &name), MATCH_PREFIX);
	assert_string_equal(name, "Upsell");
	assert_int_equal(look("retention", 0, &name), MATCH_SUBSTRING);
	assert_string_equal(name, "Customer Retention");
	/* -e: no fallback at all. */
	assert_int_equal(look("upse", 1, &name), MATCH_NONE);
	assert_null(name);
	assert_int_equal(look("cross-sell", 1, &name), MATCH_EXACT);
	assert_int_equal(look("partner", 0, &name), MATCH_PREFIX);
	assert_string_equal(name, "Partner Program");
	/* "ner" is a substring of two names: nothing. */
	assert_int_equal(look("ner", 0, &name), MATCH_NONE);
	assert_int_equal(look("", 0, &name), MATCH_NONE);
}

static void
test_ambiguous_and_suggest(void **state)
{
	struct lookup lk;

	(void)state;
	lookup_find(&tab, "c", 0, NULL, &lk);
	assert_null(lk.term);
	assert_true(lk.ambiguous);
	assert_int_equal(
	    lk.ncands, 5); /* Café, Channel.., Churn, Cross, Cust */
	lookup_release(&lk);

	lookup_find(&tab, "upsel-x", 0, NULL, &lk);
	assert_false(lk.ambiguous);
	assert_true(lk.ncands >= 1);
	assert_string_equal(lk.cands[0]->name, "Upsell");
	lookup_release(&lk);

	lookup_find(&tab, "retension", 0, NULL, &lk);
	assert_null(lk.term);
	assert_true(lk.ncands >= 1);
	assert_string_equal(lk.cands[0]->name, "Customer Retention");
	lookup_release(&lk);

	/* Separators fold away: run together, it is the name itself. */
	lookup_find(&tab, "crosssell", 1, NULL, &lk);
	assert_string_equal(lk.term->name, "Cross-sell");
	lookup_release(&lk);
	lookup_find(&tab, "cross sel", 0, NULL, &lk);
	assert_int_equal(lk.kind, MATCH_PREFIX);
	assert_string_equal(lk.term->name, "Cross-sell");
	lookup_release(&lk);
	lookup_find(&tab, "crossel", 0, NULL, &lk);
	assert_string_equal(lk.cands[0]->name, "Cross-sell");
	lookup_release(&lk);

	lookup_find(&tab, "zzzzqqqq", 0, NULL, &lk);
	assert_int_equal(lk.ncands, 0);
	lookup_release(&lk);
}

static void
test_filter(void **state)
{
	struct filter f;
	struct lookup lk;

	(void)state;
	filter_init(&f, "revenue", NULL, NULL);
	lookup_find(&tab, "upsell", 0, &f, &lk);
	assert_null(lk.term);
	lookup_release(&lk);
	lookup_find(&tab, "churn", 0, &f, &lk);
	assert_non_null(lk.term);
	lookup_release(&lk);
	filter_release(&f);
	filter_init(&f, NULL, "saas", NULL);
	lookup_find(&tab, "c", 0, &f, &lk);
	assert_int_equal(lk.ncands, 2);
	lookup_release(&lk);
	filter_release(&f);
	/* Two names of one kind: either passes (-c a -c b). */
	filter_init(&f, "revenue", NULL, NULL);
	assert_true(filter_active(&f));
	lookup_find(&tab, "upsell", 0, &f, &lk);
	assert_null(lk.term);
	lookup_release(&lk);
	filter_add(&f, FILTER_CATEGORY, "Sales");
	lookup_find(&tab, "upsell", 0, &f, &lk);
	assert_non_null(lk.term);
	lookup_release(&lk);
	lookup_find(&tab, "churn", 0, &f, &lk);
	assert_non_null(lk.term);
	lookup_release(&lk);
	filter_release(&f);
	filter_init(&f, NULL, NULL, NULL);
	assert_false(filter_active(&f));
	filter_release(&f);
}

static void
test_fulltext(void **state)
{
	struct hits h;

	(void)state;
	/* Stemming: "selling" finds sell, cross-selling and Upselling. */
	assert_int_equal(rank_query(&tab, "selling", NULL, 0, &h), 3);
	assert_string_equal(h.v[0].term->name, "Cross-sell");
	hits_release(&h);
	assert_int_equal(rank_query(&tab, "churn", NULL, 0, &h), 1);
	assert_int_equal(h.v[0].match, MATCH_EXACT);
	hits_release(&h);
	/* A word in the name outranks the same word in descriptions. */
	assert_true(rank_query(&tab, "customers", NULL, 0, &h) >= 3);
	assert_string_equal(h.v[0].term->name, "Customer Retention");
	assert_int_equal(h.v[1].match, MATCH_FULLTEXT);
	hits_release(&h);
	/* Every word must match. */
	assert_int_equal(rank_query(&tab, "customer period", NULL, 0, &h), 1);
	assert_string_equal(h.v[0].term->name, "Churn");
	hits_release(&h);
	/* "disputes" finds "Disputes", plural and all; stopwords drop. */
	assert_int_equal(rank_query(&tab, "what is a dispute", NULL, 0, &h), 1);
	assert_string_equal(h.v[0].term->name, "Partner Program");
	assert_non_null(h.v[0].snippet);
	assert_true(h.v[0].nmarks >= 1);
	hits_release(&h);
	/* Phrases: adjacent words only. */
	assert_int_equal(
	    rank_query(&tab, "\"customer retention\"", NULL, 0, &h), 2);
	hits_release(&h);
	assert_int_equal(
	    rank_query(&tab, "\"retention customer\"", NULL, 0, &h), 0);
	hits_release(&h);
	assert_int_equal(rank_query(&tab, "customer", NULL, 2, &h), 2);
	hits_release(&h);
	assert_int_equal(rank_query(&tab, "zebra", NULL, 0, &h), 0);
	hits_release(&h);
}

/*
 * What a body's links point to is not its text: a link's destination and
 * title, a reference's label and definition are not searched, nor shown
 * in a snippet; the link's text is, and so is an autolink, whose text is
 * its address.
 */
static void
test_link_urls(void **state)
{
	static const struct tterm g[] = {{.name = "Deal Desk",
	    .description = "Approves unusual deals.",
	    .body = "Read the [pricing guide](/docs/handbook/#zebra "
		    "\"walrus\") or\n![a chart](chart-osprey.png) or "
		    "<https://example.com/yak>.\n\n"
		    "Ask [finance][heron] first.\n\n"
		    "  [heron]: https://example.com/egret\n"}};
	static const char *const hidden[] = {
	    "zebra", "handbook", "walrus", "osprey", "heron", "egret", "docs"};
	struct table t;
	struct hits h;
	size_t i;

	(void)state;
	tterm_table(&t, g, 1);
	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		if (rank_query(&t, hidden[i], NULL, 0, &h) != 0)
			fail_msg("'%s' found", hidden[i]);
		hits_release(&h);
	}
	assert_int_equal(rank_query(&t, "yak", NULL, 0, &h), 1);
	hits_release(&h);
	assert_int_equal(rank_query(&t, "finance", NULL, 0, &h), 1);
	hits_release(&h);
	/* The link's words are next to the words around it. */
	assert_int_equal(rank_query(&t, "\"guide or\"", NULL, 0, &h), 1);
	assert_non_null(h.v[0].snippet);
	assert_null(strstr(h.v[0].snippet, "zebra"));
	assert_null(strchr(h.v[0].snippet, '<'));
	hits_release(&h);
	table_release(&t);
}

/* Words no term holds are named; the rest still search (SPEC 4). */
static void
test_unmatched(void **state)
{
	struct hits h;

	(void)state;
	assert_int_equal(rank_query(&tab, "churn Zebra", NULL, 0, &h), 1);
	assert_string_equal(h.v[0].term->name, "Churn");
	assert_int_equal(h.nunmatched, 1);
	assert_string_equal(h.unmatched[0], "Zebra"); /* as typed */
	hits_release(&h);
	assert_int_equal(h.nunmatched, 0);
	/* A phrase is named whole; a corrected typo is not unmatched. */
	assert_int_equal(
	    rank_query(&tab, "\"retention customer\" churn", NULL, 0, &h), 1);
	assert_int_equal(h.nunmatched, 1);
	assert_string_equal(h.unmatched[0], "retention customer");
	hits_release(&h);
	assert_int_equal(rank_query(&tab, "chrun", NULL, 0, &h), 1);
	assert_int_equal(h.nunmatched, 0);
	hits_release(&h);
	/* A stopword dropped from a query is not a word it looks for. */
	assert_int_equal(rank_query(&tab, "the churn", NULL, 0, &h), 1);
	assert_int_equal(h.nunmatched, 0);
	assert_false(h.stop_only);
	hits_release(&h);
	/* The limit cuts the hits; total says how many there were. */
	assert_int_equal(rank_query(&tab, "customer", NULL, 2, &h), 2);
	assert_true(h.total >= 3);
	hits_release(&h);
}

/*
 * A query of stopwords only would match every text; it looks at names
 * and aliases alone ("the" is in Churn's body, no name has it).
 */
static void
test_stopwords_only(void **state)
{
	struct hits h;

	(void)state;
	assert_int_equal(rank_query(&tab, "the", NULL, 0, &h), 0);
	assert_true(h.stop_only);
	hits_release(&h);
	assert_int_equal(rank_query(&tab, "is a", NULL, 0, &h), 0);
	assert_true(h.stop_only);
	hits_release(&h);
}

static void
test_ties_by_name(void **state)
{
	struct hits h;
	size_t i;

	(void)state;
	assert_true(rank_query(&tab, "partners", NULL, 0, &h) >= 1);
	for (i = 1; i < h.n; i++)
		assert_true(h.v[i - 1].score > h.v[i].score ||
		    (h.v[i - 1].score == h.v[i].score &&
			strcmp(h.v[i - 1].term->key, h.v[i].term->key) < 0));
	hits_release(&h);
}

static int
join_word(void *arg, const char *s, size_t start, size_t end)
{
	char *buf = arg;
	size_t n = strlen(buf);

	snprintf(buf + n, 256 - n, "%s%.*s", n > 0 ? "|" : "",
	    (int)(end - start), s + start);
	return 0;
}

/* The words scan finds in s, joined by |. */
static const char *
joined(void (*scan)(const char *, size_t, query_word_fn, void *), const char *s)
{
	static char buf[256];

	buf[0] = '\0';
	scan(s, strlen(s), join_word, buf);
	return buf;
}

/* The words query_words finds in s. */
static const char *
words(const char *s)
{
	return joined(query_words, s);
}

/* The words query_body_words finds in the Markdown s. */
static const char *
body_words(const char *s)
{
	return joined(query_body_words, s);
}

static int
count_word(void *arg, const char *s, size_t start, size_t end)
{
	(void)s;
	(void)start;
	(void)end;
	++*(size_t *)arg;
	return 0;
}

/* A body's link destinations, titles, labels and definitions give no
 * words; its link texts and the rest do, each byte read a few times. */
static void
test_body_words(void **state)
{
	static const char *const worst[] = {
	    "a](b ", "a][b ", "a]:b\n", "[a]:b [c]:d ", "](", "]]]"};
	size_t i, k, n, len = test_scale(1 << 20, 1 << 14);
	char *big = xmalloc(len + 1);

	(void)state;
	assert_string_equal(
	    body_words("A [b c](d/e \"f\") g ![h](i.png)j"), "A|b|c|g|h|j");
	assert_string_equal(body_words("[x][y] z [w]\n"), "x|z|w");
	assert_string_equal(
	    body_words("a\n   [Lbl]: http://u.v/w \"t\"\nb [c]: d\n"),
	    "a|b|c|d");
	/* Unclosed, or a parenthesis on the next line: text. */
	assert_string_equal(body_words("a](b c\n)d"), "a|b|c|d");
	assert_string_equal(body_words("    [a]: b"), "a|b");
	for (k = 0; k < sizeof(worst) / sizeof(worst[0]); k++) {
		size_t m = strlen(worst[k]);

		for (i = 0; i < len; i++)
			big[i] = worst[k][i % m];
		big[len] = '\0';
		n = 0;
		query_body_words(big, len, count_word, &n);
		assert_true(n <= len);
	}
	free(big);
}

static void
test_words(void **state)
{
	(void)state;
	assert_string_equal(words("cross-sell, 2 ways"), "cross|sell|2|ways");
	/* Unspaced CJK text: overlapping bigrams; a lone character alone. */
	assert_string_equal(
	    words("データ統合ツール"), "デー|ータ|タ統|統合|合ツ|ツー|ール");
	assert_string_equal(words("統 x 한국어"), "統|x|한국|국어");
	assert_string_equal(words("abc統合def"), "abc|統合|def");
	/* camelCase: the word, then its parts. */
	assert_string_equal(
	    words("ConfigMap objects"), "ConfigMap|Config|Map|objects");
	assert_string_equal(words("HTTPServer"), "HTTPServer|HTTP|Server");
	assert_string_equal(words("SaaS iPhone"), "SaaS|iPhone");
}

/* Words until the callback says stop, and whether they came in order. */
struct upto {
	int left; /* words to take before stopping */
	int taken;
	size_t last; /* the start of the word before */
	int ordered;
};

static int
upto_word(void *arg, const char *s, size_t start, size_t end)
{
	struct upto *u = arg;

	(void)s;
	(void)end;
	if (start < u->last)
		u->ordered = 0;
	u->last = start;
	u->taken++;
	return --u->left == 0;
}

static void
test_words_stop(void **state)
{
	static const char *const texts[] = {"ConfigMap objects 統合ツール x",
	    "abc統合def HTTPServer", "統 x 한국어 iPhone", "a b c d e f g h"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct upto all = {-1, 0, 0, 1}, some = {3, 0, 0, 1};

		query_words(texts[i], strlen(texts[i]), upto_word, &all);
		/* Every word starts at or after the one before it. */
		assert_true(all.ordered);
		assert_true(all.taken > 3);
		/* A nonzero return stops at that word. */
		query_words(texts[i], strlen(texts[i]), upto_word, &some);
		assert_int_equal(some.taken, 3);
	}
}

/* A small multilingual glossary, served as lang says. */
static void
load_multilingual(struct table *t, const char *lang)
{
	static const struct tterm g[] = {
	    {.name = "Abwicklung",
		.description = "Die Zahlungen kommen beim Händler an.",
		.lang = "de"},
	    {.name = "Settlement",
		.description = "Captured card payments reach the merchant.",
		.lang = "en"},
	    {.name = "システムインテグレーション",
		.description = "業務システムをつなぐこと。",
		.body = "受発注と会計のシステムを統合すると楽になります。",
		.lang = "ja"},
	    {.name = "ConfigMap",
		.description = "Settings kept apart from the program."},
	};
	struct diag d;
	size_t i;

	table_init(t);
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++)
		tterm_add(t, &g[i]);
	t->lang = lang != NULL ? xstrdup(lang) : NULL;
	diag_init(&d);
	table_index(t, &d);
	diag_release(&d);
}

/* Blocks of Markdown that a body is made of (test_snippet_cuts), each
 * ending in an empty line unless it says otherwise. */
static const char *const md_blocks[] = {
    "Plain prose about the quarter and its numbers, long enough to wrap "
    "once or twice in a terminal of eighty columns.\n\n",
    "A payment lands in *the* account, with `code` and a [link](u).\n\n",
    "```\nfenced code\n\nwith a payment after an empty line\n\n```\n\n",
    "    indented code\n\n    payment in it, after an empty line\n\n",
    "- one item\n\n- a loose item with payment\n\n  and a second paragraph\n\n",
    "<!-- a comment with payment\n\nthat spans an empty line -->\n\n",
    "> quoted payment\n\n> quoted again\n\n",
    "Setext payment\n==============\n\n",
    "Zahlung und Bezahlung: Umlaute äöü, 決済 and payment.\n\n",
    "Windows lines with payment\r\n\r\nand more\r\n\r\n",
    "No empty line after this payment line\n",
    "<div>\npayment in HTML\n</div>\n\n",
    "1. first\n2. second payment\n\n3. third\n\n",
    "Text\n\n\n\nafter three empty lines, payment.\n\n",
};

/* A body of blocks picked by a fixed generator: nblocks of them. */
static void
md_body(char *out, size_t cap, unsigned seed, size_t nblocks)
{
	size_t nb = sizeof(md_blocks) / sizeof(md_blocks[0]), i, len = 0;

	out[0] = '\0';
	for (i = 0; i < nblocks; i++) {
		const char *b;

		seed = seed * 1103515245u + 12345u;
		b = md_blocks[(seed >> 16) % nb];
		if (len + strlen(b) + 1 > cap)
			break;
		memcpy(out + len, b, strlen(b) + 1);
		len += strlen(b);
	}
}

/*
 * A body is rendered a prefix at a time for its snippet (snippet.c,
 * md_plain_cut): whatever the cut, the snippet and its marks are those
 * of the whole body: code blocks and HTML across the cut, the word
 * only far into the body, a link reference defined after it (then the
 * body is rendered whole), CRLF lines, no empty line at all.
 */
static void
test_snippet_cuts(void **state)
{
	static const size_t cuts[] = {1, 3, 16, 64, 200, 1024, 5000};
	static char body[16384];
	struct query q;
	struct term *t;
	unsigned seed;
	size_t c, len;

	(void)state;
	query_parse(&q, "payment", NULL);
	query_prepare(&q);
	for (seed = 0; seed < 200; seed++) {
		struct tterm w = {0};
		struct hit whole = {0};

		if (seed == 197) {
			/* A reference used far before its definition:
			 * rendered without it, the link would read
			 * "[payment][r]". */
			strcpy(body, md_blocks[0]);
			strcat(body, "The [payment][r] and more.\n\n");
			for (c = 0; c < 4; c++)
				strcat(body, md_blocks[0]);
			strcat(body, "[r]: /u\n\n");
			strcat(body, md_blocks[0]);
		} else if (seed == 198) {
			/* Emphasis over the lines of a long paragraph: cut
			 * at a line, not an empty one, it would read "*". */
			strcpy(body, "Lead.\n\n*payment");
			for (c = 0; c < 4; c++)
				strcat(body, " and words that go on");
			strcat(body, "\n");
			for (c = 0; c < 20; c++)
				strcat(body, " more words, on and on,");
			strcat(body, "\n and the end* of it.\n\n");
			strcat(body, md_blocks[0]);
		} else if (seed == 199) {
			/* Only late, past the first prefixes. */
			md_body(body, sizeof(body), 1, 400);
			len = strlen(body);
			for (c = 0; c + 7 <= len; c++)
				if (memcmp(body + c, "payment", 7) == 0)
					memcpy(body + c, "paiment", 7);
			memcpy(body + len - 200, "\n\npayment\n\n", 11);
		} else
			md_body(body, sizeof(body), seed, 4 + seed % 60);
		/* A name without the word: else the description is the
		 * snippet (test_snippet_named). */
		w.name = "Settlement terms";
		w.description = "Something else.";
		w.body = body;
		t = tterm_new(&w);
		whole.term = t;
		assert_int_equal(snippet_make_cut(&q, &whole, 0), 0);
		for (c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++) {
			struct hit one = {0};

			one.term = t;
			assert_int_equal(
			    snippet_make_cut(&q, &one, cuts[c]), 0);
			assert_string_equal(one.snippet, whole.snippet);
			assert_int_equal(one.nmarks, whole.nmarks);
			if (one.nmarks > 0)
				assert_memory_equal(one.marks, whole.marks,
				    2 * one.nmarks * sizeof(*one.marks));
			free(one.snippet);
			free(one.marks);
		}
		free(whole.snippet);
		free(whole.marks);
		term_free(t);
	}
	query_release(&q);
}

/*
 * A term whose name (or an alias) holds a word of the query is found
 * for what the name says: its snippet is its definition, marked where
 * it holds the words, not an example or the body that holds them.  A
 * term found only in its text shows where.
 */
static void
test_snippet_named(void **state)
{
	static const struct tterm g[] = {
	    {.name = "Revenue Churn",
		.description = "Recurring revenue lost in a period.",
		.examples = {"Quayside lost 2.5% of its MRR to churn."},
		.body = "Churn counts cancellations and downgrades.\n"},
	    {.name = "Logo Retention",
		.aliases = {"customer churn"},
		.description = "The share of customers kept.",
		.body = "The opposite of churn.\n"},
	    {.name = "Net Revenue Retention",
		.description = "Revenue kept after expansion and churn.",
		.examples = {"NRR of 110% beats churn."}},
	    {.name = "Win Rate",
		.description = "Deals won over deals worked.",
		.examples = {"Churn is not part of it."}}};
	struct table t;
	struct hits h;
	size_t i, n;

	(void)state;
	tterm_table(&t, g, 4);
	n = rank_query(&t, "churn", NULL, 0, &h);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++) {
		const char *name = h.v[i].term->name;

		assert_non_null(h.v[i].snippet);
		if (strcmp(name, "Revenue Churn") == 0) {
			assert_string_equal(h.v[i].snippet,
			    "Recurring revenue lost in a period.");
			assert_int_equal(h.v[i].nmarks, 0);
		} else if (strcmp(name, "Logo Retention") == 0) {
			assert_string_equal(
			    h.v[i].snippet, "The share of customers kept.");
		} else if (strcmp(name, "Net Revenue Retention") == 0) {
			assert_string_equal(h.v[i].snippet,
			    "Revenue kept after expansion and churn.");
			assert_int_equal(h.v[i].nmarks, 1);
		} else {
			assert_string_equal(name, "Win Rate");
			assert_string_equal(
			    h.v[i].snippet, "Churn is not part of it.");
			assert_int_equal(h.v[i].nmarks, 1);
		}
	}
	hits_release(&h);
	table_release(&t);
}

/*
 * Many hits have their snippets made on two threads: each is the one
 * snippet_make gives alone, whatever the term's language, and whether
 * the words are in the description, an example or only the body.
 */
static void
test_snippets_many(void **state)
{
	static const char *const langs[] = {NULL, "de", "en", "ja"};
	char name[64], desc[128], ex[128], body[256];
	struct table t;
	struct hits h;
	struct query q;
	struct diag d;
	size_t i, n;

	(void)state;
	table_init(&t);
	/* Every body holds the word as typed, so every term is a hit; in
	 * Japanese (no stemmer) "payment" is not "payments". */
	for (i = 0; i < 150; i++) {
		struct tterm w = {0};

		snprintf(name, sizeof(name), "Term %zu", i);
		snprintf(desc, sizeof(desc), "%s number %zu.",
		    i % 3 == 0 ? "A payment reaches the merchant"
			       : "Something else",
		    i);
		snprintf(ex, sizeof(ex), "For example %s.",
		    i % 3 == 1 ? "Zahlungen and payment" : "nothing");
		snprintf(body, sizeof(body),
		    "# Head\n\nSome *text* first.\n\n- a list\n- of "
		    "決済が加盟店に届く payments %zu\n",
		    i);
		w.name = name;
		w.description = desc;
		w.examples[0] = ex;
		w.body = body;
		w.lang = langs[i % 4];
		tterm_add(&t, &w);
	}
	diag_init(&d);
	table_index(&t, &d);
	diag_release(&d);
	n = rank_query(&t, "payments", NULL, 0, &h);
	assert_int_equal(n, 150);
	query_parse(&q, "payments", t.lang);
	query_prepare(&q);
	for (i = 0; i < t.n; i++)
		(void)query_alt(&q, t.terms[i]->lang);
	for (i = 0; i < n; i++) {
		struct hit one = {0};

		one.term = h.v[i].term;
		assert_int_equal(snippet_make(&q, &one), 0);
		assert_non_null(h.v[i].snippet);
		assert_string_equal(h.v[i].snippet, one.snippet);
		assert_int_equal(h.v[i].nmarks, one.nmarks);
		if (one.nmarks > 0)
			assert_memory_equal(h.v[i].marks, one.marks,
			    2 * one.nmarks * sizeof(*one.marks));
		free(one.snippet);
		free(one.marks);
	}
	query_release(&q);
	hits_release(&h);
	table_release(&t);
}

/* The name of the best hit of query, or NULL. */
static char *
best(const struct table *t, const char *query)
{
	static char name[128];
	struct hits h;

	if (rank_query(t, query, NULL, 0, &h) == 0) {
		hits_release(&h);
		return NULL;
	}
	snprintf(name, sizeof(name), "%s", h.v[0].term->name);
	hits_release(&h);
	return name;
}

/* The first stem of s parsed as a query in language lang. */
static void
check_stem(const char *s, const char *lang, const char *want)
{
	struct query q;

	query_parse(&q, s, lang);
	assert_int_equal(q.nstems, 1);
	assert_string_equal(q.stems[0], want);
	query_release(&q);
}

static void
test_languages(void **state)
{
	struct table t;

	(void)state;
	check_stem("Zahlungen", "de", "zahlung");
	check_stem("Zahlungen", "de-AT", "zahlung");
	check_stem("Zahlungen", NULL, "zahlungen"); /* English by default */
	check_stem("payments", "en", "payment");
	check_stem("payments", "ja", "payments");   /* Snowball has none */
	check_stem("ConfigMap", NULL, "configmap"); /* queries not split */
	/* German served: the query and German text by the German stemmer
	 * (English leaves "zahlungen" whole, German makes it "zahlung"). */
	load_multilingual(&t, "de");
	assert_string_equal(best(&t, "zahlung"), "Abwicklung");
	table_release(&t);
	/* Every language: each term by its own stemmer, the query too. */
	load_multilingual(&t, NULL);
	assert_string_equal(best(&t, "zahlung"), "Abwicklung");
	assert_string_equal(best(&t, "payment"), "Settlement");
	/* Words inside unspaced Japanese text. */
	assert_string_equal(best(&t, "統合"), "システムインテグレーション");
	assert_string_equal(best(&t, "業務"), "システムインテグレーション");
	/* camelCase parts are words of a document. */
	assert_string_equal(best(&t, "config"), "ConfigMap");
	assert_string_equal(best(&t, "configmap"), "ConfigMap");
	table_release(&t);
}

/* ---- search through stored postings (post.h) ---- */

/* A source of postings in memory, as the loader's keeps them in the
 * index: what doc_put was given survives the table, in a store. */
struct fake_doc {
	char *name; /* of the term: the key of the store */
	uint64_t key;
	struct post_doc d; /* owns stems and tf */
};
struct fake {
	struct fake_doc v[16];
	size_t n;
	const struct table *tab; /* the table served now */
	char *texts[16];	 /* each term's text by table order */
	int fetched, fail;
	/* The flush protocol (post.h): writing from flush_begin to flush;
	 * misuse counts what was asked meanwhile but a text. */
	int begun, flushed, writing, misuse;
};

static struct fake_doc *
fake_find(struct fake *fk, const struct term *t)
{
	size_t i;

	for (i = 0; i < fk->n; i++)
		if (strcmp(fk->v[i].name, t->name) == 0)
			return &fk->v[i];
	return NULL;
}

static void
fake_docs_get(void *ctx, struct post_req *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct fake_doc *e = fake_find(ctx, r[i].t);
		struct post_doc *d = r[i].d;

		((struct fake *)ctx)->misuse += ((struct fake *)ctx)->writing;
		r[i].found = e != NULL && e->key == r[i].key;
		if (!r[i].found)
			continue;
		memcpy(d->len, e->d.len, sizeof(d->len));
		memcpy(d->bloom, e->d.bloom, sizeof(d->bloom));
		d->irregular = e->d.irregular;
	}
}

static void
fake_doc_put(void *ctx, const struct term *t, uint64_t key, struct post_doc *d)
{
	struct fake *fk = ctx;
	struct fake_doc *e = fake_find(fk, t);

	fk->misuse += fk->writing;
	if (e == NULL) {
		e = &fk->v[fk->n++];
		e->name = xstrdup(t->name);
	} else
		post_doc_release(&e->d);
	e->key = key;
	e->d = *d; /* taken */
	memset(d, 0, sizeof(*d));
}

static int
fake_stem_each(
    void *ctx, const char *algo, const char *stem, post_fn fn, void *arg)
{
	struct fake *fk = ctx;
	unsigned tf[POST_NFIELDS];
	const unsigned char *q;
	const char *p;
	size_t i, j;

	fk->misuse += fk->writing;
	for (i = 0; i < fk->tab->n; i++) {
		const struct fake_doc *e = fake_find(fk, fk->tab->terms[i]);

		if (e == NULL || (algo == NULL) != (e->d.algo == NULL) ||
		    (algo != NULL && strcmp(algo, e->d.algo) != 0))
			continue;
		/* Every stem and its counts in turn, as post.h packs them. */
		p = e->d.pool;
		q = e->d.tf;
		for (j = 0; j < e->d.nstems; j++, p += strlen(p) + 1) {
			assert_int_equal(
			    post_tf_get(&q, e->d.tf + e->d.tflen, tf), 0);
			if (strcmp(p, stem) == 0) {
				fn(arg, fk->tab->terms[i], tf);
				break;
			}
		}
		if (j == e->d.nstems)
			assert_true(q == e->d.tf + e->d.tflen);
	}
	return 0;
}

static int
fake_text(void *ctx, const struct term *t)
{
	struct fake *fk = ctx;
	struct term *w = fk->tab->terms[t->idx];

	if (w->text != NULL)
		return 0;
	if (fk->fail)
		return -1;
	fk->fetched++;
	w->text = xstrdup(fk->texts[t->idx]);
	return 0;
}

static void
fake_flush_begin(void *ctx)
{
	struct fake *fk = ctx;

	fk->begun++;
	fk->writing = 1;
}

static void
fake_flush(void *ctx)
{
	struct fake *fk = ctx;

	fk->flushed++;
	fk->writing = 0;
}

static void
fake_nop(void *ctx)
{
	(void)ctx;
}

static const struct post_ops fake_ops = {fake_docs_get, fake_doc_put,
    fake_stem_each, fake_text, fake_flush_begin, fake_flush, fake_nop};

static const struct tterm post_terms[] = {
    {.name = "Cross-sell",
	.aliases = {"cross-selling"},
	.description = "Selling a complementary product to a customer.",
	.body = "Bundles help the customer.\n"},
    {.name = "Churn",
	.aliases = {"attrition"},
	.description = "Customers who cancel in a period.",
	.examples = {"Ten accounts cancelled, so churn was two percent."},
	.body = "Churn is the opposite of customer retention.\n"},
    {.name = "Customer Retention",
	.description = "Keeping customers over time.",
	.body = "Retention of the customer base; churn's mirror.\n"},
    {.name = "Kündigung",
	.lang = "de",
	.description = "Wenn Kunden kündigen.",
	.body = "Die Kündigungen der Kunden; customer churn.\n"},
    {.name = "Partner Program",
	.description = "Rules for partners.",
	.body = "Disputes over deal registration; the YEARLY yearly plan.\n"},
};
#define NPOST (sizeof(post_terms) / sizeof(post_terms[0]))

/* The hits of query as one string: names, scores, snippets. */
static char *
hits_text(const struct table *t, const char *query)
{
	struct hits h;
	struct sbuf sb;
	size_t i;

	sb_init(&sb);
	rank_query(t, query, NULL, 0, &h);
	sb_addf(&sb, "%zu/%zu stale %d:", h.n, h.total, h.stale);
	for (i = 0; i < h.n; i++)
		sb_addf(&sb, " %s %.6f %d [%s]", h.v[i].term->name,
		    h.v[i].score, h.v[i].match,
		    h.v[i].snippet ? h.v[i].snippet : "");
	for (i = 0; i < h.nunmatched; i++)
		sb_addf(&sb, " !%s", h.unmatched[i]);
	hits_release(&h);
	return sb_take(&sb);
}

/* A table of post_terms without their texts, served through fk. */
static void
table_through(struct table *t, struct fake *fk, const char *lang)
{
	size_t i;

	tterm_table(t, post_terms, NPOST);
	t->lang = lang != NULL ? xstrdup(lang) : NULL;
	fk->tab = t;
	for (i = 0; i < t->n; i++) {
		fk->texts[i] = t->terms[i]->text;
		t->terms[i]->text = NULL;
	}
	t->post = xcalloc(1, sizeof(*t->post));
	t->post->ops = &fake_ops;
	t->post->ctx = fk;
}

static void
table_drop(struct table *t, struct fake *fk)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(fk->texts[i]);
	table_release(t);
}

/* The same hits with and without postings, made or kept, read with
 * only the texts they need; a text that cannot be read makes stale. */
static void
test_postings(void **state)
{
	static const char *const queries[] = {"customer", "customer period",
	    "\"customer retention\"", "chrun", "the", "churn zebra",
	    "cancel customers", "yearly", "kunde", "of retention"};
	static const char *const langs[] = {NULL, "all"};
	struct fake fk;
	struct table plain, a;
	size_t i, l, k;

	(void)state;
	for (l = 0; l < 2; l++) {
		memset(&fk, 0, sizeof(fk));
		tterm_table(&plain, post_terms, NPOST);
		plain.lang = langs[l] != NULL ? xstrdup(langs[l]) : NULL;
		for (k = 0; k < 2; k++) /* made, then kept */
			for (i = 0; i < sizeof(queries) / sizeof(*queries);
			     i++) {
				char *want = hits_text(&plain, queries[i]);
				char *got;

				table_through(&a, &fk, langs[l]);
				fk.begun = fk.flushed = fk.misuse = 0;
				got = hits_text(&a, queries[i]);
				assert_string_equal(got, want);
				/* Written while ranking, in place before
				 * rank_query returns (before any output). */
				assert_int_equal(fk.begun, 1);
				assert_int_equal(fk.flushed, 1);
				assert_int_equal(fk.writing, 0);
				assert_int_equal(fk.misuse, 0);
				table_drop(&a, &fk);
				free(got);
				free(want);
			}
		/* Kept: "yearly" counts the body from the postings (only
		 * the hit's snippet reads a text). */
		fk.fetched = 0;
		table_through(&a, &fk, langs[l]);
		free(hits_text(&a, "yearly"));
		assert_int_equal(fk.fetched, 1);
		fk.fail = 1;
		free(hits_text(&a, "churn"));
		assert_true(fk.fetched == 1);
		{
			struct hits h;

			rank_query(&a, "\"customer retention\"", NULL, 0, &h);
			assert_int_equal(h.stale, 1);
			assert_int_equal(h.n, 0);
			assert_int_equal(fk.writing, 0);
			hits_release(&h);
		}
		table_drop(&a, &fk);
		table_release(&plain);
		for (i = 0; i < fk.n; i++) {
			free(fk.v[i].name);
			post_doc_release(&fk.v[i].d);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lookup_order),
	    cmocka_unit_test(test_ambiguous_and_suggest),
	    cmocka_unit_test(test_filter),
	    cmocka_unit_test(test_fulltext),
	    cmocka_unit_test(test_link_urls),
	    cmocka_unit_test(test_body_words),
	    cmocka_unit_test(test_unmatched),
	    cmocka_unit_test(test_stopwords_only),
	    cmocka_unit_test(test_ties_by_name),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_words_stop),
	    cmocka_unit_test(test_snippet_named),
	    cmocka_unit_test(test_snippets_many),
	    cmocka_unit_test(test_snippet_cuts),
	    cmocka_unit_test(test_languages),
	    cmocka_unit_test(test_postings),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
