/*
 * The field table of a term record: each field's name, type and getter.
 * See field.h.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"

static void
set_list(
    struct field_value *v, const char *const *first, size_t n, size_t stride)
{
	v->n = n;
	v->first = n > 0 ? first : NULL;
	v->stride = stride;
}

static void
get_term(const struct field_src *s, struct field_value *v)
{
	v->str = s->term->name;
}

static void
get_aliases(const struct field_src *s, struct field_value *v)
{
	const struct strlist *l = &s->term->aliases;

	set_list(v, (const char *const *)l->v, l->n, sizeof(*l->v));
}

static void
get_category(const struct field_src *s, struct field_value *v)
{
	v->str = term_category(s->term);
}

/* A struct strlist of the term at offset off, as a FIELD_LIST. */
static void
get_strlist(const struct field_src *s, struct field_value *v, size_t off)
{
	const struct strlist *l =
	    (const struct strlist *)(const void *)((const char *)s->term + off);

	set_list(v, (const char *const *)l->v, l->n, sizeof(*l->v));
}

static void
get_categories(const struct field_src *s, struct field_value *v)
{
	get_strlist(s, v, offsetof(struct term, categories));
}

static void
get_tags(const struct field_src *s, struct field_value *v)
{
	get_strlist(s, v, offsetof(struct term, tags));
}

static void
get_ids(const struct field_src *s, struct field_value *v)
{
	get_strlist(s, v, offsetof(struct term, ids));
}

/* Mentions only where there are some, so most objects stay as they were. */
static void
get_mentions(const struct field_src *s, struct field_value *v)
{
	get_strlist(s, v, offsetof(struct term, mentions));
	v->has = s->term->mentions.n > 0;
}

static void
get_vertical(const struct field_src *s, struct field_value *v)
{
	v->str = s->term->vertical;
}

static void
get_lang(const struct field_src *s, struct field_value *v)
{
	v->has = s->term->lang != NULL;
	v->str = s->term->lang;
}

static void
get_pronunciation(const struct field_src *s, struct field_value *v)
{
	v->str = s->term->pronunciation;
}

static void
get_description(const struct field_src *s, struct field_value *v)
{
	v->str = s->term->description;
}

static void
get_examples(const struct field_src *s, struct field_value *v)
{
	const struct strlist *l = &s->term->examples;

	set_list(v, (const char *const *)l->v, l->n, sizeof(*l->v));
}

static void
get_related(const struct field_src *s, struct field_value *v)
{
	const struct term *t = s->term;

	if (t->nrelated > 0)
		set_list(v, (const char *const *)&t->related[0].name,
		    t->nrelated, sizeof(*t->related));
}

static void
get_file(const struct field_src *s, struct field_value *v)
{
	v->str = s->term->path;
}

static void
get_line(const struct field_src *s, struct field_value *v)
{
	v->num = s->term->line;
}

static void
get_match(const struct field_src *s, struct field_value *v)
{
	v->str = s->match;
}

static void
get_details(const struct field_src *s, struct field_value *v)
{
	const struct term *t = s->term;

	v->has = t->ndetails > 0;
	if (t->ndetails == 0)
		return;
	set_list(v, (const char *const *)&t->details[0].title, t->ndetails,
	    sizeof(*t->details));
	v->second = (const char *const *)&t->details[0].value;
}

static void
get_body(const struct field_src *s, struct field_value *v)
{
	v->has = s->body;
	v->str = term_body(s->term);
}

static void
get_score(const struct field_src *s, struct field_value *v)
{
	v->has = s->scored;
	v->real = s->score;
}

static void
get_snippet(const struct field_src *s, struct field_value *v)
{
	v->has = s->scored;
	v->str = s->snippet;
}

static void
get_relation(const struct field_src *s, struct field_value *v)
{
	v->has = s->relation != NULL;
	v->str = s->relation;
}

static void
get_depth(const struct field_src *s, struct field_value *v)
{
	v->has = s->relation != NULL;
	v->num = s->depth;
}

static void
get_from(const struct field_src *s, struct field_value *v)
{
	v->has = s->relation != NULL;
	v->str = s->from;
}

const struct field field_table[] = {{"term", FIELD_STRING, get_term, 0},
    {"aliases", FIELD_LIST, get_aliases, 0},
    {"category", FIELD_STRING, get_category, 0},
    {"categories", FIELD_LIST, get_categories, 0},
    {"tags", FIELD_LIST, get_tags, 0},
    {"vertical", FIELD_STRING, get_vertical, 0},
    {"lang", FIELD_STRING, get_lang, FIELD_FILE_KEY},
    {"pronunciation", FIELD_STRING, get_pronunciation, 0},
    {"description", FIELD_STRING, get_description, 0},
    {"examples", FIELD_LIST, get_examples, 0},
    {"related", FIELD_LIST, get_related, 0},
    {"mentions", FIELD_LIST, get_mentions, 0},
    {"file", FIELD_STRING, get_file, 0}, {"line", FIELD_INT, get_line, 0},
    {"match", FIELD_STRING, get_match, 0},
    {"details", FIELD_PAIRS, get_details, 0},
    {"body", FIELD_STRING, get_body, 0}, {"score", FIELD_REAL, get_score, 0},
    {"snippet", FIELD_STRING, get_snippet, 0},
    {"relation", FIELD_STRING, get_relation, 0},
    {"depth", FIELD_INT, get_depth, 0}, {"from", FIELD_STRING, get_from, 0},
    {"name", FIELD_STRING, get_term, FIELD_OTHER_NAME},
    {"example", FIELD_LIST, get_examples, FIELD_OTHER_NAME},
    {"ids", FIELD_LIST, get_ids, FIELD_OTHER_NAME},
    {NULL, FIELD_STRING, NULL, 0}};

const struct field *
field_find(const char *name)
{
	size_t i;

	/* First bytes first: the loader asks for every key it does not read. */
	for (i = 0; field_table[i].name != NULL; i++)
		if (field_table[i].name[0] == name[0] &&
		    strcmp(field_table[i].name, name) == 0)
			return &field_table[i];
	return NULL;
}

void
field_get(
    const struct field *f, const struct field_src *src, struct field_value *v)
{
	memset(v, 0, sizeof(*v));
	v->type = f->type;
	v->has = 1;
	f->get(src, v);
}

static const char *
item_at(const char *const *first, size_t stride, size_t i)
{
	return *(const char *const *)((const char *)first + i * stride);
}

const char *
field_item(const struct field_value *v, size_t i)
{
	return item_at(v->first, v->stride, i);
}

const char *
field_item_value(const struct field_value *v, size_t i)
{
	return item_at(v->second, v->stride, i);
}

/* field_item as an item function for sb_join. */
static const char *
list_item(const void *v, size_t i)
{
	return field_item(v, i);
}

char *
field_text(const struct field_value *v)
{
	struct sbuf sb;
	size_t i;

	if (!v->has)
		return xstrdup("");
	switch (v->type) {
	case FIELD_STRING:
		return xstrdup(v->str != NULL ? v->str : "");
	case FIELD_INT:
		return xasprintf("%lld", v->num);
	case FIELD_REAL:
		return xasprintf("%.4f", v->real);
	case FIELD_LIST:
		sb_init(&sb);
		sb_join(&sb, ", ", v->n, list_item, v);
		return sb_take(&sb);
	case FIELD_PAIRS:
		sb_init(&sb);
		for (i = 0; i < v->n; i++)
			sb_addf(&sb, "%s%s: %s", i > 0 ? ", " : "",
			    field_item(v, i), field_item_value(v, i));
		return sb_take(&sb);
	}
	return xstrdup("");
}

int
field_reserved(const char *key)
{
	const struct field *f = field_find(key);

	return f != NULL && !(f->flags & (FIELD_OTHER_NAME | FIELD_FILE_KEY));
}
