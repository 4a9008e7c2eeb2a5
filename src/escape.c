#include <stdint.h>
#include <string.h>

#include "escape.h"
#include "utf8.h"

/* The one list of dangerous code points (SPEC 4), in order. */
static const struct {
	int32_t lo, hi;
	enum esc_kind kind;
} dangerous[] = {{0x00, 0x1f, ESC_C0}, {0x7f, 0x7f, ESC_DEL},
    {0x80, 0x9f, ESC_C1}, {0x2028, 0x2029, ESC_LINESEP},
    {0x202a, 0x202e, ESC_BIDI}, {0x2066, 0x2069, ESC_BIDI}};

enum esc_kind
esc_kind(int32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof(dangerous) / sizeof(dangerous[0]); i++) {
		if (cp < dangerous[i].lo)
			break;
		if (cp <= dangerous[i].hi)
			return dangerous[i].kind;
	}
	return ESC_NONE;
}

/*
 * Escape one unit at s; returns its length in bytes.  oneline also escapes
 * tab and newline.  With sb NULL, returns 0 if nothing needed escaping.
 */
static size_t
esc_one(struct sbuf *sb, const char *s, size_t n, int oneline, int *changed)
{
	unsigned char c = (unsigned char)*s;
	enum esc_kind k;
	int32_t cp;
	int len;

	if (c >= 0x20 && c < 0x7f) {
		if (sb != NULL)
			sb_addc(sb, (char)c);
		return 1;
	}
	if (c < 0x80) {
		k = esc_kind(c);
		if (c == '\n' || c == '\t') {
			if (oneline) {
				*changed = 1;
				if (sb != NULL)
					sb_adds(sb, c == '\n' ? "\\n" : "\\t");
			} else if (sb != NULL)
				sb_addc(sb, (char)c);
		} else if (k == ESC_C0 || k == ESC_DEL) {
			*changed = 1;
			if (sb != NULL) {
				sb_addc(sb, '^');
				sb_addc(sb, c == 0x7f ? '?' : (char)(c + 0x40));
			}
		} else if (sb != NULL)
			sb_addc(sb, (char)c);
		return 1;
	}
	if ((len = utf8_decode(s, n, &cp)) < 0) {
		*changed = 1;
		if (sb != NULL)
			sb_addf(sb, "\\x%02x", c);
		return 1;
	}
	k = esc_kind(cp);
	if (k == ESC_C1) {
		*changed = 1;
		if (sb != NULL)
			sb_addf(sb, "\\x%02x", (unsigned)cp);
	} else if (k == ESC_BIDI) {
		*changed = 1;
		if (sb != NULL)
			sb_addf(sb, "<U+%04X>", (unsigned)cp);
	} else if (sb != NULL)
		sb_addn(sb, s, (size_t)len);
	return (size_t)len;
}

/* The length of the printable ASCII run at s: it never needs escaping. */
static size_t
esc_plain_run(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f)
			break;
	}
	return i;
}

int
esc_needed(const char *s, size_t n)
{
	size_t i = 0;
	int changed = 0;

	while (i < n && !changed) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		i += esc_one(NULL, s + i, n - i, 0, &changed);
	}
	return changed;
}

void
esc_append(struct sbuf *sb, const char *s, size_t n)
{
	size_t i = 0, run;
	int changed = 0;

	while (i < n) {
		if ((run = esc_plain_run(s + i, n - i)) > 0) {
			sb_addn(sb, s + i, run);
			i += run;
		} else
			i += esc_one(sb, s + i, n - i, 0, &changed);
	}
}

char *
esc_line(const char *s)
{
	struct sbuf sb;
	size_t i = 0, n = strlen(s);
	int changed = 0;

	sb_init(&sb);
	while (i < n) {
		size_t run = esc_plain_run(s + i, n - i);

		if (run > 0) {
			sb_addn(&sb, s + i, run);
			i += run;
		} else
			i += esc_one(&sb, s + i, n - i, 1, &changed);
	}
	return sb_take(&sb);
}
