/*
 * The command line: options, the subcommand table, the search path.
 * Only this layer reads the environment, asks isatty(3) or calls exit(3).
 */
#ifndef GLOSS_CLI_H
#define GLOSS_CLI_H

#include <sys/types.h>

#include "config.h"
#include "diag.h"
#include "loader.h"
#include "render.h"
#include "search.h"
#include "table.h"

#define EXIT_FOUND    0
#define EXIT_NOTFOUND 1
#define EXIT_TROUBLE  2
#define EXIT_OK	      0 /* --help, --version: asked and answered */

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
enum pager_when { PAGER_AUTO, PAGER_ALWAYS, PAGER_NEVER };

struct ctx {
	/* options */
	struct strlist dirs;
	struct strlist category; /* -c, each as given: any of them */
	struct strlist vertical; /* --vertical */
	struct strlist tag;	 /* -t */
	const char *format;
	const char *field;
	const char *by;
	const char *lang;    /* --lang TAG or all; NULL: not given */
	size_t lang_dropped; /* terms of other languages not served */
	enum color_when color;
	enum pager_when pager;
	int width;
	int exact;
	int quiet;
	int verbose; /* every diagnostic, not a summary */
	int full;
	int nul;
	int header;
	long limit;
	int depth;
	int has_seed;
	unsigned long long seed;
	int max_width; /* at a terminal, wrap at most this wide; 0: no cap */
	int tty;       /* stdout is a terminal */
	int implicit_show; /* `gloss TERM...': no command was named */
	int no_cache;	   /* --no-cache */
	char **names;	   /* CMD_NAMES: the operands, the names to look up */
	size_t nnames;

	/* state */
	struct config cfg; /* the user's configuration file (SPEC 2) */
	struct table table;
	struct loader_opts load; /* how cli_load calls the loader */
	char *cache_dir;	 /* where the indexes are, or NULL: none */
	struct diag index_diag;	 /* the index's warning, if any (one) */
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
	CMD_TABLE = 1,	   /* load the glossary before running */
	CMD_BODY = 2,	   /* it reads the terms' bodies itself (search) */
	CMD_ALL_LANGS = 4, /* every language unless --lang says one (check) */
	CMD_PARSE = 8, /* parse every file: the index is written, not read */
	CMD_NAMES = 16 /* the operands are names it looks up and prints
			  (show): of an unchanged glossary, the loader may
			  read only their terms (loadsnap.h) */
};

struct cmd {
	const char *name;
	int (*fn)(int, char **, struct ctx *);
	const char *args;
	const char *summary; /* one line for --help */
	const char *help;
	unsigned flags;	       /* CMD_TABLE | CMD_BODY */
	enum render_mode mode; /* what its records are */
	unsigned opts;	       /* the options it honours: O_* of usage.h */
};

int cmd_show(int, char **, struct ctx *);
int cmd_list(int, char **, struct ctx *);
int cmd_categories(int, char **, struct ctx *);
int cmd_related(int, char **, struct ctx *);
int cmd_random(int, char **, struct ctx *);
int cmd_search(int, char **, struct ctx *);
int cmd_check(int, char **, struct ctx *);
int cmd_help(int, char **, struct ctx *);
int cmd_paths(int, char **, struct ctx *);
int cmd_new(int, char **, struct ctx *);
int cmd_edit(int, char **, struct ctx *);

/* The subcommand table, ended by a NULL name; and a lookup in it. */
extern const struct cmd commands[];
const struct cmd *cli_find_cmd(const char *);

/* Full help on stdout (--help), the help of one command, or usage. */
void cli_help(FILE *);
int cli_cmd_help(FILE *, const char *name);

/* Where a glossary directory came from (SPEC 2). */
enum dir_origin { DIR_OPTION, DIR_ENV, DIR_CONFIG, DIR_DEFAULT };

/* The glossary directories in force, in priority order. */
struct cli_dirs {
	struct strlist path;
	enum dir_origin *origin; /* one per path */
	int *nterms; /* after cli_dirs_load: terms it gave; -1: unreadable */
};

/*
 * The directories in force: every -d, else $GLOSS_PATH (an empty entry
 * standing for the defaults), else the XDG data directories and the
 * installed (or, run from the build tree, the bundled) data, each once.
 * cli_dirs_release frees.
 */
void cli_dirs_resolve(const struct ctx *, struct cli_dirs *);
void cli_dirs_release(struct cli_dirs *);

/* "-d", "GLOSS_PATH", "config" or "default". */
const char *cli_dir_origin_name(enum dir_origin);

/*
 * Load every directory of dirs into ctx->table, noting the terms each
 * gave.  A default directory that is missing is skipped quietly; any
 * other is an error in ctx->diag.  Returns the number of terms, -1 if
 * no directory could be read.
 */
int cli_dirs_load(struct ctx *, struct cli_dirs *);
/*
 * Load the glossary again, every term with its text and no stored
 * postings, its problems not reported again: for a search whose files
 * changed after the first load.  Returns what cli_dirs_load does.
 */
int cli_reload_texts(struct ctx *);

/*
 * Read the user's configuration file ($XDG_CONFIG_HOME/gloss/config.yaml)
 * into ctx->cfg, print its problems, and set the ctx fields it gives
 * that the environment does not (colour, width, format, quiet).  Called
 * before the options are parsed, which then override it.
 */
void cli_settings(struct ctx *);

/*
 * Where the indexes of glossaries are (SPEC 7): $XDG_CACHE_HOME/gloss,
 * else ~/.cache/gloss.  A string the caller frees, or NULL when neither
 * is set.
 */
char *cli_cache_dir(void);

/* Load dirs into ctx->table; returns the number of terms, -1 if no
 * directory could be read. */
int cli_load(struct ctx *, char **dirs, size_t ndirs, int missing_ok);

/* Print the collected diagnostics to stderr (notes only if notes). */
void cli_print_diags(const struct diag *, int notes);

/*
 * After loading, for a command that is not check: one summary line for
 * the term files skipped and warned about (every diagnostic when
 * ctx->verbose, none when ctx->quiet); diagnostics about directories are
 * printed as they are.
 */
void cli_report_load(const struct ctx *);

/*
 * Say that no term loaded: how many .md files were found and the
 * commonest reason they were refused (messages grouped by their text
 * before the first quote or colon).
 */
void cli_report_no_terms(const struct ctx *);

/*
 * Check that some term has the category and the vertical the filters
 * name; report each that none has, with the nearest ones.  Returns 0,
 * or -1 after reporting.
 */
int cli_check_filters(const struct ctx *);

/*
 * Whether field is one --field knows for cmd: a field of the renderers,
 * or `names' for list (each name and alias on a line of its own).
 */
int cli_field_known(const struct cmd *, const char *field);

/* Print an error about s on stderr: `gloss: ' + escaped message. */
void cli_errorx(const char *fmt, ...) GLOSS_PRINTF(1, 2);

/* Report a term that was not found, with suggestions unless quiet. */
void cli_not_found(struct ctx *, const char *query, const struct lookup *);

/*
 * The value of --color[=WHEN] (NULL: the option alone, which means
 * always) into *when; -1 after reporting a bad value.
 */
int cli_color_when(const char *arg, enum color_when *when);

/*
 * Colour or not, from --color, whether stdout is a terminal, and the
 * environment: NO_COLOR, TERM=dumb, CLICOLOR_FORCE (SPEC 4).
 */
int cli_want_color(enum color_when, int tty);

/*
 * The wrap width: -w when given (option > 0), else $FZF_PREVIEW_COLUMNS
 * inside an fzf preview, else the terminal's columns (tty_cols > 0 at a
 * terminal) but at most cap (0: CLI_MAX_WIDTH), else 0: no wrapping.
 */
#define CLI_MAX_WIDTH 100
int cli_want_width(int option, int tty_cols, int cap);

/*
 * The pager (SPEC 4).  cli_pager_start, once the output has been set up
 * from the real terminal, redirects stdout into a temporary file when
 * stdout is a terminal and paging is not off.  cli_pager_finish then
 * writes the output to the terminal, or through the pager when it is
 * taller than the screen (or --pager), waits for the pager and restores
 * stdout.  Returns -1 on a write error, else 0.  When stderr is a
 * terminal too, it is gathered with the output meanwhile, and
 * cli_pager_message, called before each message, flushes stdout so that
 * the message keeps its place among the lines of output.
 */
void cli_pager_start(const struct ctx *);
int cli_pager_finish(void);
void cli_pager_message(void);

/*
 * Wait for the child pid (an editor or a pager), which owns the
 * terminal's keys meanwhile: SIGINT and SIGQUIT are ignored here until
 * it ends, as git does.  Returns its wait(2) status.
 */
int cli_wait_child(pid_t pid);

/* The user's editor: $VISUAL, else $EDITOR, else vi. */
const char *cli_editor(void);

/*
 * Open path in the editor, at line when the editor takes +LINE (line 0:
 * none), and wait for it.  Returns 0, or -1 after reporting that the
 * editor could not run or failed.
 */
int cli_edit_file(const char *path, unsigned line);

/* The description `gloss new' writes for the user to replace. */
extern const char cli_placeholder[];

/*
 * Parse one term file and print its problems as `check' does.  Returns
 * 0 when it has none, else -1.
 */
int cli_check_file(const char *path);

/* Start a render context on stdout for the records of ctx->cmd. */
void cli_render_begin(struct ctx *, struct render_ctx *);

/* Whether the name s is empty or blank: a usage error, not a term not
 * found. */
int cli_blank(const char *s);
/*
 * The one term name the n words of argv make, joined by spaces, into q
 * (initialised here; the caller releases it): 0, or -1 when there is
 * none (no word, or only blanks), said for the command cmd.
 */
int cli_term_words(const char *cmd, int n, char **argv, struct sbuf *q);

/* The error for a search path where no glossary could be read. */
void cli_error_no_glossary(const struct ctx *);

#endif
