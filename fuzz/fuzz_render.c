/*
 * libFuzzer target (b): the whole path.  The input is split into term
 * files at NUL bytes; they are loaded into a table, every name is looked
 * up, and every renderer writes every result in every mode.  Text output
 * must never carry a control character but our own SGR sequences.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static FILE *devnull;

/* Render the records in one mode with one renderer; check text output. */
static void
render_all(const struct renderer *r, enum render_mode mode,
    const struct render_opts *o, const struct rrec *recs, size_t n,
    const struct term *subject)
{
	struct render_ctx ctx;
	char *buf = NULL;
	size_t sz = 0, i;
	FILE *fp = open_memstream(&buf, &sz);

	if (fp == NULL)
		abort();
	memset(&ctx, 0, sizeof(ctx));
	ctx.fp = fp;
	ctx.opts = o;
	ctx.mode = mode;
	ctx.subject = subject;
	render_begin(r, &ctx);
	for (i = 0; i < n; i++)
		render_record(r, &ctx, &recs[i]);
	render_end(r, &ctx);
	fclose(fp);
	if (r == &render_text || r == &render_json || o->escape)
		for (i = 0; i < sz; i++) {
			unsigned char c = (unsigned char)buf[i];

			if (c == 0x1b && i + 1 < sz && buf[i + 1] == '[') {
				/* Only SGR: ESC [ digits ; m */
				size_t j = i + 2;

				while (j < sz &&
				    ((buf[j] >= '0' && buf[j] <= '9') ||
					buf[j] == ';'))
					j++;
				if (!o->color || j >= sz || buf[j] != 'm')
					abort();
				i = j;
				continue;
			}
			if ((c < 0x20 && c != '\n' && c != '\t' &&
				!(c == 0 && o->sep == 0)) ||
			    c == 0x7f)
				abort();
			if (c == 0xc2 && i + 1 < sz &&
			    (unsigned char)buf[i + 1] >= 0x80 &&
			    (unsigned char)buf[i + 1] <= 0x9f)
				abort();
		}
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct renderer *const rs[] = {&render_text, &render_json,
	    &render_ndjson, &render_tsv, &render_markdown, &render_field};
	static const char *const fields[] = {
	    "term", "related", "body", "icon", "examples"};
	struct table tab;
	struct diag d;
	struct rrec *recs;
	struct render_opts o;
	size_t start = 0, i, k, nf = 0;

	if (devnull == NULL)
		devnull = fopen("/dev/null", "w");
	table_init(&tab);
	diag_init(&d);
	for (i = 0; i <= size; i++) {
		struct term *t;

		if (i < size && data[i] != '\0')
			continue;
		if (loader_parse((const char *)data + start, i - start, "f.md",
			&d, &t) == LOAD_OK) {
			t->dirno = (int)(nf % 2);
			table_add(&tab, t);
		}
		nf++;
		start = i + 1;
	}
	table_index(&tab, &d);
	recs = calloc(tab.n + 1, sizeof(*recs));
	for (i = 0; i < tab.n; i++) {
		struct lookup lk;

		lookup_find(&tab, tab.terms[i]->name, 0, NULL, &lk);
		if (lk.term == NULL)
			abort(); /* every name finds a term */
		recs[i].term = lk.term;
		recs[i].match = lk.kind;
		lookup_release(&lk);
	}
	memset(&o, 0, sizeof(o));
	o.sep = '\n';
	o.field = fields[size % 5];
	o.full = 1;
	for (k = 0; k < 6; k++) {
		o.color = (int)(k % 2);
		o.width = k < 3 ? 0 : 7 + (int)(size % 60);
		o.escape = k >= 3;
		render_all(rs[k], RM_SHOW, &o, recs, tab.n, NULL);
		render_all(rs[k], RM_LIST, &o, recs, tab.n, NULL);
		if (tab.n > 0) {
			struct rels rl;
			struct rrec *rr;

			links_related(&tab, tab.terms[0], 2, &rl);
			rr = calloc(rl.n + 1, sizeof(*rr));
			for (i = 0; i < rl.n; i++) {
				rr[i].term = rl.v[i].term;
				rr[i].rel = &rl.v[i];
			}
			render_all(
			    rs[k], RM_RELATED, &o, rr, rl.n, tab.terms[0]);
			free(rr);
			rels_release(&rl);
		}
	}
	free(recs);
	table_release(&tab);
	diag_release(&d);
	return 0;
}
