/* The user's configuration file: each key, its types, its problems. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "testutil.h"

#include "config.h"

static char file[] = "/tmp/gloss-test-config-XXXXXX";

/* Write text to the test file and load it into c; returns config_load. */
static int
load(const char *text, struct config *c, struct diag *d)
{
	FILE *fp = fopen(file, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	config_init(c);
	diag_init(d);
	return config_load(c, file, "/home/u", d);
}

static int
setup(void **state)
{
	int fd = mkstemp(file);

	(void)state;
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(file);
	return 0;
}

static void
test_every_key(void **state)
{
	struct config c;
	struct diag d;

	(void)state;
	assert_int_equal(load("path: [~/team, /srv/g]\nlang: de\n"
			      "color: never\npager: most -s\nwidth: 72\n"
			      "format: tsv\nquiet: true\ncache: off\n",
			     &c, &d),
	    0);
	assert_int_equal(d.n, 0);
	assert_string_equal(c.path, "/home/u/team:/srv/g");
	assert_string_equal(c.lang, "de");
	assert_string_equal(c.color, "never");
	assert_string_equal(c.pager, "most -s");
	assert_int_equal(c.width, 72);
	assert_string_equal(c.format, "tsv");
	assert_int_equal(c.quiet, 1);
	assert_int_equal(c.cache, 0);
	config_release(&c);
	assert_null(c.path);
	assert_int_equal(c.quiet, -1);
	diag_release(&d);
}

/* A colon string keeps its empty entries (the defaults, as GLOSS_PATH). */
static void
test_path_string_and_booleans(void **state)
{
	struct config c;
	struct diag d;

	(void)state;
	assert_int_equal(load("Path: '~:/a::~/b:'\ncolor: false\n"
			      "pager: false\nquiet: False\ncache: on\n",
			     &c, &d),
	    0);
	assert_int_equal(d.n, 0);
	assert_string_equal(c.path, "/home/u:/a::/home/u/b:");
	assert_string_equal(c.color, "never");
	assert_string_equal(c.pager, "never");
	assert_int_equal(c.quiet, 0);
	assert_int_equal(c.cache, 1);
	assert_int_equal(c.width, 0);
	assert_null(c.lang);
	config_release(&c);
	diag_release(&d);

	/* In a list, '' is the empty entry; a null is no directory. */
	assert_int_equal(load("path: [~/team, '']\n", &c, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(c.path, "/home/u/team:");
	config_release(&c);
	diag_release(&d);
	assert_int_equal(load("path: [~/team, ~]\n", &c, &d), 0);
	assert_int_equal(d.n, 1);
	assert_null(c.path);
	config_release(&c);
	diag_release(&d);
}

/* Each bad key is named where it is and skipped; the others are used. */
static void
test_problems(void **state)
{
	struct config c;
	struct diag d;

	(void)state;
	assert_int_equal(load("color: purple\nwidth: '80'\nformat: yaml\n"
			      "quiet: yes\npath: [a, [b]]\ncolour: never\n"
			      "lang:\ncache: sometimes\npager: always\n"
			      "pager: never\n",
			     &c, &d),
	    0);
	assert_int_equal(d.n, 9);
	/* The parser warns of the key given twice before any is read. */
	assert_int_equal(d.v[0].line, 10);
	assert_int_equal(d.v[1].line, 1);
	assert_int_equal(d.v[1].col, 8);
	assert_true(diag_has(&d, "'color' should be auto, always or never"));
	assert_true(diag_has(&d, "'width' should be a number"));
	assert_true(diag_has(&d, "'format' should be text, json"));
	assert_true(diag_has(&d, "'quiet' should be true or false"));
	assert_true(diag_has(&d, "'path' should be a list of directories"));
	assert_true(diag_has(&d, "unknown key 'colour' (the keys are path,"));
	assert_true(diag_has(&d, "'lang' should be"));
	assert_true(diag_has(&d, "'cache' should be on or off"));
	assert_true(diag_has(&d, "duplicate key 'pager'"));
	assert_int_equal(d.nwarn, 9);
	assert_null(c.color);
	assert_int_equal(c.width, 0);
	assert_null(c.format);
	assert_null(c.path);
	assert_string_equal(c.pager, "always"); /* the first one */
	config_release(&c);
	diag_release(&d);
}

static void
test_broken_and_missing(void **state)
{
	struct config c;
	struct diag d;

	(void)state;
	assert_int_equal(load("color: [never\nwidth: 50\n", &c, &d), -1);
	assert_true(d.n >= 1);
	assert_true(diag_has(&d, "invalid YAML"));
	assert_int_equal(c.width, 0);
	config_release(&c);
	diag_release(&d);

	assert_int_equal(load("- a\n- b\n", &c, &d), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, DIAG_CONFIG_NOT_MAPPING);
	config_release(&c);
	diag_release(&d);

	/* An empty file is no problem. */
	assert_int_equal(load("# nothing yet\n", &c, &d), 0);
	assert_int_equal(d.n, 0);
	config_release(&c);
	diag_release(&d);

	config_init(&c);
	diag_init(&d);
	assert_int_equal(
	    config_load(&c, "/nonexistent/gloss/config.yaml", NULL, &d), 1);
	assert_int_equal(d.n, 0);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_key),
	    cmocka_unit_test(test_path_string_and_booleans),
	    cmocka_unit_test(test_problems),
	    cmocka_unit_test(test_broken_and_missing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
