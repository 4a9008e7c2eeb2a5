/*
 * The user's configuration file: one YAML mapping, each key checked
 * against one table of {name, reader}.  See config.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "readfile.h"
#include "render.h"
#include "yaml_tree.h"

void
config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->quiet = -1;
	c->cache = -1;
}

void
config_release(struct config *c)
{
	free(c->path);
	free(c->lang);
	free(c->color);
	free(c->pager);
	free(c->format);
	config_init(c);
}

/* What reading one key needs: the value, where it goes, for messages. */
struct ckey {
	struct config *c;
	const struct tval *v;
	const char *key;
	const char *path; /* the file */
	const char *home;
	struct diag *d;
};

static void
wrong_type(const struct ckey *k, const char *want)
{
	diag_add(k->d, DIAG_WRONG_TYPE, k->path, k->v->line, k->v->col, k->key,
	    want);
}

/* The text of a non-empty, non-null scalar, or NULL. */
static const char *
scalar(const struct tval *v)
{
	if (v->type != TV_STR || tval_is_null(v) || v->str[0] == '\0')
		return NULL;
	return v->str;
}

/* A YAML 1.2 core boolean (tval_type_scalar): 1 true, 0 false, -1 neither. */
static int
boolean(const struct tval *v)
{
	if (v->type != TV_STR || v->scalar != TS_BOOL)
		return -1;
	return tval_bool(v);
}

/* Append the directory e[0..n) to sb, a leading ~ made home. */
static void
add_dir(struct sbuf *sb, const char *e, size_t n, const char *home)
{
	if (home != NULL && n > 0 && e[0] == '~' && (n == 1 || e[1] == '/')) {
		sb_adds(sb, home);
		e++;
		n--;
	}
	sb_addn(sb, e, n);
}

/*
 * path: a list of directories, or one string of them colon-separated;
 * kept colon-separated, an empty entry standing for the defaults as in
 * GLOSS_PATH.
 */
static int
read_path(const struct ckey *k)
{
	const struct tval *v = k->v;
	const char *p, *e;
	struct sbuf sb;
	size_t i;

	sb_init(&sb);
	if (v->type == TV_SEQ) {
		/* '' is an empty entry: the defaults. */
		for (i = 0; i < v->n; i++)
			if (v->items[i].type != TV_STR ||
			    tval_is_null(&v->items[i]))
				return -1;
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				sb_addc(&sb, ':');
			add_dir(&sb, v->items[i].str, strlen(v->items[i].str),
			    k->home);
		}
	} else if (scalar(v) != NULL) {
		for (p = v->str;; p = e + 1) {
			if (p != v->str)
				sb_addc(&sb, ':');
			e = strchr(p, ':');
			add_dir(&sb, p, e != NULL ? (size_t)(e - p) : strlen(p),
			    k->home);
			if (e == NULL)
				break;
		}
	} else
		return -1;
	free(k->c->path);
	k->c->path = sb.s != NULL ? sb_take(&sb) : xstrdup("");
	return 0;
}

/* Set *dst to a copy of s. */
static int
take(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
	return 0;
}

static int
read_lang(const struct ckey *k)
{
	const char *s = scalar(k->v);

	return s != NULL ? take(&k->c->lang, s) : -1;
}

static int
read_color(const struct ckey *k)
{
	const char *s = scalar(k->v);
	int b = boolean(k->v);

	if (b >= 0)
		return take(&k->c->color, b ? "always" : "never");
	if (s == NULL ||
	    (strcmp(s, "auto") != 0 && strcmp(s, "always") != 0 &&
		strcmp(s, "never") != 0))
		return -1;
	return take(&k->c->color, s);
}

/* pager: when (auto, always, never; true, false), or the command. */
static int
read_pager(const struct ckey *k)
{
	const char *s = scalar(k->v);
	int b = boolean(k->v);

	if (b >= 0)
		return take(&k->c->pager, b ? "auto" : "never");
	return s != NULL ? take(&k->c->pager, s) : -1;
}

static int
read_width(const struct ckey *k)
{
	const struct tval *v = k->v;
	long long n;

	if (v->type != TV_STR || v->scalar != TS_INT || tval_int(v, &n) < 0 ||
	    n < 1 || n > 10000)
		return -1;
	k->c->width = (int)n;
	return 0;
}

static int
read_format(const struct ckey *k)
{
	const char *s = scalar(k->v);

	if (s == NULL || render_find(s) == NULL)
		return -1;
	return take(&k->c->format, s);
}

static int
read_quiet(const struct ckey *k)
{
	int b = boolean(k->v);

	if (b < 0)
		return -1;
	k->c->quiet = b;
	return 0;
}

/* cache: a boolean, or on / off as the SPEC writes it. */
static int
read_cache(const struct ckey *k)
{
	const char *s = scalar(k->v);
	int b = boolean(k->v);

	if (b < 0 && s != NULL && strcmp(s, "on") == 0)
		b = 1;
	else if (b < 0 && s != NULL && strcmp(s, "off") == 0)
		b = 0;
	if (b < 0)
		return -1;
	k->c->cache = b;
	return 0;
}

/* The keys, what each wants (for messages), and its reader. */
static const struct {
	const char *name;
	const char *want;
	int (*read)(const struct ckey *);
} keys[] = {
    {"path", "a list of directories or a colon-separated string", read_path},
    {"lang", "a language tag such as 'en'", read_lang},
    {"color", "auto, always or never", read_color},
    {"pager", "auto, always, never or a pager command", read_pager},
    {"width", "a number from 1 to 10000", read_width},
    {"format", NULL, read_format}, /* render_names() */
    {"quiet", "true or false", read_quiet}, {"cache", "on or off", read_cache}};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* "path, lang, ..." for the unknown-key message.  Static. */
static const char *
key_names(void)
{
	static char names[128];
	size_t i, len = 0;

	if (names[0] != '\0')
		return names;
	for (i = 0; i < NKEYS && len < sizeof(names); i++)
		len += (size_t)snprintf(names + len, sizeof(names) - len,
		    "%s%s", i > 0 ? ", " : "", keys[i].name);
	return names;
}

/* Whether key i of the mapping m came before, under any case. */
static int
seen_before(const struct tval *m, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcasecmp(m->keys[j], m->keys[i]) == 0)
			return 1;
	return 0;
}

static void
read_key(struct ckey *k, const struct tval *m, size_t i)
{
	size_t r;

	k->key = m->keys[i];
	k->v = &m->items[i];
	if (seen_before(m, i)) {
		diag_add(k->d, DIAG_DUPLICATE_KEY, k->path, k->v->line,
		    k->v->col, k->key);
		return;
	}
	for (r = 0; r < NKEYS; r++)
		if (strcasecmp(keys[r].name, k->key) == 0)
			break;
	if (r == NKEYS)
		diag_add(k->d, DIAG_CONFIG_UNKNOWN_KEY, k->path, k->v->line,
		    k->v->col, k->key, key_names());
	else if (keys[r].read(k) < 0)
		wrong_type(k, keys[r].want ? keys[r].want : render_names());
}

int
config_load(
    struct config *c, const char *path, const char *home, struct diag *d)
{
	struct readfile_buf rb = {NULL, 0};
	struct stat st;
	struct tval root;
	struct ckey k;
	ssize_t len;
	size_t i;
	int rc;

	if (stat(path, &st) < 0 && errno == ENOENT)
		return 1;
	if ((len = readfile_read(path, &rb, d, NULL)) < 0) {
		free(rb.s);
		return -1;
	}
	rc = yaml_tree_parse(rb.s, (size_t)len, 1, path, d, &root);
	free(rb.s);
	if (rc < 0) {
		tval_release(&root);
		return -1;
	}
	if (rc == 0 && root.type != TV_MAP)
		diag_add(d, DIAG_CONFIG_NOT_MAPPING, path, root.line, root.col);
	k.c = c;
	k.path = path;
	k.home = home;
	k.d = d;
	for (i = 0; rc == 0 && root.type == TV_MAP && i < root.n; i++)
		read_key(&k, &root, i);
	tval_release(&root);
	return 0;
}
