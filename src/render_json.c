/*
 * JSON and NDJSON, through jansson: the only file that includes it.
 * Every term object carries term, aliases, category, vertical,
 * pronunciation, description, examples, related, file, match, and the
 * passed-through keys of the front matter.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render.h"

static json_t *
jstr(const char *s)
{
	/* Term text is checked UTF-8; a query may not be. */
	json_t *j = s != NULL ? json_string(s) : json_null();

	return j != NULL ? j : json_string("");
}

static json_t *
jlist(const struct strlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, jstr(l->v[i]));
	return a;
}

/* A passed-through YAML value: plain scalars may be numbers or booleans. */
static json_t *
jtval(const struct tval *v)
{
	json_t *j;
	char *end;
	size_t i;

	switch (v->type) {
	case TV_STR:
		if (!v->plain)
			return jstr(v->str);
		if (v->str[0] == '\0' || strcmp(v->str, "~") == 0 ||
		    strcmp(v->str, "null") == 0 ||
		    strcmp(v->str, "Null") == 0 || strcmp(v->str, "NULL") == 0)
			return json_null();
		if (strcmp(v->str, "true") == 0 || strcmp(v->str, "True") == 0)
			return json_true();
		if (strcmp(v->str, "false") == 0 ||
		    strcmp(v->str, "False") == 0)
			return json_false();
		if ((v->str[0] >= '0' && v->str[0] <= '9') ||
		    (v->str[0] == '-' && v->str[1] >= '0' &&
			v->str[1] <= '9')) {
			long long n = strtoll(v->str, &end, 10);

			if (*end == '\0')
				return json_integer(n);
		}
		return jstr(v->str);
	case TV_SEQ:
		j = json_array();
		for (i = 0; i < v->n; i++)
			json_array_append_new(j, jtval(&v->items[i]));
		return j;
	case TV_MAP:
		j = json_object();
		for (i = 0; i < v->n; i++)
			json_object_set_new(j, v->keys[i], jtval(&v->items[i]));
		return j;
	}
	return json_null();
}

static json_t *
jterm(const struct render_ctx *ctx, const struct rrec *r)
{
	const struct term *t = r->term;
	json_t *o = json_object(), *a;
	size_t i;

	json_object_set_new(o, "term", jstr(t->name));
	json_object_set_new(o, "aliases", jlist(&t->aliases));
	json_object_set_new(o, "category", jstr(t->category));
	json_object_set_new(o, "vertical", jstr(t->vertical));
	json_object_set_new(o, "pronunciation", jstr(t->pronunciation));
	json_object_set_new(o, "description", jstr(t->description));
	json_object_set_new(o, "examples", jlist(&t->examples));
	a = json_array();
	for (i = 0; i < t->nrelated; i++)
		json_array_append_new(a, jstr(t->related[i].name));
	json_object_set_new(o, "related", a);
	json_object_set_new(o, "file", jstr(t->path));
	json_object_set_new(o, "match",
	    jstr(r->match != MATCH_NONE ? match_name(r->match) : NULL));
	if (t->ndetails > 0) {
		a = json_array();
		for (i = 0; i < t->ndetails; i++) {
			json_t *d = json_object();

			json_object_set_new(
			    d, "title", jstr(t->details[i].title));
			json_object_set_new(
			    d, "value", jstr(t->details[i].value));
			json_array_append_new(a, d);
		}
		json_object_set_new(o, "details", a);
	}
	if (ctx->mode == RM_SHOW || ctx->opts->full)
		json_object_set_new(o, "body", jstr(term_body(t)));
	if (r->hit != NULL) {
		json_object_set_new(o, "score", json_real(r->hit->score));
		json_object_set_new(o, "snippet", jstr(r->hit->snippet));
	}
	if (r->rel != NULL) {
		json_object_set_new(o, "relation",
		    jstr(r->rel->dir == REL_OUT	    ? "out"
			    : r->rel->dir == REL_IN ? "in"
						    : "both"));
		json_object_set_new(o, "depth", json_integer(r->rel->depth));
		json_object_set_new(o, "from", jstr(r->rel->from->name));
	}
	for (i = 0; i < t->extra.n; i++)
		if (json_object_get(o, t->extra.keys[i]) == NULL)
			json_object_set_new(
			    o, t->extra.keys[i], jtval(&t->extra.items[i]));
	return o;
}

static json_t *
jrec(const struct render_ctx *ctx, const struct rrec *r)
{
	json_t *o;

	if (r->diag != NULL) {
		const struct diag_msg *m = r->diag;

		o = json_object();
		json_object_set_new(o, "file", jstr(m->file));
		json_object_set_new(o, "line", json_integer(m->line));
		json_object_set_new(o, "col", json_integer(m->col));
		json_object_set_new(o, "level", jstr(render_level(m->level)));
		json_object_set_new(o, "message", jstr(m->msg));
		return o;
	}
	if (r->group != NULL) {
		o = json_object();
		json_object_set_new(o,
		    ctx->opts->by ? ctx->opts->by : "category", jstr(r->group));
		json_object_set_new(
		    o, "count", json_integer((json_int_t)r->count));
		return o;
	}
	return jterm(ctx, r);
}

/*
 * Write a dumped document.  JSON allows DEL, C1 controls, the bidi overrides
 * and U+2028/U+2029 raw inside strings; write them as \u escapes so that
 * no output can act on a terminal.  They occur only inside strings.
 */
static void
jwrite(struct render_ctx *ctx, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	FILE *fp = ctx->fp;

	for (; *p != '\0'; p++) {
		unsigned cp = 0;
		int len = 0;

		if (p[0] == 0x7f) {
			cp = 0x7f;
			len = 1;
		} else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			cp = p[1];
			len = 2;
		} else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    ((p[2] >= 0xa8 && p[2] <= 0xae))) {
			cp = 0x2000 + (p[2] - 0x80);
			len = 3;
		} else if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9) {
			cp = 0x2040 + (p[2] - 0x80);
			len = 3;
		}
		if (len == 0) {
			fputc(*p, fp);
			continue;
		}
		fprintf(fp, "\\u%04x", cp);
		p += len - 1;
	}
}

static void
jdump(struct render_ctx *ctx, json_t *j, size_t flags)
{
	char *s = json_dumps(j, flags | JSON_ENCODE_ANY);

	if (s != NULL) {
		jwrite(ctx, s);
		free(s);
	}
}

static void
json_begin(struct render_ctx *ctx)
{
	ctx->priv = json_array();
}

static void
json_record(struct render_ctx *ctx, const struct rrec *r)
{
	if (r->rel != NULL && r->term == NULL)
		return;
	json_array_append_new(ctx->priv, jrec(ctx, r));
}

static void
json_end(struct render_ctx *ctx)
{
	json_t *a = ctx->priv;

	/*
	 * One `show' result is an object; everything else is an array.  A
	 * `show' that found nothing prints nothing, like the text format.
	 */
	if (ctx->mode == RM_SHOW && json_array_size(a) == 0) {
		json_decref(a);
		return;
	}
	if (ctx->mode == RM_SHOW && json_array_size(a) == 1)
		jdump(ctx, json_array_get(a, 0), JSON_INDENT(2));
	else
		jdump(ctx, a, JSON_INDENT(2));
	fputc('\n', ctx->fp);
	json_decref(a);
}

static void
ndjson_record(struct render_ctx *ctx, const struct rrec *r)
{
	json_t *o;

	if (r->rel != NULL && r->term == NULL)
		return;
	o = jrec(ctx, r);
	jdump(ctx, o, JSON_COMPACT);
	fputc(ctx->opts->sep, ctx->fp);
	json_decref(o);
}

const struct renderer render_json = {"json", json_begin, json_record, json_end};
const struct renderer render_ndjson = {"ndjson", NULL, ndjson_record, NULL};
