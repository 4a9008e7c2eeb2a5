/*
 * The parts a persistent index would be made of, timed in-process so
 * that process start-up does not hide them (bench/README.md):
 *
 *	parts DIR
 *
 * prints the median over 15 runs of: walking DIR and stat(2)ing every
 * *.md file (what validating an index against the files costs), opening
 * and reading one file (what showing one term from an index costs), and
 * reading every file (what loading without an index costs at least).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RUNS 15

static char buf[1 << 20];
static char first[4096];
static size_t nfiles;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
walk(const char *dir, int mode)
{
	struct dirent *de;
	DIR *dp = opendir(dir);
	char path[4096];
	struct stat st;

	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR) {
			walk(path, mode);
			continue;
		}
		if (len < 4 || strcmp(de->d_name + len - 3, ".md") != 0)
			continue;
		if (mode == 0)
			nfiles++;
		if (first[0] == '\0')
			snprintf(first, sizeof(first), "%s", path);
		if (mode == 0)
			(void)stat(path, &st);
		else {
			int fd = open(path, O_RDONLY);

			if (fd != -1) {
				(void)read(fd, buf, sizeof(buf));
				close(fd);
			}
		}
	}
	closedir(dp);
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v)
{
	qsort(v, RUNS, sizeof(*v), cmp);
	return v[RUNS / 2];
}

int
main(int argc, char *argv[])
{
	double st[RUNS], one[RUNS], all[RUNS], t;
	int i;

	if (argc != 2) {
		fputs("usage: parts DIR\n", stderr);
		return 2;
	}
	for (i = 0; i < RUNS; i++) {
		nfiles = 0;
		t = now();
		walk(argv[1], 0);
		st[i] = now() - t;
		t = now();
		{
			int fd = open(first, O_RDONLY);

			if (fd != -1) {
				(void)read(fd, buf, sizeof(buf));
				close(fd);
			}
		}
		one[i] = now() - t;
		t = now();
		walk(argv[1], 1);
		all[i] = now() - t;
	}
	printf("%zu files: stat all %.2f ms, read one %.3f ms, read all "
	       "%.2f ms\n",
	    nfiles, median(st), median(one), median(all));
	return 0;
}
