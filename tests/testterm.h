/*
 * Terms built in memory for the tests of the layers above the table, so
 * that their link lines need no loader.  What the loader would make of
 * the same front matter and body, for the fields set here: the name and
 * aliases folded into keys, the category "Uncategorized" by default,
 * related names through term_add_related, the body as the term's text.
 */
#ifndef GLOSS_TESTTERM_H
#define GLOSS_TESTTERM_H

#include <string.h>

#include "table.h"
#include "term.h"
#include "utf8.h"

#define TT_MAX 8

/* A term as a test writes it; lists end at the first NULL. */
struct tterm {
	const char *name;
	const char *aliases[TT_MAX];
	const char *category; /* NULL: "Uncategorized" */
	const char *vertical;
	const char *description;
	const char *examples[TT_MAX];
	const char *related[TT_MAX];
	const char *mentions[TT_MAX]; /* as the loader finds them */
	const char *ids[TT_MAX];      /* link keys, folded here */
	const char *body;	      /* NULL: none */
	const char *lang;	      /* NULL: none */
};

static inline char *
tt_fold(const char *s)
{
	return term_key(s);
}

/* A new term the caller owns (term_free), or hands to a table. */
static inline struct term *
tterm_new(const struct tterm *w)
{
	struct term *t = term_new();
	size_t i;

	t->name = xstrdup(w->name);
	t->key = tt_fold(w->name);
	for (i = 0; i < TT_MAX && w->aliases[i] != NULL; i++) {
		strlist_push(&t->aliases, xstrdup(w->aliases[i]));
		strlist_push(&t->alias_keys, tt_fold(w->aliases[i]));
	}
	strlist_push(&t->categories, xstrdup(w->category ? w->category : "Uncategorized"));
	t->vertical = w->vertical ? xstrdup(w->vertical) : NULL;
	t->lang = w->lang ? xstrdup(w->lang) : NULL;
	t->description = xstrdup(w->description ? w->description : "");
	for (i = 0; i < TT_MAX && w->examples[i] != NULL; i++)
		strlist_push(&t->examples, xstrdup(w->examples[i]));
	for (i = 0; i < TT_MAX && w->related[i] != NULL; i++)
		term_add_related(t, w->related[i], 1, 1);
	for (i = 0; i < TT_MAX && w->mentions[i] != NULL; i++)
		term_add_key(&t->mentions, tt_fold(w->mentions[i]));
	for (i = 0; i < TT_MAX && w->ids[i] != NULL; i++)
		term_add_key(&t->ids, tt_fold(w->ids[i]));
	t->path = xasprintf("%s.md", w->name);
	t->line = t->col = 1;
	t->text = xstrdup(w->body ? w->body : "");
	t->textlen = strlen(t->text);
	t->body_off = 0;
	return t;
}

/* Add a term built from w to tab (call table_index after the last). */
static inline void
tterm_add(struct table *tab, const struct tterm *w)
{
	table_add(tab, tterm_new(w));
}

/* A new table of the n terms of w, indexed; its diagnostics dropped. */
static inline void
tterm_table(struct table *tab, const struct tterm *w, size_t n)
{
	struct diag d;
	size_t i;

	table_init(tab);
	for (i = 0; i < n; i++)
		tterm_add(tab, &w[i]);
	diag_init(&d);
	table_index(tab, &d);
	diag_release(&d);
}

#endif
