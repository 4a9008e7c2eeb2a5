/* The loader on strings and on the test glossaries. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "testutil.h"

#include "loader.h"
#include "table.h"
#include "walk.h"

/* Parse s; the caller frees *t (NULL unless LOAD_OK) and releases d. */
static enum load_status
parse(const char *s, struct diag *d, struct term **t)
{
	diag_init(d);
	return loader_parse(s, strlen(s), "t.md", d, t);
}

/* Parse s, which must fail with one error at line:col containing msg. */
static void
want_error(const char *s, unsigned line, unsigned col, const char *msg)
{
	struct diag d;
	struct term *t;

	assert_int_equal(parse(s, &d, &t), LOAD_ERROR);
	assert_null(t);
	assert_true(d.nerr >= 1);
	if (!diag_has(&d, msg))
		fail_msg("no diagnostic '%s'; first is '%s'", msg,
		    d.n ? d.v[0].msg : "(none)");
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].col, col);
	assert_string_equal(d.v[0].file, "t.md");
	diag_release(&d);
}

static void
test_minimal(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(parse("---\nterm: Churn\ndescription: Lost "
			       "customers.\n---\nBody.\n",
			     &d, &t),
	    LOAD_OK);
	assert_string_equal(t->name, "Churn");
	assert_string_equal(t->key, "churn");
	assert_string_equal(t->description, "Lost customers.");
	assert_string_equal(term_category(t), "Uncategorized");
	assert_null(t->vertical);
	assert_null(t->pronunciation);
	assert_string_equal(term_body(t), "Body.\n");
	assert_int_equal(t->line, 2);
	assert_int_equal(t->col, 7);
	assert_int_equal(d.n, 0);
	term_free(t);
	diag_release(&d);
}

static void
test_all_keys(void **state)
{
	struct diag d;
	struct term *t;
	const struct tval *v;

	(void)state;
	assert_int_equal(parse("---\n"
			       "term: Cross-sell\n"
			       "aliases: [cross-selling, cross sell]\n"
			       "pronunciation: kraws sel\n"
			       "category: Sales\n"
			       "vertical: SaaS\n"
			       "icon: 'mdi:sitemap'\n"
			       "description: >-\n"
			       "  Selling more\n"
			       "  things.\n"
			       "example: [One., Two.]\n"
			       "related: [Upsell, MRR]\n"
			       "details:\n"
			       "  - title: Related Terms\n"
			       "    value: 'upsell, ARR'\n"
			       "  - title: Category\n"
			       "    value: Ignored\n"
			       "tags: [a, b]\n"
			       "count: 12\n"
			       "file: not passed through\n"
			       "---\n",
			     &d, &t),
	    LOAD_OK);
	/* Only the note that `file' is not passed through. */
	assert_int_equal(d.n, 1);
	assert_int_equal(d.nnote, 1);
	assert_true(diag_has(&d, "key 'file' is one gloss writes"));
	assert_int_equal(t->aliases.n, 2);
	assert_string_equal(t->alias_keys.v[0], "crossselling");
	assert_string_equal(t->pronunciation, "kraws sel");
	assert_string_equal(
	    term_category(t), "Sales"); /* the key beats details */
	assert_string_equal(t->description, "Selling more things.");
	assert_int_equal(t->examples.n, 2);
	assert_string_equal(t->examples.v[1], "Two.");
	/* details' Related Terms merge in, folded duplicates dropped. */
	assert_int_equal(t->nrelated, 3);
	assert_string_equal(t->related[2].name, "ARR");
	assert_int_equal(t->related[1].line, 12);
	assert_int_equal(t->related[1].col, 19);
	assert_int_equal(t->ndetails, 2);
	v = tval_get(&t->extra, "icon");
	assert_non_null(v);
	assert_string_equal(v->str, "mdi:sitemap");
	/* tags are a field now, not passed through. */
	assert_null(tval_get(&t->extra, "tags"));
	assert_int_equal(t->tags.n, 2);
	assert_string_equal(t->tags.v[1], "b");
	v = tval_get(&t->extra, "count");
	assert_int_equal(v->scalar, TS_INT);
	assert_null(tval_get(&t->extra, "file"));
	term_free(t);
	diag_release(&d);
}

static void
test_details_fill_missing(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(parse("---\nterm: X\ndescription: d\ndetails:\n"
			       "  - {title: Category, value: Sales}\n"
			       "  - {title: Industry, value: SaaS}\n---\n",
			     &d, &t),
	    LOAD_OK);
	assert_string_equal(term_category(t), "Sales");
	assert_string_equal(t->vertical, "SaaS");
	term_free(t);
	diag_release(&d);
}

static void
test_bom_crlf_dots(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(parse("\xef\xbb\xbf---\r\nterm: A\r\ndescription: "
			       "B\r\n...\r\nbody\r\n",
			     &d, &t),
	    LOAD_OK);
	assert_string_equal(t->name, "A");
	assert_string_equal(t->description, "B");
	assert_string_equal(term_body(t), "body\r\n");
	term_free(t);
	diag_release(&d);
}

static void
test_not_term(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(
	    parse("# README\n\nno front matter\n", &d, &t), LOAD_NOT_TERM);
	assert_int_equal(parse("", &d, &t), LOAD_NOT_TERM);
	assert_int_equal(parse("----\nterm: x\n", &d, &t), LOAD_NOT_TERM);
	assert_int_equal(d.n, 0);
}

static void
test_body_examples(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	assert_int_equal(parse("---\nterm: A\ndescription: B\nexample: "
			       "First.\n---\nIntro.\n\n## Examples\n\n"
			       "- Second, *with* `code`.\n- Third.\n\n"
			       "## Next\n\n- Not an example.\n",
			     &d, &t),
	    LOAD_OK);
	assert_int_equal(t->examples.n, 3);
	assert_string_equal(t->examples.v[1], "Second, with code.");
	assert_string_equal(t->examples.v[2], "Third.");
	term_free(t);
	/* A heading inside a code block is not a section. */
	assert_int_equal(parse("---\nterm: A\ndescription: B\n---\n```\n"
			       "## Example\n\nno\n```\n",
			     &d, &t),
	    LOAD_OK);
	assert_int_equal(t->examples.n, 0);
	term_free(t);
	diag_release(&d);
}

static void
test_body_examples_large(void **state)
{
	struct diag d;
	struct term *t;
	size_t n = 100 * 1024, at;
	char *s = malloc(n + 200);

	(void)state;
	/* A large body: the section is still found, after 100 KiB. */
	at = (size_t)snprintf(s, 200, "---\nterm: A\ndescription: B\n---\n");
	memset(s + at, 'x', n);
	for (size_t i = at + 70; i < at + n; i += 71)
		s[i] = '\n';
	snprintf(s + at + n, 200, "\n\n## Examples\n\n- Late one.\n");
	assert_int_equal(parse(s, &d, &t), LOAD_OK);
	assert_int_equal(t->examples.n, 1);
	assert_string_equal(t->examples.v[0], "Late one.");
	term_free(t);
	diag_release(&d);
	free(s);
}

static void
test_type_warnings(void **state)
{
	struct diag d;
	struct term *t;

	(void)state;
	/* Wrong types of optional keys warn, and the file still loads. */
	assert_int_equal(parse("---\nterm: A\ndescription: B\nvertical: [x]\n"
			       "aliases: {a: b}\nrelated: [[x]]\nterm: C\n"
			       "---\n",
			     &d, &t),
	    LOAD_OK);
	assert_int_equal(d.nwarn, 4);
	assert_true(diag_has(&d, "'vertical' should be a string"));
	assert_true(diag_has(&d, "duplicate key 'term'"));
	assert_string_equal(t->name, "A");
	assert_string_equal(term_category(t), "Uncategorized");
	term_free(t);
	diag_release(&d);
}

static void
test_errors_positions(void **state)
{
	(void)state;
	want_error("---\n- a\n---\n", 2, 1, "not a mapping");
	want_error("---\nterm: A\n---\n", 2, 1,
	    "no description: add 'description:' or a first paragraph");
	want_error("---\ndescription: d\n---\n", 2, 1, "no name: add 'term:'");
	want_error("---\nheading: A\ndescription: d\n---\n", 2, 1,
	    "no name: add 'term:' (this file has 'heading:')");
	want_error("---\nterm: ~\ndescription: d\n---\n", 2, 7,
	    "'term' must be a non-empty string");
	want_error("---\nterm: A\ndescription: d\n", 1, 1, "not closed");
	want_error("---\nterm: A\ndescription: &x d\nexample: *x\n---\n", 3, 14,
	    "anchors and aliases");
	want_error("---\nterm: A\ndescription: d\nexample: *x\n---\n", 4, 10,
	    "anchors and aliases");
	want_error("---\nterm: \"a\\0b\"\ndescription: d\n---\n", 2, 7,
	    "NUL character");
	want_error(
	    "---\nterm: \"a\\nb\"\ndescription: d\n---\n", 2, 7, "line break");
	want_error("---\nterm: A\rdescription: d\n---\n", 2, 8,
	    "line break other than LF");
	want_error("---\nterm: A\xe2\x80\xa8x\ndescription: d\n---\n", 2, 8,
	    "line break other than LF");
	want_error("---\nterm: A\ndescription: \x1b[2J\n---\n", 3, 14,
	    "control characters are not allowed");
	want_error("---\n---\n", 1, 1, "front matter is empty");
	want_error("\xef\xbb\xbf---\nterm: [a]\ndescription: d\n---\n", 2, 7,
	    "'term' must be a non-empty string");
}

static void
test_nul_byte(void **state)
{
	struct diag d;
	struct term *t;
	static const char s[] = "---\nterm: A\ndescription: a\0b\n---\n";

	(void)state;
	diag_init(&d);
	assert_int_equal(
	    loader_parse(s, sizeof(s) - 1, "t.md", &d, &t), LOAD_ERROR);
	assert_true(diag_has(&d, "NUL byte"));
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, 15);
	diag_release(&d);
}

/* A document nested n collections deep (the root mapping is one). */
static char *
nested(int n)
{
	size_t len = 64 + 2 * (size_t)n;
	char *s = malloc(len);
	int i, at;

	at = snprintf(s, len, "---\nterm: A\ndescription: d\nx: ");
	for (i = 1; i < n; i++)
		s[at++] = '[';
	for (i = 1; i < n; i++)
		s[at++] = ']';
	snprintf(s + at, len - (size_t)at, "\n---\n");
	return s;
}

static void
test_limits(void **state)
{
	struct diag d;
	struct term *t;
	char *s, name[300];

	(void)state;
	s = nested(32);
	assert_int_equal(parse(s, &d, &t), LOAD_OK);
	term_free(t);
	diag_release(&d);
	free(s);
	s = nested(33);
	assert_int_equal(parse(s, &d, &t), LOAD_ERROR);
	assert_true(diag_has(&d, "nesting deeper than 32"));
	diag_release(&d);
	free(s);

	/* A 1 MiB nesting attack is refused at once, not parsed. */
	s = malloc(1024 * 1024 + 64);
	memcpy(s, "---\nterm: A\ndescription: d\nx: ", 30);
	memset(s + 30, '[', 1000 * 1000);
	memcpy(s + 30 + 1000 * 1000, "\n---\n", 6);
	assert_int_equal(parse(s, &d, &t), LOAD_ERROR);
	assert_true(diag_has(&d, "does not close within 64 KiB") ||
	    diag_has(&d, "nesting deeper"));
	diag_release(&d);
	/* Within the front matter cap, the depth limit stops it early. */
	memset(s + 30, '[', 60000);
	memcpy(s + 30 + 60000, "\n---\n", 6);
	assert_int_equal(
	    loader_parse(s, 30 + 60000 + 5, "t.md", &d, &t), LOAD_ERROR);
	assert_true(diag_has(&d, "nesting deeper than 32"));
	diag_release(&d);
	free(s);

	memset(name, 'n', sizeof(name));
	s = malloc(400);
	snprintf(s, 400, "---\nterm: %.*s\ndescription: d\n---\n", 256, name);
	assert_int_equal(parse(s, &d, &t), LOAD_OK);
	term_free(t);
	diag_release(&d);
	snprintf(s, 400, "---\nterm: %.*s\ndescription: d\n---\n", 257, name);
	assert_int_equal(parse(s, &d, &t), LOAD_ERROR);
	assert_true(diag_has(&d, "longer than 256 bytes"));
	diag_release(&d);
	free(s);
}

static void
test_front_matter_cap(void **state)
{
	struct diag d;
	struct term *t;
	size_t n = 70 * 1024;
	char *s = malloc(n + 64);

	(void)state;
	memcpy(s, "---\nterm: A\ndescription: d\n", 27);
	memset(s + 27, '#', n);
	s[27 + 1000] = '\n';
	memcpy(s + 27 + n, "\n---\n", 6);
	assert_int_equal(parse(s, &d, &t), LOAD_ERROR);
	assert_true(diag_has(&d, "does not close within 64 KiB"));
	diag_release(&d);
	free(s);
}

static void
test_load_file_and_dir(void **state)
{
	const struct loader_opts drop = {.drop_text = 1},
				 small = {.max_bytes = 4096};
	struct diag d;
	struct table tab;
	struct term *t;
	int n;

	(void)state;
	diag_init(&d);
	/* The seed term file from the field loads as it is. */
	assert_int_equal(
	    loader_load_file("tests/data/good/cross-sell.md", &d, &t), LOAD_OK);
	assert_string_equal(t->name, "Cross-sell");
	assert_string_equal(term_category(t), "Sales");
	assert_string_equal(t->vertical, "SaaS");
	assert_int_equal(t->nrelated, 5);
	assert_string_equal(t->related[4].name, "Deal Size");
	assert_int_equal(t->related[4].line, 15);
	assert_int_equal(d.n, 0);
	term_free(t);

	assert_int_equal(
	    loader_load_file("tests/data/no-such.md", &d, &t), LOAD_ERROR);
	assert_true(diag_has(&d, "cannot open"));
	diag_release(&d);

	table_init(&tab);
	n = loader_load_dir(&tab, "tests/data/good/", 0, NULL, &d);
	assert_int_equal(n, 8);
	table_index(&tab, &d);
	assert_int_equal(tab.n, 8);
	/* README.md is noted, the hidden directory never read. */
	assert_int_equal(d.nnote, 1);
	assert_int_equal(d.nerr, 0);
	assert_null(table_get(&tab, "hidden term", NULL));
	assert_non_null(table_get(&tab, "見積書", NULL));
	assert_string_equal(
	    table_get(&tab, "cafe", NULL)->path, "tests/data/good/cafe.md");
	table_release(&tab);
	diag_release(&d);

	/* Without text, terms keep their fields, body examples included. */
	table_init(&tab);
	assert_int_equal(
	    loader_load_dir(&tab, "tests/data/good", 0, &drop, &d), 8);
	table_index(&tab, &d);
	t = (struct term *)table_get(&tab, "upsell", NULL);
	assert_null(t->text);
	assert_true(t->textlen > 0);
	assert_string_equal(term_body(t), "");
	assert_int_equal(t->examples.n, 3);
	assert_string_equal(t->description,
	    "Moving a customer to a bigger "
	    "plan, a higher tier or more seats "
	    "of the product they already buy.");
	table_release(&tab);
	diag_release(&d);

	/* The cap on a whole glossary stops the loading with one error. */
	table_init(&tab);
	n = loader_load_dir(&tab, "tests/data/good", 0, &small, &d);
	assert_true(n > 0 && n < 8);
	assert_int_equal(d.nerr, 1);
	assert_true(diag_has(&d, "the glossary is larger than"));
	assert_true(tab.bytes <= 4096);
	table_release(&tab);
	diag_release(&d);

	table_init(&tab);
	assert_int_equal(
	    loader_load_dir(&tab, "tests/data/nope", 0, NULL, &d), -1);
	assert_true(diag_has(&d, "cannot open directory"));
	table_release(&tab);
	diag_release(&d);
}

/* Write a small term file at dir/name. */
static void
put_term(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fprintf(f, "---\nterm: %s\n---\n", p);
	fclose(f);
	free(p);
}

/* The file an item is about: its path, or its first note's. */
static const char *
item_file(const struct walk_item *it)
{
	return it->path != NULL ? it->path : it->diag.v[0].file;
}

/*
 * A walk of more directories than it holds open at once and more files
 * than one thread stats: every file once, every note in its place in
 * path order, and the byte cap counted in that order.
 */
static void
test_walk_many(void **state)
{
	char root[] = "/tmp/gloss-walk-XXXXXX", *dir;
	struct walk_list l = {NULL, 0, 0, NULL};
	size_t i, files = 0, notes = 0, stop = 0, total = 0;
	struct diag d;
	int k, j;

	(void)state;
	assert_non_null(mkdtemp(root));
	for (k = 0; k < 70; k++) {
		dir = xasprintf("%s/d%02d", root, k);
		assert_int_equal(mkdir(dir, 0755), 0);
		for (j = 0; j < 5; j++) {
			char name[16];

			snprintf(name, sizeof(name), "t%d.md", j);
			put_term(dir, name);
		}
		free(dir);
	}
	dir = xasprintf("%s/d07/fifo.md", root);
	assert_int_equal(mkfifo(dir, 0644), 0);
	free(dir);
	dir = xasprintf("%s/d08/gone.md", root);
	assert_int_equal(symlink("nowhere.md", dir), 0);
	free(dir);
	dir = xasprintf("%s/d09/sub.md", root);
	assert_int_equal(mkdir(dir, 0755), 0);
	put_term(dir, "inner.md");
	free(dir);
	diag_init(&d);
	assert_int_equal(walk_tree(root, 0, LOADER_MAX_BYTES, NULL, &l, &d), 0);
	for (i = 0; i < l.n; i++) {
		if (l.v[i].path != NULL) {
			files++;
			assert_true(S_ISREG(l.v[i].st.st_mode));
			total += (size_t)l.v[i].st.st_size;
		} else
			notes++;
		if (i > 0)
			assert_true(strcmp(item_file(&l.v[i - 1]),
					item_file(&l.v[i])) < 0);
	}
	assert_int_equal(files, 70 * 5 + 1);
	assert_int_equal(notes, 2); /* the FIFO and the dangling link */
	walk_release(&l);

	/* A cap of half the bytes: the files before it, then one error. */
	assert_int_equal(walk_tree(root, 0, total / 2, NULL, &l, &d), 0);
	for (i = 0; i < l.n; i++)
		if (l.v[i].path == NULL &&
		    diag_has(&l.v[i].diag, "the glossary is larger than"))
			stop = i;
	assert_true(stop > 0);
	for (i = 0; i < l.n; i++)
		assert_true(i < stop || l.v[i].path == NULL);
	walk_release(&l);
	diag_release(&d);
	dir = xasprintf("rm -rf '%s'", root);
	assert_int_equal(system(dir), 0);
	free(dir);
}

/* Load dir into tab and index it; returns the terms added. */
static int
load_site(struct table *tab, const char *dir, struct diag *d)
{
	int n;

	table_init(tab);
	diag_init(d);
	n = loader_load_dir(tab, dir, 0, NULL, d);
	table_index(tab, d);
	return n;
}

static const struct term *
get(const struct table *tab, const char *name, int *alias)
{
	char *key = term_key(name);
	const struct term *t = table_get(tab, key, alias);

	free(key);
	return t;
}

static const char *
name_of(const struct table *tab, const char *name)
{
	const struct term *t = get(tab, name, NULL);

	return t != NULL ? t->name : "(none)";
}

/* Site glossaries (tests/data/sites): pages that are no terms, ids. */
static void
test_site_dirs(void **state)
{
	struct table tab;
	struct diag d;
	const struct term *t;
	int alias;

	(void)state;
	assert_int_equal(load_site(&tab, "tests/data/sites/hugo", &d), 8);
	assert_int_equal(d.nerr + d.nwarn, 0);
	assert_true(diag_has(&d, "a section page (_index.md), not a term"));
	assert_true(diag_has(&d, "a draft (draft: true); skipped"));
	/* An id and a file stem find the term, as link keys. */
	assert_string_equal(
	    name_of(&tab, "network latency"), "Latency (Round-Trip & One-Way)");
	assert_non_null(get(&tab, "rtt latency", &alias));
	assert_int_equal(alias, TABLE_ID);
	t = get(&tab, "load balancer", NULL);
	assert_int_equal(t->tags.n, 2);
	assert_null(strstr(term_body_text(t), "{{"));
	assert_non_null(strstr(term_body(t), "{{"));
	assert_int_equal(t->mentions.n, 2);
	assert_string_equal(t->mentions.v[0], "Backend Pool");
	table_release(&tab);
	diag_release(&d);

	/* Bundles: index.md alone is a term, beside other files it is not. */
	assert_int_equal(load_site(&tab, "tests/data/sites/mdn", &d), 7);
	assert_true(diag_has(&d, "a folder's index page"));
	t = get(&tab, "acquirer", NULL);
	assert_string_equal(
	    t->path, "tests/data/sites/mdn/glossary/acquirer/index.md");
	assert_string_equal(name_of(&tab, "glossary/psp"), "PSP");
	assert_string_equal(
	    name_of(&tab, "card"), "Settlement (card payments)");
	table_release(&tab);
	diag_release(&d);

	/* .gloss.yaml: own keys, skip globs, the default language. */
	assert_int_equal(load_site(&tab, "tests/data/sites/mapped", &d), 4);
	assert_true(
	    diag_has(&d, "skipped: matches 'drafts/**' in .gloss.yaml"));
	assert_string_equal(name_of(&tab, "rs"), "Revenue Share");
	assert_string_equal(name_of(&tab, "jv"), "Joint Venture");
	t = get(&tab, "revenue share", NULL);
	assert_string_equal(term_category(t), "Partnerships");
	assert_string_equal(t->lang, "en");
	table_release(&tab);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_minimal),
	    cmocka_unit_test(test_site_dirs),
	    cmocka_unit_test(test_all_keys),
	    cmocka_unit_test(test_details_fill_missing),
	    cmocka_unit_test(test_bom_crlf_dots),
	    cmocka_unit_test(test_not_term),
	    cmocka_unit_test(test_body_examples),
	    cmocka_unit_test(test_body_examples_large),
	    cmocka_unit_test(test_type_warnings),
	    cmocka_unit_test(test_errors_positions),
	    cmocka_unit_test(test_nul_byte),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_front_matter_cap),
	    cmocka_unit_test(test_load_file_and_dir),
	    cmocka_unit_test(test_walk_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
