/*
 * The names a term is also found by, derived from what it says (SPEC 1,
 * "Names"): the parts of a name with a parenthesis, and abbreviation
 * definitions (abbrev.h) in the first sentence of its description or of
 * its body that spell out, or shorten, its name or an alias.
 */
#ifndef GLOSS_NAMES_H
#define GLOSS_NAMES_H

#include "term.h"

/*
 * Fill t->derived and t->derived_keys from t->name, t->alias_keys,
 * t->description (which must be set) and lead, the body's first
 * paragraph as text when the description is not taken from the body (or
 * NULL; borrowed).  A derived name equal to the name or an alias, or to
 * an earlier derived name, is left out.
 */
void names_derive(struct term *t, const char *lead);

#endif
