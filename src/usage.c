/*
 * The option table and what is read from it: getopt_long's tables, the
 * option lines of the help, and the did-you-mean for unknown options.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "usage.h"

const struct cli_option cli_options[] = {
    {"dir", 'd', required_argument, 'd', "DIR",
	"read the glossary in DIR (repeatable; first wins)", O_DIR},
    {"category", 'c', required_argument, 'c', "NAME",
	"only terms of category NAME (repeatable: any)", O_CATEGORY},
    {"lang", 0, required_argument, OPT_LANG, "TAG",
	"serve language TAG (en, de, pt-br) or all;\n"
	"default $GLOSS_LANG, the locale's, en",
	O_LANG},
    {"tag", 't', required_argument, 't', "NAME",
	"only terms with tag NAME (repeatable: any)", O_TAG},
    {"vertical", 0, required_argument, OPT_VERTICAL, "NAME",
	"only terms of vertical NAME (repeatable: any)", O_VERTICAL},
    {"format", 'f', required_argument, 'f', "FORMAT", "",
	O_FORMAT}, /* the help: render_names(), the formats' row */
    {"json", 'j', no_argument, 'j', NULL, "same as --format json", O_FORMAT},
    {"field", 0, required_argument, OPT_FIELD, "NAME",
	"print only field NAME of each result, raw", O_FIELD},
    {"null", '0', no_argument, '0', NULL,
	"end records with NUL instead of newline", O_NULL},
    {"full", 0, no_argument, OPT_FULL, NULL,
	"show the whole body of each entry", O_FULL},
    {"color", 0, optional_argument, OPT_COLOR, "[=WHEN]",
	"colour: auto, always or never (alone: always)", O_COLOR},
    {"colour", 0, optional_argument, OPT_COLOR, NULL, NULL, O_COLOR},
    {"pager", 0, no_argument, OPT_PAGER, NULL,
	"page the output even when it fits the screen", O_PAGER},
    {"no-pager", 0, no_argument, OPT_NO_PAGER, NULL, "never page the output",
	O_PAGER},
    {"width", 'w', required_argument, 'w', "N",
	"wrap text at N columns (default: the terminal's,\n"
	"at most 100; none in a pipe)",
	O_WIDTH},
    {"exact", 'e', no_argument, 'e', NULL,
	"exact names and aliases only, no fallbacks", O_EXACT},
    {"quiet", 'q', no_argument, 'q', NULL,
	"no warnings about files, no suggestions;\n"
	"check: no notes and no summary",
	O_QUIET},
    {"verbose", 'v', no_argument, 'v', NULL,
	"every problem of the term files, not one summary line", O_VERBOSE},
    {"limit", 0, required_argument, OPT_LIMIT, "N", "at most N results",
	O_LIMIT},
    {"header", 0, no_argument, OPT_HEADER, NULL, "tsv: print a header line",
	O_HEADER},
    {"by", 0, required_argument, OPT_BY, "FIELD",
	"categories: category, vertical, tag or lang", O_BY},
    {"depth", 0, required_argument, OPT_DEPTH, "N",
	"related: follow links N steps", O_DEPTH},
    {"seed", 0, required_argument, OPT_SEED, "N", "random: repeatable choice",
	O_SEED},
    {"no-cache", 0, no_argument, OPT_NO_CACHE, NULL,
	"parse every file; neither read nor write the index", O_CACHE},
    {"help", 'h', no_argument, 'h', NULL, "print this help", O_HELP},
    {"version", 0, no_argument, OPT_VERSION, NULL, "print the version",
	O_VERSION},
    {NULL, 0, 0, 0, NULL, NULL, 0}};

#define NOPTIONS (sizeof(cli_options) / sizeof(cli_options[0]))

static struct option longopts[NOPTIONS];
static char shortopts[2 + 2 * NOPTIONS];

static void
build_tables(void)
{
	size_t i, n = 0, s = 0;

	shortopts[s++] = ':';
	for (i = 0; cli_options[i].name != NULL; i++) {
		const struct cli_option *o = &cli_options[i];

		longopts[n].name = o->name;
		longopts[n].has_arg = o->has_arg;
		longopts[n].flag = NULL;
		longopts[n].val = o->val;
		n++;
		if (o->shortopt != 0) {
			shortopts[s++] = (char)o->shortopt;
			if (o->has_arg == required_argument)
				shortopts[s++] = ':';
		}
	}
	memset(&longopts[n], 0, sizeof(longopts[n]));
	shortopts[s] = '\0';
}

const struct option *
cli_longopts(void)
{
	if (longopts[0].name == NULL)
		build_tables();
	return longopts;
}

const char *
cli_shortopts(void)
{
	if (shortopts[0] == '\0')
		build_tables();
	return shortopts;
}

void
cli_options_help(FILE *fp, unsigned mask)
{
	size_t i;

	for (i = 0; cli_options[i].name != NULL; i++) {
		const struct cli_option *o = &cli_options[i];
		const char *h, *nl, *help = o->help;
		char head[32];

		if (help == NULL || (o->bit & mask) == 0)
			continue;
		if (o->val == 'f')
			help = render_names();
		snprintf(head, sizeof(head), "--%s%s%s", o->name,
		    o->arg != NULL && *o->arg != '[' ? " " : "",
		    o->arg != NULL ? o->arg : "");
		if (o->shortopt != 0)
			fprintf(fp, "  -%c, %-18s", o->shortopt, head);
		else
			fprintf(fp, "      %-18s", head);
		for (h = help;; h = nl + 1) {
			nl = strchr(h, '\n');
			if (h != help)
				fprintf(fp, "%24s", "");
			fprintf(fp, " %.*s\n",
			    (int)(nl ? (size_t)(nl - h) : strlen(h)), h);
			if (nl == NULL)
				break;
		}
	}
}

/*
 * Other tools' options for what gloss does with a command: tldr's and
 * cheat's `-l/--list', `-s/--search', tealdeer's `--edit-page'.  A long
 * option named like a command (`--random') needs no row.
 */
static const struct {
	const char *opt;
	const char *cmd;
} habits[] = {{"-l", "list"}, {"-s", "search"}, {"-r", "random"},
    {"--edit-page", "edit"}, {"--info", "show"}, {"--render", "show"},
    {"--categories", "categories"}, {NULL, NULL}};

/* The command that arg is another tool's habit for, or NULL. */
static const char *
habit_command(const char *arg)
{
	size_t i;

	for (i = 0; habits[i].opt != NULL; i++)
		if (strcmp(habits[i].opt, arg) == 0)
			return cli_find_cmd(habits[i].cmd) ? habits[i].cmd
							   : NULL;
	if (strncmp(arg, "--", 2) == 0 && cli_find_cmd(arg + 2) != NULL)
		return arg + 2;
	return NULL;
}

/* The long option nearest to name (without "--"), or NULL. */
static const char *
nearest_option(const char *name)
{
	const char *best = NULL;
	size_t i, d, bestd = 3;

	if (strlen(name) < 3)
		return NULL;
	for (i = 0; cli_options[i].name != NULL; i++) {
		if (cli_options[i].help == NULL)
			continue;
		d = editdist(name, cli_options[i].name);
		if (d < bestd) {
			bestd = d;
			best = cli_options[i].name;
		}
	}
	return best;
}

void
cli_unknown_option(const char *arg)
{
	char name[64];
	const char *cmd, *near;

	snprintf(name, sizeof(name), "%.*s", (int)strcspn(arg, "="), arg);
	if ((cmd = habit_command(name)) != NULL)
		cli_errorx(
		    "unknown option '%s'; did you mean 'gloss %s'?", name, cmd);
	else if (strcmp(name, "-u") == 0 || strcmp(name, "--update") == 0)
		cli_errorx("unknown option '%s': gloss reads its glossaries "
			   "as they are; update one with 'git pull' in its "
			   "directory",
		    name);
	else if (strncmp(name, "--", 2) == 0 &&
	    (near = nearest_option(name + 2)) != NULL)
		cli_errorx(
		    "unknown option '%s'; did you mean '--%s'?", name, near);
	else
		cli_errorx("unknown option '%s'", name);
}
