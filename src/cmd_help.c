#include <stdio.h>

#include "cli.h"

int
cmd_help(int argc, char **argv, struct ctx *ctx)
{
	(void)ctx;
	if (argc == 0) {
		cli_help(stdout);
		return EXIT_OK;
	}
	if (argc > 1 || cli_cmd_help(stdout, argv[0]) < 0) {
		cli_errorx("no command '%s'; try 'gloss help'", argv[0]);
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}
