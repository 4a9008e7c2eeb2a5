/*
 * Opening a term file in the user's editor, and checking it afterwards
 * (SPEC 3, for `new' and `edit').  The editor runs as git runs it,
 * through sh -c '$EDITOR "$@"', so that EDITOR may carry arguments.
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "loader.h"

/* Editors that take +LINE before the file. */
static const char *const line_editors[] = {
    "vi", "vim", "nvim", "nano", "emacs", "micro", "kak", "hx", NULL};

const char *
cli_editor(void)
{
	const char *e = getenv("VISUAL");

	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	return e != NULL && *e != '\0' ? e : "vi";
}

/* Whether the editor command's program (its first word) takes +LINE. */
static int
takes_line(const char *editor)
{
	size_t n = strcspn(editor, " \t"), i;
	const char *base = editor;
	const char *p;

	for (p = editor; p < editor + n; p++)
		if (*p == '/')
			base = p + 1;
	n -= (size_t)(base - editor);
	for (i = 0; line_editors[i] != NULL; i++)
		if (strlen(line_editors[i]) == n &&
		    strncmp(base, line_editors[i], n) == 0)
			return 1;
	return 0;
}

int
cli_edit_file(const char *path, unsigned line)
{
	const char *editor = cli_editor();
	char *cmd = xasprintf("%s \"$@\"", editor), lbuf[32];
	pid_t pid;
	int status;

	snprintf(lbuf, sizeof(lbuf), "+%u", line);
	fflush(stdout);
	if ((pid = fork()) < 0) {
		cli_errorx("cannot run the editor: %s", strerror(errno));
		free(cmd);
		return -1;
	}
	if (pid == 0) {
		if (line > 0 && takes_line(editor))
			execl("/bin/sh", "sh", "-c", cmd, editor, lbuf, path,
			    (char *)NULL);
		else
			execl("/bin/sh", "sh", "-c", cmd, editor, path,
			    (char *)NULL);
		_exit(127);
	}
	status = cli_wait_child(pid);
	free(cmd);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		cli_errorx("the editor '%s' failed on '%s'", editor, path);
		return -1;
	}
	return 0;
}

int
cli_check_file(const char *path)
{
	struct diag d;
	struct term *t = NULL;
	enum load_status st;
	int bad;

	diag_init(&d);
	st = loader_load_file(path, &d, &t);
	if (st == LOAD_NOT_TERM)
		diag_add(&d, DIAG_NOT_A_TERM_FILE, path, 1, 1);
	cli_print_diags(&d, 1);
	bad = d.nerr > 0 || d.nwarn > 0;
	term_free(t);
	diag_release(&d);
	return bad ? -1 : 0;
}
