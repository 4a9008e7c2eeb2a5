#!/bin/sh
# Worst-shape term files of up to 1 MiB, for `make bench': each must load
# (or be refused) in well under a second.  Prints a Markdown table of
# hyperfine medians for `gloss show' of each, and `--full' rendering.
set -eu
G=${1:-./gloss}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
wf() { # NAME COUNT CHAR PREFIX [SUFFIX]
	mkdir -p "$W/$1"
	{
		printf -- '---\nterm: Worst\ndescription: d\n'
		printf '%s' "$4"
		head -c "$2" /dev/zero | tr '\0' "$3"
		printf '\n%s' "${5:-}"
	} >"$W/$1/t.md"
}
ex='---
## Examples

'
wf fm-unclosed 1040000 '[' 'x: '
wf fm-deep 60000 '[' 'x: ' '---
'
wf fm-flow-items 30000 ',' 'x: [a' '---
'
wf fm-long-scalar 60000 'a' 'x: ' '---
'
# Values folded over lines between Chinese characters, 64 KiB of them:
# each is read beside its source (yaml_tree.c, yt_join_folds).
mkdir -p "$W/fm-folded-cjk"
{
	printf -- '---\nterm: Worst\ndescription: d\n'
	i=0
	while [ $i -lt 2600 ]; do
		printf 'k%d: 一组\n  机器\n' $i
		i=$((i + 1))
	done
	printf -- '---\n'
} >"$W/fm-folded-cjk/t.md"
wf body-quotes 1040000 '>' "$ex"
wf body-brackets 1040000 '[' "$ex"
wf body-stars 1040000 '*' "$ex"
wf body-backticks 1040000 '`' "$ex"
wf body-newlines 1040000 '
' '---
'
echo "| file (about 1 MiB) | load and show, ms | with --full, ms |"
echo "| --- | ---: | ---: |"
for d in "$W"/*/; do
	n=$(basename "$d")
	hyperfine -N -i --warmup 1 --runs 5 --export-csv "$W/a.csv" \
	    "$G -q -d $d show worst" >/dev/null 2>&1
	hyperfine -N -i --warmup 1 --runs 5 --export-csv "$W/b.csv" \
	    "$G -q -d $d --full -w 80 show worst" >/dev/null 2>&1
	a=$(awk -F, 'NR == 2 { printf "%.1f", $4 * 1000 }' "$W/a.csv")
	b=$(awk -F, 'NR == 2 { printf "%.1f", $4 * 1000 }' "$W/b.csv")
	echo "| $n | $a | $b |"
done
