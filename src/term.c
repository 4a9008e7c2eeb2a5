#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "utf8.h"

void
tval_release(struct tval *v)
{
	size_t i;

	if (v == NULL)
		return;
	free(v->str);
	for (i = 0; i < v->n; i++) {
		tval_release(&v->items[i]);
		if (v->keys != NULL)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	memset(v, 0, sizeof(*v));
}

const struct tval *
tval_get(const struct tval *v, const char *key)
{
	size_t i;

	if (v == NULL || v->type != TV_MAP)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->items[i];
	return NULL;
}

char *
term_key(const char *name)
{
	char *k = utf8_fold(name, strlen(name)), *r, *w;

	for (r = w = k; *r != '\0'; r++)
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
	return k;
}

int
tval_is_null(const struct tval *v)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
	size_t i;

	if (v->type != TV_STR || !v->plain)
		return 0;
	if (v->str[0] != '\0' && v->str[0] != '~' && v->str[0] != 'n' &&
	    v->str[0] != 'N')
		return 0; /* the common case: a value that is no null at all */
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(v->str, nulls[i]) == 0)
			return 1;
	return 0;
}

struct term *
term_new(void)
{
	struct term *t = xcalloc(1, sizeof(*t));

	t->extra.type = TV_MAP;
	return t;
}

void
term_free(struct term *t)
{
	size_t i;

	if (t == NULL)
		return;
	free(t->name);
	free(t->key);
	strlist_release(&t->aliases);
	strlist_release(&t->alias_keys);
	strlist_release(&t->derived);
	strlist_release(&t->derived_keys);
	free(t->pronunciation);
	strlist_release(&t->categories);
	free(t->vertical);
	free(t->lang);
	strlist_release(&t->tags);
	strlist_release(&t->ids);
	strlist_release(&t->mentions);
	free(t->body_text);
	free(t->description);
	strlist_release(&t->examples);
	for (i = 0; i < t->nrelated; i++) {
		free(t->related[i].name);
		free(t->related[i].key);
	}
	free(t->related);
	for (i = 0; i < t->ndetails; i++) {
		free(t->details[i].title);
		free(t->details[i].value);
	}
	free(t->details);
	tval_release(&t->extra);
	free(t->path);
	free(t->text);
	free(t);
}

const char *
term_body(const struct term *t)
{
	return t->text != NULL ? t->text + t->body_off : "";
}

const char *
term_body_text(const struct term *t)
{
	return t->body_text != NULL ? t->body_text : term_body(t);
}

const char *
term_category(const struct term *t)
{
	return t->categories.n > 0 ? t->categories.v[0] : "Uncategorized";
}

void
term_add_key(struct strlist *l, char *key)
{
	size_t i;

	for (i = 0; i < l->n && key[0] != '\0'; i++)
		if (strcmp(l->v[i], key) == 0)
			break;
	if (key[0] == '\0' || i < l->n)
		free(key);
	else
		strlist_push(l, key);
}

const char *
term_name_at(const void *terms, size_t i)
{
	return ((const struct term *const *)terms)[i]->name;
}

void
term_add_related(struct term *t, const char *name, unsigned line, unsigned col)
{
	char *key = term_key(name);
	size_t i;

	for (i = 0; i < t->nrelated; i++)
		if (strcmp(t->related[i].key, key) == 0)
			break;
	if (key[0] == '\0' || i < t->nrelated) {
		free(key);
		return;
	}
	t->related =
	    xreallocarray(t->related, t->nrelated + 1, sizeof(*t->related));
	t->related[t->nrelated].name = xstrdup(name);
	t->related[t->nrelated].key = key;
	t->related[t->nrelated].line = line;
	t->related[t->nrelated].col = col;
	t->nrelated++;
}
