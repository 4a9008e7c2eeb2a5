/*
 * The command line: options, the subcommand table, the search path.
 * Only this layer reads the environment, asks isatty(3) or calls exit(3).
 */
#ifndef GLOSS_CLI_H
#define GLOSS_CLI_H

#include "diag.h"
#include "loader.h"
#include "render.h"
#include "search.h"
#include "table.h"

#define EXIT_FOUND    0
#define EXIT_NOTFOUND 1
#define EXIT_TROUBLE  2

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct ctx {
	/* options */
	struct strlist dirs;
	const char *category;
	const char *vertical;
	const char *format;
	const char *field;
	const char *by;
	const char *lang;    /* --lang TAG or all; NULL: not given */
	size_t lang_dropped; /* terms of other languages not served */
	enum color_when color;
	int width;
	int exact;
	int quiet;
	int full;
	int nul;
	int header;
	long limit;
	int depth;
	int has_seed;
	unsigned long long seed;
	int tty;	   /* stdout is a terminal */
	int implicit_show; /* `gloss TERM...': no command was named */

	/* state */
	struct table table;
	struct loader_opts load; /* how cli_load calls the loader */
	struct diag diag;
	struct filter filter;
	struct render_opts ropts;
	const struct renderer *renderer;
	const struct cmd *cmd; /* the command being run */
};

/*
 * What a command needs, as git.c's RUN_SETUP: the cli reads these flags
 * (and asks the renderer) instead of knowing each command.
 */
enum {
	CMD_TABLE = 1,	  /* load the glossary before running */
	CMD_BODY = 2,	  /* it reads the terms' bodies itself (search) */
	CMD_ALL_LANGS = 4 /* every language unless --lang says one (check) */
};

struct cmd {
	const char *name;
	int (*fn)(int, char **, struct ctx *);
	const char *args;
	const char *summary; /* one line for --help */
	const char *help;
	unsigned flags;	       /* CMD_TABLE | CMD_BODY */
	enum render_mode mode; /* what its records are */
};

int cmd_show(int, char **, struct ctx *);
int cmd_list(int, char **, struct ctx *);
int cmd_categories(int, char **, struct ctx *);
int cmd_related(int, char **, struct ctx *);
int cmd_random(int, char **, struct ctx *);
int cmd_search(int, char **, struct ctx *);
int cmd_check(int, char **, struct ctx *);
int cmd_help(int, char **, struct ctx *);

/* The subcommand table, ended by a NULL name; and a lookup in it. */
extern const struct cmd commands[];
const struct cmd *cli_find_cmd(const char *);

/* Full help on stdout (--help), the help of one command, or usage. */
void cli_help(FILE *);
int cli_cmd_help(FILE *, const char *name);

/*
 * The glossary directories in priority order (SPEC 2) when no -d is
 * given: $GLOSS_PATH, else the XDG data directories and the installed
 * (or, run from the build tree, the bundled) data.  *explicit says the
 * list came from $GLOSS_PATH, whose missing entries are errors.
 */
void cli_default_dirs(struct strlist *, int *explicit);

/* Load dirs into ctx->table; returns the number of terms, -1 if no
 * directory could be read. */
int cli_load(struct ctx *, char **dirs, size_t ndirs, int missing_ok);

/* Print the collected diagnostics to stderr (notes only if notes). */
void cli_print_diags(const struct diag *, int notes);

/* Print an error about s on stderr: `gloss: ' + escaped message. */
void cli_errorx(const char *fmt, ...) GLOSS_PRINTF(1, 2);

/* Report a term that was not found, with suggestions unless quiet. */
void cli_not_found(struct ctx *, const char *query, const struct lookup *);

/* Start a render context on stdout for the records of ctx->cmd. */
void cli_render_begin(struct ctx *, struct render_ctx *);

/* The error for a search path where no glossary could be read. */
void cli_error_no_glossary(void);

#endif
