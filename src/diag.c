#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/*
 * The one list of message kinds: each code's stable name, its level and
 * its text.  Texts are lowercase and quote their subject (STYLE.md);
 * the arguments are listed beside each code in diag.h.
 */
static const struct {
	const char *name;
	enum diag_level level;
	const char *fmt;
} diag_table[DIAG_NCODES] = {
    [DIAG_CANNOT_OPEN] = {"cannot-open", DIAG_ERROR, "cannot open: %s"},
    [DIAG_CANNOT_STAT] = {"cannot-stat", DIAG_ERROR, "cannot stat: %s"},
    [DIAG_READ_ERROR] = {"read-error", DIAG_ERROR, "read error: %s"},
    [DIAG_NOT_REGULAR] = {"not-a-regular-file", DIAG_ERROR,
	"%s, not a term file; skipped"},
    [DIAG_FILE_TOO_LARGE] = {"file-too-large", DIAG_ERROR,
	"the file is larger than %zu MiB; skipped"},
    [DIAG_DANGLING_LINK] = {"dangling-link", DIAG_ERROR,
	"a dangling symbolic link; skipped"},
    [DIAG_DIRECTORY_CYCLE] = {"directory-cycle", DIAG_WARN,
	"a directory cycle: this leads back to a directory above it; not "
	"followed"},
    [DIAG_DIRECTORIES_DEEP] = {"directories-too-deep", DIAG_WARN,
	"directories nested more than %d deep; not followed"},
    [DIAG_CANNOT_OPEN_DIR] = {"cannot-open-directory", DIAG_ERROR,
	"cannot open directory: %s"},
    [DIAG_NOT_A_DIRECTORY] = {"not-a-directory", DIAG_ERROR, "not a directory"},
    [DIAG_GLOSSARY_TOO_LARGE] = {"glossary-too-large", DIAG_ERROR,
	"the glossary is larger than %zu MiB; this file and the rest are "
	"not loaded"},
    [DIAG_NO_FRONT_MATTER] = {"no-front-matter", DIAG_NOTE,
	"not a term file (no front matter); skipped"},

    [DIAG_UTF16] = {"utf16", DIAG_ERROR,
	"the file is UTF-16; save it as UTF-8"},
    [DIAG_NUL_BYTE] = {"nul-byte", DIAG_ERROR, "a NUL byte in the file"},
    [DIAG_INVALID_UTF8] = {"invalid-utf8", DIAG_ERROR,
	"invalid UTF-8 (byte 0x%02x); save the file as UTF-8"},
    [DIAG_FRONT_MATTER_TOO_LONG] = {"front-matter-too-long", DIAG_ERROR,
	"the front matter does not close within %zu KiB"},
    [DIAG_FRONT_MATTER_UNCLOSED] = {"front-matter-unclosed", DIAG_ERROR,
	"the front matter is not closed: add a '---' line after it"},
    [DIAG_ODD_LINE_BREAK] = {"odd-line-break", DIAG_ERROR,
	"a line break other than LF or CRLF in the front matter"},
    [DIAG_FRONT_MATTER_EMPTY] = {"front-matter-empty", DIAG_ERROR,
	"the front matter is empty: 'term' and 'description' are "
	"required"},

    [DIAG_OUT_OF_MEMORY] = {"out-of-memory", DIAG_ERROR, "out of memory"},
    [DIAG_YAML_OUT_OF_MEMORY] = {"yaml-out-of-memory", DIAG_ERROR,
	"out of memory parsing the front matter"},
    [DIAG_YAML_BAD_INPUT] = {"yaml-bad-input", DIAG_ERROR, "invalid YAML: %s"},
    [DIAG_YAML_SYNTAX] = {"yaml-syntax", DIAG_ERROR, "invalid YAML: %s"},
    [DIAG_YAML_TOO_MANY_ITEMS] = {"yaml-too-many-items", DIAG_ERROR,
	"more than %d items in one list or mapping"},
    [DIAG_YAML_KEY_NOT_STRING] = {"yaml-key-not-string", DIAG_ERROR,
	"a mapping key must be a plain string"},
    [DIAG_YAML_ANCHOR] = {"yaml-anchor", DIAG_ERROR,
	"YAML anchors and aliases are not allowed in term files"},
    [DIAG_YAML_NUL] = {"yaml-nul", DIAG_ERROR, "a NUL character in a string"},
    [DIAG_YAML_TOO_DEEP] = {"yaml-too-deep", DIAG_ERROR,
	"nesting deeper than %d levels"},
    [DIAG_YAML_UNEXPECTED] = {"yaml-unexpected-event", DIAG_ERROR,
	"unexpected YAML event"},
    [DIAG_YAML_MANY_DOCUMENTS] = {"yaml-many-documents", DIAG_ERROR,
	"more than one YAML document in the front matter"},
    [DIAG_YAML_UNKNOWN_TAG] = {"unknown-tag", DIAG_WARN,
	"unknown tag '%s'; the value is kept as written"},
    [DIAG_YAML_TAG_MISMATCH] = {"tag-mismatch", DIAG_WARN,
	"'%s' is not a valid %s; kept as a string"},

    [DIAG_NOT_A_MAPPING] = {"front-matter-not-mapping", DIAG_ERROR,
	"the front matter is not a mapping of keys to values"},
    [DIAG_DUPLICATE_KEY] = {"duplicate-key", DIAG_WARN,
	"duplicate key '%s'; the first is used"},
    [DIAG_WRONG_TYPE] = {"wrong-type", DIAG_WARN, "'%s' should be %s; ignored"},
    [DIAG_NULL_VALUE] = {"null-value", DIAG_WARN, "'%s' is null; ignored"},
    [DIAG_RESERVED_KEY] = {"reserved-key", DIAG_NOTE,
	"key '%s' is one gloss writes itself; it is not passed through to "
	"JSON"},
    [DIAG_MISSING_KEY] = {"missing-key", DIAG_ERROR,
	"missing required key '%s'"},
    [DIAG_EMPTY_KEY] = {"empty-key", DIAG_ERROR,
	"'%s' must be a non-empty string"},
    [DIAG_NAME_TOO_LONG] = {"name-too-long", DIAG_ERROR,
	"the term name is longer than %d bytes"},
    [DIAG_NAME_LINE_BREAK] = {"name-line-break", DIAG_ERROR,
	"the term name has a line break"},
    [DIAG_NAME_NO_LETTERS] = {"name-no-letters", DIAG_ERROR,
	"the term name has no letters or digits"},
    [DIAG_NO_NAME] = {"no-name", DIAG_ERROR, "no name: add '%s:'%s"},
    [DIAG_NO_DESCRIPTION] = {"no-description", DIAG_ERROR,
	"no description: add '%s:' or a first paragraph%s"},
    [DIAG_KEY_IGNORED] = {"key-ignored", DIAG_NOTE,
	"'%s' ignored: '%s' gives that field"},
    [DIAG_DRAFT] = {"draft", DIAG_NOTE, "a draft (draft: true); skipped"},
    [DIAG_SITE_PAGE] = {"site-page", DIAG_NOTE, "%s, not a term; skipped"},
    [DIAG_NOT_MD] = {"not-md", DIAG_NOTE, "not read: term files end in .md"},
    [DIAG_SKIPPED_BY_CONFIG] = {"skipped-by-config", DIAG_NOTE,
	"skipped: matches '%s' in .gloss.yaml"},
    [DIAG_CONFIG_FIELD] = {"config-unknown-field", DIAG_WARN,
	"'%s' is not a field gloss reads; ignored"},
    [DIAG_CONFIG_SETTING] = {"config-unknown-setting", DIAG_WARN,
	"unknown setting '%s' (keys, skip, lang); ignored"},

    [DIAG_DUPLICATE_TERM] = {"duplicate-term", DIAG_WARN,
	"duplicate term '%s': '%s' defines it first; this one is ignored"},
    [DIAG_SHADOWED_TERM] = {"shadowed-term", DIAG_NOTE,
	"term '%s' is shadowed by '%s'"},
    [DIAG_ALIAS_IS_NAME] = {"alias-is-name", DIAG_WARN,
	"alias '%s' of '%s' is the name of a term in '%s'; the name wins"},
    [DIAG_ALIAS_IS_ALIAS] = {"alias-is-alias", DIAG_WARN,
	"alias '%s' of '%s' is also an alias in '%s'; that one wins"},
    [DIAG_ALIAS_SHADOWED_NAME] = {"alias-shadowed-by-name", DIAG_NOTE,
	"alias '%s' of '%s' is the name of a term in '%s'; the name wins"},
    [DIAG_ALIAS_SHADOWED_ALIAS] = {"alias-shadowed-by-alias", DIAG_NOTE,
	"alias '%s' of '%s' is also an alias in '%s'; that one wins"},

    [DIAG_UNKNOWN_RELATED] = {"unknown-related", DIAG_ERROR,
	"related term '%s' is not in the glossary"},
    [DIAG_SELF_RELATED] = {"self-related", DIAG_WARN,
	"'%s' lists itself as related"},
    [DIAG_ONE_WAY_LINK] = {"one-way-link", DIAG_NOTE,
	"one-way link: '%s' does not list '%s' back"},
    [DIAG_RELATED_UNLOADED] = {"related-not-loaded", DIAG_NOTE,
	"related term '%s' may be '%s', which did not load"},
    [DIAG_TEMPLATE_DESCRIPTION] = {"template-description", DIAG_WARN,
	"the description is still the template's: write the definition"},
    [DIAG_NOT_A_TERM_FILE] = {"not-a-term-file", DIAG_ERROR,
	"not a term file: it must begin with a '---' line"},

    [DIAG_CONFIG_NOT_MAPPING] = {"config-not-mapping", DIAG_WARN,
	"the configuration is not a mapping of keys to values; ignored"},
    [DIAG_CONFIG_UNKNOWN_KEY] = {"config-unknown-key", DIAG_WARN,
	"unknown key '%s' (the keys are %s); ignored"},

    [DIAG_INDEX_DIRECTORY] = {"index-directory", DIAG_WARN,
	"cannot make the index directory: %s; running without the index"},
    [DIAG_INDEX_UNUSABLE] = {"index-unusable", DIAG_WARN,
	"cannot use the index: %s; running without it"},
    [DIAG_INDEX_WRITE] = {"index-write-failed", DIAG_WARN,
	"cannot write the index: %s; it is used as it was"},
};

const char *
diag_code_name(enum diag_code c)
{
	return (unsigned)c < DIAG_NCODES && diag_table[c].name != NULL
	    ? diag_table[c].name
	    : "unknown";
}

enum diag_level
diag_code_level(enum diag_code c)
{
	return (unsigned)c < DIAG_NCODES ? diag_table[c].level : DIAG_ERROR;
}

const char *
diag_code_format(enum diag_code c)
{
	return (unsigned)c < DIAG_NCODES && diag_table[c].fmt != NULL
	    ? diag_table[c].fmt
	    : "";
}

const char *
diag_level_name(enum diag_level l)
{
	return l == DIAG_ERROR ? "error" : l == DIAG_WARN ? "warning" : "note";
}

void
diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void
diag_release(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	diag_init(d);
}

static struct diag_msg *
diag_slot(struct diag *d)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	return &d->v[d->n++];
}

static void
diag_count(struct diag *d, enum diag_level level)
{
	if (level == DIAG_ERROR)
		d->nerr++;
	else if (level == DIAG_WARN)
		d->nwarn++;
	else
		d->nnote++;
}

void
diag_add(struct diag *d, enum diag_code code, const char *file, unsigned line,
    unsigned col, ...)
{
	struct diag_msg *m;
	va_list ap;

	m = diag_slot(d);
	m->code = code;
	m->level = diag_code_level(code);
	m->file = file != NULL ? xstrdup(file) : NULL;
	m->line = line;
	m->col = col;
	va_start(ap, col);
	m->msg = xvasprintf(diag_code_format(code), ap);
	va_end(ap);
	diag_count(d, m->level);
}

void
diag_push(struct diag *d, const struct diag_msg *m)
{
	struct diag_msg *n = diag_slot(d);

	*n = *m;
	n->file = m->file != NULL ? xstrdup(m->file) : NULL;
	n->msg = xstrdup(m->msg);
	diag_count(d, m->level);
}

static int
diag_before(const struct diag_msg *a, const struct diag_msg *b)
{
	return a->line < b->line || (a->line == b->line && a->col < b->col);
}

void
diag_sort(struct diag *d)
{
	size_t i, j;

	for (i = 1; i < d->n; i++) {
		struct diag_msg m = d->v[i];

		for (j = i; j > 0 && diag_before(&m, &d->v[j - 1]); j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = m;
	}
}

void
diag_move(struct diag *dst, struct diag *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		*diag_slot(dst) = src->v[i];
		diag_count(dst, src->v[i].level);
	}
	free(src->v);
	diag_init(src);
}
