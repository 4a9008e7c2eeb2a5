#include <stdlib.h>
#include <string.h>

#include "md.h"
#include "query.h"
#include "rank.h"
#include "snippet.h"

#define SNIPPET_BEFORE 60
#define SNIPPET_LEN    180
/* A body is rendered a prefix at a time (body_plain): the first at
 * least this long, each next four times the last. */
#define SNIPPET_CUT 1024
/* What an excerpt may read past its end: a word's end, a UTF-8
 * sequence, "..." (generously). */
#define SNIPPET_SLACK 64

/* Collects the byte ranges of the words of a text that the query holds. */
struct marker {
	const struct query *q;
	struct hit *h;
	const struct query_alt *alt; /* how the term's language stems */
};

static int
mark_word(void *arg, const char *s, size_t start, size_t end)
{
	struct marker *m = arg;
	size_t *last;

	if (query_find_stem(m->q, m->alt, s + start, end - start) < 0)
		return 0;
	/* Words may overlap (camelCase parts, CJK bigrams): one mark. */
	last = m->h->nmarks > 0 ? &m->h->marks[m->h->nmarks * 2 - 2] : NULL;
	if (last != NULL && start < last[1]) {
		if (end > last[1])
			last[1] = end;
		return 0;
	}
	m->h->marks = xreallocarray(
	    m->h->marks, m->h->nmarks * 2 + 2, sizeof(*m->h->marks));
	m->h->marks[m->h->nmarks * 2] = start;
	m->h->marks[m->h->nmarks * 2 + 1] = end;
	m->h->nmarks++;
	return 0;
}

/*
 * The first mark of a text: its first word of the query, widened by the
 * matching words that overlap it (camelCase parts, CJK bigrams), as
 * mark_word would make marks[0] and marks[1].  Words come in order of
 * where they start, so the first that starts past it ends the search.
 */
struct first {
	const struct query *q;
	const struct query_alt *alt;
	size_t start, end;
	int found;
};

static int
first_word(void *arg, const char *s, size_t start, size_t end)
{
	struct first *f = arg;

	if (f->found && start >= f->end)
		return 1;
	if (query_find_stem(f->q, f->alt, s + start, end - start) < 0)
		return 0;
	if (!f->found) {
		f->start = start;
		f->end = end;
		f->found = 1;
	} else if (end > f->end)
		f->end = end;
	return 0;
}

/* Look for the first mark of text in f; returns whether there is one. */
static int
first_mark(struct first *f, const char *text)
{
	f->found = 0;
	query_words(text, strlen(text), first_word, f);
	return f->found;
}

/* Where an excerpt of text[0..n) starts: in view of its first mark. */
static size_t
excerpt_start(const struct first *f, const char *text, size_t n)
{
	size_t start = 0;

	/* Start at the beginning when the first match is in view from there. */
	if (f->found && f->end > SNIPPET_LEN - 20 &&
	    f->start > SNIPPET_BEFORE) {
		start = f->start - SNIPPET_BEFORE;
		while (start < n && text[start] != ' ' && text[start] != '\n')
			start++;
	}
	return start;
}

/* Whether the n bytes at p end in punctuation: ASCII, or the
 * ideographic 。、 */
static int
ends_clause(const char *p, size_t n)
{
	if (strchr(".,;:!?", p[n - 1]) != NULL)
		return 1;
	return n >= 3 &&
	    (memcmp(p + n - 3, "\xe3\x80\x82", 3) == 0 ||
		memcmp(p + n - 3, "\xe3\x80\x81", 3) == 0);
}

/*
 * text[start..end) on one line into out (room for 2 * (end - start) + 7
 * bytes): runs of white space as one space, a line break that does not
 * follow punctuation as "; " (list items stay apart), "..." where text
 * was cut.  Returns the length written.
 */
static size_t
one_line(const char *text, size_t n, size_t start, size_t end, char *out)
{
	size_t i, len = 0;
	int space = 0;

	if (start > 0) {
		memcpy(out, "...", 3);
		len = 3;
	}
	for (i = start; i < end; i++) {
		char c = text[i];

		if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
			if (c == '\n' && len > 0 && !ends_clause(out, len))
				out[len++] = ';';
			space = 1;
			continue;
		}
		if (space && len > 0)
			out[len++] = ' ';
		space = 0;
		out[len++] = c;
	}
	if (end < n) {
		memcpy(out + len, "...", 3);
		len += 3;
	}
	out[len] = '\0';
	return len;
}

/* An excerpt of text around its first mark f, on one line, marked. */
static void
excerpt(const struct first *f, struct hit *h, const char *text)
{
	struct marker m = {f->q, h, f->alt};
	size_t n = strlen(text), start, end, len;

	start = excerpt_start(f, text, n);
	end = start + SNIPPET_LEN < n ? start + SNIPPET_LEN : n;
	while (end < n && end > start && text[end] != ' ' && text[end] != '\n')
		end--;
	/* Never cut a UTF-8 sequence. */
	while (end < n && ((unsigned char)text[end] & 0xc0) == 0x80)
		end++;
	h->snippet = xmalloc(2 * (end - start) + 7);
	len = one_line(text, n, start, end, h->snippet);
	query_words(h->snippet, len, mark_word, &m);
}

/*
 * The plain text of body b (n bytes), or as much of it as the excerpt
 * of its first mark needs, that mark looked for in f.  A body is mostly
 * much longer than an excerpt, and its words are mostly found early: so
 * it is rendered a prefix at a time (md_plain_cut), first 1 KiB, until
 * the mark and all the excerpt reads are before the prefix's last byte,
 * which alone may differ from the whole's.  cut 0 renders it whole.
 */
static char *
body_plain(struct first *f, const char *b, size_t n, size_t cut)
{
	char *plain;
	size_t len;

	for (;;) {
		cut = cut > 0 ? md_plain_cut(b, n, cut) : n;
		plain = md_plain(b, cut);
		if (cut == n)
			break;
		len = strlen(plain);
		if (first_mark(f, plain) && f->end + SNIPPET_SLACK < len &&
		    excerpt_start(f, plain, len) + SNIPPET_LEN + SNIPPET_SLACK <
			len)
			return plain;
		free(plain);
		cut *= 4;
	}
	first_mark(f, plain);
	return plain;
}

/* Whether t's name or one of its aliases holds a word of f's query. */
static int
named(struct first *f, const struct term *t)
{
	size_t i;

	if (first_mark(f, t->name))
		return 1;
	for (i = 0; i < t->aliases.n; i++)
		if (first_mark(f, t->aliases.v[i]))
			return 1;
	return 0;
}

int
snippet_make(const struct query *q, struct hit *h)
{
	return snippet_make_cut(q, h, SNIPPET_CUT);
}

int
snippet_make_cut(const struct query *q, struct hit *h, size_t cut)
{
	const struct term *t = h->term;
	struct first f = {q, query_alt_find(q, t->lang), 0, 0, 0};
	const char *text = t->description;
	char *plain = NULL;
	size_t e;

	/* A term whose name says why it was found is shown by its
	 * definition; else the description, else the first example,
	 * that holds a word, else the body. */
	if (named(&f, t)) {
		(void)first_mark(&f, text);
		excerpt(&f, h, text);
		return 0;
	}
	for (e = 0; !first_mark(&f, text) && e < t->examples.n; e++)
		text = t->examples.v[e];
	if (!f.found) {
		const char *b;

		if (t->text == NULL && t->textlen > t->body_off)
			return -1; /* a body the term does not hold */
		b = term_body_text(t);
		plain = body_plain(&f, b, strlen(b), cut);
		text = f.found ? plain : t->description;
	}
	excerpt(&f, h, text);
	free(plain);
	return 0;
}
