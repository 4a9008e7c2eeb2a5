/*
 * Collected diagnostics (mandoc_msg style): library code records them
 * with a position, the cli prints them as `gloss: FILE:LINE:COL: message'
 * and the worst level decides the exit status.
 */
#ifndef GLOSS_DIAG_H
#define GLOSS_DIAG_H

#include <stddef.h>

#include "util.h"

enum diag_level { DIAG_NOTE, DIAG_WARN, DIAG_ERROR };

struct diag_msg {
	enum diag_level level;
	char *file;	    /* or NULL */
	unsigned line, col; /* 1-based; 0 when unknown */
	char *msg;
};

struct diag {
	struct diag_msg *v;
	size_t n, cap;
	int nerr, nwarn, nnote;
};

void diag_init(struct diag *);
/* Free every message. */
void diag_release(struct diag *);
/* Record a message; file is copied.  line or col 0 means unknown. */
void diag_add(struct diag *, enum diag_level, const char *file, unsigned line,
    unsigned col, const char *fmt, ...) GLOSS_PRINTF(6, 7);
/* Move all messages of src to the end of dst, leaving src empty. */
void diag_move(struct diag *dst, struct diag *src);

#endif
