/*
 * A fresh index is built beside the file it will be, then put in place
 * whole (index_int.h, index_build_begin).  Only the file work is here;
 * the database in it is index.c's.
 *
 * The file built in is FILE.new, and whoever builds in it holds an
 * flock(2) on it for as long, so one process builds at a time and a
 * builder that died is known by its lock being free.  The rules that
 * keep a finished index safe from the next builder:
 *   - the holder makes FILE a second name of FILE.new (link(2), which
 *     never replaces a file), then removes the name FILE.new, and only
 *     then lets go of the lock;
 *   - a new holder empties FILE.new only once it has the lock, FILE.new
 *     still names the file it locked, and that file has no other name:
 *     a holder that died between the link and the removal left FILE.new
 *     a name of FILE, which is then only unnamed, never emptied.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index_int.h"
#include "util.h"

void
index_remove(const char *file, int itself)
{
	static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
	size_t i;

	for (i = itself ? 0 : 1; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		char *f = xasprintf("%s%s", file, sfx[i]);

		(void)unlink(f);
		free(f);
	}
}

/* Whether path names the file open on fd now, and (nlink) only path. */
static int
names(const char *path, int fd, int only)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino &&
	    (!only || a.st_nlink == 1);
}

/* Let go of b without building: 1, or -1 keeping errno. */
static int
build_none(struct index_build *b, int fd, int rc)
{
	int e = errno;

	if (fd != -1)
		(void)close(fd);
	free(b->path);
	b->path = NULL;
	b->fd = -1;
	errno = e;
	return rc;
}

int
index_build_begin(const char *file, struct index_build *b)
{
	struct stat st;
	int fd;

	b->path = xasprintf("%s.new", file);
	fd = open(b->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd == -1)
		return build_none(b, -1, -1);
	if (flock(fd, LOCK_EX | LOCK_NB) == -1)
		return build_none(b, fd, errno == EWOULDBLOCK ? 1 : -1);
	if (lstat(file, &st) == 0) {
		/* Built meanwhile: FILE.new, while it is the file locked, is
		 * what a builder that died left (maybe FILE's second name,
		 * between the link and the unlink). */
		if (names(b->path, fd, 0))
			index_remove(b->path, 1);
		return build_none(b, fd, 1);
	}
	if (!names(b->path, fd, 1))
		return build_none(b, fd, 1); /* a name another holder moved */
	if (ftruncate(fd, 0) == -1)
		return build_none(b, fd, -1);
	index_remove(b->path, 0); /* what a builder that died left */
	b->fd = fd;
	return 0;
}

int
index_build_end(struct index_build *b, const char *file, int keep)
{
	int rc = 0, e = 0;

	if (b->path == NULL)
		return 0;
	if (keep && link(b->path, file) == -1 && errno != EEXIST) {
		/* A file system without hard links: only a holder of the lock
		 * makes FILE, and FILE was not there when it was taken. */
		if (rename(b->path, file) == -1) {
			e = errno;
			rc = -1;
		}
	}
	index_remove(b->path, 1); /* before the lock is let go */
	(void)close(b->fd);
	free(b->path);
	b->path = NULL;
	b->fd = -1;
	errno = e;
	return rc;
}
