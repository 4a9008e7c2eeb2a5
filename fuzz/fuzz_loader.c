/*
 * libFuzzer target (a): the loader on the bytes of one term file.
 * Every input must come back as a term or as diagnostics with positions
 * inside the input, and nothing may leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct term *t = NULL;
	size_t i;

	diag_init(&d);
	if (loader_parse((const char *)data, size, "fuzz.md", &d, &t) ==
	    LOAD_OK) {
		if (t == NULL || t->name == NULL || t->description == NULL ||
		    t->categories.n == 0 || t->key == NULL)
			abort();
		if (t->body_off > t->textlen)
			abort();
	} else if (t != NULL)
		abort();
	for (i = 0; i < d.n; i++)
		if (d.v[i].line > size + 2 || d.v[i].msg == NULL)
			abort();
	term_free(t);
	diag_release(&d);
	return 0;
}
