/*
 * What a command that is not `check' says about the files it loaded
 * (SPEC 4): one summary line for the term files it skipped, all of the
 * diagnostics with --verbose, none with --quiet; and, when no term
 * loaded at all, how many .md files there were and the commonest reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Whether a diagnostic is about a term file (not a directory, even
 * one named like a term file: `-d README.md'). */
static int
about_term_file(const struct diag_msg *m)
{
	size_t n;

	if (m->file == NULL || m->code == DIAG_NOT_A_DIRECTORY ||
	    m->code == DIAG_CANNOT_OPEN_DIR)
		return 0;
	n = strlen(m->file);
	return n >= 3 && strcmp(m->file + n - 3, ".md") == 0;
}

/* Whether m is the first message about its file (messages are grouped). */
static int
first_of_file(const struct diag *d, size_t i)
{
	return i == 0 || d->v[i - 1].file == NULL ||
	    strcmp(d->v[i - 1].file, d->v[i].file) != 0;
}

/*
 * Print to stderr the errors that are not about term files (a directory
 * that cannot be read), and with warnings set their warnings too (a
 * directory cycle, a key of .gloss.yaml), which are else counted with
 * the term files' in the summary line, not printed whole on every
 * lookup.
 */
static void
print_others(const struct diag *d, int warnings)
{
	struct diag rest;
	size_t i;

	diag_init(&rest);
	for (i = 0; i < d->n; i++) {
		const struct diag_msg *m = &d->v[i];

		if ((m->level == DIAG_ERROR ||
			(warnings && m->level == DIAG_WARN)) &&
		    !about_term_file(m))
			diag_push(&rest, m);
	}
	cli_print_diags(&rest, 0);
	diag_release(&rest);
}

void
cli_report_load(const struct ctx *ctx)
{
	const struct diag *d = &ctx->diag;
	size_t i, skipped = 0, warned = 0, others = 0;

	if (ctx->quiet)
		return;
	if (ctx->verbose) {
		cli_print_diags(d, 0);
		return;
	}
	/* When nothing loaded, a warning about the glossary may be why. */
	print_others(d, ctx->table.n == 0);
	if (ctx->table.n == 0)
		return; /* cli_report_no_terms says more */
	for (i = 0; i < d->n; i++) {
		if (d->v[i].level == DIAG_WARN) {
			warned++;
			others += !about_term_file(&d->v[i]);
		} else if (about_term_file(&d->v[i]) &&
		    d->v[i].level == DIAG_ERROR && first_of_file(d, i))
			skipped++;
	}
	if (skipped > 0 && warned > 0)
		cli_errorx("%zu term file%s skipped, %zu warning%s; 'gloss "
			   "check' says why",
		    skipped, skipped == 1 ? "" : "s", warned,
		    warned == 1 ? "" : "s");
	else if (skipped > 0)
		cli_errorx("%zu term file%s skipped; 'gloss check' says why",
		    skipped, skipped == 1 ? "" : "s");
	else if (warned > 0)
		cli_errorx("%zu warning%s%s; 'gloss check' says why", warned,
		    warned == 1 ? "" : "s",
		    others > 0 ? "" : " about term files");
}

/* The length of a message's kind: its text before the first quote or colon.
 */
static size_t
kind_len(const char *msg)
{
	return strcspn(msg, "':");
}

void
cli_report_no_terms(const struct ctx *ctx)
{
	const struct diag *d = &ctx->diag;
	const struct diag_msg *best = NULL;
	size_t i, j, files = 0, bestn = 0;

	for (i = 0; i < d->n; i++) {
		const struct diag_msg *m = &d->v[i];
		size_t n = 0, k = kind_len(m->msg);

		if (!about_term_file(m) || !first_of_file(d, i))
			continue;
		files++;
		for (j = 0; j < d->n; j++)
			if (about_term_file(&d->v[j]) && first_of_file(d, j) &&
			    kind_len(d->v[j].msg) == k &&
			    strncmp(d->v[j].msg, m->msg, k) == 0)
				n++;
		if (n > bestn) {
			bestn = n;
			best = m;
		}
	}
	if (best == NULL) {
		for (i = 0; i < d->n; i++)
			files += d->v[i].code == DIAG_NOT_MD;
		cli_errorx("no term files in the glossary (%s%s)%s",
		    ctx->dirs.n > 0 ? ctx->dirs.v[0] : "the default places",
		    ctx->dirs.n > 1 ? ", ..." : "",
		    files > 0 ? "; its .mdx and .markdown files are not read: "
				"term files end in .md"
			      : "");
		return;
	}
	cli_errorx("no term could be loaded from %zu .md file%s; the "
		   "commonest reason (%zu file%s): %s",
	    files, files == 1 ? "" : "s", bestn, bestn == 1 ? "" : "s",
	    best->msg);
	cli_errorx("'gloss check' lists every problem");
}
