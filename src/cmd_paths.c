/*
 * gloss paths: the glossary directories in force (SPEC 2), in order, each
 * with where it came from, whether it exists, how many terms it gave,
 * and where its index is (SPEC 7) and how large.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "escape.h"
#include "index.h"

struct paths_row {
	const char *path;
	const char *origin;
	int exists;
	int terms;
	char *index;	   /* the index's file, or NULL: none */
	long long ixbytes; /* its size with its WAL, or -1: not built */
};

/* Where the index of dir is and how large, unless there is none. */
static void
paths_index(const struct ctx *ctx, const char *dir, struct paths_row *r)
{
	struct stat st;
	char *wal;

	r->index = NULL;
	r->ixbytes = -1;
	if (ctx->load.cache_dir == NULL || !r->exists ||
	    (r->index = index_file(ctx->load.cache_dir, dir)) == NULL)
		return;
	if (stat(r->index, &st) == 0)
		r->ixbytes = (long long)st.st_size;
	wal = xasprintf("%s-wal", r->index);
	if (r->ixbytes >= 0 && stat(wal, &st) == 0)
		r->ixbytes += (long long)st.st_size;
	free(wal);
}

/* A size for people: bytes, KiB or MiB. */
static void
human_size(struct sbuf *sb, long long n)
{
	if (n < 1024)
		sb_addf(sb, "%lld bytes", n);
	else if (n < 1024LL * 1024)
		sb_addf(sb, "%lld KiB", (n + 512) / 1024);
	else
		sb_addf(sb, "%.1f MiB", (double)n / (1024.0 * 1024.0));
}

/* Append s to sb as a JSON string (UTF-8 kept; controls escaped). */
static void
json_string(struct sbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			sb_addf(sb, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			sb_addf(sb, "\\u%04x", c);
		else
			sb_addc(sb, (char)c);
	}
	sb_addc(sb, '"');
}

/* A row as a JSON object: on one line, compact (NDJSON) or spaced. */
static void
paths_json(struct sbuf *sb, const struct paths_row *r, int compact)
{
	const char *kv = compact ? ":" : ": ", *sep = compact ? "," : ", ";

	sb_addf(sb, "{\"path\"%s", kv);
	json_string(sb, r->path);
	sb_addf(sb, "%s\"origin\"%s\"%s\"%s\"exists\"%s%s%s\"terms\"%s%d", sep,
	    kv, r->origin, sep, kv, r->exists ? "true" : "false", sep, kv,
	    r->terms);
	sb_addf(sb, "%s\"index\"%s", sep, kv);
	if (r->index != NULL)
		json_string(sb, r->index);
	else
		sb_adds(sb, "null");
	sb_addf(sb, "%s\"index_bytes\"%s", sep, kv);
	if (r->ixbytes >= 0)
		sb_addf(sb, "%lld}", r->ixbytes);
	else
		sb_adds(sb, "null}");
}

/* One row in the format asked for; text is escaped at a terminal. */
static void
paths_row(
    struct sbuf *sb, const struct ctx *ctx, const struct paths_row *r, size_t i)
{
	const char *f = ctx->format != NULL ? ctx->format : "text";
	char *p, status[32];

	if (strcasecmp(f, "json") == 0) {
		sb_adds(sb, i == 0 ? "[\n  " : ",\n  ");
		paths_json(sb, r, 0);
	} else if (strcasecmp(f, "ndjson") == 0) {
		paths_json(sb, r, 1);
		sb_addc(sb, '\n');
	} else if (strcasecmp(f, "tsv") == 0) {
		p = ctx->tty ? esc_line(r->path) : xstrdup(r->path);
		sb_addf(sb, "%s\t%s\t%s\t%d\t", p, r->origin,
		    r->exists ? "yes" : "no", r->terms);
		free(p);
		p = r->index == NULL ? xstrdup("")
		    : ctx->tty	     ? esc_line(r->index)
				     : xstrdup(r->index);
		sb_addf(sb, "%s\t", p);
		if (r->ixbytes >= 0)
			sb_addf(sb, "%lld", r->ixbytes);
		sb_addc(sb, '\n');
		free(p);
	} else {
		if (!r->exists)
			snprintf(status, sizeof(status), "missing");
		else if (r->terms < 0)
			snprintf(status, sizeof(status), "unreadable");
		else
			snprintf(status, sizeof(status), "%d term%s", r->terms,
			    r->terms == 1 ? "" : "s");
		p = esc_line(r->path);
		sb_addf(sb, "%-10s  %-10s  %s\n", r->origin, status, p);
		free(p);
		if (r->index == NULL)
			return;
		p = esc_line(r->index);
		sb_addf(sb, "%-10s  %-10s  %s, ", "", "index", p);
		free(p);
		if (r->ixbytes >= 0)
			human_size(sb, r->ixbytes);
		else
			sb_adds(sb, "not built");
		sb_addc(sb, '\n');
	}
}

int
cmd_paths(int argc, char **argv, struct ctx *ctx)
{
	struct cli_dirs dirs;
	struct sbuf sb;
	struct stat st;
	const char *f = ctx->format;
	size_t i;

	if (argc > 0) {
		cli_errorx("paths: unexpected argument '%s'", argv[0]);
		return EXIT_TROUBLE;
	}
	if (f != NULL && strcasecmp(f, "text") != 0 &&
	    strcasecmp(f, "json") != 0 && strcasecmp(f, "ndjson") != 0 &&
	    strcasecmp(f, "tsv") != 0) {
		cli_errorx("paths: no '%s' format: use text, json, ndjson "
			   "or tsv",
		    f);
		return EXIT_TROUBLE;
	}
	cli_dirs_resolve(ctx, &dirs);
	(void)cli_dirs_load(ctx, &dirs);
	sb_init(&sb);
	if (f != NULL && strcasecmp(f, "tsv") == 0 && ctx->header)
		sb_adds(
		    &sb, "path\torigin\texists\tterms\tindex\tindex_bytes\n");
	for (i = 0; i < dirs.path.n; i++) {
		struct paths_row r;

		r.path = dirs.path.v[i];
		r.origin = cli_dir_origin_name(dirs.origin[i]);
		r.exists = stat(r.path, &st) == 0 && S_ISDIR(st.st_mode);
		r.terms = dirs.nterms[i];
		if (!r.exists && r.terms < 0)
			r.terms = 0;
		paths_index(ctx, r.path, &r);
		paths_row(&sb, ctx, &r, i);
		free(r.index);
	}
	if (f != NULL && strcasecmp(f, "json") == 0)
		sb_adds(&sb, dirs.path.n > 0 ? "\n]\n" : "[]\n");
	fwrite(sb.s, 1, sb.len, stdout);
	sb_release(&sb);
	cli_dirs_release(&dirs);
	return EXIT_FOUND;
}
