/*
 * Markdown bodies, read with libcmark; the only file that includes
 * <cmark.h>.  Bodies are parsed into a flat list of blocks of plain,
 * terminal-safe text (escaped as escape.h says) carrying style marks,
 * which the text renderer wraps and colours.
 */
#ifndef GLOSS_MD_H
#define GLOSS_MD_H

#include <stddef.h>

#include "util.h"

/* Style marks inside md_block.text: each toggles a style, zero width. */
#define MD_EMPH	  '\016'
#define MD_STRONG '\017'
#define MD_CODE	  '\020'

/* MD_ROW: a row of a pipe table, its cells joined by " | ". */
enum md_kind {
	MD_HEADING,
	MD_PARA,
	MD_ITEM,
	MD_CODEBLOCK,
	MD_QUOTE,
	MD_RULE,
	MD_ROW
};

struct md_block {
	enum md_kind kind;
	int level;    /* heading level; list or quote nesting depth */
	char *marker; /* list marker ("- ", "2. ") for MD_ITEM, else NULL */
	char *text;   /* escaped text with style marks; code keeps newlines */
	int examples; /* a `## Example(s)' heading: md_examples took what
			 its section holds */
	int pictures; /* a paragraph of images only (md_has_text) */
};

struct md_doc {
	struct md_block *v;
	size_t n, cap;
};

/* Parse len bytes of Markdown into doc (which md_doc_release frees). */
void md_parse(const char *body, size_t len, struct md_doc *doc);
void md_doc_release(struct md_doc *);

/*
 * The text of the body's paragraphs, list items and code, without markup
 * or headings, one block a line (a pipe table's row too), unescaped; a link is
 * only its text (its destination is not shown): a snippet, or a description
 * with inline Markdown shown as the text it renders to.  The caller frees it.
 */
char *md_plain(const char *body, size_t len);

/*
 * Whether len bytes of Markdown show a reader any text: not only images
 * (whose alt text is no text on the page), raw HTML and white space.
 */
int md_has_text(const char *s, size_t len);
/*
 * Where the body may be cut for md_plain to give the start of its plain
 * text: after the first empty line ("\n\n") that ends at or after want,
 * or len when there is none or when the body may define a link
 * reference ("]:" anywhere: a definition changes the links before it).
 * md_plain of body[0..cut) then equals the first bytes of md_plain of
 * the whole body, all but its last: CommonMark ends every paragraph at
 * an empty line, and what follows only adds blocks after it, but a code
 * block open at the cut ends there, with a newline the rest may not have.
 */
size_t md_plain_cut(const char *body, size_t len, size_t want);

/*
 * Whether body may have a `## Example' or `## Examples' section: a cheap
 * line scan, so that files without one are never parsed at load.
 */
int md_has_examples(const char *body, size_t len);
/*
 * Append to out the examples of a `## Example(s)' section: each list item
 * or paragraph under it is one example, as plain unescaped text.  Of a
 * body larger than MD_MAX_EXAMPLES, only that many bytes from the heading
 * on are read.
 */
#define MD_MAX_EXAMPLES ((size_t)64 * 1024)
void md_examples(const char *body, size_t len, struct strlist *out);

#endif
