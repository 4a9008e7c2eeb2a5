#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "render.h"

static const struct renderer *const renderers[] = {&render_text, &render_json,
    &render_ndjson, &render_tsv, &render_markdown, NULL};

const struct renderer *
render_find(const char *name)
{
	size_t i;

	for (i = 0; renderers[i] != NULL; i++)
		if (strcmp(renderers[i]->name, name) == 0)
			return renderers[i];
	return NULL;
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
	r->record(ctx, rec);
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

static const char *const term_fields[] = {"term", "aliases", "category",
    "vertical", "pronunciation", "description", "examples", "related", "file",
    "match", "body", "details", "score", "snippet", "relation", "depth", NULL};

int
render_field_known(const char *field)
{
	size_t i;

	for (i = 0; term_fields[i] != NULL; i++)
		if (strcmp(term_fields[i], field) == 0)
			return 1;
	return strcmp(field, "count") == 0 || strcmp(field, "name") == 0 ||
	    strcmp(field, "line") == 0 || strcmp(field, "col") == 0 ||
	    strcmp(field, "level") == 0 || strcmp(field, "message") == 0;
}

const char *
render_level(enum diag_level l)
{
	return l == DIAG_ERROR ? "error" : l == DIAG_WARN ? "warning" : "note";
}

static char *
join(const struct strlist *l)
{
	struct sbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			sb_adds(&sb, ", ");
		sb_adds(&sb, l->v[i]);
	}
	return sb_take(&sb);
}

/* A passed-through value as text: scalars as written, lists joined. */
static void
tval_text(struct sbuf *sb, const struct tval *v)
{
	size_t i;

	switch (v->type) {
	case TV_STR:
		sb_adds(sb, v->str);
		break;
	case TV_SEQ:
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				sb_adds(sb, ", ");
			tval_text(sb, &v->items[i]);
		}
		break;
	case TV_MAP:
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				sb_adds(sb, ", ");
			sb_adds(sb, v->keys[i]);
			sb_adds(sb, ": ");
			tval_text(sb, &v->items[i]);
		}
		break;
	}
}

static const char *
rel_name(enum rel_dir d)
{
	return d == REL_OUT ? "out" : d == REL_IN ? "in" : "both";
}

char *
render_field_value(const struct rrec *r, const char *f)
{
	const struct term *t = r->term;
	const struct tval *x;
	struct sbuf sb;
	size_t i;

	if (r->diag != NULL) {
		const struct diag_msg *m = r->diag;

		if (strcmp(f, "file") == 0)
			return xstrdup(m->file ? m->file : "");
		if (strcmp(f, "line") == 0)
			return xasprintf("%u", m->line);
		if (strcmp(f, "col") == 0)
			return xasprintf("%u", m->col);
		if (strcmp(f, "level") == 0)
			return xstrdup(render_level(m->level));
		if (strcmp(f, "message") == 0)
			return xstrdup(m->msg);
		return NULL;
	}
	if (r->group != NULL) {
		if (strcmp(f, "count") == 0)
			return xasprintf("%zu", r->count);
		if (strcmp(f, "name") == 0 || strcmp(f, "category") == 0 ||
		    strcmp(f, "vertical") == 0)
			return xstrdup(r->group);
		return NULL;
	}
	if (t == NULL)
		return NULL;
	if (strcmp(f, "term") == 0 || strcmp(f, "name") == 0)
		return xstrdup(t->name);
	if (strcmp(f, "aliases") == 0)
		return join(&t->aliases);
	if (strcmp(f, "category") == 0)
		return xstrdup(t->category);
	if (strcmp(f, "vertical") == 0)
		return xstrdup(t->vertical ? t->vertical : "");
	if (strcmp(f, "pronunciation") == 0)
		return xstrdup(t->pronunciation ? t->pronunciation : "");
	if (strcmp(f, "description") == 0)
		return xstrdup(t->description);
	if (strcmp(f, "examples") == 0 || strcmp(f, "example") == 0)
		return join(&t->examples);
	if (strcmp(f, "file") == 0)
		return xstrdup(t->path);
	if (strcmp(f, "match") == 0)
		return xstrdup(
		    r->match != MATCH_NONE ? match_name(r->match) : "");
	if (strcmp(f, "body") == 0)
		return xstrdup(term_body(t));
	if (strcmp(f, "score") == 0)
		return r->hit ? xasprintf("%.4f", r->hit->score) : xstrdup("");
	if (strcmp(f, "snippet") == 0)
		return xstrdup(
		    r->hit && r->hit->snippet ? r->hit->snippet : "");
	if (strcmp(f, "relation") == 0)
		return xstrdup(r->rel ? rel_name(r->rel->dir) : "");
	if (strcmp(f, "depth") == 0)
		return r->rel ? xasprintf("%d", r->rel->depth) : xstrdup("");
	sb_init(&sb);
	if (strcmp(f, "related") == 0) {
		for (i = 0; i < t->nrelated; i++) {
			if (i > 0)
				sb_adds(&sb, ", ");
			sb_adds(&sb, t->related[i].name);
		}
		return sb_take(&sb);
	}
	if (strcmp(f, "details") == 0) {
		for (i = 0; i < t->ndetails; i++) {
			if (i > 0)
				sb_adds(&sb, ", ");
			sb_addf(&sb, "%s: %s", t->details[i].title,
			    t->details[i].value);
		}
		return sb_take(&sb);
	}
	if ((x = tval_get(&t->extra, f)) != NULL) {
		tval_text(&sb, x);
		return sb_take(&sb);
	}
	return NULL;
}

/* --field: one value a record, raw, ended by opts->sep. */
static void
field_record(struct render_ctx *ctx, const struct rrec *r)
{
	char *v;

	if (r->rel != NULL && r->term == NULL)
		return;
	v = render_field_value(r, ctx->opts->field);
	if (v != NULL)
		render_put(ctx, v, strlen(v));
	fputc(ctx->opts->sep, ctx->fp);
	free(v);
}

const struct renderer render_field = {"field", NULL, field_record, NULL};
