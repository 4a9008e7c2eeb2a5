#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void
diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void
diag_release(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	diag_init(d);
}

static struct diag_msg *
diag_slot(struct diag *d)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	return &d->v[d->n++];
}

static void
diag_count(struct diag *d, enum diag_level level)
{
	if (level == DIAG_ERROR)
		d->nerr++;
	else if (level == DIAG_WARN)
		d->nwarn++;
	else
		d->nnote++;
}

void
diag_add(struct diag *d, enum diag_level level, const char *file, unsigned line,
    unsigned col, const char *fmt, ...)
{
	struct diag_msg *m;
	va_list ap;

	m = diag_slot(d);
	m->level = level;
	m->file = file != NULL ? xstrdup(file) : NULL;
	m->line = line;
	m->col = col;
	va_start(ap, fmt);
	m->msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_count(d, level);
}

void
diag_move(struct diag *dst, struct diag *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		*diag_slot(dst) = src->v[i];
		diag_count(dst, src->v[i].level);
	}
	free(src->v);
	diag_init(src);
}
