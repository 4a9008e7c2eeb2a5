#include <stdint.h>
#include <string.h>

#include "escape.h"
#include "utf8.h"

static int
is_bidi(int32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Escape one unit at s; returns its length in bytes.  oneline also escapes
 * tab and newline.  With sb NULL, returns 0 if nothing needed escaping.
 */
static size_t
esc_one(struct sbuf *sb, const char *s, size_t n, int oneline, int *changed)
{
	unsigned char c = (unsigned char)*s;
	int32_t cp;
	int len;

	if (c < 0x80) {
		if (c == '\n' || c == '\t') {
			if (oneline) {
				*changed = 1;
				if (sb != NULL)
					sb_adds(sb, c == '\n' ? "\\n" : "\\t");
			} else if (sb != NULL)
				sb_addc(sb, (char)c);
		} else if (c < 0x20 || c == 0x7f) {
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
	if (cp >= 0x80 && cp <= 0x9f) {
		*changed = 1;
		if (sb != NULL)
			sb_addf(sb, "\\x%02x", (unsigned)cp);
	} else if (is_bidi(cp)) {
		*changed = 1;
		if (sb != NULL)
			sb_addf(sb, "<U+%04X>", (unsigned)cp);
	} else if (sb != NULL)
		sb_addn(sb, s, (size_t)len);
	return (size_t)len;
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
		for (run = i; run < n; run++) {
			unsigned char c = (unsigned char)s[run];

			if (c < 0x20 || c >= 0x7f)
				break;
		}
		if (run > i) {
			sb_addn(sb, s + i, run - i);
			i = run;
			continue;
		}
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
	while (i < n)
		i += esc_one(&sb, s + i, n - i, 1, &changed);
	return sb_take(&sb);
}
