/*
 * The pager (SPEC 4, git's rule): at a terminal, output taller than the
 * screen goes through $GLOSS_PAGER, else $PAGER, else less with LESS=FRX
 * (and LV=-c) when those are unset.  Colour and width were decided from
 * the real terminal before stdout is redirected here: the output is
 * gathered in an unlinked temporary file, measured, and then copied to
 * the terminal or given to the pager as its standard input.  When
 * stderr is a terminal too, its messages are gathered with the output,
 * in the order they were written, as git sends them to its pager: else
 * a note written after the output (search's "20 of 58 hits shown")
 * would reach the terminal before it.
 */
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static FILE *buf;	  /* the output, while it is gathered */
static int real_fd = -1;  /* the terminal stdout was */
static int real_err = -1; /* the terminal stderr was, while gathered */
static int forced;	  /* --pager */

static void pager_atexit(void);

/* The pager command, or NULL for none ("cat" means none, as in git). */
static const char *
pager_command(void)
{
	const char *p = getenv("GLOSS_PAGER");

	if (p == NULL || *p == '\0')
		p = getenv("PAGER");
	if (p == NULL || *p == '\0')
		p = "less";
	return strcmp(p, "cat") == 0 ? NULL : p;
}

void
cli_pager_start(const struct ctx *ctx)
{
	if (ctx->pager == PAGER_NEVER || !ctx->tty || pager_command() == NULL)
		return;
	fflush(stdout);
	if ((buf = tmpfile()) == NULL)
		return; /* no room to measure: write directly */
	if ((real_fd = dup(STDOUT_FILENO)) < 0 ||
	    dup2(fileno(buf), STDOUT_FILENO) < 0) {
		if (real_fd >= 0)
			close(real_fd);
		fclose(buf);
		buf = NULL;
		real_fd = -1;
		return;
	}
	forced = ctx->pager == PAGER_ALWAYS;
	if (isatty(STDERR_FILENO)) {
		fflush(stderr);
		if ((real_err = dup(STDERR_FILENO)) >= 0 &&
		    dup2(fileno(buf), STDERR_FILENO) < 0) {
			close(real_err);
			real_err = -1;
		}
	}
	/* An exit(3) before cli_pager_finish (usage, say) must not lose
	 * what was gathered. */
	(void)atexit(pager_atexit);
}

void
cli_pager_message(void)
{
	if (real_err >= 0)
		fflush(stdout);
}

/* Give stderr its terminal back. */
static void
restore_stderr(void)
{
	fflush(stderr);
	if (real_err < 0)
		return;
	(void)dup2(real_err, STDERR_FILENO);
	close(real_err);
	real_err = -1;
}

/* Whether n bytes of text need more rows than the terminal has. */
static int
taller_than_screen(FILE *fp)
{
	struct winsize ws;
	long rows, cols, lines = 0, col = 0;
	int c;

	if (ioctl(real_fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0)
		return 0; /* unknown size: do not page */
	rows = ws.ws_row;
	cols = ws.ws_col > 0 ? ws.ws_col : 80;
	rewind(fp);
	while ((c = getc(fp)) != EOF && lines < rows) {
		if (c == '\n') {
			lines++;
			col = 0;
		} else if ((c & 0xc0) != 0x80 && ++col > cols) {
			lines++; /* the terminal wraps a long line */
			col = 1;
		}
	}
	return lines >= rows;
}

/* Copy the gathered output to the terminal; -1 on a write error. */
static int
copy_out(FILE *fp)
{
	char b[65536];
	size_t n;

	rewind(fp);
	while ((n = fread(b, 1, sizeof(b), fp)) > 0) {
		size_t off = 0;

		while (off < n) {
			ssize_t w = write(real_fd, b + off, n - off);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return errno == EPIPE ? 0 : -1;
			off += (size_t)w;
		}
	}
	return 0;
}

int
cli_wait_child(pid_t pid)
{
	struct sigaction ign, oint, oquit;
	int status = 0;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* The child owns the terminal's keys until it ends, as in git. */
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	return status;
}

/*
 * Run the pager through sh -c with the output as its stdin; returns its
 * exit status, or 127 when it could not be started.
 */
static int
run_pager(FILE *fp)
{
	pid_t pid;
	int status;

	rewind(fp);
	if ((pid = fork()) < 0)
		return 127;
	if (pid == 0) {
		if (lseek(fileno(fp), 0, SEEK_SET) < 0 ||
		    dup2(fileno(fp), STDIN_FILENO) < 0 ||
		    dup2(real_fd, STDOUT_FILENO) < 0)
			_exit(127);
		setenv("LESS", "FRX", 0);
		setenv("LV", "-c", 0);
		execl("/bin/sh", "sh", "-c", pager_command(), (char *)NULL);
		_exit(127);
	}
	status = cli_wait_child(pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 0;
}

int
cli_pager_finish(void)
{
	int rc = 0, err;

	if (buf == NULL)
		return 0;
	err = fflush(stdout) != 0 || ferror(stdout);
	fflush(buf);
	restore_stderr();
	if (dup2(real_fd, STDOUT_FILENO) < 0)
		err = 1;
	if (!err) {
		/* A pager that could not start must not lose the output. */
		if (!(forced || taller_than_screen(buf)) ||
		    run_pager(buf) == 127)
			rc = copy_out(buf);
	} else
		rc = -1;
	close(real_fd);
	fclose(buf);
	buf = NULL;
	real_fd = -1;
	return rc;
}

static void
pager_atexit(void)
{
	if (buf != NULL)
		(void)cli_pager_finish();
}
