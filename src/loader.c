#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <yaml.h>

#include "field.h"
#include "loader.h"
#include "md.h"
#include "table.h"
#include "utf8.h"

/* The state of parsing one file's front matter. */
struct lp {
	yaml_parser_t parser;
	const char *path;
	const char *text; /* the whole file */
	size_t fm_off;	  /* front matter: text[fm_off .. fm_off + fm_len) */
	size_t fm_len;
	struct diag *diag;
};

/* 1-based line and column (in characters) of byte off of text. */
static void
pos_of(const char *text, size_t off, unsigned *line, unsigned *col)
{
	size_t i;

	*line = *col = 1;
	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80)
			++*col;
	}
}

/* The front matter starts on line 2 of the file: the `---' is line 1. */
static void
mark_pos(const yaml_mark_t *m, unsigned *line, unsigned *col)
{
	*line = (unsigned)m->line + 2;
	*col = (unsigned)m->column + 1;
}

static void
lp_error_at(struct lp *lp, const yaml_mark_t *m, const char *msg)
{
	unsigned line, col;

	mark_pos(m, &line, &col);
	diag_add(lp->diag, DIAG_ERROR, lp->path, line, col, "%s", msg);
}

static void
lp_yaml_error(struct lp *lp)
{
	yaml_parser_t *p = &lp->parser;
	const yaml_mark_t *m = &p->problem_mark;
	const char *problem = p->problem ? p->problem : "syntax error";
	unsigned line, col, nlines = 0;
	size_t i;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		diag_add(lp->diag, DIAG_ERROR, lp->path, 0, 0,
		    "out of memory parsing the front matter");
		return;
	case YAML_READER_ERROR:
		pos_of(lp->text, lp->fm_off + p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			diag_add(lp->diag, DIAG_ERROR, lp->path, line, col,
			    "invalid YAML: %s (U+%04X)", problem,
			    (unsigned)p->problem_value);
		else
			diag_add(lp->diag, DIAG_ERROR, lp->path, line, col,
			    "invalid YAML: %s", problem);
		return;
	default:
		break;
	}
	/*
	 * The scanner often finds the problem only at the end of the input,
	 * while the context mark says where the broken construct began.
	 */
	for (i = 0; i < lp->fm_len; i++)
		if (lp->text[lp->fm_off + i] == '\n')
			nlines++;
	if (p->context != NULL && m->line >= nlines)
		m = &p->context_mark;
	mark_pos(m, &line, &col);
	if (p->context != NULL)
		diag_add(lp->diag, DIAG_ERROR, lp->path, line, col,
		    "invalid YAML: %s %s", problem, p->context);
	else
		diag_add(lp->diag, DIAG_ERROR, lp->path, line, col,
		    "invalid YAML: %s", problem);
}

static int
lp_next(struct lp *lp, yaml_event_t *ev)
{
	if (yaml_parser_parse(&lp->parser, ev))
		return 0;
	lp_yaml_error(lp);
	return -1;
}

static int
has_anchor(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return 1;
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.anchor != NULL;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.anchor != NULL;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.anchor != NULL;
	default:
		return 0;
	}
}

static int lp_node(struct lp *, yaml_event_t *, struct tval *, int);

/* Read the items or pairs of a collection up to its end event. */
static int
lp_collection(struct lp *lp, struct tval *out, int depth, int map)
{
	yaml_event_t ev;
	size_t cap = 0;

	for (;;) {
		if (lp_next(lp, &ev) < 0)
			return -1;
		if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (out->n == LOADER_MAX_ITEMS) {
			lp_error_at(lp, &ev.start_mark,
			    "more than 10000 items in one list or mapping");
			yaml_event_delete(&ev);
			return -1;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 8;
			out->items =
			    xreallocarray(out->items, cap, sizeof(*out->items));
			if (map)
				out->keys = xreallocarray(
				    out->keys, cap, sizeof(*out->keys));
		}
		memset(&out->items[out->n], 0, sizeof(*out->items));
		if (map) {
			if (ev.type != YAML_SCALAR_EVENT) {
				lp_error_at(lp, &ev.start_mark,
				    "a mapping key must be a plain string");
				yaml_event_delete(&ev);
				return -1;
			}
			if (has_anchor(&ev)) {
				lp_error_at(lp, &ev.start_mark,
				    "YAML anchors and aliases are not allowed "
				    "in term files");
				yaml_event_delete(&ev);
				return -1;
			}
			out->keys[out->n] =
			    xstrndup((const char *)ev.data.scalar.value,
				ev.data.scalar.length);
			out->n++;
			yaml_event_delete(&ev);
			if (lp_next(lp, &ev) < 0)
				return -1;
			if (lp_node(lp, &ev, &out->items[out->n - 1], depth) <
			    0)
				return -1;
		} else {
			out->n++;
			if (lp_node(lp, &ev, &out->items[out->n - 1], depth) <
			    0)
				return -1;
		}
	}
}

/*
 * Turn the node that starts with ev (consumed) into out.  depth counts
 * the collections around it; anchors and aliases are refused as they
 * arrive, so no input can make the parser do more than one pass.
 */
static int
lp_node(struct lp *lp, yaml_event_t *ev, struct tval *out, int depth)
{
	int rc = 0;

	mark_pos(&ev->start_mark, &out->line, &out->col);
	if (has_anchor(ev)) {
		lp_error_at(lp, &ev->start_mark,
		    "YAML anchors and aliases are not allowed in term files");
		yaml_event_delete(ev);
		return -1;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (memchr(ev->data.scalar.value, '\0',
			ev->data.scalar.length) != NULL) {
			lp_error_at(
			    lp, &ev->start_mark, "a NUL character in a string");
			rc = -1;
			break;
		}
		out->type = TV_STR;
		out->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		out->str = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		out->type =
		    ev->type == YAML_SEQUENCE_START_EVENT ? TV_SEQ : TV_MAP;
		if (depth + 1 > LOADER_MAX_DEPTH) {
			lp_error_at(lp, &ev->start_mark,
			    "nesting deeper than 32 levels");
			rc = -1;
			break;
		}
		rc = lp_collection(lp, out, depth + 1, out->type == TV_MAP);
		break;
	default:
		lp_error_at(lp, &ev->start_mark, "unexpected YAML event");
		rc = -1;
		break;
	}
	yaml_event_delete(ev);
	return rc;
}

/* Parse the front matter into root.  Returns 0, 1 if empty, -1 on error. */
static int
lp_document(struct lp *lp, struct tval *root)
{
	yaml_event_t ev;
	int rc;

	if (lp_next(lp, &ev) < 0)
		return -1;
	yaml_event_delete(&ev); /* STREAM-START */
	if (lp_next(lp, &ev) < 0)
		return -1;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		return 1;
	}
	yaml_event_delete(&ev); /* DOCUMENT-START */
	if (lp_next(lp, &ev) < 0)
		return -1;
	if (lp_node(lp, &ev, root, 0) < 0)
		return -1;
	if (lp_next(lp, &ev) < 0) /* DOCUMENT-END */
		return -1;
	yaml_event_delete(&ev);
	if (lp_next(lp, &ev) < 0)
		return -1;
	rc = 0;
	if (ev.type != YAML_STREAM_END_EVENT) {
		lp_error_at(lp, &ev.start_mark,
		    "more than one YAML document in the front matter");
		rc = -1;
	}
	yaml_event_delete(&ev);
	return rc;
}

static int
tv_null(const struct tval *v)
{
	return tval_is_null(v);
}

/* Take the string out of a scalar; NULL if v is not a non-null scalar. */
static char *
tv_take(struct tval *v)
{
	char *s;
	size_t n;

	if (v->type != TV_STR || tv_null(v))
		return NULL;
	s = v->str;
	v->str = NULL;
	n = strlen(s);
	while (n > 0 &&
	    (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t' ||
		s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static void
warn_type(
    struct lp *lp, const struct tval *v, const char *key, const char *want)
{
	diag_add(lp->diag, DIAG_WARN, lp->path, v->line, v->col,
	    "'%s' should be %s; ignored", key, want);
}

/* A string, or a list of strings, into l. */
static void
take_strings(struct lp *lp, struct tval *v, const char *key, struct strlist *l)
{
	size_t i;
	char *s;

	if (v->type == TV_STR) {
		if ((s = tv_take(v)) != NULL && *s != '\0')
			strlist_push(l, s);
		else
			free(s);
		return;
	}
	if (v->type != TV_SEQ) {
		warn_type(lp, v, key, "a string or a list of strings");
		return;
	}
	for (i = 0; i < v->n; i++) {
		if ((s = tv_take(&v->items[i])) == NULL) {
			if (!tv_null(&v->items[i]))
				warn_type(
				    lp, &v->items[i], key, "a list of strings");
			continue;
		}
		if (*s != '\0')
			strlist_push(l, s);
		else
			free(s);
	}
}

/* Split a comma-separated list of names into related. */
static void
add_related_csv(struct term *t, const char *s, unsigned line, unsigned col)
{
	const char *p = s, *e;

	while (*p != '\0') {
		size_t n;
		char *name;

		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		while (p < e && (*p == ' ' || *p == '\t' || *p == '\n'))
			p++;
		n = (size_t)(e - p);
		while (n > 0 &&
		    (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n'))
			n--;
		if (n > 0) {
			name = xstrndup(p, n);
			term_add_related(t, name, line, col);
			free(name);
		}
		p = *e == ',' ? e + 1 : e;
	}
}

static void
take_related(struct lp *lp, struct term *t, struct tval *v)
{
	size_t i;

	if (v->type == TV_STR) {
		if (!tv_null(v))
			add_related_csv(t, v->str, v->line, v->col);
		return;
	}
	if (v->type != TV_SEQ) {
		warn_type(lp, v, "related", "a list of names");
		return;
	}
	for (i = 0; i < v->n; i++) {
		struct tval *it = &v->items[i];

		if (it->type != TV_STR) {
			warn_type(lp, it, "related", "a list of names");
			continue;
		}
		if (!tv_null(it) && *it->str != '\0')
			term_add_related(t, it->str, it->line, it->col);
	}
}

static void
take_details(struct lp *lp, struct term *t, struct tval *v)
{
	size_t i;

	if (v->type != TV_SEQ) {
		warn_type(lp, v, "details", "a list of {title, value}");
		return;
	}
	for (i = 0; i < v->n; i++) {
		struct tval *it = &v->items[i], *tv, *vv;
		struct term_detail *d;

		tv = (struct tval *)tval_get(it, "title");
		vv = (struct tval *)tval_get(it, "value");
		if (tv == NULL || vv == NULL || tv->type != TV_STR ||
		    vv->type != TV_STR) {
			warn_type(
			    lp, it, "details", "a list of {title, value}");
			continue;
		}
		t->details = xreallocarray(
		    t->details, t->ndetails + 1, sizeof(*t->details));
		d = &t->details[t->ndetails++];
		d->title = xstrdup(tv->str);
		d->value = xstrdup(vv->str);
		d->line = vv->line;
		d->col = vv->col;
	}
}

/* Apply what `details' says to fields the front matter left empty. */
static void
merge_details(struct term *t)
{
	size_t i;

	for (i = 0; i < t->ndetails; i++) {
		const char *title = t->details[i].title;
		const char *value = t->details[i].value;

		if (strcasecmp(title, "Related Terms") == 0)
			add_related_csv(
			    t, value, t->details[i].line, t->details[i].col);
		else if (strcasecmp(title, "Category") == 0 &&
		    t->category == NULL && *value != '\0')
			t->category = xstrdup(value);
		else if (strcasecmp(title, "Industry") == 0 &&
		    t->vertical == NULL && *value != '\0')
			t->vertical = xstrdup(value);
	}
}

static void
add_extra(struct term *t, char *key, struct tval *v)
{
	struct tval *x = &t->extra;

	x->items = xreallocarray(x->items, x->n + 1, sizeof(*x->items));
	x->keys = xreallocarray(x->keys, x->n + 1, sizeof(*x->keys));
	x->keys[x->n] = key;
	x->items[x->n] = *v;
	memset(v, 0, sizeof(*v));
	x->n++;
}

/* Keys that gloss itself writes in JSON: a passed-through key may not. */
static int
reserved_key(const char *k)
{
	return field_reserved(k);
}

/* Check a required string; returns -1 after an error. */
static int
need_string(struct lp *lp, struct tval *root, struct tval *v, const char *key,
    char **dst)
{
	if (v == NULL) {
		diag_add(lp->diag, DIAG_ERROR, lp->path, root->line, root->col,
		    "missing required key '%s'", key);
		return -1;
	}
	if ((*dst = tv_take(v)) == NULL || **dst == '\0') {
		diag_add(lp->diag, DIAG_ERROR, lp->path, v->line, v->col,
		    "'%s' must be a non-empty string", key);
		return -1;
	}
	return 0;
}

/* Interpret the front matter mapping into t.  Returns -1 on error. */
static int
lp_term(struct lp *lp, struct tval *root, struct term *t)
{
	struct tval *term = NULL, *desc = NULL;
	size_t i, j;
	int rc = 0;

	if (root->type != TV_MAP) {
		diag_add(lp->diag, DIAG_ERROR, lp->path, root->line, root->col,
		    "the front matter is not a mapping of keys to values");
		return -1;
	}
	for (i = 0; i < root->n; i++) {
		const char *k = root->keys[i];
		struct tval *v = &root->items[i];

		for (j = 0; j < i; j++)
			if (strcmp(root->keys[j], k) == 0)
				break;
		if (j < i) {
			diag_add(lp->diag, DIAG_WARN, lp->path, v->line, v->col,
			    "duplicate key '%s'; the first is used", k);
			continue;
		}
		if (strcmp(k, "term") == 0)
			term = v;
		else if (strcmp(k, "description") == 0)
			desc = v;
		else if (strcmp(k, "category") == 0 ||
		    strcmp(k, "vertical") == 0 ||
		    strcmp(k, "pronunciation") == 0) {
			char **dst = k[0] == 'c' ? &t->category
			    : k[0] == 'v'	 ? &t->vertical
						 : &t->pronunciation;

			if ((*dst = tv_take(v)) == NULL && !tv_null(v))
				warn_type(lp, v, k, "a string");
			else if (*dst != NULL && **dst == '\0') {
				free(*dst);
				*dst = NULL;
			}
		} else if (strcmp(k, "aliases") == 0)
			take_strings(lp, v, k, &t->aliases);
		else if (strcmp(k, "example") == 0 ||
		    strcmp(k, "examples") == 0)
			take_strings(lp, v, k, &t->examples);
		else if (strcmp(k, "related") == 0)
			take_related(lp, t, v);
		else if (strcmp(k, "details") == 0)
			take_details(lp, t, v);
		else if (reserved_key(k))
			diag_add(lp->diag, DIAG_NOTE, lp->path, v->line, v->col,
			    "key '%s' is one gloss writes itself; it is not "
			    "passed through to JSON",
			    k);
		else {
			add_extra(t, root->keys[i], v);
			root->keys[i] = xstrdup("");
		}
	}
	if (need_string(lp, root, term, "term", &t->name) < 0)
		rc = -1;
	else {
		t->line = term->line;
		t->col = term->col;
		if (strlen(t->name) > LOADER_MAX_NAME) {
			diag_add(lp->diag, DIAG_ERROR, lp->path, term->line,
			    term->col, "the term name is longer than %d bytes",
			    LOADER_MAX_NAME);
			rc = -1;
		} else if (strpbrk(t->name, "\r\n") != NULL) {
			diag_add(lp->diag, DIAG_ERROR, lp->path, term->line,
			    term->col, "the term name has a line break");
			rc = -1;
		} else {
			t->key = utf8_fold(t->name, strlen(t->name));
			if (t->key[0] == '\0') {
				diag_add(lp->diag, DIAG_ERROR, lp->path,
				    term->line, term->col,
				    "the term name has no letters or digits");
				rc = -1;
			}
		}
	}
	if (need_string(lp, root, desc, "description", &t->description) < 0)
		rc = -1;
	if (rc < 0)
		return -1;
	merge_details(t);
	if (t->category == NULL)
		t->category = xstrdup("Uncategorized");
	for (i = 0; i < t->aliases.n; i++)
		strlist_push(&t->alias_keys,
		    utf8_fold(t->aliases.v[i], strlen(t->aliases.v[i])));
	return 0;
}

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

/* A line break libyaml counts but a reader of the file would not. */
static int
odd_break(const char *fm, size_t len, size_t *at)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)fm[i];

		if ((c == '\r' && (i + 1 == len || fm[i + 1] != '\n')) ||
		    (c == 0xc2 && i + 1 < len &&
			(unsigned char)fm[i + 1] == 0x85) ||
		    (c == 0xe2 && i + 2 < len &&
			(unsigned char)fm[i + 1] == 0x80 &&
			((unsigned char)fm[i + 2] == 0xa8 ||
			    (unsigned char)fm[i + 2] == 0xa9))) {
			*at = i;
			return 1;
		}
	}
	return 0;
}

static void
file_error(struct diag *d, const char *path, const char *text, size_t off,
    const char *msg)
{
	unsigned line, col;

	pos_of(text, off, &line, &col);
	diag_add(d, DIAG_ERROR, path, line, col, "%s", msg);
}

/*
 * Parse len bytes of text (NUL-terminated).  With give, a term takes the
 * text over; otherwise, and on failure, it stays the caller's.
 */
static enum load_status
parse_text(char *text, size_t len, const char *path, struct diag *d,
    struct term **out, int give)
{
	struct lp lp;
	struct tval root;
	struct term *t;
	size_t off = 0, p, next, bad;
	int found = 0, rc;
	char msg[80];

	*out = NULL;
	if (len > LOADER_MAX_FILE) {
		diag_add(d, DIAG_ERROR, path, 0, 0,
		    "the file is larger than 1 MiB; skipped");
		return LOAD_ERROR;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	if (len >= 2 &&
	    ((text[0] == '\xff' && text[1] == '\xfe') ||
		(text[0] == '\xfe' && text[1] == '\xff') ||
		(text[0] == '-' && text[1] == '\0') ||
		(text[0] == '\0' && text[1] == '-'))) {
		diag_add(d, DIAG_ERROR, path, 1, 1,
		    "the file is UTF-16; save it as UTF-8");
		return LOAD_ERROR;
	}
	if (off >= len || !fence_line(text, off, len, 0, &p)) {
		return LOAD_NOT_TERM;
	}
	if (utf8_check(text, len, &bad) < 0) {
		if (text[bad] == '\0')
			snprintf(msg, sizeof(msg), "a NUL byte in the file");
		else
			snprintf(msg, sizeof(msg),
			    "invalid UTF-8 (byte 0x%02x); save the file as "
			    "UTF-8",
			    (unsigned char)text[bad]);
		file_error(d, path, text, bad, msg);
		return LOAD_ERROR;
	}
	memset(&lp, 0, sizeof(lp));
	lp.fm_off = p;
	while (p < len) {
		if (p - lp.fm_off > LOADER_MAX_FM)
			break;
		if (fence_line(text, p, len, 1, &next)) {
			found = 1;
			break;
		}
		p = next;
	}
	if (!found) {
		file_error(d, path, text, off,
		    p < len ? "the front matter does not close within 64 KiB"
			    : "the front matter is not closed: add a '---' "
			      "line after it");
		return LOAD_ERROR;
	}
	lp.fm_len = p - lp.fm_off;
	if (odd_break(text + lp.fm_off, lp.fm_len, &bad)) {
		file_error(d, path, text, lp.fm_off + bad,
		    "a line break other than LF or CRLF in the front matter");
		return LOAD_ERROR;
	}
	lp.path = path;
	lp.text = text;
	lp.diag = d;
	memset(&root, 0, sizeof(root));
	root.line = 2;
	root.col = 1;
	if (!yaml_parser_initialize(&lp.parser)) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "out of memory");
		return LOAD_ERROR;
	}
	yaml_parser_set_input_string(
	    &lp.parser, (const unsigned char *)text + lp.fm_off, lp.fm_len);
	yaml_parser_set_encoding(&lp.parser, YAML_UTF8_ENCODING);
	rc = lp_document(&lp, &root);
	yaml_parser_delete(&lp.parser);
	if (rc == 1) {
		diag_add(d, DIAG_ERROR, path, 1, 1,
		    "the front matter is empty: 'term' and 'description' "
		    "are required");
		rc = -1;
	}
	t = term_new();
	if (rc == 0)
		rc = lp_term(&lp, &root, t);
	tval_release(&root);
	if (rc < 0) {
		term_free(t);
		return LOAD_ERROR;
	}
	fence_line(text, p, len, 1, &next);
	t->path = xstrdup(path);
	t->text = give ? text : NULL;
	t->textlen = len;
	t->body_off = next;
	if (md_has_examples(text + next, len - next))
		md_examples(text + next, len - next, &t->examples);
	*out = t;
	return LOAD_OK;
}

enum load_status
loader_parse(const char *buf, size_t len, const char *path, struct diag *d,
    struct term **out)
{
	char *text = xmalloc(len + 1);
	enum load_status st;

	if (len > 0)
		memcpy(text, buf, len);
	text[len] = '\0';
	if ((st = parse_text(text, len, path, d, out, 1)) != LOAD_OK)
		free(text);
	return st;
}

static const char *
file_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISDIR(m))
		return "a directory";
	return "not a regular file";
}

/* A read buffer, reused from file to file by one thread. */
struct rbuf {
	char *s;
	size_t cap;
};

/*
 * Read the regular file path into rb, without blocking and never past
 * LOADER_MAX_FILE bytes.  Returns the length, or -1 after a diagnostic.
 */
static ssize_t
read_file(const char *path, struct diag *d, struct rbuf *rb)
{
	struct stat st;
	size_t len = 0, want;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot stat: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(d, DIAG_ERROR, path, 0, 0,
		    "%s, not a term file; skipped", file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	if (st.st_size > (off_t)LOADER_MAX_FILE) {
		diag_add(d, DIAG_ERROR, path, 0, 0,
		    "the file is larger than 1 MiB; skipped");
		close(fd);
		return -1;
	}
	/* st_size is a hint: the file may grow or shrink as we read. */
	want = (size_t)st.st_size + 1;
	for (;;) {
		if (len + 1 >= rb->cap || want + 1 > rb->cap) {
			size_t cap = rb->cap ? rb->cap : 4096;

			while (cap < want + 1 || cap <= len + 1)
				cap *= 2;
			if (cap > LOADER_MAX_FILE + 2)
				cap = LOADER_MAX_FILE + 2;
			if (cap > rb->cap) {
				rb->s = xrealloc(rb->s, cap);
				rb->cap = cap;
			}
		}
		if (len + 1 >= rb->cap)
			break; /* over the cap: reported below */
		r = read(fd, rb->s + len, rb->cap - 1 - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "read error: %s",
			    strerror(errno));
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		/*
		 * A regular file reads short only at its end: one read(2)
		 * a file, not two, when st_size was right.
		 */
		if (len < want)
			break;
		want = len + 1;
	}
	close(fd);
	if (len > LOADER_MAX_FILE) {
		diag_add(d, DIAG_ERROR, path, 0, 0,
		    "the file is larger than 1 MiB; skipped");
		return -1;
	}
	rb->s[len] = '\0';
	return (ssize_t)len;
}

/*
 * Read and parse one file into a term.  With give, the term keeps the
 * buffer, and rb is left empty for the next file.
 */
static enum load_status
load_file(const char *path, struct diag *d, struct term **out, struct rbuf *rb,
    int give)
{
	enum load_status st;
	ssize_t len;

	*out = NULL;
	if ((len = read_file(path, d, rb)) < 0)
		return LOAD_ERROR;
	st = parse_text(rb->s, (size_t)len, path, d, out, give);
	if (st == LOAD_OK && give) {
		/* The buffer grew in 4 KiB steps; keep only the file. */
		if (rb->cap > (size_t)len + 1)
			(*out)->text = xrealloc(rb->s, (size_t)len + 1);
		rb->s = NULL;
		rb->cap = 0;
	}
	return st;
}

enum load_status
loader_load_file(const char *path, struct diag *d, struct term **out)
{
	struct rbuf rb = {NULL, 0};
	enum load_status st = load_file(path, d, out, &rb, 1);

	free(rb.s);
	return st;
}

/*
 * One entry of a walk, in path order: a file to parse, or only what the
 * walk found (a dangling link, a FIFO, a cycle).  Files are parsed by
 * several threads; their results are merged in this order, so output
 * and diagnostics never depend on timing.
 */
struct job {
	char *path; /* a file to parse, or NULL */
	struct diag diag;
	struct term *term;
	enum load_status st;
};

struct walk {
	struct table *table;
	struct job *jobs;
	size_t njobs, cap;
	size_t bytes; /* of the files queued */
	int stopped;  /* the size cap was hit */
	struct {
		dev_t dev;
		ino_t ino;
	} stack[LOADER_MAX_DIRS + 1]; /* directories being walked: cycles */
	int depth;
};

static struct job *
walk_job(struct walk *w, const char *path)
{
	struct job *j;

	if (w->njobs == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->jobs = xreallocarray(w->jobs, w->cap, sizeof(*w->jobs));
	}
	j = &w->jobs[w->njobs++];
	j->path = path != NULL ? xstrdup(path) : NULL;
	diag_init(&j->diag);
	j->term = NULL;
	j->st = LOAD_ERROR;
	return j;
}

/* Record what the walk itself found, in its place in path order. */
static struct diag *
walk_diag(struct walk *w)
{
	return &walk_job(w, NULL)->diag;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
ends_md(const char *name)
{
	size_t n = strlen(name);

	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static int walk_dir(struct walk *, const char *, const struct stat *);

static void
walk_entry(struct walk *w, const char *path, const char *name)
{
	struct stat st;
	size_t max;
	int i;

	if (stat(path, &st) == -1) {
		struct stat lst;

		if (!ends_md(name))
			return;
		if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
			diag_add(walk_diag(w), DIAG_ERROR, path, 0, 0,
			    "a dangling symbolic link; skipped");
		else
			diag_add(walk_diag(w), DIAG_ERROR, path, 0, 0,
			    "cannot stat: %s", strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		for (i = 0; i <= w->depth; i++)
			if (w->stack[i].dev == st.st_dev &&
			    w->stack[i].ino == st.st_ino) {
				diag_add(walk_diag(w), DIAG_WARN, path, 0, 0,
				    "a directory cycle: this leads back to "
				    "a directory above it; not followed");
				return;
			}
		(void)walk_dir(w, path, &st);
		return;
	}
	if (!ends_md(name))
		return;
	if (!S_ISREG(st.st_mode)) {
		diag_add(walk_diag(w), DIAG_ERROR, path, 0, 0,
		    "%s, not a term file; skipped", file_kind(st.st_mode));
		return;
	}
	if (w->stopped)
		return;
	max = w->table->max_bytes ? w->table->max_bytes : TABLE_MAX_BYTES;
	if (w->table->bytes + w->bytes + (size_t)st.st_size > max) {
		diag_add(walk_diag(w), DIAG_ERROR, path, 0, 0,
		    "the glossary is larger than %zu MiB; this file and the "
		    "rest are not loaded",
		    max >> 20);
		w->stopped = 1;
		return;
	}
	w->bytes += (size_t)st.st_size;
	walk_job(w, path);
}

static int
walk_dir(struct walk *w, const char *dir, const struct stat *st)
{
	struct strlist names = {0};
	struct dirent *de;
	DIR *dp;
	size_t i;

	if (w->depth >= LOADER_MAX_DIRS) {
		diag_add(walk_diag(w), DIAG_WARN, dir, 0, 0,
		    "directories nested more than %d deep; not followed",
		    LOADER_MAX_DIRS);
		return 0;
	}
	if ((dp = opendir(dir)) == NULL) {
		diag_add(walk_diag(w), DIAG_ERROR, dir, 0, 0,
		    "cannot open directory: %s", strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.')
			strlist_push(&names, xstrdup(de->d_name));
	closedir(dp);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), cmp_names);
	w->depth++;
	w->stack[w->depth].dev = st->st_dev;
	w->stack[w->depth].ino = st->st_ino;
	for (i = 0; i < names.n; i++) {
		char *path = strcmp(dir, "/") == 0
		    ? xasprintf("/%s", names.v[i])
		    : xasprintf("%s/%s", dir, names.v[i]);

		walk_entry(w, path, names.v[i]);
		free(path);
	}
	w->depth--;
	strlist_release(&names);
	return 0;
}

/* The files of a walk, shared by the parsing threads. */
struct pool {
	struct job *jobs;
	size_t n;
	atomic_size_t next;
	int keep_text; /* terms keep their file's text */
};

static void *
parse_jobs(void *arg)
{
	struct pool *p = arg;
	struct rbuf rb = {NULL, 0};
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
		if (p->jobs[i].path != NULL)
			p->jobs[i].st =
			    load_file(p->jobs[i].path, &p->jobs[i].diag,
				&p->jobs[i].term, &rb, p->keep_text);
	free(rb.s);
	return NULL;
}

/*
 * Parse every queued file, on as many threads as there are processors
 * (at most LOADER_MAX_THREADS), when there are enough files to pay for
 * starting them.
 */
static void
parse_all(struct walk *w)
{
	pthread_t tid[LOADER_MAX_THREADS];
	struct pool p;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t i, nt;

	p.jobs = w->jobs;
	p.n = w->njobs;
	p.keep_text = !w->table->drop_text;
	atomic_init(&p.next, 0);
	nt = ncpu > 1 ? (size_t)ncpu : 1;
	if (nt > LOADER_MAX_THREADS)
		nt = LOADER_MAX_THREADS;
	if (nt > w->njobs / 64 + 1)
		nt = w->njobs / 64 + 1;
	for (i = 1; i < nt; i++)
		if (pthread_create(&tid[i], NULL, parse_jobs, &p) != 0)
			break;
	nt = i;
	parse_jobs(&p);
	for (i = 1; i < nt; i++)
		pthread_join(tid[i], NULL);
}

/* Move the results into the table and diag, in path order. */
static int
merge_all(struct walk *w, int dirno, struct diag *d)
{
	size_t i;
	int added = 0;

	for (i = 0; i < w->njobs; i++) {
		struct job *j = &w->jobs[i];

		if (j->path != NULL && j->st == LOAD_OK) {
			j->term->dirno = dirno;
			table_add(w->table, j->term);
			added++;
		} else if (j->path != NULL && j->st == LOAD_NOT_TERM)
			diag_add(&j->diag, DIAG_NOTE, j->path, 0, 0,
			    "not a term file (no front matter); skipped");
		diag_move(d, &j->diag);
		free(j->path);
	}
	free(w->jobs);
	return added;
}

int
loader_load_dir(struct table *table, const char *dir, int dirno, struct diag *d)
{
	struct walk w;
	struct stat st;
	char *root;
	size_t n;
	int rc, added;

	memset(&w, 0, sizeof(w));
	w.table = table;
	w.depth = -1;
	root = xstrdup(dir);
	n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		root[--n] = '\0';
	if (stat(root, &st) == -1) {
		diag_add(d, DIAG_ERROR, root, 0, 0, "cannot open directory: %s",
		    strerror(errno));
		free(root);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_add(d, DIAG_ERROR, root, 0, 0, "not a directory");
		free(root);
		return -1;
	}
	rc = walk_dir(&w, root, &st);
	free(root);
	parse_all(&w);
	added = merge_all(&w, dirno, d);
	return rc < 0 ? -1 : added;
}
