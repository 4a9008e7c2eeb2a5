#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "loader.h"
#include "readfile.h"

const char *
readfile_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISDIR(m))
		return "a directory";
	return "not a regular file";
}

/* Open path without blocking; -1 after an error added to d. */
static int
open_nonblock(const char *path, struct diag *d)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd == -1)
		diag_add(d, DIAG_CANNOT_OPEN, path, 0, 0, strerror(errno));
	return fd;
}

/* Whether st is of a regular file within the cap; else an error to d. */
static int
readable(const char *path, const struct stat *st, struct diag *d)
{
	if (!S_ISREG(st->st_mode)) {
		diag_add(d, DIAG_NOT_REGULAR, path, 0, 0,
		    readfile_kind(st->st_mode));
		return 0;
	}
	if (st->st_size > (off_t)LOADER_MAX_FILE) {
		diag_add(
		    d, DIAG_FILE_TOO_LARGE, path, 0, 0, LOADER_MAX_FILE >> 20);
		return 0;
	}
	return 1;
}

/* Open path without blocking; -1 after an error unless a regular file. */
static int
open_regular(const char *path, struct diag *d, struct stat *st)
{
	int fd;

	if ((fd = open_nonblock(path, d)) == -1)
		return -1;
	if (fstat(fd, st) == -1) {
		diag_add(d, DIAG_CANNOT_STAT, path, 0, 0, strerror(errno));
		close(fd);
		return -1;
	}
	if (!readable(path, st, d)) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Make rb hold want + 1 bytes, and more than len + 1, in doublings from
 * 4 KiB, but never more than the cap on a file and a byte beyond it.
 */
static void
grow(struct readfile_buf *rb, size_t len, size_t want)
{
	size_t cap;

	if (len + 1 < rb->cap && want + 1 <= rb->cap)
		return;
	cap = rb->cap ? rb->cap : 4096;
	while (cap < want + 1 || cap <= len + 1)
		cap *= 2;
	if (cap > LOADER_MAX_FILE + 2)
		cap = LOADER_MAX_FILE + 2;
	if (cap > rb->cap) {
		rb->s = xrealloc(rb->s, cap);
		rb->cap = cap;
	}
}

/*
 * Read fd (of path, about size bytes) into rb and close it; the length,
 * or -1 after an error added to d.
 */
static ssize_t
read_fd(int fd, const char *path, off_t size, struct readfile_buf *rb,
    struct diag *d)
{
	size_t len = 0, want = (size_t)size + 1;
	ssize_t r;

	/* size is a hint: the file may grow or shrink as we read. */
	for (;;) {
		grow(rb, len, want);
		if (len + 1 >= rb->cap)
			break; /* over the cap: reported below */
		r = read(fd, rb->s + len, rb->cap - 1 - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diag_add(
			    d, DIAG_READ_ERROR, path, 0, 0, strerror(errno));
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		/*
		 * A regular file reads short only at its end: one read(2)
		 * a file, not two, when the size was right.
		 */
		if (len < want)
			break;
		want = len + 1;
	}
	close(fd);
	if (len > LOADER_MAX_FILE) {
		diag_add(
		    d, DIAG_FILE_TOO_LARGE, path, 0, 0, LOADER_MAX_FILE >> 20);
		return -1;
	}
	rb->s[len] = '\0';
	return (ssize_t)len;
}

ssize_t
readfile_read(
    const char *path, struct readfile_buf *rb, struct diag *d, struct stat *stp)
{
	struct stat st;
	ssize_t len;
	int fd;

	if ((fd = open_regular(path, d, &st)) == -1)
		return -1;
	if ((len = read_fd(fd, path, st.st_size, rb, d)) >= 0 && stp != NULL)
		*stp = st;
	return len;
}

ssize_t
readfile_read_walked(const char *path, const struct stat *walked,
    struct readfile_buf *rb, struct diag *d)
{
	int fd;

	if (!readable(path, walked, d) || (fd = open_nonblock(path, d)) == -1)
		return -1;
	return read_fd(fd, path, walked->st_size, rb, d);
}
