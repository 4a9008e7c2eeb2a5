/* The subcommand table and the help texts, kept beside each other. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "usage.h"

const struct cmd commands[] = {
    {"show", cmd_show, "TERM...", "print the entries for each TERM",
	"Print the entries for each TERM: exact name or alias, else a unique\n"
	"prefix, else a unique substring.  Otherwise print the closest names\n"
	"on stderr and exit 1.",
	CMD_TABLE | CMD_NAMES, RM_SHOW,
	O_COMMON | O_FILTER | O_OUTPUT | O_FULL | O_EXACT | O_LIMIT},
    {"search", cmd_search, "QUERY...", "ranked full-text search",
	"Ranked full-text search over names, aliases, descriptions, examples\n"
	"and bodies.  One or two words must all match, a longer query at\n"
	"least half of its words; \"quoted words\" match as a phrase; words\n"
	"are stemmed (selling finds sell).",
	CMD_TABLE | CMD_BODY, RM_SEARCH,
	O_COMMON | O_FILTER | O_OUTPUT | O_FULL | O_LIMIT},
    {"list", cmd_list, "", "every term, one a line",
	"List every term, one a line.", CMD_TABLE, RM_LIST,
	O_COMMON | O_FILTER | O_OUTPUT | O_FULL | O_LIMIT},
    {"categories", cmd_categories, "", "each category with its term count",
	"Print each category with its number of terms (--by vertical, tag\n"
	"or lang for those).",
	CMD_TABLE, RM_CATEGORIES,
	O_COMMON | O_FILTER | O_OUTPUT | O_LIMIT | O_BY},
    {"related", cmd_related, "TERM", "links out of and into TERM",
	"Print the terms TERM links to (->), the terms that link to it (<-),\n"
	"and both (<->); --depth N walks further.",
	CMD_TABLE, RM_RELATED,
	O_COMMON | O_FILTER | O_OUTPUT | O_FULL | O_EXACT | O_LIMIT | O_DEPTH},
    {"random", cmd_random, "", "one term at random",
	"Print one term at random; --seed N makes the choice repeatable.",
	CMD_TABLE, RM_SHOW, O_COMMON | O_FILTER | O_OUTPUT | O_FULL | O_SEED},
    {"check", cmd_check, "[DIR...]",
	"validate the glossary; report every problem",
	"Validate the glossary (or each DIR): bad files, missing fields,\n"
	"duplicate and shadowed names, related names that resolve to no term.\n"
	"Exit 1 if anything is wrong.",
	CMD_ALL_LANGS | CMD_PARSE, RM_CHECK,
	O_COMMON | O_FORMAT | O_FIELD | O_NULL | O_HEADER | O_COLOR},
    {"new", cmd_new, "NAME", "write a term file from a template",
	"Write NAME's term file, <name-in-kebab-case>.md, into the first\n"
	"glossary directory (or -d DIR) from a template with every key, and\n"
	"print its path; never over an existing file, nor under a name that\n"
	"already finds a term of that directory (a later directory's it may\n"
	"hide, with a warning).  At a terminal, open it in $VISUAL or\n"
	"$EDITOR (else vi) and check it afterwards.",
	0, RM_NONE, O_DIR | O_QUIET | O_HELP},
    {"edit", cmd_edit, "TERM", "open a term's file in the editor",
	"Open the file that defines TERM (found as 'show' finds it) in\n"
	"$VISUAL or $EDITOR (else vi), at the term's line when the editor\n"
	"takes +LINE, and check the file afterwards.  Not at a terminal,\n"
	"print the file's path.",
	CMD_TABLE, RM_NONE, O_COMMON | O_FILTER | O_EXACT},
    {"paths", cmd_paths, "", "the glossary directories in force",
	"Print the glossary directories in force, in order, each with where\n"
	"it came from (-d, GLOSS_PATH, config or default), whether it exists\n"
	"and how many terms it gave.",
	0, RM_NONE, O_DIR | O_CACHE | O_FORMAT | O_HEADER | O_HELP},
    {"help", cmd_help, "[COMMAND]", "help for gloss or one command",
	"Print help for gloss or one COMMAND.", 0, RM_NONE, O_HELP},
    {NULL, NULL, NULL, NULL, NULL, 0, RM_NONE, 0}};

const struct cmd *
cli_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; commands[i].name != NULL; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
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
	fputs("\nOptions (before or after the command):\n", fp);
	cli_options_help(fp, ~0u);
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
	fputs("Options:\n", fp);
	cli_options_help(fp, c->opts | O_HELP);
	return 0;
}
