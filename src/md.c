#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "escape.h"
#include "md.h"
#include "utf8.h"

/* Append literal text, escaped for a terminal when escape is set. */
static void
md_text(struct sbuf *sb, const char *lit, int escape)
{
	if (lit == NULL)
		return;
	if (escape)
		esc_append(sb, lit, strlen(lit));
	else
		sb_adds(sb, lit);
}

/*
 * Plain text of everything below node, appended to sb: emphasis and code
 * as style marks (when marks is set), links as text and <url>, breaks as
 * spaces.  Iterative, so no nesting depth can exhaust the stack.
 */
/* The bits of md_inline's marks. */
#define IN_MARKS  1 /* style marks */
#define IN_NOURLS 2 /* links as their text only */
#define IN_LINES  4 /* soft breaks as line breaks */

/* Whether link reads its address url: "<https://x.y>", "<a@b.c>". */
static int
is_autolink(cmark_node *link, const char *url)
{
	cmark_node *t = cmark_node_first_child(link);
	const char *lit;

	if (t == NULL || cmark_node_next(t) != NULL ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(t)) == NULL)
		return 0;
	if (strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, lit) == 0)
		return 1;
	return strcmp(url, lit) == 0;
}

/*
 * Drop the space a soft break left at sb[at] when the text after it,
 * now appended, begins with a character that, with the one before it,
 * is Chinese or Japanese: such a break is no space (utf8_break_vanishes).
 */
static void
md_unbreak(struct sbuf *sb, size_t at)
{
	int32_t a, b;

	if (at == 0 || at + 1 >= sb->len || sb->s[at] != ' ' ||
	    !(sb->s[at - 1] & 0x80) || !(sb->s[at + 1] & 0x80) ||
	    (a = utf8_last(sb->s, at)) < 0 ||
	    utf8_decode(sb->s + at + 1, sb->len - at - 1, &b) <= 0 ||
	    !utf8_break_vanishes(a, b))
		return;
	memmove(sb->s + at, sb->s + at + 1, sb->len - at); /* and the NUL */
	sb->len--;
}

static void
md_inline(struct sbuf *sb, cmark_node *node, int escape, int marks)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	cmark_node *c;
	const char *url;
	size_t brk = SIZE_MAX; /* where the last soft break's space is */

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		if (c == node)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			md_text(sb, cmark_node_get_literal(c), escape);
			if (brk != SIZE_MAX)
				md_unbreak(sb, brk);
			brk = SIZE_MAX;
			break;
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			md_text(sb, cmark_node_get_literal(c), escape);
			break;
		case CMARK_NODE_CODE:
			if (marks & IN_MARKS)
				sb_addc(sb, MD_CODE);
			md_text(sb, cmark_node_get_literal(c), escape);
			if (marks & IN_MARKS)
				sb_addc(sb, MD_CODE);
			break;
		case CMARK_NODE_SOFTBREAK:
			if (marks & IN_LINES) {
				sb_addc(sb, '\n');
				break;
			}
			brk = sb->len;
			sb_addc(sb, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			sb_addc(sb, ' ');
			break;
		case CMARK_NODE_EMPH:
			if (marks & IN_MARKS)
				sb_addc(sb, MD_EMPH);
			break;
		case CMARK_NODE_STRONG:
			if (marks & IN_MARKS)
				sb_addc(sb, MD_STRONG);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			url = cmark_node_get_url(c);
			/* A site's own path means nothing outside it; an
			 * autolink's text is its address already. */
			if (ev == CMARK_EVENT_EXIT && url != NULL &&
			    *url != '\0' && *url != '/' && *url != '#' &&
			    !(marks & IN_NOURLS) && !is_autolink(c, url)) {
				sb_adds(sb, " <");
				md_text(sb, url, escape);
				sb_addc(sb, '>');
			}
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			/* Flattened blocks (past MD_MAX_NEST) stay apart. */
			if (ev == CMARK_EVENT_EXIT)
				sb_addc(sb, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static struct md_block *
md_add(struct md_doc *doc, enum md_kind kind, int level)
{
	struct md_block *b;

	if (doc->n == doc->cap) {
		doc->cap = doc->cap ? doc->cap * 2 : 16;
		doc->v = xreallocarray(doc->v, doc->cap, sizeof(*doc->v));
	}
	b = &doc->v[doc->n++];
	b->kind = kind;
	b->level = level;
	b->marker = NULL;
	b->text = NULL;
	b->examples = 0;
	b->pictures = 0;
	return b;
}

/* Quotes and lists nested deeper than this are flattened to one block. */
#define MD_MAX_NEST 16

static void md_blocks(struct md_doc *, cmark_node *, int, int);

static void
md_list(struct md_doc *doc, cmark_node *list, int depth, int quote)
{
	cmark_node *item, *c;
	int num = cmark_node_get_list_start(list);
	int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;

	for (item = cmark_node_first_child(list); item != NULL;
	     item = cmark_node_next(item), num++) {
		int first = 1;

		for (c = cmark_node_first_child(item); c != NULL;
		     c = cmark_node_next(c)) {
			struct sbuf sb;
			struct md_block *b;

			if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH) {
				md_blocks(doc, c, depth + 1, quote);
				continue;
			}
			sb_init(&sb);
			md_inline(&sb, c, 1, 1);
			b = md_add(doc, MD_ITEM, depth);
			b->text = sb_take(&sb);
			b->marker = first
			    ? (ordered ? xasprintf("%d. ", num) : xstrdup("- "))
			    : xstrdup("");
			first = 0;
		}
	}
}

static int
heading_is_examples(cmark_node *h)
{
	struct sbuf sb;
	int yes;

	sb_init(&sb);
	md_inline(&sb, h, 0, 0);
	yes = sb.s != NULL &&
	    (strcasecmp(sb.s, "example") == 0 ||
		strcasecmp(sb.s, "examples") == 0);
	sb_release(&sb);
	return yes;
}

/* Whether what node holds shows a reader any text: not only images
 * (their alt text is no text on the page), raw HTML or white space. */
static int
node_has_text(cmark_node *node)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	cmark_node *c;
	const char *lit;
	int images = 0, found = 0;

	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		c = cmark_iter_get_node(it);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_IMAGE:
			images += ev == CMARK_EVENT_ENTER ? 1 : -1;
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			lit = cmark_node_get_literal(c);
			found = images == 0 && lit != NULL &&
			    lit[strspn(lit, " \t\r\n")] != '\0';
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return found;
}

/* Whether s[0..n) is a pipe table's delimiter row: `|---|:--:|`. */
static int
is_delimiter_row(const char *s, size_t n)
{
	size_t i;
	int dash = 0, pipe = 0;

	for (i = 0; i < n; i++)
		if (s[i] == '-')
			dash = 1;
		else if (s[i] == '|')
			pipe = 1;
		else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t')
			return 0;
	return dash && pipe;
}

/* Row s[0..n) of a pipe table into sb: its cells, trimmed, joined by
 * " | ", without the outer pipes. */
static void
table_row(struct sbuf *sb, const char *s, size_t n)
{
	size_t i = 0, e, c;

	while (i < n && s[i] == ' ')
		i++;
	while (n > i && s[n - 1] == ' ')
		n--;
	if (i < n && s[i] == '|')
		i++;
	if (n > i && s[n - 1] == '|')
		n--;
	for (c = 0; i <= n; c++) {
		for (e = i; e < n && s[e] != '|'; e++)
			;
		if (c > 0)
			sb_adds(sb, " | ");
		while (i < e && s[i] == ' ')
			i++;
		for (; e > i && s[e - 1] == ' '; e--)
			;
		sb_addn(sb, s + i, e - i);
		for (i = e; i < n && s[i] != '|'; i++)
			;
		i++;
	}
}

/*
 * A paragraph that is a pipe table (GitHub's tables, which cmark reads
 * as a paragraph of lines): its rows, but the delimiter row, into rows,
 * each with its cells apart.  Returns whether it was one.
 */
static int
table_rows(cmark_node *para, int escape, int marks, struct strlist *rows)
{
	struct sbuf sb, row;
	const char *p, *nl, *second, *lit;
	cmark_node *c;
	size_t n;

	/* Most paragraphs have no pipe in their first line and a second
	 * line at all: told apart without rendering them twice. */
	for (c = cmark_node_first_child(para);
	     c != NULL && cmark_node_get_type(c) != CMARK_NODE_SOFTBREAK;
	     c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_TEXT &&
		    (lit = cmark_node_get_literal(c)) != NULL &&
		    strchr(lit, '|') != NULL)
			break;
	if (c == NULL || cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK)
		return 0;
	sb_init(&sb);
	md_inline(&sb, para, escape, marks | IN_LINES);
	p = sb.s != NULL ? sb.s : "";
	if ((nl = strchr(p, '\n')) == NULL ||
	    memchr(p, '|', (size_t)(nl - p)) == NULL ||
	    !is_delimiter_row(second = nl + 1, strcspn(nl + 1, "\n"))) {
		sb_release(&sb);
		return 0;
	}
	for (; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		n = (size_t)(nl - p);
		if (p == second)
			continue;
		sb_init(&row);
		table_row(&row, p, n);
		strlist_push(rows, sb_take(&row));
	}
	sb_release(&sb);
	return 1;
}

/* Flatten the block node into doc; depth is the list nesting. */
static void
md_blocks(struct md_doc *doc, cmark_node *node, int depth, int quote)
{
	struct strlist rows = {NULL, 0, 0};
	struct sbuf sb;
	struct md_block *b;
	cmark_node *c;
	const char *lit;
	size_t i;

	if (depth + quote > MD_MAX_NEST) {
		sb_init(&sb);
		md_inline(&sb, node, 1, 1);
		b = md_add(doc, MD_PARA, MD_MAX_NEST);
		b->text = sb_take(&sb);
		return;
	}
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_DOCUMENT:
		for (c = cmark_node_first_child(node); c != NULL;
		     c = cmark_node_next(c))
			md_blocks(doc, c, depth, quote);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		for (c = cmark_node_first_child(node); c != NULL;
		     c = cmark_node_next(c))
			md_blocks(doc, c, depth, quote + 1);
		break;
	case CMARK_NODE_LIST:
		md_list(doc, node, depth, quote);
		break;
	case CMARK_NODE_HEADING:
		sb_init(&sb);
		md_inline(&sb, node, 1, 1);
		b = md_add(doc, MD_HEADING, cmark_node_get_heading_level(node));
		b->text = sb_take(&sb);
		b->examples = depth == 0 && quote == 0 && b->level == 2 &&
		    heading_is_examples(node);
		break;
	case CMARK_NODE_PARAGRAPH:
		if (!quote && table_rows(node, 1, IN_MARKS, &rows)) {
			for (i = 0; i < rows.n; i++)
				md_add(doc, MD_ROW, depth)->text = rows.v[i];
			free(rows.v);
			break;
		}
		sb_init(&sb);
		md_inline(&sb, node, 1, 1);
		b = md_add(doc, quote ? MD_QUOTE : MD_PARA, depth);
		b->text = sb_take(&sb);
		b->pictures = !node_has_text(node);
		break;
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
		lit = cmark_node_get_literal(node);
		sb_init(&sb);
		esc_append(&sb, lit, strlen(lit));
		while (sb.len > 0 && sb.s[sb.len - 1] == '\n')
			sb.s[--sb.len] = '\0';
		b = md_add(doc, MD_CODEBLOCK, depth);
		b->text = sb_take(&sb);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		md_add(doc, MD_RULE, depth);
		break;
	default:
		break;
	}
}

void
md_parse(const char *body, size_t len, struct md_doc *doc)
{
	cmark_node *root;

	memset(doc, 0, sizeof(*doc));
	root = cmark_parse_document(body, len, CMARK_OPT_DEFAULT);
	if (root == NULL)
		return;
	md_blocks(doc, root, 0, 0);
	cmark_node_free(root);
}

void
md_doc_release(struct md_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->n; i++) {
		free(doc->v[i].marker);
		free(doc->v[i].text);
	}
	free(doc->v);
	memset(doc, 0, sizeof(*doc));
}

static char *
plain(const char *body, size_t len, int marks)
{
	struct strlist rows = {NULL, 0, 0};
	struct sbuf sb;
	size_t i;
	cmark_node *root, *node;
	cmark_iter *it;
	cmark_event_type ev;

	sb_init(&sb);
	root = cmark_parse_document(body, len, CMARK_OPT_DEFAULT);
	if (root == NULL)
		return sb_take(&sb);
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_PARAGRAPH:
			if (table_rows(node, 0, marks, &rows)) {
				for (i = 0; i < rows.n; i++) {
					sb_adds(&sb, rows.v[i]);
					sb_addc(&sb, '\n');
				}
				strlist_release(&rows);
				break;
			}
			md_inline(&sb, node, 0, marks);
			sb_addc(&sb, '\n');
			break;
		case CMARK_NODE_CODE_BLOCK:
			sb_adds(&sb, cmark_node_get_literal(node));
			sb_addc(&sb, '\n');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(root);
	return sb_take(&sb);
}

char *
md_plain(const char *body, size_t len)
{
	return plain(body, len, IN_NOURLS);
}

int
md_has_text(const char *s, size_t len)
{
	cmark_node *root = cmark_parse_document(s, len, CMARK_OPT_DEFAULT);
	int found;

	if (root == NULL)
		return 0;
	found = node_has_text(root);
	cmark_node_free(root);
	return found;
}

/* The first a[0] a[1] pair of p[0..n), or NULL (memmem is not POSIX). */
static const char *
find2(const char *p, size_t n, const char *a)
{
	const char *q, *end = p + n;

	while ((q = memchr(p, a[0], (size_t)(end - p))) != NULL) {
		if (q + 1 < end && q[1] == a[1])
			return q;
		p = q + 1;
	}
	return NULL;
}

size_t
md_plain_cut(const char *body, size_t len, size_t want)
{
	const char *p;

	if (want >= len || find2(body, len, "]:") != NULL)
		return len;
	/* The empty line may begin just before want. */
	want = want > 0 ? want - 1 : 0;
	if ((p = find2(body + want, len - want, "\n\n")) == NULL)
		return len;
	return (size_t)(p - body) + 2;
}

/* Whether the line p[0..n) reads `## Example' or `## Examples'. */
static int
is_example_heading(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && p[i] == ' ')
		i++;
	if (n - i < 3 || p[i] != '#' || p[i + 1] != '#' || p[i + 2] != ' ')
		return 0;
	i += 3;
	while (i < n && p[i] == ' ')
		i++;
	while (
	    n > i && (p[n - 1] == ' ' || p[n - 1] == '\r' || p[n - 1] == '#'))
		n--;
	if (n - i == 7 && strncasecmp(p + i, "example", 7) == 0)
		return 1;
	return n - i == 8 && strncasecmp(p + i, "examples", 8) == 0;
}

/*
 * Whether the heading mark at q (up to end) can start `## Example':
 * "## ", blanks, then an e.  A quick look before the line is read.
 */
static int
may_be_examples(const char *q, const char *end)
{
	if (end - q < 4 || q[1] != '#' || q[2] != ' ')
		return 0;
	for (q += 3; q < end && *q == ' '; q++)
		continue;
	return q < end && (*q == 'e' || *q == 'E');
}

/*
 * The offset of the first `## Example(s)' line of body, or len.  Every
 * body is looked through when it loads, so the search goes from `#' to
 * `#' (vectorised memchr), and only a line whose first `#' follows at
 * most three spaces is read as a heading.
 */
static size_t
find_examples(const char *body, size_t len)
{
	const char *end = body + len, *q = body, *p, *nl;

	while ((q = memchr(q, '#', (size_t)(end - q))) != NULL) {
		for (p = q; p > body && q - p < 3 && p[-1] == ' '; p--)
			continue;
		if ((p != body && p[-1] != '\n') || !may_be_examples(q, end)) {
			q++;
			continue;
		}
		if ((nl = memchr(q, '\n', (size_t)(end - q))) == NULL)
			nl = end;
		if (is_example_heading(p, (size_t)(nl - p)))
			return (size_t)(p - body);
		q = nl;
	}
	return len;
}

int
md_has_examples(const char *body, size_t len)
{
	return find_examples(body, len) < len;
}

static void
push_plain(struct strlist *out, cmark_node *para)
{
	struct sbuf sb;

	sb_init(&sb);
	md_inline(&sb, para, 0, 0);
	if (sb.len > 0)
		strlist_push(out, sb_take(&sb));
	else
		sb_release(&sb);
}

void
md_examples(const char *body, size_t len, struct strlist *out)
{
	cmark_node *root, *c, *item, *p;
	size_t at;
	int in = 0;

	/*
	 * A large body is parsed from its examples heading on, and only so
	 * far: no example section needs more, and a hostile 1 MiB body then
	 * costs no more at load than a small one.
	 */
	if (len > MD_MAX_EXAMPLES && (at = find_examples(body, len)) < len) {
		body += at;
		len -= at;
		if (len > MD_MAX_EXAMPLES)
			len = MD_MAX_EXAMPLES;
	}
	root = cmark_parse_document(body, len, CMARK_OPT_DEFAULT);
	if (root == NULL)
		return;
	for (c = cmark_node_first_child(root); c != NULL;
	     c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);

		if (type == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(c) <= 2) {
			in = cmark_node_get_heading_level(c) == 2 &&
			    heading_is_examples(c);
			continue;
		}
		if (!in)
			continue;
		if (type == CMARK_NODE_PARAGRAPH) {
			push_plain(out, c);
		} else if (type == CMARK_NODE_LIST) {
			for (item = cmark_node_first_child(c); item != NULL;
			     item = cmark_node_next(item))
				for (p = cmark_node_first_child(item);
				     p != NULL; p = cmark_node_next(p))
					if (cmark_node_get_type(p) ==
					    CMARK_NODE_PARAGRAPH)
						push_plain(out, p);
		}
	}
	cmark_node_free(root);
}
