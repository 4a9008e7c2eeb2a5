/*
 * gloss new NAME: write <name-in-kebab-case>.md from a template with
 * every key of SPEC 1 (term and description filled, the others
 * commented), never over an existing file nor under a name that
 * already finds a term of the directory it writes to (a later
 * directory's term it may hide, with a warning); print its path; at a
 * terminal, open it in the editor and check it afterwards.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "walk.h"

static const char template_head[] = "---\n"
				    "term: %s\n"
				    "description: >-\n"
				    "  %s\n";

/* The placeholder, so that an untouched template can be told apart
 * (here and by check). */
const char cli_placeholder[] = "Write one paragraph that defines the term.";

static const char template_tail[] =
    "# The keys below are optional: uncomment the ones you need.\n"
    "# aliases: [another name, ABBR]\n"
    "# pronunciation: ''\n"
    "# category: Uncategorized\n"
    "# tags: []\n"
    "# vertical: ''\n"
    "# example: >-\n"
    "#   One paragraph showing the term in use.\n"
    "# related: [a related term, another]\n"
    "# id: %s\n"
    "# details:\n"
    "#   - title: Source\n"
    "#     value: ''\n"
    "---\n";

/*
 * The file name's stem: ASCII letters and digits lowercased, runs of
 * other ASCII characters as one '-', other UTF-8 kept.  The caller frees
 * it; empty when the name has nothing to keep.
 */
static char *
kebab(const char *name)
{
	struct sbuf sb;
	const unsigned char *p;
	int dash = 0;

	sb_init(&sb);
	sb_adds(&sb, "");
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		int keep = *p >= 0x80 || (*p >= '0' && *p <= '9') ||
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');

		if (!keep) {
			dash = sb.len > 0;
			continue;
		}
		if (dash)
			sb_addc(&sb, '-');
		dash = 0;
		sb_addc(&sb, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
	}
	return sb_take(&sb);
}

/* mkdir -p: make dir and the directories above it; -1 on error. */
static int
mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; rc == 0 && *s != '\0'; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0755) < 0 && errno != EEXIST)
				rc = -1;
			*s = '/';
		}
	if (rc == 0 && mkdir(p, 0755) < 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* The directory new files go to: -d, else the first in force. */
static char *
new_dir(const struct ctx *ctx)
{
	struct cli_dirs dirs;
	struct stat st;
	char *dir;
	size_t n;
	int deflt;

	cli_dirs_resolve(ctx, &dirs);
	if (dirs.path.n == 0) {
		cli_dirs_release(&dirs);
		cli_errorx("new: no glossary directory; give one with -d DIR");
		return NULL;
	}
	dir = xstrdup(dirs.path.v[0]);
	deflt = dirs.origin[0] == DIR_DEFAULT;
	cli_dirs_release(&dirs);
	/* "dir/" names the file "dir/x.md", as the loader names its terms. */
	for (n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return dir;
	/* Your own glossary (XDG_DATA_HOME) is made on first use. */
	if (deflt && mkdirs(dir) == 0)
		return dir;
	cli_errorx("new: no directory '%s'", dir);
	free(dir);
	return NULL;
}

/* How a name finds a term (name_owner), weakest first. */
enum owner { OWN_NONE, OWN_DERIVED, OWN_LATER, OWN_ALIAS, OWN_NAME };

/* Keep t as *best when how beats *bhow. */
static void
owner_better(const struct term *t, enum owner how, const struct term **best,
    enum owner *bhow)
{
	if (how > *bhow) {
		*best = t;
		*bhow = how;
	}
}

/*
 * The term name finds exactly in tab that matters most to a new term of
 * that name in the first directory, and how: by its name, or by an
 * alias or an id, of a term of that directory (the new term would take
 * its lookups); else a term of a later directory (one the new term may
 * rightly hide, SPEC 2), or one found only by a name drawn from its own
 * (names.h), which any name beats.  NULL: none.
 */
static const struct term *
name_owner(const struct table *tab, const char *name, enum owner *how)
{
	const struct term *best = NULL, *t;
	size_t i, first, last;
	char *key = term_key(name);

	*how = OWN_NONE;
	table_prefix(tab, key, &first, &last);
	for (i = first; i < last && strcmp(tab->idx[i].key, key) == 0; i++) {
		t = tab->idx[i].term;
		owner_better(t,
		    tab->idx[i].derived		? OWN_DERIVED
			: t->dirno != 0		? OWN_LATER
			: tab->idx[i].alias < 0 ? OWN_NAME
						: OWN_ALIAS,
		    &best, how);
	}
	table_ids(tab, key, &first, &last);
	for (i = first; i < last; i++) {
		t = tab->ids[i].term;
		owner_better(
		    t, t->dirno != 0 ? OWN_LATER : OWN_ALIAS, &best, how);
	}
	free(key);
	return best;
}

/*
 * Whether name already finds a term of the directory new writes to (the
 * first in force), as its name, an alias or an id: a new term of that
 * name would take its lookups, so it is refused, saying whose it is.
 * Else *hides is the term the new one will hide, if any (a later
 * directory's, or one found by a name drawn from its own), for the
 * warning once the file is written.
 */
static int
named_already(struct ctx *ctx, const char *name, const struct term **hides)
{
	struct cli_dirs dirs;
	const struct term *t;
	enum owner how;

	*hides = NULL;
	cli_dirs_resolve(ctx, &dirs);
	(void)cli_dirs_load(ctx, &dirs);
	cli_dirs_release(&dirs);
	if ((t = name_owner(&ctx->table, name, &how)) == NULL)
		return 0;
	if (how == OWN_DERIVED || how == OWN_LATER) {
		*hides = t;
		return 0;
	}
	if (how == OWN_NAME)
		cli_errorx("new: '%s' is a term already, in '%s'; open it "
			   "with 'gloss edit'",
		    name, t->path);
	else
		cli_errorx("new: '%s' already names '%s', in '%s'", name,
		    t->name, t->path);
	return 1;
}

/* The term the file path defines, or NULL. */
static const struct term *
defined_in(const struct table *tab, const char *path)
{
	size_t i;

	for (i = 0; i < tab->n; i++)
		if (strcmp(tab->terms[i]->path, path) == 0)
			return tab->terms[i];
	return NULL;
}

/* Write the template for name to path, never over a file; -1 on error. */
static int
write_template(const struct table *tab, const char *path, const char *name,
    const char *stem)
{
	const struct term *t;
	FILE *fp;
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) < 0) {
		if (errno == EEXIST && (t = defined_in(tab, path)) != NULL)
			cli_errorx("new: '%s' exists already and defines '%s'",
			    path, t->name);
		else if (errno == EEXIST)
			cli_errorx("new: '%s' exists already", path);
		else
			cli_errorx("new: cannot create '%s': %s", path,
			    strerror(errno));
		return -1;
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		return -1;
	}
	fprintf(fp, template_head, name, cli_placeholder);
	fprintf(fp, template_tail, stem);
	if (fclose(fp) != 0) {
		cli_errorx("new: cannot write '%s': %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

/* Whether the file still holds the placeholder definition. */
static int
untouched(const char *path)
{
	char line[256];
	FILE *fp = fopen(path, "r");
	int found = 0;

	if (fp == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), fp) != NULL)
		found = strstr(line, cli_placeholder) != NULL;
	fclose(fp);
	return found;
}

/*
 * Open the new file path in the editor.  When the editor fails on a
 * file it never saved, the file goes: nobody wrote in it, and a stub
 * left behind would load as a term.  -1 when the editor failed.
 */
static int
edit_new(const char *path)
{
	struct stat a, b;

	if (stat(path, &a) < 0) {
		cli_errorx("new: cannot stat '%s': %s", path, strerror(errno));
		return -1;
	}
	if (cli_edit_file(path, 4) == 0)
		return 0;
	if (stat(path, &b) == 0 && a.st_ino == b.st_ino &&
	    a.st_size == b.st_size && a.st_mtim.tv_sec == b.st_mtim.tv_sec &&
	    a.st_mtim.tv_nsec == b.st_mtim.tv_nsec &&
	    a.st_ctim.tv_sec == b.st_ctim.tv_sec &&
	    a.st_ctim.tv_nsec == b.st_ctim.tv_nsec && unlink(path) == 0)
		cli_errorx("removed '%s': nothing was written in it", path);
	else
		cli_errorx("'%s' is left as the editor left it", path);
	return -1;
}

int
cmd_new(int argc, char **argv, struct ctx *ctx)
{
	struct sbuf name;
	const struct term *hides = NULL;
	char *stem, *dir = NULL, *path = NULL;
	int i, rc = EXIT_TROUBLE;

	if (argc == 0) {
		cli_errorx("new: name the term: gloss new NAME");
		return EXIT_TROUBLE;
	}
	sb_init(&name);
	for (i = 0; i < argc; i++) {
		if (i > 0)
			sb_addc(&name, ' ');
		sb_adds(&name, argv[i]);
	}
	stem = kebab(name.s);
	path = xasprintf("%s.md", stem);
	if (walk_is_index(path)) {
		/* index.md or README.md beside other term files would be
		 * the folder's page, not a term. */
		char *t = xasprintf("%s-term", stem);

		free(stem);
		stem = t;
	}
	free(path);
	path = NULL;
	if (*stem == '\0' || strchr(name.s, '\n') != NULL)
		cli_errorx("new: '%s' cannot name a term file", name.s);
	else if ((dir = new_dir(ctx)) != NULL &&
	    named_already(ctx, name.s, &hides))
		rc = EXIT_NOTFOUND;
	else if (dir != NULL) {
		path = xasprintf("%s/%s.md", dir, stem);
		rc = write_template(&ctx->table, path, name.s, stem) < 0
		    ? EXIT_NOTFOUND
		    : EXIT_FOUND;
		if (rc == EXIT_FOUND && hides != NULL && !ctx->quiet)
			cli_errorx("new: the new term will hide '%s' of '%s'",
			    hides->name, hides->path);
	}
	if (rc == EXIT_FOUND) {
		printf("%s\n", path);
		if (isatty(STDIN_FILENO) && ctx->tty) {
			if (edit_new(path) < 0 || cli_check_file(path) < 0)
				rc = EXIT_NOTFOUND;
			else if (untouched(path)) {
				cli_errorx("%s: the description is still the "
					   "template's; write it, or remove "
					   "the file",
				    path);
				rc = EXIT_NOTFOUND;
			}
		}
	}
	free(path);
	free(dir);
	free(stem);
	sb_release(&name);
	return rc;
}
