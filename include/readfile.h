/*
 * Reading one term file safely: opened without blocking (a FIFO cannot
 * hang gloss), read only if it is a regular file, never past
 * LOADER_MAX_FILE bytes, in one read(2) when its size is right.
 * Problems become diagnostics; nothing is printed.  Part of the loader
 * layer.
 */
#ifndef GLOSS_READFILE_H
#define GLOSS_READFILE_H

#include <sys/stat.h>
#include <sys/types.h>

#include <stddef.h>

#include "diag.h"

/* A read buffer, reused from file to file by one thread. */
struct readfile_buf {
	char *s; /* owned; free it, or take it over and set it NULL */
	size_t cap;
};

/*
 * Read the file path into rb, growing it as needed, and NUL-terminate
 * it.  If st is not NULL, it receives the fstat(2) of the descriptor
 * read, taken before reading (what the index records).  Returns the
 * length, or -1 after one error added to d.
 */
ssize_t readfile_read(
    const char *path, struct readfile_buf *rb, struct diag *d, struct stat *st);

/*
 * As readfile_read, for a file whose stat(2) the walk just took (walked):
 * that is trusted for its kind and size, and no fstat(2) is made, one
 * system call in five of a load without an index.  If the path was
 * replaced since by something else, that is opened without blocking
 * and read no further than the cap, so the worst is a read error or a
 * file that is not a term.  Not for the index, which must record the
 * identity of what it read.
 */
ssize_t readfile_read_walked(const char *path, const struct stat *walked,
    struct readfile_buf *rb, struct diag *d);

/* What a file of mode m is, for a message: "a FIFO", "a device", ... */
const char *readfile_kind(mode_t m);

#endif
