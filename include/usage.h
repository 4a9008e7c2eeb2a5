/*
 * The command-line options, written once as a table: getopt_long's
 * tables, `--help' and each command's help, and the did-you-mean for an
 * unknown option are all read from it.  Part of the cli.
 */
#ifndef GLOSS_USAGE_H
#define GLOSS_USAGE_H

#include <getopt.h>
#include <stdio.h>

/* What getopt_long returns for options without a short form. */
enum {
	OPT_BY = 256,
	OPT_COLOR,
	OPT_DEPTH,
	OPT_FIELD,
	OPT_FULL,
	OPT_HEADER,
	OPT_LIMIT,
	OPT_SEED,
	OPT_VERTICAL,
	OPT_VERSION,
	OPT_PAGER,
	OPT_NO_PAGER,
	OPT_LANG,
	OPT_NO_CACHE
};

/* One bit per option (or pair of options), for a command's option list. */
enum {
	O_DIR = 1u << 0,
	O_CATEGORY = 1u << 1,
	O_VERTICAL = 1u << 2,
	O_FORMAT = 1u << 3,
	O_FIELD = 1u << 4,
	O_NULL = 1u << 5,
	O_FULL = 1u << 6,
	O_COLOR = 1u << 7,
	O_WIDTH = 1u << 8,
	O_EXACT = 1u << 9,
	O_QUIET = 1u << 10,
	O_VERBOSE = 1u << 11,
	O_LIMIT = 1u << 12,
	O_HEADER = 1u << 13,
	O_BY = 1u << 14,
	O_DEPTH = 1u << 15,
	O_SEED = 1u << 16,
	O_PAGER = 1u << 17,
	O_HELP = 1u << 18,
	O_VERSION = 1u << 19,
	O_TAG = 1u << 20,
	O_LANG = 1u << 21,
	O_CACHE = 1u << 22
};

/* Groups that several commands share. */
#define O_COMMON (O_DIR | O_QUIET | O_VERBOSE | O_HELP | O_LANG | O_CACHE)
#define O_FILTER (O_CATEGORY | O_VERTICAL | O_TAG)
#define O_OUTPUT                                                               \
	(O_FORMAT | O_FIELD | O_NULL | O_COLOR | O_WIDTH | O_HEADER | O_PAGER)

struct cli_option {
	const char *name; /* the long name, without "--" */
	int shortopt;	  /* the short letter, or 0 */
	int has_arg;	 /* no_argument, required_argument, optional_argument */
	int val;	 /* what getopt_long returns for it */
	const char *arg; /* the value's name in help, or NULL */
	const char *help; /* one or more lines; NULL: not listed (--colour) */
	unsigned bit;	  /* O_* */
};

/* The options, ended by a NULL name. */
extern const struct cli_option cli_options[];

/*
 * getopt_long's tables for cli_options, built on the first call and kept
 * to the end of the program: the long options and the short-option
 * string (which starts with ':' so that a missing value returns ':').
 */
const struct option *cli_longopts(void);
const char *cli_shortopts(void);

/* Print the help lines of every option whose bit is in mask. */
void cli_options_help(FILE *, unsigned mask);

/*
 * Report an unknown option arg ("--list", "-l", "--colr=x") on stderr,
 * with the command it is a habit for (tldr's and cheat's `--list') or
 * the nearest option by edit distance.
 */
void cli_unknown_option(const char *arg);

#endif
