#include <string.h>

#include "frontmatter.h"
#include "loader.h"
#include "utf8.h"

/*
 * If text[off..len) starts with a line that reads `---' (or, when dots,
 * `...'), with optional trailing blanks and CR, set *next past it.
 */
static int
fence_line(const char *text, size_t off, size_t len, int dots, size_t *next)
{
	const char *p = text + off, *nl;
	size_t n;

	nl = memchr(p, '\n', len - off);
	n = nl != NULL ? (size_t)(nl - p) : len - off;
	*next = nl != NULL ? off + n + 1 : len;
	while (
	    n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n != 3)
		return 0;
	return memcmp(p, "---", 3) == 0 || (dots && memcmp(p, "...", 3) == 0);
}

/* Whether fm[i..len) starts with NEL, LS or PS (U+0085, 2028, 2029). */
static int
odd_wide_break(const char *fm, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)fm + i;

	return (u[0] == 0xc2 && i + 1 < len && u[1] == 0x85) ||
	    (u[0] == 0xe2 && i + 2 < len && u[1] == 0x80 &&
		(u[2] == 0xa8 || u[2] == 0xa9));
}

/*
 * A line break libyaml counts but a reader of the file would not: a CR
 * without LF (found by memchr), or NEL, LS or PS before it (only bytes
 * from 0x80 on can start one: the first plain bytes, ASCII, are not
 * looked at, and later ASCII is passed a word at a time).
 */
static int
odd_break(const char *fm, size_t len, size_t plain, size_t *at)
{
	const char *cr = fm;
	size_t end = len, i;

	while ((cr = memchr(cr, '\r', len - (size_t)(cr - fm))) != NULL) {
		if (cr + 1 == fm + len || cr[1] != '\n') {
			end = (size_t)(cr - fm);
			break;
		}
		cr++;
	}
	for (i = plain; i < end; i++) {
		i += utf8_ascii_prefix(fm + i, end - i);
		if (i < end && odd_wide_break(fm, len, i)) {
			*at = i;
			return 1;
		}
	}
	*at = end;
	return end < len;
}

/* One error at byte off of text; arg is the code's argument, if any. */
static void
file_error(struct diag *d, const char *path, const char *text, size_t off,
    enum diag_code code, size_t arg)
{
	unsigned line, col;

	utf8_linecol(text, off, &line, &col);
	diag_add(d, code, path, line, col, arg);
}

static int
is_utf16(const char *text, size_t len)
{
	return len >= 2 &&
	    ((text[0] == '\xff' && text[1] == '\xfe') ||
		(text[0] == '\xfe' && text[1] == '\xff') ||
		(text[0] == '-' && text[1] == '\0') ||
		(text[0] == '\0' && text[1] == '-'));
}

/*
 * The whole file is UTF-8 without NUL bytes (its first ascii bytes are
 * ASCII); -1 after an error.
 */
static int
check_utf8(const char *text, size_t len, size_t ascii, const char *path,
    struct diag *d)
{
	const char *nul = memchr(text, '\0', ascii);
	size_t bad;

	if (nul != NULL)
		bad = (size_t)(nul - text);
	else if (utf8_check(text + ascii, len - ascii, &bad) == 0)
		return 0;
	else
		bad += ascii;
	if (text[bad] == '\0')
		file_error(d, path, text, bad, DIAG_NUL_BYTE, 0);
	else {
		unsigned line, col;

		utf8_linecol(text, bad, &line, &col);
		diag_add(d, DIAG_INVALID_UTF8, path, line, col,
		    (unsigned)(unsigned char)text[bad]);
	}
	return -1;
}

/*
 * Find the closing fence of the front matter that starts at fm->off;
 * set fm->len and fm->body_off.  Returns -1 after an error, placed at
 * the opening fence, which starts at byte start.
 */
static int
find_close(const char *text, size_t len, size_t start, const char *path,
    struct diag *d, struct frontmatter *fm)
{
	size_t p = fm->off, next;

	for (; p < len; p = next) {
		if (p - fm->off > LOADER_MAX_FM)
			break;
		/* Most lines cannot be a fence: on to the next at once. */
		if (text[p] != '-' && text[p] != '.') {
			const char *nl = memchr(text + p, '\n', len - p);

			next = nl != NULL ? (size_t)(nl - text) + 1 : len;
			continue;
		}
		if (fence_line(text, p, len, 1, &next)) {
			fm->len = p - fm->off;
			fm->body_off = next;
			return 0;
		}
	}
	if (p < len)
		file_error(d, path, text, start, DIAG_FRONT_MATTER_TOO_LONG,
		    LOADER_MAX_FM >> 10);
	else
		file_error(d, path, text, start, DIAG_FRONT_MATTER_UNCLOSED, 0);
	return -1;
}

enum fm_status
frontmatter_split(const char *text, size_t len, const char *path,
    struct diag *d, struct frontmatter *fm)
{
	size_t off = 0, bad, ascii;

	memset(fm, 0, sizeof(*fm));
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	if (is_utf16(text, len)) {
		diag_add(d, DIAG_UTF16, path, 1, 1);
		return FM_ERROR;
	}
	if (off >= len || !fence_line(text, off, len, 0, &fm->off))
		return FM_NONE;
	/* Most files are ASCII: what is found once is not looked at twice. */
	ascii = utf8_ascii_prefix(text, len);
	if (check_utf8(text, len, ascii, path, d) < 0)
		return FM_ERROR;
	if (find_close(text, len, off, path, d, fm) < 0)
		return FM_ERROR;
	if (odd_break(text + fm->off, fm->len,
		ascii > fm->off ? ascii - fm->off : 0, &bad)) {
		file_error(
		    d, path, text, fm->off + bad, DIAG_ODD_LINE_BREAK, 0);
		return FM_ERROR;
	}
	return FM_OK;
}
