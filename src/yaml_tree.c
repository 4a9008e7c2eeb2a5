#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "loader.h"
#include "utf8.h"
#include "yaml_tree.h"

/* The state of parsing one document. */
struct yt {
	yaml_parser_t parser;
	const char *path;
	const char *yaml; /* the text parsed */
	size_t len;
	unsigned first_line; /* of the file, where yaml starts */
	struct diag *diag;
	size_t at_line, at_off; /* a line of yaml and where it starts
				   (yt_offset: marks come in order) */
};

/* The position in the file of a libyaml mark. */
static void
yt_pos(const struct yt *yt, const yaml_mark_t *m, unsigned *line, unsigned *col)
{
	*line = (unsigned)m->line + yt->first_line;
	*col = (unsigned)m->column + 1;
}

/* An error at mark m; arg is the one int the code's message takes, if any. */
static void
yt_error_at(struct yt *yt, const yaml_mark_t *m, enum diag_code code, int arg)
{
	unsigned line, col;

	yt_pos(yt, m, &line, &col);
	diag_add(yt->diag, code, yt->path, line, col, arg);
}

/* A reader error: bad bytes, found at a byte offset of the input. */
static void
yt_reader_error(struct yt *yt, const char *problem)
{
	const yaml_parser_t *p = &yt->parser;
	size_t off = p->problem_offset < yt->len ? p->problem_offset : yt->len;
	unsigned line, col;
	char *detail;

	utf8_linecol(yt->yaml, off, &line, &col);
	line += yt->first_line - 1;
	if (p->problem_value != -1)
		detail = xasprintf(
		    "%s (U+%04X)", problem, (unsigned)p->problem_value);
	else
		detail = xstrdup(problem);
	diag_add(yt->diag, DIAG_YAML_BAD_INPUT, yt->path, line, col, detail);
	free(detail);
}

/* A scanner or parser error: the YAML is not well formed. */
static void
yt_syntax_error(struct yt *yt, const char *problem)
{
	const yaml_parser_t *p = &yt->parser;
	const yaml_mark_t *m = &p->problem_mark;
	unsigned line, col;
	char *detail;

	/*
	 * The parser often notices a problem lines after its cause (an
	 * unclosed `[', a stray line of text), while the context mark
	 * says where the broken construct began: use it when it is earlier.
	 * Not for a block mapping or list: its context is where the whole
	 * block began, and the problem mark is the badly indented line.
	 */
	if (p->context != NULL && p->context_mark.index < m->index &&
	    strncmp(p->context, "while parsing a block", 21) != 0)
		m = &p->context_mark;
	yt_pos(yt, m, &line, &col);
	if (p->context != NULL)
		detail = xasprintf("%s %s", problem, p->context);
	else
		detail = xstrdup(problem);
	diag_add(yt->diag, DIAG_YAML_SYNTAX, yt->path, line, col, detail);
	free(detail);
}

static void
yt_yaml_error(struct yt *yt)
{
	const yaml_parser_t *p = &yt->parser;
	const char *problem = p->problem ? p->problem : "syntax error";

	if (p->error == YAML_MEMORY_ERROR)
		diag_add(yt->diag, DIAG_YAML_OUT_OF_MEMORY, yt->path, 0, 0);
	else if (p->error == YAML_READER_ERROR)
		yt_reader_error(yt, problem);
	else
		yt_syntax_error(yt, problem);
}

static int
yt_next(struct yt *yt, yaml_event_t *ev)
{
	if (yaml_parser_parse(&yt->parser, ev))
		return 0;
	yt_yaml_error(yt);
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

/* Refuse ev (and delete it) if it has an anchor or is an alias. */
static int
yt_no_anchor(struct yt *yt, yaml_event_t *ev)
{
	if (!has_anchor(ev))
		return 0;
	yt_error_at(yt, &ev->start_mark, DIAG_YAML_ANCHOR, 0);
	yaml_event_delete(ev);
	return -1;
}

static int yt_node(struct yt *, yaml_event_t *, struct tval *, int);

/*
 * Release ev.  A scalar whose text the tree took, with no anchor or tag
 * (the only other things a scalar event owns), has nothing left to
 * free: yaml_event_delete for each of them cost `list' 1%.
 */
static void
yt_event_done(yaml_event_t *ev)
{
	if (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.value == NULL &&
	    ev->data.scalar.anchor == NULL && ev->data.scalar.tag == NULL)
		return;
	yaml_event_delete(ev);
}

/* Make room for one more entry of out, a collection of cap entries. */
static void
yt_grow(struct tval *out, size_t *cap, int map)
{
	if (out->n == *cap) {
		/* A front matter's map has some ten keys: room for 16. */
		*cap = *cap ? *cap * 2 : map ? 16 : 8;
		out->items =
		    xreallocarray(out->items, *cap, sizeof(*out->items));
		if (map)
			out->keys =
			    xreallocarray(out->keys, *cap, sizeof(*out->keys));
	}
	memset(&out->items[out->n], 0, sizeof(*out->items));
}

/*
 * Refuse a scalar with a NUL (libyaml gives lengths; C strings stop).
 * libyaml's reader refuses a NUL in its input ("control characters are
 * not allowed"), so only an escape (\0, \x00, \u0000) of a
 * double-quoted scalar can make one: the others are not searched.
 */
static int
yt_no_nul(struct yt *yt, const yaml_event_t *ev)
{
	if (ev->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
	    memchr(ev->data.scalar.value, '\0', ev->data.scalar.length) == NULL)
		return 0;
	yt_error_at(yt, &ev->start_mark, DIAG_YAML_NUL, 0);
	return -1;
}

/* A tag as it may be written: "!!int" for libyaml's resolved form. */
static char *
yt_tag_name(const yaml_char_t *tag)
{
	static const char prefix[] = "tag:yaml.org,2002:";
	const char *t = (const char *)tag;

	if (strncmp(t, prefix, sizeof(prefix) - 1) == 0)
		return xasprintf("!!%s", t + sizeof(prefix) - 1);
	return xstrdup(t);
}

/* Warn about the tag of ev, a node at mark m, that gloss does not use. */
static void
yt_warn_tag(struct yt *yt, const yaml_mark_t *m, enum tval_tagcheck ck,
    const yaml_char_t *tag, const char *text)
{
	unsigned line, col;
	char *name = yt_tag_name(tag);

	yt_pos(yt, m, &line, &col);
	if (ck == TVT_UNKNOWN)
		diag_add(
		    yt->diag, DIAG_YAML_UNKNOWN_TAG, yt->path, line, col, name);
	else
		diag_add(yt->diag, DIAG_YAML_TAG_MISMATCH, yt->path, line, col,
		    text, name);
	free(name);
}

/*
 * The byte offset in the text parsed of mark m (libyaml counts its
 * index and column in characters).  The lines are counted on from the
 * last mark's, not from the top: one front matter of many values over
 * lines cost a scan of it a value (72% of loading such a file).
 */
static size_t
yt_offset(struct yt *yt, const yaml_mark_t *m)
{
	const char *s = yt->yaml, *nl;
	size_t off, line, col;
	int32_t cp;
	int w;

	if (m->line < yt->at_line)
		yt->at_line = yt->at_off = 0;
	for (line = yt->at_line, off = yt->at_off; line < m->line; line++) {
		nl = memchr(s + off, '\n', yt->len - off);
		if (nl == NULL)
			return yt->len;
		off = (size_t)(nl - s) + 1;
	}
	yt->at_line = line;
	yt->at_off = off;
	for (col = 0; col < m->column && off < yt->len; col++)
		off += (w = utf8_decode(s + off, yt->len - off, &cp)) > 0
		    ? (size_t)w
		    : 1;
	return off;
}

/*
 * A plain or folded scalar v (of n bytes) written over lines: v without
 * the spaces that its folds made between two Chinese or Japanese
 * characters (utf8_break_vanishes), as a page shows it; NULL when it has
 * none.  The folds are found by reading the source beside v: a space of
 * v where the source has one line break is a fold.  Anything the walk
 * cannot match (a more-indented line, a comment) gives NULL: v as YAML
 * folds it.
 */
static char *
yt_join_folds(struct yt *yt, const yaml_event_t *ev, const char *v, size_t n)
{
	const char *s = yt->yaml;
	size_t j = yt_offset(yt, &ev->start_mark), end, i = 0, k, nl, w = 0;
	char *out = NULL;
	int32_t a, b;

	end = yt_offset(yt, &ev->end_mark);
	if (ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE) {
		while (j < end && s[j] != '\n') /* the header: '>-', '>2' */
			j++;
		j++;
	}
	while (i < n && j < end) {
		if (s[j] == '\n' || s[j] == '\r') {
			for (nl = 0; j < end && strchr("\r\n \t", s[j]) != NULL;
			     j++)
				nl += s[j] == '\n';
			if (nl == 1 && v[i] == ' ' && i > 0 && i + 1 < n &&
			    (a = utf8_last(out != NULL ? out : v,
				 out != NULL ? w : i)) >= 0 &&
			    utf8_decode(v + i + 1, n - i - 1, &b) > 0 &&
			    utf8_break_vanishes(a, b)) {
				if (out == NULL) {
					out = xmalloc(n + 1);
					memcpy(out, v, i);
					w = i;
				}
				i++; /* the fold's space goes */
				continue;
			}
			if (nl == 1 && v[i] == ' ')
				k = 1;
			else
				for (k = 0; i + k < n && v[i + k] == '\n'; k++)
					;
			if (out != NULL)
				memcpy(out + w, v + i, k);
			w += out != NULL ? k : 0;
			i += k;
		} else if (s[j] == v[i]) {
			if (out != NULL)
				out[w++] = v[i];
			i++, j++;
		} else if (s[j] == ' ' || s[j] == '\t')
			j++;
		else
			break;
	}
	if (out == NULL)
		return NULL;
	if (i < n) { /* the rest could not be followed: as YAML has it */
		free(out);
		return NULL;
	}
	out[w] = '\0';
	return out;
}

/*
 * A scalar event into out: its text, and its type by the one typing
 * rule (tval_type_scalar).
 */
static int
yt_scalar(struct yt *yt, yaml_event_t *ev, struct tval *out)
{
	const yaml_char_t *tag = ev->data.scalar.tag;
	char *value = (char *)ev->data.scalar.value;
	enum tval_tagcheck ck;

	if (yt_no_nul(yt, ev) < 0)
		return -1;
	out->type = TV_STR;
	/*
	 * Take the event's text rather than copy it: libyaml allocates it
	 * with malloc(3) (yaml_malloc) and ends it with a NUL, and
	 * yaml_event_delete then frees nothing.  Copying every scalar
	 * cost `list' 3% of its instructions (bench/instr.sh).
	 */
	if (value[ev->data.scalar.length] == '\0') {
		out->str = value;
		ev->data.scalar.value = NULL;
	} else
		out->str = xstrndup(value, ev->data.scalar.length);
	/* Folded over lines, Chinese or Japanese text shows no space where
	 * a line broke; the value stays as YAML folds it (yt_join_folds). */
	if ((ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ||
		ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE) &&
	    ev->end_mark.line > ev->start_mark.line &&
	    utf8_ascii_prefix(out->str, ev->data.scalar.length) <
		ev->data.scalar.length)
		out->joined =
		    yt_join_folds(yt, ev, out->str, ev->data.scalar.length);
	out->scalar = tval_type_scalar((const char *)tag,
	    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE, out->str, &ck);
	if (ck != TVT_OK)
		yt_warn_tag(yt, &ev->start_mark, ck, tag, out->str);
	return 0;
}

/*
 * Take the key event ev of a mapping entry into out, counting the entry
 * (so that tval_release frees the key), and read the value's event into
 * ev.  Returns 1 when the key was given before in out: it is warned
 * about and not counted, and the caller drops its value.
 */
static int
yt_key(struct yt *yt, yaml_event_t *ev, struct tval *out)
{
	struct tval k;
	size_t i;
	int dup = 0;

	if (ev->type != YAML_SCALAR_EVENT) {
		yt_error_at(yt, &ev->start_mark, DIAG_YAML_KEY_NOT_STRING, 0);
		yaml_event_delete(ev);
		return -1;
	}
	memset(&k, 0, sizeof(k));
	if (yt_no_anchor(yt, ev) < 0)
		return -1;
	if (yt_scalar(yt, ev, &k) < 0) {
		yaml_event_delete(ev);
		return -1;
	}
	free(k.joined); /* a key is its text alone */
	for (i = 0; i < out->n && !dup; i++)
		dup = out->keys[i][0] == k.str[0] &&
		    strcmp(out->keys[i], k.str) == 0;
	if (dup) {
		yt_pos(yt, &ev->start_mark, &k.line, &k.col);
		diag_add(yt->diag, DIAG_DUPLICATE_KEY, yt->path, k.line, k.col,
		    k.str);
		free(k.str);
	} else
		out->keys[out->n++] = k.str;
	yt_event_done(ev);
	if (yt_next(yt, ev) < 0)
		return -1;
	return dup;
}

/* Read the value of a key given twice, and drop it. */
static int
yt_drop_node(struct yt *yt, yaml_event_t *ev, int depth)
{
	struct tval v;
	int rc;

	memset(&v, 0, sizeof(v));
	rc = yt_node(yt, ev, &v, depth);
	tval_release(&v);
	return rc;
}

/* Read the items or pairs of a collection up to its end event. */
static int
yt_collection(struct yt *yt, struct tval *out, int depth, int map)
{
	yaml_event_t ev;
	size_t cap = 0;
	int rc;

	for (;;) {
		if (yt_next(yt, &ev) < 0)
			return -1;
		if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (out->n == LOADER_MAX_ITEMS) {
			yt_error_at(yt, &ev.start_mark,
			    DIAG_YAML_TOO_MANY_ITEMS, LOADER_MAX_ITEMS);
			yaml_event_delete(&ev);
			return -1;
		}
		yt_grow(out, &cap, map);
		rc = 0;
		if (!map)
			out->n++;
		else if ((rc = yt_key(yt, &ev, out)) < 0)
			return -1;
		if (rc == 1)
			rc = yt_drop_node(yt, &ev, depth);
		else
			rc = yt_node(yt, &ev, &out->items[out->n - 1], depth);
		if (rc < 0)
			return -1;
	}
}

/* Warn about the tag of a collection if gloss does not know it. */
static void
yt_collection_tag(struct yt *yt, const yaml_event_t *ev)
{
	int map = ev->type == YAML_MAPPING_START_EVENT;
	const yaml_char_t *tag =
	    map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;

	if (!tval_tag_known_collection((const char *)tag, map))
		yt_warn_tag(yt, &ev->start_mark, TVT_UNKNOWN, tag, NULL);
}

/*
 * Turn the node that starts with ev (consumed) into out.  depth counts
 * the collections around it.
 */
static int
yt_node(struct yt *yt, yaml_event_t *ev, struct tval *out, int depth)
{
	int rc = -1;

	yt_pos(yt, &ev->start_mark, &out->line, &out->col);
	if (yt_no_anchor(yt, ev) < 0)
		return -1;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		rc = yt_scalar(yt, ev, out);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		out->type =
		    ev->type == YAML_SEQUENCE_START_EVENT ? TV_SEQ : TV_MAP;
		yt_collection_tag(yt, ev);
		if (depth + 1 > LOADER_MAX_DEPTH)
			yt_error_at(yt, &ev->start_mark, DIAG_YAML_TOO_DEEP,
			    LOADER_MAX_DEPTH);
		else
			rc = yt_collection(
			    yt, out, depth + 1, out->type == TV_MAP);
		break;
	default:
		yt_error_at(yt, &ev->start_mark, DIAG_YAML_UNEXPECTED, 0);
		break;
	}
	yt_event_done(ev);
	return rc;
}

/* Read and drop the next event, whose type the caller may look at. */
static int
yt_skip(struct yt *yt, yaml_event_type_t *type)
{
	yaml_event_t ev;

	if (yt_next(yt, &ev) < 0)
		return -1;
	*type = ev.type;
	yaml_event_delete(&ev);
	return 0;
}

/* The stream: one document, or none.  Returns 0, 1 if none, -1. */
static int
yt_stream(struct yt *yt, struct tval *root)
{
	yaml_event_type_t type;
	yaml_event_t ev;

	if (yt_skip(yt, &type) < 0) /* STREAM-START */
		return -1;
	if (yt_skip(yt, &type) < 0) /* DOCUMENT-START, or the end */
		return -1;
	if (type == YAML_STREAM_END_EVENT)
		return 1;
	if (yt_next(yt, &ev) < 0 || yt_node(yt, &ev, root, 0) < 0)
		return -1;
	if (yt_skip(yt, &type) < 0) /* DOCUMENT-END */
		return -1;
	if (yt_next(yt, &ev) < 0)
		return -1;
	if (ev.type != YAML_STREAM_END_EVENT) {
		yt_error_at(yt, &ev.start_mark, DIAG_YAML_MANY_DOCUMENTS, 0);
		yaml_event_delete(&ev);
		return -1;
	}
	yaml_event_delete(&ev);
	return 0;
}

int
yaml_tree_parse(const char *yaml, size_t len, unsigned first_line,
    const char *path, struct diag *d, struct tval *root)
{
	struct yt yt;
	int rc;

	memset(root, 0, sizeof(*root));
	root->line = first_line;
	root->col = 1;
	memset(&yt, 0, sizeof(yt));
	yt.path = path;
	yt.yaml = yaml;
	yt.len = len;
	yt.first_line = first_line;
	yt.diag = d;
	if (!yaml_parser_initialize(&yt.parser)) {
		diag_add(d, DIAG_OUT_OF_MEMORY, path, 0, 0);
		return -1;
	}
	yaml_parser_set_input_string(
	    &yt.parser, (const unsigned char *)yaml, len);
	yaml_parser_set_encoding(&yt.parser, YAML_UTF8_ENCODING);
	rc = yt_stream(&yt, root);
	yaml_parser_delete(&yt.parser);
	return rc;
}
