#include <stdlib.h>
#include <string.h>

#include "md.h"
#include "query.h"
#include "rank.h"
#include "snippet.h"

#define SNIPPET_BEFORE 60
#define SNIPPET_LEN    180

/* Collects the byte ranges of the words of a text that the query holds. */
struct marker {
	const struct query *q;
	struct hit *h;
	const struct query_alt *alt; /* how the term's language stems */
};

static void
mark_word(void *arg, const char *s, size_t start, size_t end)
{
	struct marker *m = arg;
	size_t *last;

	if (query_find_stem(m->q, m->alt, s + start, end - start) < 0)
		return;
	/* Words may overlap (camelCase parts, CJK bigrams): one mark. */
	last = m->h->nmarks > 0 ? &m->h->marks[m->h->nmarks * 2 - 2] : NULL;
	if (last != NULL && start < last[1]) {
		if (end > last[1])
			last[1] = end;
		return;
	}
	m->h->marks = xreallocarray(
	    m->h->marks, m->h->nmarks * 2 + 2, sizeof(*m->h->marks));
	m->h->marks[m->h->nmarks * 2] = start;
	m->h->marks[m->h->nmarks * 2 + 1] = end;
	m->h->nmarks++;
}

/* Where an excerpt of text[0..n) starts: in view of the first match. */
static size_t
excerpt_start(const struct query *q, const struct query_alt *alt,
    const char *text, size_t n)
{
	struct hit probe = {0};
	struct marker pm = {q, &probe, alt};
	size_t start = 0;

	query_words(text, n, mark_word, &pm);
	/* Start at the beginning when the first match is in view from there. */
	if (probe.nmarks > 0 && probe.marks[1] > SNIPPET_LEN - 20 &&
	    probe.marks[0] > SNIPPET_BEFORE) {
		start = probe.marks[0] - SNIPPET_BEFORE;
		while (start < n && text[start] != ' ' && text[start] != '\n')
			start++;
	}
	free(probe.marks);
	return start;
}

/* Whether sb ends in punctuation: ASCII, or the ideographic 。、 */
static int
ends_clause(const struct sbuf *sb)
{
	if (strchr(".,;:!?", sb->s[sb->len - 1]) != NULL)
		return 1;
	return sb->len >= 3 &&
	    (memcmp(sb->s + sb->len - 3, "\xe3\x80\x82", 3) == 0 ||
		memcmp(sb->s + sb->len - 3, "\xe3\x80\x81", 3) == 0);
}

/* An excerpt of text around its first match, on one line. */
static void
excerpt(const struct query *q, struct hit *h, const char *text)
{
	const struct query_alt *alt = query_alt_find(q, h->term->lang);
	struct marker m = {q, h, alt};
	struct sbuf sb;
	size_t n = strlen(text), start, end, i;
	int space = 0;

	start = excerpt_start(q, alt, text, n);
	end = start + SNIPPET_LEN < n ? start + SNIPPET_LEN : n;
	while (end < n && end > start && text[end] != ' ' && text[end] != '\n')
		end--;
	/* Never cut a UTF-8 sequence. */
	while (end < n && ((unsigned char)text[end] & 0xc0) == 0x80)
		end++;
	sb_init(&sb);
	if (start > 0)
		sb_adds(&sb, "...");
	for (i = start; i < end; i++) {
		char c = text[i];

		if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
			/* A line break ends a block: list items stay apart. */
			if (c == '\n' && sb.len > 0 && !ends_clause(&sb))
				sb_addc(&sb, ';');
			space = 1;
			continue;
		}
		if (space && sb.len > 0)
			sb_addc(&sb, ' ');
		space = 0;
		sb_addc(&sb, c);
	}
	if (end < n)
		sb_adds(&sb, "...");
	h->snippet = sb_take(&sb);
	query_words(h->snippet, strlen(h->snippet), mark_word, &m);
}

/* The description, else the first example, that holds a word of the
 * query; NULL if none does. */
static const char *
field_match(const struct query *q, const struct term *t)
{
	struct hit probe = {0};
	struct marker pm = {q, &probe, query_alt_find(q, t->lang)};
	const char *text = t->description;
	size_t e;

	query_words(text, strlen(text), mark_word, &pm);
	for (e = 0; probe.nmarks == 0 && e < t->examples.n; e++) {
		text = t->examples.v[e];
		query_words(text, strlen(text), mark_word, &pm);
	}
	free(probe.marks);
	return probe.nmarks > 0 ? text : NULL;
}

int
snippet_make(const struct query *q, struct hit *h)
{
	const struct term *t = h->term;
	const char *text = field_match(q, t);
	char *plain = NULL;

	if (text == NULL && t->text == NULL && t->textlen > t->body_off)
		return -1; /* a body the term does not hold */
	if (text == NULL) {
		struct hit probe = {0};
		struct marker pm = {q, &probe, query_alt_find(q, t->lang)};
		const char *b = term_body_text(t);

		plain = md_plain(b, strlen(b));
		query_words(plain, strlen(plain), mark_word, &pm);
		text = probe.nmarks > 0 ? plain : t->description;
		free(probe.marks);
	}
	excerpt(q, h, text);
	free(plain);
	return 0;
}
