/*
 * Language tags (SPEC 1, "Languages"): recognising them in directory and
 * file names, reading them from front matter and locale names, and the
 * Snowball stemmer that goes with each.  Strings only: the cli reads the
 * environment, query.c owns libstemmer.
 */
#ifndef GLOSS_LANG_H
#define GLOSS_LANG_H

#include <stddef.h>

#include "term.h"

/*
 * Whether s[0..n) is a language tag as sites name folders and files:
 * a known ISO 639 language (en, de, ja, ...), optionally followed by `-'
 * or `_' and a region (pt-br), a script (zh-hans) or a UN M.49 number
 * (es-419); any case.
 */
int lang_is_tag(const char *s, size_t n);

/*
 * s[0..n) as gloss keeps tags: lower case, `_' made `-', trimmed.
 * The caller frees the result; NULL when nothing is left.
 */
char *lang_normalize(const char *s, size_t n);

/*
 * The language a locale name says: "de_DE.UTF-8" is "de-de", "ja" is
 * "ja"; NULL for NULL, "", C and POSIX (with or without a codeset),
 * which name no language.  The caller frees the result.
 */
char *lang_from_locale(const char *locale);

/*
 * Whether the tag want is served by the tag have: the same language,
 * whatever the region ("de-de" by "de", "pt" by "pt-br").
 */
int lang_matches(const char *want, const char *have);

/*
 * The Snowball algorithm for a tag ("de-at" -> "german"), or NULL when
 * Snowball has none for it.
 */
const char *lang_stemmer_name(const char *tag);

/*
 * Take t's language from a `lang' or `language' key (any case) that the
 * schema passed through to t->extra, removing both from it.  Leaves
 * t->lang alone when there is none.
 */
void lang_from_keys(struct term *t);

#endif
