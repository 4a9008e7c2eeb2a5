/*
 * ixcat: a stand-in for a gloss with its index wired in, so that the
 * harnesses (mutate.py, faults.py) can exercise the index on real files
 * before the loader uses it.  It walks -d DIR as the loader does (path
 * order, hidden entries skipped, *.md regular files, links followed) and
 * prints every file's bytes; with the index, a file whose entry is
 * trusted is printed from the index (its bytes kept as the entry's data)
 * without being read.  So a stale entry prints stale bytes, and the
 * harness, comparing with --no-cache, sees it.  Whatever the command,
 * the output is the same.
 *
 *   ixcat [--no-cache] [--version] -d DIR [ignored...]
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index.h"

struct run {
	struct index *ix;
	const char *root;
	size_t hits, files;
};

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The bytes of the file open on fd; the caller frees them. */
static char *
slurp(int fd, size_t *len)
{
	struct sbuf sb;
	char buf[8192];
	ssize_t r;

	sb_init(&sb);
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		sb_addn(&sb, buf, (size_t)r);
	*len = sb.len;
	return sb_take(&sb);
}

static void
show(const char *rel, const char *s, size_t n)
{
	printf("== %s %zu\n", rel, n);
	fwrite(s, 1, n, stdout);
	putchar('\n');
}

static void
one_file(
    struct run *r, const char *path, const char *rel, const struct stat *st)
{
	struct index_rec rec;
	struct stat fst;
	size_t len;
	char *s;
	int fd;

	r->files++;
	if (r->ix != NULL && index_lookup(r->ix, rel, path, st, &rec)) {
		r->hits++;
		show(rel, (const char *)rec.data, rec.datalen);
		index_rec_release(&rec);
		return;
	}
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) == -1) {
		printf("== %s unreadable\n", rel);
		return;
	}
	if (fstat(fd, &fst) == -1) {
		close(fd);
		return;
	}
	s = slurp(fd, &len);
	close(fd);
	show(rel, s, len);
	if (r->ix != NULL) {
		index_rec_init(&rec);
		rec.data = (unsigned char *)s; /* borrowed for the put */
		rec.datalen = len;
		(void)index_put(r->ix, rel, path, &fst, &rec);
	}
	free(s);
}

static void
walk(struct run *r, const char *dir, const char *rel)
{
	struct strlist names = {0};
	struct dirent *de;
	struct stat st;
	DIR *dp;
	size_t i, n;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.')
			strlist_push(&names, xstrdup(de->d_name));
	closedir(dp);
	qsort(names.v, names.n, sizeof(*names.v), cmp);
	for (i = 0; i < names.n; i++) {
		char *p = xasprintf("%s/%s", dir, names.v[i]);
		char *q = *rel ? xasprintf("%s/%s", rel, names.v[i])
			       : xstrdup(names.v[i]);

		n = strlen(names.v[i]);
		if (stat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				walk(r, p, q);
			else if (S_ISREG(st.st_mode) && n > 3 &&
			    strcmp(names.v[i] + n - 3, ".md") == 0)
				one_file(r, p, q, &st);
		}
		free(p);
		free(q);
	}
	strlist_release(&names);
}

int
main(int argc, char **argv)
{
	struct run r = {NULL, NULL, 0, 0};
	struct diag d;
	const char *xdg = getenv("XDG_CACHE_HOME");
	char *cache;
	int i, nocache = 0;
	size_t k;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--version") == 0) {
			puts("ixcat");
			return 0;
		}
		if (strcmp(argv[i], "--no-cache") == 0)
			nocache = 1;
		else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			r.root = argv[++i];
	}
	if (r.root == NULL || xdg == NULL)
		return 2;
	diag_init(&d);
	cache = xasprintf("%s/gloss", xdg);
	if (!nocache)
		r.ix = index_open(cache, r.root, 0, &d);
	walk(&r, r.root, "");
	if (r.ix != NULL) {
		index_prune(r.ix);
		index_close(r.ix, &d);
	}
	for (k = 0; k < d.n; k++)
		fprintf(stderr, "ixcat: %s: %s\n", d.v[k].file, d.v[k].msg);
	diag_release(&d);
	free(cache);
	/* How many files the index served, for a person checking that the
	 * harnesses exercise hits at all (IXCAT_HITS=FILE appends a line). */
	if (getenv("IXCAT_HITS") != NULL) {
		FILE *f = fopen(getenv("IXCAT_HITS"), "a");

		if (f != NULL) {
			fprintf(f, "%zu %zu\n", r.hits, r.files);
			fclose(f);
		}
	}
	return 0;
}
