/*
 * A glossary's .gloss.yaml: see siteconf.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "readfile.h"
#include "siteconf.h"
#include "yaml_tree.h"

void
siteconf_init(struct siteconf *c)
{
	memset(c, 0, sizeof(*c));
}

void
siteconf_release(struct siteconf *c)
{
	schema_keys_release(&c->keys);
	strlist_release(&c->skip);
	free(c->lang);
	siteconf_init(c);
}

/* s in ASCII lower case: keys and language tags. */
static char *
lower(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return s;
}

/*
 * A string or a list of strings into l, in lower case with fold.
 * Returns -1 after a warning (the strings before the bad one are kept).
 */
static int
take_strings(const struct tval *v, const char *path, const char *key, int fold,
    struct strlist *l, struct diag *d)
{
	const struct tval *it = v;
	size_t i, n = 1;

	if (v->type == TV_SEQ) {
		it = v->items;
		n = v->n;
	}
	for (i = 0; i < n; i++) {
		if (it[i].type != TV_STR || tval_is_null(&it[i])) {
			diag_add(d, DIAG_WRONG_TYPE, path, it[i].line,
			    it[i].col, key, "a string or a list of strings");
			return -1;
		}
		strlist_push(
		    l, fold ? lower(xstrdup(it[i].str)) : xstrdup(it[i].str));
	}
	return 0;
}

/* keys: field -> key or keys. */
static int
take_keys(
    const struct tval *v, const char *path, struct siteconf *c, struct diag *d)
{
	size_t i;
	int f, rc = 0;

	if (v->type != TV_MAP) {
		diag_add(d, DIAG_WRONG_TYPE, path, v->line, v->col, "keys",
		    "a mapping of fields to keys");
		return -1;
	}
	for (i = 0; i < v->n; i++) {
		const struct tval *it = &v->items[i];

		if ((f = schema_field_find(v->keys[i])) < 0) {
			diag_add(d, DIAG_CONFIG_FIELD, path, it->line, it->col,
			    v->keys[i]);
			rc = -1;
		} else if (take_strings(
			       it, path, v->keys[i], 1, &c->keys.v[f], d) < 0)
			rc = -1;
	}
	return rc;
}

/* The settings of the mapping root. */
static int
take_root(const struct tval *root, const char *path, struct siteconf *c,
    struct diag *d)
{
	size_t i;
	int rc = 0;

	if (root->type != TV_MAP) {
		diag_add(d, DIAG_NOT_A_MAPPING, path, root->line, root->col);
		return -1;
	}
	for (i = 0; i < root->n; i++) {
		const char *k = root->keys[i];
		const struct tval *v = &root->items[i];

		if (strcmp(k, "keys") == 0)
			rc |= take_keys(v, path, c, d);
		else if (strcmp(k, "skip") == 0)
			rc |= take_strings(v, path, k, 0, &c->skip, d);
		else if (strcmp(k, "lang") == 0 && v->type == TV_STR &&
		    !tval_is_null(v) && c->lang == NULL)
			c->lang = lower(xstrdup(v->str));
		else if (strcmp(k, "lang") == 0) {
			diag_add(d, DIAG_WRONG_TYPE, path, v->line, v->col, k,
			    "a language tag");
			rc = -1;
		} else {
			diag_add(
			    d, DIAG_CONFIG_SETTING, path, v->line, v->col, k);
			rc = -1;
		}
	}
	return rc;
}

int
siteconf_load(const char *dir, struct siteconf *c, struct diag *d)
{
	struct readfile_buf rb = {NULL, 0};
	struct tval root;
	struct stat st;
	char *path = xasprintf("%s/%s", dir, SITECONF_NAME);
	ssize_t len;
	int rc = 1;

	/* None; or dir is no directory, which the walk reports. */
	if (stat(path, &st) == -1 && (errno == ENOENT || errno == ENOTDIR)) {
		free(path);
		return 0;
	}
	if ((len = readfile_read(path, &rb, d, NULL)) < 0)
		rc = -1;
	else {
		switch (yaml_tree_parse(rb.s, (size_t)len, 1, path, d, &root)) {
		case 0:
			if (take_root(&root, path, c, d) < 0)
				rc = -1;
			break;
		case 1:
			break;
		default:
			rc = -1;
			break;
		}
		tval_release(&root);
	}
	free(rb.s);
	free(path);
	return rc;
}
