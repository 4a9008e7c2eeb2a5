/*
 * A small driver for the site-markup reducer: reduce the file named by
 * the argument (or standard input) and print the text, then one line per
 * reference (kind, output offset, length, target) after a line "--".
 * Used by tests/markup-worst.sh as a hang guard on worst-shape inputs.
 */
#include <stdio.h>
#include <stdlib.h>

#include "markup.h"
#include "util.h"

int
main(int argc, char *argv[])
{
	static const char *const kind[] = {"tooltip", "macro", "link"};
	FILE *fp = argc > 1 ? fopen(argv[1], "rb") : stdin;
	struct markup_refs refs;
	struct sbuf in;
	char buf[65536], *out;
	size_t n, len, k;

	if (fp == NULL) {
		perror(argv[1]);
		return 1;
	}
	sb_init(&in);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_addn(&in, buf, n);
	if (fp != stdin)
		fclose(fp);
	markup_refs_init(&refs);
	out = markup_reduce(in.s != NULL ? in.s : "", in.len, &len, &refs);
	fwrite(out, 1, len, stdout);
	printf("\n--\n");
	for (k = 0; k < refs.n; k++)
		printf("%s %zu %zu %s\n", kind[refs.v[k].kind], refs.v[k].off,
		    refs.v[k].len, refs.v[k].target);
	printf("more %zu of %zu\n",
	    markup_more(in.s != NULL ? in.s : "", in.len), in.len);
	free(out);
	markup_refs_release(&refs);
	sb_release(&in);
	return 0;
}
