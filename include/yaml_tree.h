/*
 * YAML text -> a tree of struct tval values, through libyaml's event
 * parser.  The only file that includes <yaml.h>.  Anchors and aliases are
 * refused as they arrive, collections nest at most LOADER_MAX_DEPTH deep
 * and hold at most LOADER_MAX_ITEMS entries, so no input can make the
 * parser do more than one pass.  Problems become diagnostics with the
 * position in the file; nothing is printed.  Part of the loader layer.
 */
#ifndef GLOSS_YAML_TREE_H
#define GLOSS_YAML_TREE_H

#include <stddef.h>

#include "diag.h"
#include "term.h"

/*
 * Parse the len bytes at yaml (UTF-8, no NUL needed) as one YAML
 * document into *root.  The text starts at column 1 of line first_line
 * of the file path: positions in the tree and in diagnostics count from
 * there.  Returns 0; 1 when the text holds no document (root is then
 * empty); or -1 after errors added to d.  In every case the caller
 * releases root with tval_release; its strings are the caller's.
 */
int yaml_tree_parse(const char *yaml, size_t len, unsigned first_line,
    const char *path, struct diag *d, struct tval *root);

#endif
