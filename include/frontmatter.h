/*
 * Where a term file's front matter is: the `---' fences, a UTF-8 byte
 * order mark, CRLF line ends, and the checks on the bytes that must pass
 * before YAML sees them (not UTF-16, UTF-8 without NUL bytes, closed
 * within LOADER_MAX_FM bytes, no line break but LF and CRLF).  Problems
 * become diagnostics with FILE:LINE:COL; nothing is printed.  Part of
 * the loader layer.
 */
#ifndef GLOSS_FRONTMATTER_H
#define GLOSS_FRONTMATTER_H

#include <stddef.h>

#include "diag.h"

/* The parts of a term file, as byte offsets into its text. */
struct frontmatter {
	size_t off, len; /* the YAML between the fences; starts on line 2 */
	size_t body_off; /* the Markdown body, after the closing fence */
};

enum fm_status {
	FM_OK,	 /* *fm says where the parts are */
	FM_NONE, /* the file does not start with `---': not a term file */
	FM_ERROR /* the file is bad; the reason was added to the diag */
};

/*
 * Split the len bytes of text (no NUL needed) of the file path into its
 * front matter and body.  The first line must read `---' (after a byte
 * order mark, before blanks or CR); the front matter ends at the next
 * line that reads `---' or `...'.  Returns FM_OK with *fm set, FM_NONE
 * (nothing recorded), or FM_ERROR with one error in d.
 */
enum fm_status frontmatter_split(const char *text, size_t len, const char *path,
    struct diag *d, struct frontmatter *fm);

#endif
