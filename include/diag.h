/*
 * Collected diagnostics (mandoc_msg style): library code records them
 * with a position, the cli prints them as `gloss: FILE:LINE:COL: message'
 * and the worst level decides the exit status.
 *
 * Every kind of message has a stable code (as mandoc's mandocerr): the
 * enum below indexes one table in diag.c that gives each code its name,
 * its level and its message format, so scripts can filter on the name
 * instead of matching text.  Adding a kind of message is adding one
 * enum value here and one row there; tests/test_diag.c checks the table.
 */
#ifndef GLOSS_DIAG_H
#define GLOSS_DIAG_H

#include <stddef.h>

#include "util.h"

enum diag_level { DIAG_NOTE, DIAG_WARN, DIAG_ERROR };

/*
 * The message kinds.  The comment on each gives its stable name, its
 * level, and the arguments diag_add takes for it, in order (MiB and KiB
 * are size_t).  Names are an interface: never rename or reuse one; add
 * new codes instead.
 */
enum diag_code {
	/* Reading files and walking directories. */
	DIAG_CANNOT_OPEN,	 /* cannot-open, error: strerror */
	DIAG_CANNOT_STAT,	 /* cannot-stat, error: strerror */
	DIAG_READ_ERROR,	 /* read-error, error: strerror */
	DIAG_NOT_REGULAR,	 /* not-a-regular-file, error: kind */
	DIAG_FILE_TOO_LARGE,	 /* file-too-large, error: MiB */
	DIAG_DANGLING_LINK,	 /* dangling-link, error */
	DIAG_DIRECTORY_CYCLE,	 /* directory-cycle, warning */
	DIAG_DIRECTORIES_DEEP,	 /* directories-too-deep, warning: int */
	DIAG_CANNOT_OPEN_DIR,	 /* cannot-open-directory, error: strerror */
	DIAG_NOT_A_DIRECTORY,	 /* not-a-directory, error */
	DIAG_GLOSSARY_TOO_LARGE, /* glossary-too-large, error: MiB */
	DIAG_NO_FRONT_MATTER,	 /* no-front-matter, note */
	/* The front matter: encoding and fences. */
	DIAG_UTF16,		    /* utf16, error */
	DIAG_NUL_BYTE,		    /* nul-byte, error */
	DIAG_INVALID_UTF8,	    /* invalid-utf8, error: byte (unsigned) */
	DIAG_FRONT_MATTER_TOO_LONG, /* front-matter-too-long, error: KiB */
	DIAG_FRONT_MATTER_UNCLOSED, /* front-matter-unclosed, error */
	DIAG_ODD_LINE_BREAK,	    /* odd-line-break, error */
	DIAG_FRONT_MATTER_EMPTY,    /* front-matter-empty, error */
	/* YAML. */
	DIAG_OUT_OF_MEMORY,	  /* out-of-memory, error */
	DIAG_YAML_OUT_OF_MEMORY,  /* yaml-out-of-memory, error */
	DIAG_YAML_BAD_INPUT,	  /* yaml-bad-input, error: detail */
	DIAG_YAML_SYNTAX,	  /* yaml-syntax, error: detail */
	DIAG_YAML_TOO_MANY_ITEMS, /* yaml-too-many-items, error: int */
	DIAG_YAML_KEY_NOT_STRING, /* yaml-key-not-string, error */
	DIAG_YAML_ANCHOR,	  /* yaml-anchor, error */
	DIAG_YAML_NUL,		  /* yaml-nul, error */
	DIAG_YAML_TOO_DEEP,	  /* yaml-too-deep, error: int */
	DIAG_YAML_UNEXPECTED,	  /* yaml-unexpected-event, error */
	DIAG_YAML_MANY_DOCUMENTS, /* yaml-many-documents, error */
	DIAG_YAML_UNKNOWN_TAG,	  /* unknown-tag, warning: tag */
	DIAG_YAML_TAG_MISMATCH,	  /* tag-mismatch, warning: text, tag */
	/* The front matter's keys. */
	DIAG_NOT_A_MAPPING,	/* front-matter-not-mapping, error */
	DIAG_DUPLICATE_KEY,	/* duplicate-key, warning: key */
	DIAG_WRONG_TYPE,	/* wrong-type, warning: key, what */
	DIAG_NULL_VALUE,	/* null-value, warning: key */
	DIAG_RESERVED_KEY,	/* reserved-key, note: key */
	DIAG_MISSING_KEY,	/* missing-key, error: key */
	DIAG_EMPTY_KEY,		/* empty-key, error: key */
	DIAG_NAME_TOO_LONG,	/* name-too-long, error: int */
	DIAG_NAME_LINE_BREAK,	/* name-line-break, error */
	DIAG_NAME_NO_LETTERS,	/* name-no-letters, error */
	DIAG_NO_NAME,		/* no-name, error: key, what the file has */
	DIAG_NO_DESCRIPTION,	/* no-description, error: key, as no-name */
	DIAG_KEY_IGNORED,	/* key-ignored, note: key, the key used */
	DIAG_DRAFT,		/* draft, note */
	DIAG_SITE_PAGE,		/* site-page, note: what it is */
	DIAG_NOT_MD,		/* not-md, note */
	DIAG_SKIPPED_BY_CONFIG, /* skipped-by-config, note: glob */
	DIAG_CONFIG_FIELD,	/* config-unknown-field, warning: name */
	DIAG_CONFIG_SETTING,	/* config-unknown-setting, warning: key */
	/* The table: names and aliases across files. */
	DIAG_DUPLICATE_TERM, /* duplicate-term, warning: name, path */
	DIAG_SHADOWED_TERM,  /* shadowed-term, note: name, path */
	DIAG_ALIAS_IS_NAME,  /* alias-is-name, warning: alias, name, path */
	DIAG_ALIAS_IS_ALIAS, /* alias-is-alias, warning: alias, name, path */
	DIAG_ALIAS_SHADOWED_NAME,  /* alias-shadowed-by-name, note: as above */
	DIAG_ALIAS_SHADOWED_ALIAS, /* alias-shadowed-by-alias, note: as above */
	/* gloss check: links between terms. */
	DIAG_UNKNOWN_RELATED,	   /* unknown-related, error: name */
	DIAG_SELF_RELATED,	   /* self-related, warning: name */
	DIAG_ONE_WAY_LINK,	   /* one-way-link, note: name, name */
	DIAG_RELATED_UNLOADED,	   /* related-not-loaded, note: name, path */
	DIAG_TEMPLATE_DESCRIPTION, /* template-description, warning */
	/* gloss new and edit: the file written or edited. */
	DIAG_NOT_A_TERM_FILE, /* not-a-term-file, error: (none) */
	/* The user's configuration file. */
	DIAG_CONFIG_NOT_MAPPING, /* config-not-mapping, warning */
	DIAG_CONFIG_UNKNOWN_KEY, /* config-unknown-key, warning: key, keys */
	/* The index (SPEC 7): a cache, so never more than a warning. */
	DIAG_INDEX_DIRECTORY, /* index-directory, warning: strerror */
	DIAG_INDEX_UNUSABLE,  /* index-unusable, warning: detail */
	DIAG_INDEX_WRITE,     /* index-write-failed, warning: detail */
	DIAG_NCODES
};

struct diag_msg {
	enum diag_code code;
	enum diag_level level; /* always the level of code */
	char *file;	       /* or NULL */
	unsigned line, col;    /* 1-based; 0 when unknown */
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
/*
 * Record a message of kind code: its level and text come from the table,
 * the text formatted (printf) with the arguments the code's comment
 * above lists.  file is copied.  line or col 0 means unknown.
 */
void diag_add(struct diag *, enum diag_code, const char *file, unsigned line,
    unsigned col, ...);
/* Add a copy of message m (its code, level, position and text) to d. */
void diag_push(struct diag *, const struct diag_msg *m);
/*
 * Order the messages by line and column, keeping the order of equal
 * positions (an insertion sort: the messages of one file come nearly
 * in order already).
 */
void diag_sort(struct diag *);
/* Move all messages of src to the end of dst, leaving src empty. */
void diag_move(struct diag *dst, struct diag *src);

/* The stable kebab-case name of a code ("yaml-syntax"); never NULL. */
const char *diag_code_name(enum diag_code);
/* The level of a code: fixed, one per code. */
enum diag_level diag_code_level(enum diag_code);
/* The printf format of a code's message; static storage. */
const char *diag_code_format(enum diag_code);
/* "error", "warning" or "note". */
const char *diag_level_name(enum diag_level);

#endif
