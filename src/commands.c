/* The subcommand table and the help texts, kept beside each other. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const struct cmd commands[] = {
    {"show", cmd_show, "TERM...", "print the entries for each TERM",
	"Print the entries for each TERM: exact name or alias, else a unique\n"
	"prefix, else a unique substring.  Otherwise print the closest names\n"
	"on stderr and exit 1.",
	CMD_TABLE, RM_SHOW},
    {"search", cmd_search, "QUERY...", "ranked full-text search",
	"Ranked full-text search over names, aliases, descriptions, examples\n"
	"and bodies.  Every word must match; \"quoted words\" match as a\n"
	"phrase; words are stemmed (selling finds sell).",
	CMD_TABLE | CMD_BODY, RM_SEARCH},
    {"list", cmd_list, "", "every term, one a line",
	"List every term, one a line.", CMD_TABLE, RM_LIST},
    {"categories", cmd_categories, "", "each category with its term count",
	"Print each category with its number of terms (--by vertical for\n"
	"verticals).",
	CMD_TABLE, RM_CATEGORIES},
    {"related", cmd_related, "TERM", "links out of and into TERM",
	"Print the terms TERM links to (->), the terms that link to it (<-),\n"
	"and both (<->); --depth N walks further.",
	CMD_TABLE, RM_RELATED},
    {"random", cmd_random, "", "one term at random",
	"Print one term at random; --seed N makes the choice repeatable.",
	CMD_TABLE, RM_SHOW},
    {"check", cmd_check, "[DIR...]",
	"validate the glossary; report every problem",
	"Validate the glossary (or each DIR): bad files, missing fields,\n"
	"duplicate and shadowed names, related names that resolve to no term.\n"
	"Exit 1 if anything is wrong.",
	CMD_ALL_LANGS, RM_CHECK},
    {"help", cmd_help, "[COMMAND]", "help for gloss or one command",
	"Print help for gloss or one COMMAND.", 0, RM_NONE},
    {NULL, NULL, NULL, NULL, NULL, 0, RM_NONE}};

const struct cmd *
cli_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; commands[i].name != NULL; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* The options, around the line that names the formats (render.c's row). */
static const char options_head[] =
    "Options (before or after the command):\n"
    "  -d, --dir DIR          read the glossary in DIR (repeatable; first "
    "wins)\n"
    "  -c, --category NAME    only terms of category NAME\n"
    "      --vertical NAME    only terms of vertical NAME\n";
static const char options_tail[] =
    "  -j, --json             same as --format json\n"
    "      --field NAME       print only field NAME of each result, raw\n"
    "  -0, --null             end records with NUL instead of newline\n"
    "      --full             show the whole body of each entry\n"
    "      --color WHEN       colour: auto, always or never\n"
    "  -w, --width N          wrap text at N columns (0: terminal width)\n"
    "  -e, --exact            exact names and aliases only, no fallbacks\n"
    "  -q, --quiet            no warnings about files, no suggestions;\n"
    "                         check: no notes and no summary\n"
    "      --limit N          at most N results\n"
    "      --header           tsv: print a header line\n"
    "      --by FIELD         categories: category, vertical or lang\n"
    "      --lang TAG         serve language TAG (en, de, pt-br) or all;\n"
    "                         default $GLOSS_LANG, the locale's, en\n"
    "      --depth N          related: follow links N steps\n"
    "      --seed N           random: repeatable choice\n"
    "  -h, --help             print this help\n"
    "      --version          print the version\n";

static void
options_help(FILE *fp)
{
	fputs(options_head, fp);
	fprintf(fp, "  -f, --format FORMAT    %s\n", render_names());
	fputs(options_tail, fp);
}

void
cli_help(FILE *fp)
{
	size_t i;

	fputs("usage: gloss [options] TERM...\n"
	      "       gloss [options] COMMAND [ARG...]\n\n"
	      "Look up terms in a glossary of Markdown term files.\n\n"
	      "Commands:\n",
	    fp);
	fprintf(fp, "  %-25s %s\n", "TERM...", "same as 'show TERM...'");
	for (i = 0; commands[i].name != NULL; i++) {
		char head[64];

		snprintf(head, sizeof(head), "%s%s%s", commands[i].name,
		    *commands[i].args ? " " : "", commands[i].args);
		fprintf(fp, "  %-25s %s\n", head, commands[i].summary);
	}
	fputs("\n", fp);
	options_help(fp);
	fputs("\nGlossaries: every -d DIR, else $GLOSS_PATH (colon-separated), "
	      "else\n$XDG_DATA_HOME/gloss, $XDG_DATA_DIRS/gloss and the "
	      "installed data.\n"
	      "Exit status: 0 found, 1 nothing found or problems, 2 usage "
	      "error or no\nglossary.  See gloss(1).\n",
	    fp);
}

int
cli_cmd_help(FILE *fp, const char *name)
{
	const struct cmd *c = cli_find_cmd(name);

	if (c == NULL)
		return -1;
	fprintf(fp, "usage: gloss [options] %s%s%s\n\n%s\n\n", c->name,
	    *c->args ? " " : "", c->args, c->help);
	options_help(fp);
	return 0;
}
