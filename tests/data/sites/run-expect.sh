#!/bin/sh
# Run the checks of tests/data/sites/EXPECT.tsv against a gloss binary and
# report each one that fails.  Run from the top of the source tree:
#
#   tests/data/sites/run-expect.sh [GLOSS] [SITE]
#
# GLOSS defaults to ./gloss; SITE, if given, runs only that fixture's rows.
# The environment is the one tests/cli/run.sh gives its golden tests.
# Exit status: 0 if every row passed, 1 otherwise.

set -u
GLOSS=${1:-./gloss}
ONLY=${2:-}
SITES=tests/data/sites
TAB=$(printf '\t')

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
unset GLOSS_PATH GLOSS_LANG NO_COLOR COLUMNS LINES XDG_DATA_HOME \
    XDG_DATA_DIRS XDG_CONFIG_HOME XDG_CACHE_HOME LANG LC_MESSAGES
HOME=$T/home
LC_ALL=C.UTF-8
export HOME LC_ALL
mkdir -p "$HOME"

# unescape: \n, \t and \\ of an EXPECT text, then the final newline.
unescape() {
	printf '%s\n' "$1" | awk '{
		out = ""; s = $0
		while ((i = index(s, "\\")) > 0) {
			c = substr(s, i + 1, 1)
			out = out substr(s, 1, i - 1)
			if (c == "n") out = out "\n"
			else if (c == "t") out = out "\t"
			else if (c == "\\") out = out "\\"
			else out = out "\\" c
			s = substr(s, i + 2)
		}
		printf "%s%s\n", out, s
	}'
}

pass=0
fail=0
lineno=0
while IFS= read -r line; do
	lineno=$((lineno + 1))
	case $line in '' | '#'*) continue ;; esac
	site=${line%%"$TAB"*}; rest=${line#*"$TAB"}
	args=${rest%%"$TAB"*}; rest=${rest#*"$TAB"}
	exp=${rest%"$TAB"*}; rc=${rest##*"$TAB"}
	[ -n "$ONLY" ] && [ "$ONLY" != "$site" ] && continue
	(
		eval "set -- $args"
		while [ $# -gt 0 ]; do
			case $1 in
			[A-Za-z_]*=*) export "$1"; shift ;;
			*) break ;;
			esac
		done
		"$GLOSS" -d "$SITES/$site" "$@" >"$T/out" 2>"$T/err" </dev/null
		echo $? >"$T/rc"
	)
	got=$(cat "$T/rc")
	ok=1
	case $exp in
	'(none)') [ -s "$T/out" ] && ok=0 ;;
	'2!~'*) grep -Eq -e "${exp#"2!~"}" "$T/err" && ok=0 ;;
	'2~'*) grep -Eq -e "${exp#"2~"}" "$T/err" || ok=0 ;;
	'!~'*) grep -Eq -e "${exp#"!~"}" "$T/out" && ok=0 ;;
	'~'*) grep -Eq -e "${exp#"~"}" "$T/out" || ok=0 ;;
	*)
		unescape "$exp" >"$T/want"
		cmp -s "$T/want" "$T/out" || ok=0
		;;
	esac
	[ "$got" = "$rc" ] || ok=0
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: EXPECT.tsv:$lineno: $site: gloss $args (rc $got, want $rc)"
	fi
done <"$SITES/EXPECT.tsv"
echo "sites: $pass passed, $fail failed"
[ $fail = 0 ]
