#!/bin/sh
# The site-markup reducer must be linear: each 1 MiB worst-shape file
# goes through the driver (build/markup_run) under `timeout 5'.  Not a
# timed assertion, a hang guard: a quadratic pass takes minutes here.
set -u
run=${1:-build/markup_run}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# NAME PATTERN [TAIL]: PATTERN repeated to 1 MiB, then TAIL.
shape() {
	awk -v p="$2" 'BEGIN {
		n = int(1048576 / length(p)); s = p
		while (length(s) * 2 <= n * length(p)) s = s s
		printf "%s", s
		for (k = length(s) / length(p); k < n; k++) printf "%s", p
	}' >"$W/$1"
	printf '%s' "${3:-}" >>"$W/$1"
}
shape unclosed-shortcode '{{<'
shape unclosed-percent '{{% '
shape nested-comment '<!--'
shape braces '{{'
shape braces-closed '{{' '}}'
shape macro-args '{{Glossary("a", '
shape liquid-tag '{% '
shape script '<script>'
shape style-closes '<style>x</style'
shape ampersands '&'
shape numeric-refs '&#x1'
shape backticks '` `` ``` ```` ````` '
shape attributes '<a x="'
shape brackets '['
shape link-open ']('
shape fences '```
'
shape mdx-braces 'export const x = {' '
'
# 10,000 {{ in a row inside ordinary text, then the rest of the MiB.
{
	awk 'BEGIN { for (k = 0; k < 10000; k++) printf "{{" }'
	head -c 1028576 /dev/zero | tr '\0' 'a'
} >"$W/ten-thousand-braces"
status=0
for f in "$W"/*; do
	timeout 5 "$run" "$f" >/dev/null
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "markup-worst: $(basename "$f"): exit $rc" \
		    "(124: over 5 s, not linear)" >&2
		status=1
	fi
done
[ $status -eq 0 ] && echo "markup-worst: $(ls "$W" | wc -l) shapes of 1 MiB, each under 5 s"
exit $status
