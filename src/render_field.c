/*
 * --field NAME: one value of each record, raw, ended by opts->sep.  A
 * term's fields come from the field table, then its passed-through keys;
 * a diagnostic and a group have their own few.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"

static char *
diag_file(const struct diag_msg *m)
{
	return xstrdup(m->file ? m->file : "");
}

static char *
diag_line(const struct diag_msg *m)
{
	return xasprintf("%u", m->line);
}

static char *
diag_col(const struct diag_msg *m)
{
	return xasprintf("%u", m->col);
}

static char *
diag_level(const struct diag_msg *m)
{
	return xstrdup(diag_level_name(m->level));
}

static char *
diag_code(const struct diag_msg *m)
{
	return xstrdup(diag_code_name(m->code));
}

static char *
diag_message(const struct diag_msg *m)
{
	return xstrdup(m->msg);
}

/* The fields of a diagnostic (RM_CHECK). */
static const struct {
	const char *name;
	char *(*get)(const struct diag_msg *);
} diag_fields[] = {{"file", diag_file}, {"line", diag_line}, {"col", diag_col},
    {"level", diag_level}, {"code", diag_code}, {"message", diag_message}};

/* The fields of a group (RM_CATEGORIES): its name under four names. */
static const char *const group_names[] = {
    "name", "category", "vertical", "lang"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static char *
diag_value(const struct diag_msg *m, const char *f)
{
	size_t i;

	for (i = 0; i < NELEM(diag_fields); i++)
		if (strcmp(diag_fields[i].name, f) == 0)
			return diag_fields[i].get(m);
	return NULL;
}

static char *
group_value(const struct rrec *r, const char *f)
{
	size_t i;

	if (strcmp(f, "count") == 0)
		return xasprintf("%zu", r->count);
	for (i = 0; i < NELEM(group_names); i++)
		if (strcmp(group_names[i], f) == 0)
			return xstrdup(r->group);
	return NULL;
}

/* A passed-through value as text: scalars by tval_scalar_text, lists joined. */
static void
tval_text(struct sbuf *sb, const struct tval *v)
{
	char *s;
	size_t i;

	switch (v->type) {
	case TV_STR:
		s = tval_scalar_text(v);
		sb_adds(sb, s);
		free(s);
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

char *
render_field_value(const struct rrec *r, const char *f)
{
	const struct tval *x;
	struct sbuf sb;
	char *v;

	if (r->diag != NULL)
		return diag_value(r->diag, f);
	if (r->group != NULL)
		return group_value(r, f);
	if (r->term == NULL)
		return NULL;
	if ((v = render_term_field(r, f)) != NULL)
		return v;
	if ((x = tval_get(&r->term->extra, f)) == NULL)
		return NULL;
	sb_init(&sb);
	tval_text(&sb, x);
	return sb_take(&sb);
}

int
render_field_known(const char *f)
{
	size_t i;

	if (field_find(f) != NULL || strcmp(f, "count") == 0)
		return 1;
	for (i = 0; i < NELEM(diag_fields); i++)
		if (strcmp(diag_fields[i].name, f) == 0)
			return 1;
	for (i = 0; i < NELEM(group_names); i++)
		if (strcmp(group_names[i], f) == 0)
			return 1;
	return 0;
}

static int
field_needs_body(enum render_mode mode, const struct render_opts *o)
{
	(void)mode;
	return o->field != NULL && strcmp(o->field, "body") == 0;
}

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

const struct renderer render_field = {.name = "field",
    .needs_body = field_needs_body,
    .record = RENDER_EVERY_MODE(field_record)};
