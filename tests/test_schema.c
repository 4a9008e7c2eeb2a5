/* The front matter schema: the key table, reserved keys, the name. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "schema.h"
#include "yaml_tree.h"

/*
 * Interpret the YAML s of a file with the given body and stem (bundle:
 * an index.md) into *t; the caller frees *t and releases d.
 */
static int
interpret_file(const char *s, const char *body, const char *stem, int bundle,
    const struct schema_keys *keys, struct diag *d, struct term **t)
{
	struct schema_file f = {
	    "t.md", body, body ? strlen(body) : 0, stem, bundle, keys};
	struct tval root;
	int rc;

	diag_init(d);
	*t = term_new();
	assert_int_equal(yaml_tree_parse(s, strlen(s), 2, "t.md", d, &root), 0);
	rc = schema_term(&root, *t, &f, d);
	tval_release(&root);
	return rc;
}

static int
interpret(const char *s, struct diag *d, struct term **t)
{
	return interpret_file(s, NULL, NULL, 0, NULL, d, t);
}

static void
test_reserved(void **state)
{
	static const char *const yes[] = {"term", "description", "category",
	    "vertical", "pronunciation", "aliases", "example", "examples",
	    "related", "details", "file", "match", "body", "score", "snippet",
	    "relation", "depth", "tags", "Term", "TITLE", "relatedTerms",
	    "categories", "mentions", NULL};
	static const char *const no[] = {
	    "icon", "url", "", "terms", "heading", "shortDefinition", NULL};
	size_t i;

	(void)state;
	for (i = 0; yes[i] != NULL; i++)
		if (!schema_reserved(yes[i]))
			fail_msg("'%s' is not reserved", yes[i]);
	for (i = 0; no[i] != NULL; i++)
		if (schema_reserved(no[i]))
			fail_msg("'%s' is reserved", no[i]);
}

static void
test_keys_from_the_table(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(interpret("term: Café Latte\ndescription: d\n"
				   "vertical: SaaS\npronunciation: ''\n"
				   "aliases: [CL, ~, '']\nexample: one\n"
				   "examples: [two]\nicon: x\nscore: 3\n",
			     &d, &t),
	    0);
	assert_string_equal(t->key, "cafelatte");
	assert_string_equal(term_category(t), "Uncategorized");
	assert_string_equal(t->vertical, "SaaS");
	assert_null(t->pronunciation);
	assert_int_equal(t->aliases.n, 1);
	assert_string_equal(t->alias_keys.v[0], "cl");
	/* The first key of the examples row gives it; the other is noted. */
	assert_int_equal(t->examples.n, 1);
	assert_string_equal(t->examples.v[0], "one");
	/* icon passes through; score is refused with a note. */
	assert_int_equal(t->extra.n, 1);
	assert_string_equal(t->extra.keys[0], "icon");
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].code, DIAG_KEY_IGNORED);
	assert_string_equal(
	    d.v[0].msg, "'examples' ignored: 'example' gives that field");
	assert_int_equal(d.v[1].code, DIAG_RESERVED_KEY);
	assert_int_equal(d.v[1].line, 10);
	term_free(t);
	diag_release(&d);
}

static void
test_diagnostics(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(interpret("term: A\ndescription: d\nvertical: [x]\n"
				   "term: B\n",
			     &d, &t),
	    0);
	assert_string_equal(t->name, "A");
	assert_int_equal(d.n, 2);
	/* Keys are read first, their values taken after. */
	assert_int_equal(d.v[0].code, DIAG_DUPLICATE_KEY);
	assert_int_equal(d.v[1].code, DIAG_WRONG_TYPE);
	assert_string_equal(
	    d.v[1].msg, "'vertical' should be a string; ignored");
	term_free(t);
	diag_release(&d);

	assert_int_equal(interpret("term: '-_-'\n", &d, &t), -1);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].code, DIAG_NAME_NO_LETTERS);
	assert_int_equal(d.v[1].code, DIAG_NO_DESCRIPTION);
	assert_string_equal(d.v[1].msg,
	    "no description: add 'description:' or a first paragraph");
	term_free(t);
	diag_release(&d);

	assert_int_equal(interpret("- a\n", &d, &t), -1);
	assert_int_equal(d.v[0].code, DIAG_NOT_A_MAPPING);
	term_free(t);
	diag_release(&d);
}

/* SPEC 1's keys, any case, the first of a row winning. */
static void
test_site_keys(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(
	    interpret("Title: Load Balancer\nID: lb\nShort_Description: d\n"
		      "aka: [LB]\nsynonyms: 'balancer, , spreader'\n"
		      "tags: net\ncategories: [A, B]\nrelatedTerms: [x]\n"
		      "seeAlso: [y]\nindustry: SaaS\nslug: docs/lb2\n",
		&d, &t),
	    0);
	assert_string_equal(t->name, "Load Balancer");
	assert_string_equal(t->description, "d");
	assert_int_equal(t->aliases.n, 3); /* aliases merge; csv split */
	assert_string_equal(t->aliases.v[2], "spreader");
	assert_int_equal(t->tags.n, 1);
	assert_int_equal(t->categories.n, 2);
	assert_string_equal(term_category(t), "A");
	assert_int_equal(t->nrelated, 1);
	assert_string_equal(t->related[0].name, "x");
	assert_string_equal(t->vertical, "SaaS");
	assert_int_equal(t->ids.n, 1); /* id beats slug */
	assert_string_equal(t->ids.v[0], "lb");
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].code, DIAG_KEY_IGNORED);
	assert_int_equal(d.v[1].code, DIAG_KEY_IGNORED);
	term_free(t);
	diag_release(&d);
}

/* The key table is sorted: a key folded once is found by bsearch. */
static void
test_field_names(void **state)
{
	(void)state;
	assert_int_equal(schema_field_find("name"), SF_NAME);
	assert_int_equal(schema_field_find("term"), SF_NAME);
	assert_int_equal(schema_field_find("Categories"), SF_CATEGORIES);
	assert_int_equal(schema_field_find("category"), SF_CATEGORIES);
	assert_int_equal(schema_field_find("seealso"), SF_RELATED);
	assert_int_equal(schema_field_find("abbreviation"), SF_ALIASES);
	assert_int_equal(schema_field_find("vertical"), SF_VERTICAL);
	assert_int_equal(schema_field_find("keywords"), SF_TAGS);
	assert_int_equal(schema_field_find("heading"), -1);
}

/* Every key of SPEC 1's table is found: the table is sorted. */
static void
test_every_key(void **state)
{
	static const struct {
		const char *key;
		int field;
	} keys[] = {{"term", SF_NAME}, {"title", SF_NAME},
	    {"description", SF_DESCRIPTION},
	    {"short_description", SF_DESCRIPTION}, {"summary", SF_DESCRIPTION},
	    {"definition", SF_DESCRIPTION}, {"excerpt", SF_DESCRIPTION},
	    {"aliases", SF_ALIASES}, {"aka", SF_ALIASES},
	    {"synonyms", SF_ALIASES}, {"abbreviation", SF_ALIASES},
	    {"abbreviations", SF_ALIASES}, {"acronym", SF_ALIASES},
	    {"id", SF_ID}, {"slug", SF_ID}, {"category", SF_CATEGORIES},
	    {"categories", SF_CATEGORIES}, {"tags", SF_TAGS},
	    {"keywords", SF_TAGS}, {"vertical", SF_VERTICAL},
	    {"industry", SF_VERTICAL}, {"pronunciation", SF_PRONUNCIATION},
	    {"example", SF_EXAMPLES}, {"examples", SF_EXAMPLES},
	    {"related", SF_RELATED}, {"related_terms", SF_RELATED},
	    {"relatedTerms", SF_RELATED}, {"see_also", SF_RELATED},
	    {"seeAlso", SF_RELATED}, {"details", SF_DETAILS},
	    {"draft", SF_DRAFT}};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (schema_field_find(keys[i].key) != keys[i].field)
			fail_msg("'%s' is not found", keys[i].key);
}

/*
 * Keys read file after file, in any case, the same keys again and keys
 * that share a first byte and a length (term, tags): the lookup
 * remembers keys it saw, and must give each its own field.
 */
static void
test_keys_remembered(void **state)
{
	static const struct {
		const char *yaml, *name, *desc, *tag;
	} files[] = {{"term: A\ntags: [t]\ndescription: d\n", "A", "d", "t"},
	    {"tags: [u]\nTerm: B\nDESCRIPTION: e\n", "B", "e", "u"},
	    {"TAGS: v\ntitle: C\nsummary: s\nicon: i\n", "C", "s", "v"},
	    {"Title: D\ntags: w\nSummary: z\nICON: j\n", "D", "z", "w"}};
	struct diag d;
	struct term *t;
	size_t round, i;

	(void)state;
	for (round = 0; round < 3; round++)
		for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			assert_int_equal(interpret(files[i].yaml, &d, &t), 0);
			assert_string_equal(t->name, files[i].name);
			assert_string_equal(t->description, files[i].desc);
			assert_int_equal(t->tags.n, 1);
			assert_string_equal(t->tags.v[0], files[i].tag);
			assert_int_equal(t->extra.n, i >= 2);
			term_free(t);
			diag_release(&d);
		}
}

static void
test_description_from_body(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(
	    interpret_file("title: W\n",
		"\n<!-- TODO -->\n# H\n\nFirst {{< glossary_tooltip text=\"one\" "
		"term_id=\"x\" >}}\nline.\n\nSecond.\n",
		"w", 0, NULL, &d, &t),
	    0);
	assert_string_equal(t->description, "First one line.");
	assert_non_null(t->body_text);
	assert_null(strstr(t->body_text, "{{"));
	assert_int_equal(t->mentions.n, 1);
	assert_string_equal(t->mentions.v[0], "x");
	assert_string_equal(t->ids.v[0], "w");
	term_free(t);
	diag_release(&d);

	assert_int_equal(interpret_file("title: W\n",
			     "One **a**.\n\nTwo.\n<!--more-->\nThree.\n", "w",
			     0, NULL, &d, &t),
	    0);
	assert_string_equal(t->description, "One a.\nTwo.");
	term_free(t);
	diag_release(&d);

	/* A paragraph of images, or of HTML only, says nothing: the first
	 * with text is the description. */
	assert_int_equal(interpret_file("title: W\n",
			     "![Two widgets](w.png)\n\n"
			     "[![logo](l.svg)](https://x.y) <img src=\"a\">\n\n"
			     "A widget *filters*.\n\nMore.\n",
			     "w", 0, NULL, &d, &t),
	    0);
	assert_string_equal(t->description, "A widget filters.");
	term_free(t);
	diag_release(&d);
	assert_int_equal(interpret_file("title: W\n", "![only](w.png)\n", "w",
			     0, NULL, &d, &t),
	    -1);
	assert_int_equal(d.v[0].code, DIAG_NO_DESCRIPTION);
	term_free(t);
	diag_release(&d);

	/* A description folded over lines reads as a page shows it; the
	 * other values stay as YAML folds them (JSON passes them through). */
	assert_int_equal(interpret_file("title: 集群\n"
					"short_description: >\n"
					"  一组工作机器，称为节点，\n"
					"  会运行容器化应用程序。\n"
					"note: >\n  一组\n  机器\n",
			     NULL, "w", 0, NULL, &d, &t),
	    0);
	assert_string_equal(
	    t->description, "一组工作机器，称为节点，会运行容器化应用程序。");
	assert_string_equal(tval_get(&t->extra, "note")->str, "一组 机器\n");
	term_free(t);
	diag_release(&d);

	/* Plain text is not copied. */
	assert_int_equal(interpret_file("term: W\ndescription: d\n",
			     "Plain text.\n", "w", 0, NULL, &d, &t),
	    0);
	assert_null(t->body_text);
	term_free(t);
	diag_release(&d);
}

static void
test_no_name(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(interpret("heading: H\ndescription: d\n", &d, &t), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, DIAG_NO_NAME);
	assert_int_equal(d.v[0].line, 2);
	assert_string_equal(
	    d.v[0].msg, "no name: add 'term:' (this file has 'heading:')");
	term_free(t);
	diag_release(&d);

	assert_int_equal(
	    interpret("title: T\nshortDefinition: s\nx: 1\ny: 2\n", &d, &t),
	    -1);
	assert_string_equal(d.v[0].msg,
	    "no description: add 'description:' or a first paragraph (this "
	    "file has 'shortDefinition:', 'x:', ...)");
	term_free(t);
	diag_release(&d);

	/* A page bundle is named by its folder. */
	assert_int_equal(
	    interpret_file("description: d\n", "", "acquirer", 1, NULL, &d, &t),
	    0);
	assert_string_equal(t->name, "acquirer");
	term_free(t);
	diag_release(&d);

	assert_int_equal(interpret("draft: true\n", &d, &t), SCHEMA_DRAFT);
	assert_int_equal(d.n, 0);
	term_free(t);
	diag_release(&d);
}

/* A glossary's own keys come before the built-in ones. */
static void
test_own_keys(void **state)
{
	struct schema_keys k;
	struct diag d;
	struct term *t;

	(void)state;
	memset(&k, 0, sizeof(k));
	strlist_push(&k.v[SF_NAME], xstrdup("headword"));
	strlist_push(&k.v[SF_ALIASES], xstrdup("abbr"));
	assert_int_equal(interpret_file("title: T\nHeadword: H\nabbr: A\n"
					"description: d\n",
			     NULL, NULL, 0, &k, &d, &t),
	    0);
	assert_string_equal(t->name, "H");
	assert_string_equal(t->aliases.v[0], "A");
	term_free(t);
	diag_release(&d);
	schema_keys_release(&k);
}

/* Whether d has a message of code c at line. */
static int
has_code(const struct diag *d, enum diag_code c, unsigned line)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].code == c && d->v[i].line == line)
			return 1;
	return 0;
}

/* String fields take numbers and booleans as text; null is warned. */
static void
test_string_fields(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(interpret("term: 42\n"		   /* 2 */
				   "description: d\n"	   /* 3 */
				   "category: nULL\n"	   /* 4 */
				   "vertical: ~\n"	   /* 5 */
				   "pronunciation: 1.5\n", /* 6 */
			     &d, &t),
	    0);
	assert_string_equal(t->name, "42");
	assert_string_equal(term_category(t), "nULL");
	assert_null(t->vertical);
	assert_string_equal(t->pronunciation, "1.5");
	assert_int_equal(d.n, 1);
	assert_true(has_code(&d, DIAG_NULL_VALUE, 5));
	assert_string_equal(d.v[0].msg, "'vertical' is null; ignored");
	term_free(t);
	diag_release(&d);

	assert_int_equal(interpret("term: !!str null\ndescription: TRUE\n"
				   "category: !!null Sales\n"
				   "aliases: ~\nrelated: null\n"
				   "vertical: {a: b}\n",
			     &d, &t),
	    0);
	assert_string_equal(t->name, "null");
	assert_string_equal(t->description, "TRUE");
	assert_string_equal(term_category(t), "Uncategorized");
	/* A null list (aliases, related) is empty, not warned about. */
	assert_int_equal(d.n, 2);
	assert_true(has_code(&d, DIAG_NULL_VALUE, 4));
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 7));
	assert_int_equal(t->aliases.n, 0);
	assert_int_equal(t->nrelated, 0);
	term_free(t);
	diag_release(&d);

	/* A list of names given as mappings, each naming its item by a
	 * name key (statecharts' aka: [{title, url, oneliner}]). */
	assert_int_equal(interpret("term: Refine\ndescription: d\n"
				   "aka:\n- title: Specialise\n  url: s.html\n"
				   "- {name: Narrow}\n- {url: x.html}\n",
			     &d, &t),
	    0);
	assert_int_equal(t->aliases.n, 2);
	assert_string_equal(t->aliases.v[0], "Specialise");
	assert_string_equal(t->aliases.v[1], "Narrow");
	assert_int_equal(d.n, 1);
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 8));
	term_free(t);
	diag_release(&d);
}

/* Whether t has a derived name that names s. */
static int
has_derived(const struct term *t, const char *s)
{
	char *key = term_key(s);
	size_t i;
	int yes = 0;

	for (i = 0; i < t->derived_keys.n; i++)
		yes |= strcmp(t->derived_keys.v[i], key) == 0;
	free(key);
	return yes;
}

/* The parts of a name with a parenthesis, ASCII or full-width (CJK
 * titles write "集群（Cluster）"), are names of the term too. */
static void
test_paren_parts(void **state)
{
	static const char *const names[][3] = {
	    {"Churn (Customer)", "Churn", "Customer"},
	    {"\xe9\x9b\x86\xe7\xbe\xa4\xef\xbc\x88"
	     "Cluster\xef\xbc\x89",
		"\xe9\x9b\x86\xe7\xbe\xa4", "Cluster"},
	    {"Pod \xef\xbc\x88\xe5\x90\x8a\xe8\x88\xb1\xef\xbc\x89 set",
		"Pod  set", "\xe5\x90\x8a\xe8\x88\xb1"},
	};
	struct diag d;
	struct term *t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *yaml =
		    xasprintf("term: \"%s\"\ndescription: d\n", names[i][0]);

		assert_int_equal(interpret(yaml, &d, &t), 0);
		if (!has_derived(t, names[i][1]) ||
		    !has_derived(t, names[i][2]))
			fail_msg("'%s': no '%s' and '%s'", names[i][0],
			    names[i][1], names[i][2]);
		term_free(t);
		diag_release(&d);
		free(yaml);
	}
	/* Unclosed, or closed before it opens: no parts. */
	assert_int_equal(interpret("term: \"a \xef\xbc\x88"
				   "b\"\n"
				   "description: d\n",
			     &d, &t),
	    0);
	assert_int_equal(t->derived.n, 0);
	term_free(t);
	diag_release(&d);
}

/*
 * An abbreviation defined in the first sentence of the body counts when
 * the description is the front matter's (Kubernetes: a short_description
 * of its own, "CIDR (Classless Inter-Domain Routing) is" in the body).
 */
static void
test_body_definitions(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(interpret_file("term: SLO\ndescription: A target.\n",
			     "\n# About\n\n**SLO** ({{< glossary_tooltip "
			     "text=\"Service Level Objective\" term_id=\"x\" "
			     ">}}) is a goal.\n\nLater (LT) text.\n",
			     "slo", 0, NULL, &d, &t),
	    0);
	assert_true(has_derived(t, "service level objective"));
	assert_false(has_derived(t, "later"));
	assert_int_equal(t->mentions.n, 1); /* not twice */
	term_free(t);
	diag_release(&d);
	/* Only the first sentence, as of a description. */
	assert_int_equal(interpret_file("term: SLO\ndescription: A target.\n",
			     "A goal. Service Level Objective (SLO) again.\n",
			     "slo", 0, NULL, &d, &t),
	    0);
	assert_int_equal(t->derived.n, 0);
	term_free(t);
	diag_release(&d);
}

/* One trimming rule: surrounding white space off every string field. */
static void
test_trimming(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(
	    interpret("term: \"  Churn \\t\"\n"
		      "description: \" d \\n\"\n"
		      "vertical: ' SaaS '\ncategory: \"\\tSales\"\n"
		      "aliases: [' a ', '  ', b]\n"
		      "related: [' X ']\n"
		      "details: [{title: ' Unit ', value: ' USD '}]\n",
		&d, &t),
	    0);
	assert_int_equal(d.n, 0);
	assert_string_equal(t->name, "Churn");
	assert_string_equal(t->description, "d");
	assert_string_equal(t->vertical, "SaaS");
	assert_string_equal(term_category(t), "Sales");
	assert_int_equal(t->aliases.n, 2);
	assert_string_equal(t->aliases.v[0], "a");
	assert_string_equal(t->related[0].name, "X");
	assert_string_equal(t->details[0].title, "Unit");
	assert_string_equal(t->details[0].value, "USD");
	term_free(t);
	diag_release(&d);
}

/* The name's limits hold after trimming (SPEC 1). */
static void
test_name_limits(void **state)
{
	struct diag d;
	struct term *t;
	char *s, *long_name;

	(void)state;
	/* A block scalar of one line: its final line break is trimmed. */
	assert_int_equal(
	    interpret("term: |\n  Churn\ndescription: d\n", &d, &t), 0);
	assert_string_equal(t->name, "Churn");
	term_free(t);
	diag_release(&d);
	assert_int_equal(
	    interpret("term: |\n  a\n  b\ndescription: d\n", &d, &t), -1);
	assert_int_equal(d.v[0].code, DIAG_NAME_LINE_BREAK);
	term_free(t);
	diag_release(&d);
	assert_int_equal(
	    interpret("term: \"a\\u2028b\"\ndescription: d\n", &d, &t), -1);
	assert_int_equal(d.v[0].code, DIAG_NAME_LINE_BREAK);
	term_free(t);
	diag_release(&d);
	/* 256 bytes and blanks: a name; 257 bytes: too long. */
	long_name = malloc(258);
	memset(long_name, 'x', 257);
	long_name[256] = '\0';
	s = xasprintf("term: '  %s  '\ndescription: d\n", long_name);
	assert_int_equal(interpret(s, &d, &t), 0);
	term_free(t);
	diag_release(&d);
	free(s);
	long_name[256] = 'x';
	long_name[257] = '\0';
	s = xasprintf("term: %s\ndescription: d\n", long_name);
	assert_int_equal(interpret(s, &d, &t), -1);
	assert_int_equal(d.v[0].code, DIAG_NAME_TOO_LONG);
	term_free(t);
	diag_release(&d);
	free(s);
	free(long_name);
}

/* A name with no letter or digit is refused, whatever it folds to. */
static void
test_name_letters(void **state)
{
	static const char *const no[] = {
	    "'-'", "'!!!'", "'?'", "'. -'", "\"\\u2014\"", NULL};
	static const char *const yes[] = {
	    "'C++'", "'.NET'", "'A/B'", "'5'", "'é'", NULL};
	struct diag d;
	struct term *t;
	char *s;
	size_t i;

	(void)state;
	for (i = 0; no[i] != NULL; i++) {
		s = xasprintf("term: %s\ndescription: d\n", no[i]);
		if (interpret(s, &d, &t) != -1 || d.n != 1 ||
		    d.v[0].code != DIAG_NAME_NO_LETTERS)
			fail_msg("%s is accepted as a name", no[i]);
		assert_string_equal(
		    d.v[0].msg, "the term name has no letters or digits");
		term_free(t);
		diag_release(&d);
		free(s);
	}
	for (i = 0; yes[i] != NULL; i++) {
		s = xasprintf("term: %s\ndescription: d\n", yes[i]);
		if (interpret(s, &d, &t) != 0)
			fail_msg("%s is refused as a name", yes[i]);
		term_free(t);
		diag_release(&d);
		free(s);
	}
}

/* A detail with a null or non-string title or value: warned, ignored. */
static void
test_details_not_strings(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(interpret("term: T\ndescription: d\n"
				   "details:\n"
				   "  - {title: Related Terms, value: ~}\n"
				   "  - {title: Category, value: null}\n"
				   "  - {title: null, value: x}\n"
				   "  - {title: 5, value: x}\n"
				   "  - {title: Industry, value: ''}\n"
				   "  - {title: Unit, value: USD}\n",
			     &d, &t),
	    0);
	assert_int_equal(t->nrelated, 0);
	assert_string_equal(term_category(t), "Uncategorized");
	assert_int_equal(t->ndetails, 2);
	assert_string_equal(t->details[1].title, "Unit");
	assert_int_equal(d.n, 4);
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 5));
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 6));
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 7));
	assert_true(has_code(&d, DIAG_WRONG_TYPE, 8));
	term_free(t);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reserved),
	    cmocka_unit_test(test_keys_from_the_table),
	    cmocka_unit_test(test_diagnostics),
	    cmocka_unit_test(test_site_keys),
	    cmocka_unit_test(test_field_names),
	    cmocka_unit_test(test_every_key),
	    cmocka_unit_test(test_keys_remembered),
	    cmocka_unit_test(test_description_from_body),
	    cmocka_unit_test(test_no_name),
	    cmocka_unit_test(test_own_keys),
	    cmocka_unit_test(test_string_fields),
	    cmocka_unit_test(test_paren_parts),
	    cmocka_unit_test(test_body_definitions),
	    cmocka_unit_test(test_trimming),
	    cmocka_unit_test(test_name_limits),
	    cmocka_unit_test(test_name_letters),
	    cmocka_unit_test(test_details_not_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
