/*
 * The render interface: the row of formats, driving one, and the fields
 * of a record as text for `--field'.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "escape.h"
#include "render.h"

/* Every format -f knows, in the order messages name them. */
static const struct renderer *const renderers[] = {&render_text, &render_json,
    &render_ndjson, &render_tsv, &render_markdown, NULL};

const struct renderer *
render_find(const char *name)
{
	size_t i;

	for (i = 0; renderers[i] != NULL; i++)
		if (strcasecmp(renderers[i]->name, name) == 0)
			return renderers[i];
	return NULL;
}

const char *
render_names(void)
{
	static char names[256];
	size_t i, len = 0;

	if (names[0] != '\0')
		return names;
	for (i = 0; renderers[i] != NULL; i++) {
		const char *sep = i == 0       ? ""
		    : renderers[i + 1] == NULL ? " or "
					       : ", ";

		len += (size_t)snprintf(names + len, sizeof(names) - len,
		    "%s%s", sep, renderers[i]->name);
		if (len >= sizeof(names))
			break;
	}
	return names;
}

int
render_needs_body(const struct renderer *r, enum render_mode mode,
    const struct render_opts *o)
{
	return r->needs_body != NULL && r->needs_body(mode, o);
}

void
render_begin(const struct renderer *r, struct render_ctx *ctx)
{
	ctx->nrec = 0;
	ctx->priv = NULL;
	if (r->begin != NULL)
		r->begin(ctx);
}

void
render_record(
    const struct renderer *r, struct render_ctx *ctx, const struct rrec *rec)
{
	if (r->record[ctx->mode] != NULL)
		r->record[ctx->mode](ctx, rec);
	ctx->nrec++;
}

void
render_end(const struct renderer *r, struct render_ctx *ctx)
{
	if (r->end != NULL)
		r->end(ctx);
}

void
render_put(struct render_ctx *ctx, const char *s, size_t n)
{
	struct sbuf sb;

	if (!ctx->opts->escape || !esc_needed(s, n)) {
		fwrite(s, 1, n, ctx->fp);
		return;
	}
	sb_init(&sb);
	esc_append(&sb, s, n);
	fwrite(sb.s, 1, sb.len, ctx->fp);
	sb_release(&sb);
}

/* Each direction of a link: its name in data, its arrow in text. */
static const struct {
	enum rel_dir dir;
	const char *name, *arrow;
} rel_dirs[] = {{REL_OUT, "out", "->"}, {REL_IN, "in", "<-"},
    {REL_MENTION, "mention", "~"}, {REL_MENTIONED_BY, "mentioned-by", "<~"},
    {REL_BOTH, "both", "<->"}};

/* The row of direction d; the last (both) for anything else. */
static size_t
rel_row(enum rel_dir d)
{
	size_t i, last = sizeof(rel_dirs) / sizeof(rel_dirs[0]) - 1;

	for (i = 0; i < last; i++)
		if (rel_dirs[i].dir == d)
			break;
	return i;
}

const char *
render_rel_name(enum rel_dir d)
{
	return rel_dirs[rel_row(d)].name;
}

const char *
render_rel_arrow(enum rel_dir d)
{
	return rel_dirs[rel_row(d)].arrow;
}

void
render_field_src(const struct rrec *r, int body, struct field_src *s)
{
	memset(s, 0, sizeof(*s));
	s->term = r->term;
	s->match = r->match != MATCH_NONE ? match_name(r->match) : NULL;
	s->body = body;
	if (r->hit != NULL) {
		s->scored = 1;
		s->score = r->hit->score;
		s->snippet = r->hit->snippet;
	}
	if (r->rel != NULL) {
		s->relation = render_rel_name(r->rel->dir);
		s->depth = r->rel->depth;
		s->from = r->rel->from != NULL ? r->rel->from->name : NULL;
	}
}

char *
render_term_field(const struct rrec *r, const char *name)
{
	const struct field *f = field_find(name);
	struct field_src src;
	struct field_value v;

	if (f == NULL)
		return NULL;
	render_field_src(r, 1, &src);
	field_get(f, &src, &v);
	return field_text(&v);
}
