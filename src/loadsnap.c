/*
 * The snapshot of a whole load (loadsnap.h).  What makes it safe is
 * what makes a row safe (index.c): it is used only for a walk equal to
 * the one it was made from -- every directory, its `.gloss.yaml' key
 * names and language, every file's path and stat identity, every
 * message of the walk, compared as a 128-bit sum (walk_sum) -- when
 * every one of those files was settled (not racily clean) when the run
 * that made it began; and the terms it names are still read from their
 * own sealed rows.
 *
 * The data, in tval_pack's codec: the caller's numbers; the table's
 * language, directories and bytes; the messages; the number of terms;
 * the index entries and the link-key entries, each in buckets of a hash
 * of their key (pack_entries), so that a reader finds a name's entries
 * without reading the others; then an offset for each term and, for
 * each term in table order, its directory, its path below it, its
 * language and its mentions (what the language step and table_index
 * leave).  Offsets are 4 bytes, least significant first, from the end
 * of their table, one more than the items: a reader goes to the item it
 * wants.
 */
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "loader_int.h"
#include "loadsnap.h"
#include "loadsnap_int.h"
#include "termfile.h"
#include "tval_pack.h"

static int
has_code(const struct diag *d, enum diag_code c)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].code == c)
			return 1;
	return 0;
}

/*
 * The walk is kept and compared as a 128-bit sum, taken a word at a
 * time in two lanes.  Each lane's step is a bijection of its state for
 * a fixed word and of the word for a fixed state (an odd multiplier, a
 * rotation or shift), so two walks of one length that differ in one word
 * -- one changed stat field, one changed byte of a path -- always differ
 * in both lanes; lengths are summed too.
 */
struct walk_sum {
	uint64_t a, b;
};

static void
sum_word(struct walk_sum *h, uint64_t w)
{
	uint64_t a = h->a ^ w, b = h->b + w;

	h->a = ((a << 23) | (a >> 41)) * UINT64_C(0x9fb21c651e98df25);
	b *= UINT64_C(0xc2b2ae3d27d4eb4f);
	h->b = b ^ (b >> 31);
}

static void
sum_bytes(struct walk_sum *h, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t w;
	size_t i;

	sum_word(h, n);
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		sum_word(h, w);
	}
	if (i < n) {
		w = 0;
		memcpy(&w, s + i, n - i);
		sum_word(h, w);
	}
}

static void
sum_str(struct walk_sum *h, const char *s)
{
	sum_bytes(h, s, strlen(s));
}

/* A file's identity: the walk is compared whole. */
static void
sum_stat(struct walk_sum *h, const struct stat *st)
{
	sum_word(h, (uint64_t)st->st_dev);
	sum_word(h, (uint64_t)st->st_ino);
	sum_word(h, (uint64_t)st->st_size);
	sum_word(h, (uint64_t)st->st_mode);
	sum_word(h, (uint64_t)st->st_mtim.tv_sec);
	sum_word(h, (uint64_t)st->st_mtim.tv_nsec);
	sum_word(h, (uint64_t)st->st_ctim.tv_sec);
	sum_word(h, (uint64_t)st->st_ctim.tv_nsec);
}

/* Messages, packed as a row keeps them; none is one word. */
static void
sum_diag(struct walk_sum *h, const struct diag *d, struct sbuf *tmp)
{
	tmp->len = 0;
	if (d->n > 0)
		(void)tval_pack_diag(d, NULL, tmp);
	sum_bytes(h, tmp->s, tmp->len);
}

/* Sum walk w into h; 0 if the walk can be reused. */
static int
sum_walk(struct walk_sum *h, const struct loader_walk *w)
{
	struct sbuf tmp;
	size_t i;
	int ok = !has_code(&w->diag, DIAG_GLOSSARY_TOO_LARGE);

	sb_init(&tmp);
	sum_str(h, w->dir);
	sum_word(h, w->rc < 0 ? 0 : (uint64_t)w->rc + 1);
	loader_conf_context(&w->conf, &tmp);
	sum_bytes(h, tmp.s, tmp.len);
	sum_str(h, w->conf.lang != NULL ? w->conf.lang : "");
	sum_diag(h, &w->diag, &tmp);
	sum_word(h, w->list.n);
	for (i = 0; i < w->list.n; i++) {
		const struct walk_item *it = &w->list.v[i];

		/* Below the directory, summed once above. */
		sum_word(h, it->path != NULL);
		if (it->path != NULL) {
			sum_str(h, it->rel);
			sum_stat(h, &it->st);
		}
		sum_diag(h, &it->diag, &tmp);
		if (has_code(&it->diag, DIAG_GLOSSARY_TOO_LARGE))
			ok = 0;
	}
	sb_release(&tmp);
	return ok ? 0 : -1;
}

int
loadsnap_same_walk(const struct loader_snap *s, const struct index_snap *sn)
{
	return sn->hash == s->hash && sn->walklen == sizeof(s->sum) &&
	    memcmp(sn->walk, s->sum, sizeof(s->sum)) == 0;
}

int
loadsnap_settled(const struct loader_snap *s, int64_t stamp)
{
	size_t i, j;

	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->w[i].list.n; j++)
			if (s->w[i].list.v[j].path != NULL &&
			    !index_settled(&s->w[i].list.v[j].st, stamp))
				return 0;
	return 1;
}

struct loader_snap *
loader_snap_begin(char *const *dirs, size_t n, const char *key,
    const struct loader_opts *opts)
{
	struct walk_sum h = {UINT64_C(0x676c6f7373776b31), 0};
	struct loader_snap *s;
	size_t i, j, used = 0;

	if (opts == NULL || opts->cache_dir == NULL || opts->parse_all)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->dirs = dirs;
	s->n = n;
	s->opts = opts;
	s->key = xasprintf("%s\n%zu", key, opts->max_bytes);
	s->w = xcalloc(n + 1, sizeof(*s->w));
	s->walked = xcalloc(n + 1, 1);
	s->stamp = index_clock();
	s->reuse = 1;
	s->home = -1;
	/* SQLite starts while the directories are walked. */
	if (n > 0)
		index_prefetch(opts->cache_dir, dirs[0]);
	for (i = 0; i < n; i++) {
		loader_walk_dir(&s->w[i], dirs[i], used, opts);
		s->walked[i] = 1;
		for (j = 0; j < s->w[i].list.n; j++)
			if (s->w[i].list.v[j].path != NULL)
				used += (size_t)s->w[i].list.v[j].st.st_size;
		if (sum_walk(&h, &s->w[i]) < 0)
			s->reuse = 0;
		if (s->home < 0 && s->w[i].rc == 0)
			s->home = (int)i;
	}
	memcpy(s->sum, &h.a, 8);
	memcpy(s->sum + 8, &h.b, 8);
	s->hash = h.a;
	s->settled = loadsnap_settled(s, s->stamp);
	return s;
}

int
loader_snap_load_dir(
    struct loader_snap *s, struct table *table, int dirno, struct diag *d)
{
	int rc;

	if (!s->reuse || !s->walked[dirno])
		return loader_load_dir(
		    table, s->dirs[dirno], dirno, s->opts, d);
	rc = loader_load_walk(table, &s->w[dirno], dirno, s->opts, d);
	s->built |= s->w[dirno].built;
	loader_walk_release(&s->w[dirno]);
	s->walked[dirno] = 0;
	return rc;
}

void
loader_snap_end(struct loader_snap *s)
{
	size_t i;

	if (s == NULL)
		return;
	index_prefetch_end(); /* an index opened ahead that no load took */
	for (i = 0; i < s->n; i++)
		if (s->walked[i])
			loader_walk_release(&s->w[i]);
	free(s->w);
	free(s->walked);
	free(s->key);
	free(s);
}

static void
pack_opt(struct sbuf *sb, const char *s)
{
	tval_pack_uint(sb, s != NULL);
	if (s != NULL)
		tval_pack_str(sb, s);
}

/* Append v as 4 bytes, least significant first. */
static void
pack_u32(struct sbuf *sb, uint32_t v)
{
	unsigned char b[4];
	int i;

	for (i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	sb_addn(sb, (const char *)b, 4);
}

/* Reserve the table of n + 1 offsets that fill_offsets writes. */
static size_t
reserve_offsets(struct sbuf *sb, size_t n)
{
	size_t at = sb->len, i;

	for (i = 0; i <= n; i++)
		pack_u32(sb, 0);
	return at;
}

static void
set_u32(struct sbuf *sb, size_t at, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		sb->s[at + (size_t)i] = (char)(unsigned char)(v >> (8 * i));
}

/*
 * The index entries v[0..n) of tab, grouped in buckets of their key's
 * hash (table_key_hash) so that a reader finds a key's entries
 * without reading the others: the number of buckets (a power of two),
 * each bucket's offset (offsets as the header says), then in each
 * bucket its entries in table order: the key's tag (4 bytes, as an
 * offset), place in v, term, which name.  Not the key itself: a reader
 * compares the key of the term's own row (make_entry), so a tag shared
 * by another key costs a whole load, never an answer.  -1 past the
 * range of an offset.
 */
static int
pack_entries(struct sbuf *sb, const struct table_entry *v, size_t n)
{
	size_t nb = 1, at, base, b, i, *bucket, *start, *order;

	while (nb < n / 2)
		nb *= 2;
	tval_pack_uint(sb, nb);
	at = reserve_offsets(sb, nb);
	base = sb->len;
	bucket = xcalloc(n + 1, sizeof(*bucket));
	order = xcalloc(n + 1, sizeof(*order));
	start = xcalloc(nb + 1, sizeof(*start));
	/* Not a key nor a term read: table_index left what is needed. */
	for (i = 0; i < n; i++) {
		bucket[i] = (size_t)(v[i].hash & (nb - 1));
		start[bucket[i] + 1]++;
	}
	for (b = 0; b < nb; b++)
		start[b + 1] += start[b];
	for (i = 0; i < n; i++) /* in table order within a bucket */
		order[start[bucket[i]]++] = i;
	for (b = 0, i = 0; b < nb; b++) {
		set_u32(sb, at + 4 * b, (uint32_t)(sb->len - base));
		for (; i < start[b]; i++) {
			const struct table_entry *e = &v[order[i]];

			pack_u32(sb, LOADSNAP_TAG(e->hash));
			tval_pack_uint(sb, order[i]);
			tval_pack_uint(sb, e->place);
			tval_pack_uint(sb, (uint64_t)e->alias + 1); /* -1: 0 */
			tval_pack_uint(sb, (uint64_t)e->derived);
		}
	}
	set_u32(sb, at + 4 * nb, (uint32_t)(sb->len - base));
	free(bucket);
	free(order);
	free(start);
	return sb->len - base > UINT32_MAX ? -1 : 0;
}

/* The snapshot's data of tab, d and extra; -1 if it cannot be made. */
static int
pack_data(const struct loader_snap *s, const struct table *tab,
    const struct diag *d, const int64_t *extra, size_t nextra, struct sbuf *sb)
{
	struct sbuf db;
	size_t i, j, at, base;
	int rc;

	tval_pack_uint(sb, SNAP_FORMAT);
	tval_pack_uint(sb, nextra);
	for (i = 0; i < nextra; i++)
		tval_pack_uint(sb, (uint64_t)extra[i]);
	pack_opt(sb, tab->lang);
	tval_pack_uint(sb, (uint64_t)tab->ndirs);
	tval_pack_uint(sb, tab->bytes);
	sb_init(&db);
	rc = tval_pack_diag(d, NULL, &db);
	tval_pack_uint(sb, db.len);
	sb_addn(sb, db.s, db.len);
	sb_release(&db);
	tval_pack_uint(sb, tab->n);
	if (rc < 0 || pack_entries(sb, tab->idx, tab->nidx) < 0 ||
	    pack_entries(sb, tab->ids, tab->nids) < 0)
		return -1;
	at = reserve_offsets(sb, tab->n);
	base = sb->len;
	for (i = 0; i < tab->n; i++) {
		const struct term *t = tab->terms[i];

		if (t->idx != i || t->dirno < 0 || (size_t)t->dirno >= s->n ||
		    sb->len - base > UINT32_MAX)
			return -1;
		set_u32(sb, at + 4 * i, (uint32_t)(sb->len - base));
		tval_pack_uint(sb, (uint64_t)t->dirno);
		tval_pack_str(sb, loader_rel_path(s->dirs[t->dirno], t->path));
		pack_opt(sb, t->lang);
		tval_pack_uint(sb, t->mentions.n);
		for (j = 0; j < t->mentions.n; j++)
			tval_pack_str(sb, t->mentions.v[j]);
	}
	if (sb->len - base > UINT32_MAX)
		return -1;
	set_u32(sb, at + 4 * tab->n, (uint32_t)(sb->len - base));
	return 0;
}

void
loader_snap_save(struct loader_snap *s, const struct table *tab,
    const struct diag *d, const int64_t *extra, size_t nextra)
{
	struct index_snap sn, old;
	struct index *ix;
	struct diag ixd;
	struct sbuf data;

	/*
	 * A run that built an index leaves the snapshot to the next run,
	 * which finds every file in the rows: the first run is the one
	 * that costs more than a run without an index, and the snapshot
	 * is serial work at its end (some 10 ms at 10,000 terms).
	 */
	if (s == NULL || !s->reuse || !s->settled || s->home < 0 || s->built)
		return;
	diag_init(&ixd);
	ix = index_open(s->opts->cache_dir, s->dirs[s->home], 0, &ixd);
	if (ix == NULL) {
		diag_release(&ixd);
		return;
	}
	sb_init(&data);
	if (index_snap_get(ix, s->key, &old) && loadsnap_same_walk(s, &old))
		; /* kept already */
	else if (pack_data(s, tab, d, extra, nextra, &data) == 0) {
		memset(&sn, 0, sizeof(sn));
		sn.written = s->stamp;
		sn.hash = s->hash;
		sn.walk = s->sum;
		sn.walklen = sizeof(s->sum);
		sn.data = data.s;
		sn.datalen = data.len;
		(void)index_snap_put(ix, s->key, &sn);
	}
	index_snap_release(&old);
	sb_release(&data);
	(void)index_close(ix, &ixd);
	if (s->opts->index_diag != NULL && s->opts->index_diag->n == 0 &&
	    ixd.n > 0)
		diag_push(s->opts->index_diag, &ixd.v[0]);
	diag_release(&ixd);
}
