#!/bin/sh
# Run the checks of tests/data/sites/EXPECT.tsv against a gloss binary and
# report each one that fails.  Run from the top of the source tree:
#
#   tests/data/sites/run-expect.sh [GLOSS] [SITE]
#
# GLOSS defaults to $GLOSS, else ./gloss; SITE, if given, runs only that fixture's rows.
# The environment is the one tests/cli/run.sh gives its golden tests.
# Rows listed in EXPECT-SKIP.tsv (work of another branch) are printed as
# SKIP, or XPASS when they pass already, and never fail the run; with
# SKIPS=count in the environment only their number is.  VALGRIND, if set,
# is put in front of GLOSS, as tests/cli/run.sh does.
# Rows run in JOBS shards side by side (default: the number of cores),
# each with its own HOME and so its own index cache; the report is in
# the file's order.  SAMPLE=shapes runs only the first row of each
# fixture for each shape of command (its subcommand, options and their
# values, the names of the variables it sets; not its terms or queries).
# SAMPLE=commands runs the first row of each fixture for each subcommand:
# make leakcheck's sample under valgrind, whose cost is per run (the
# golden cases try the options).  The summary counts the rows
# left out.
# Exit status: 0 if every row not skipped passed, 1 otherwise.

set -u
GLOSS=${1:-${GLOSS:-./gloss}}
ONLY=${2:-}
VALGRIND=${VALGRIND:-}
SKIPS=${SKIPS:-list}
SAMPLE=${SAMPLE:-}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 1)}
SITES=tests/data/sites
TAB=$(printf '\t')

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
unset GLOSS_PATH GLOSS_LANG NO_COLOR COLUMNS LINES XDG_DATA_HOME \
    XDG_DATA_DIRS XDG_CONFIG_HOME XDG_CACHE_HOME LANG LC_MESSAGES
LC_ALL=C.UTF-8
export LC_ALL

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

# skipped LINE: the owner of an EXPECT row in EXPECT-SKIP.tsv, or nothing.
skipped() {
	[ -f "$SITES/EXPECT-SKIP.tsv" ] || return 0
	# The row through the environment: awk -v would expand its \n.
	ROW=$1 awk -F '\t' '
		/^#/ || NF == 0 { next }
		{
			owner = $1; sub(/^[^\t]*\t/, "")
			if ($0 == ENVIRON["ROW"]) { print owner; exit }
		}
	' "$SITES/EXPECT-SKIP.tsv"
}

# shape ARGS: a row's command without its free words (terms, queries):
# the subcommand, the options with their values, the variables' names.
# With SAMPLE=commands, the subcommand alone.
shape() {
	eval "set -- $1"
	s=
	while [ $# -gt 0 ]; do
		case $1 in
		show | search | list | categories | related | random | \
		    check | new | edit | paths | help) s="$s $1" ;;
		[A-Za-z_]*=*)
			[ "$SAMPLE" = commands ] || s="$s ${1%%=*}="
			;;
		-d | --dir | -c | --category | --lang | -t | --tag | --vertical | \
		    -f | --format | --field | -w | --width | --limit | --by | \
		    --depth | --seed)
			[ "$SAMPLE" = commands ] || s="$s $1 ${2-}"
			[ $# -gt 1 ] && shift
			;;
		-*) [ "$SAMPLE" = commands ] || s="$s $1" ;;
		esac
		shift
	done
	printf '%s\n' "$s"
}

# check_row LINENO LINE DIR: run one row in DIR; print one result line,
# PASS, FAIL, SKIP or XPASS, with what the report says of it.
check_row() {
	lineno=$1 line=$2 D=$3
	site=${line%%"$TAB"*}; rest=${line#*"$TAB"}
	args=${rest%%"$TAB"*}; rest=${rest#*"$TAB"}
	exp=${rest%"$TAB"*}; rc=${rest##*"$TAB"}
	(
		eval "set -- $args"
		while [ $# -gt 0 ]; do
			case $1 in
			[A-Za-z_]*=*) export "$1"; shift ;;
			*) break ;;
			esac
		done
		$VALGRIND "$GLOSS" -d "$SITES/$site" "$@" >"$D/out" \
		    2>"$D/err" </dev/null
		echo $? >"$D/rc"
	)
	got=$(cat "$D/rc")
	ok=1
	case $exp in
	'(none)') [ -s "$D/out" ] && ok=0 ;;
	'2!~'*) grep -Eq -e "${exp#"2!~"}" "$D/err" && ok=0 ;;
	'2~'*) grep -Eq -e "${exp#"2~"}" "$D/err" || ok=0 ;;
	'!~'*) grep -Eq -e "${exp#"!~"}" "$D/out" && ok=0 ;;
	'~'*) grep -Eq -e "${exp#"~"}" "$D/out" || ok=0 ;;
	*)
		unescape "$exp" >"$D/want"
		cmp -s "$D/want" "$D/out" || ok=0
		;;
	esac
	[ "$got" = "$rc" ] || ok=0
	owner=$(skipped "$line")
	if [ -n "$owner" ]; then
		[ $ok = 1 ] && what=XPASS || what=SKIP
		echo "$what ($owner): EXPECT.tsv:$lineno: $site: gloss $args"
	elif [ $ok = 1 ]; then
		echo PASS
	else
		echo "FAIL: EXPECT.tsv:$lineno: $site: gloss $args (rc $got, want $rc)"
	fi
}

# The rows to run, each after the number of its line in EXPECT.tsv.
lineno=0
sampled=0
: >"$T/shapes"
while IFS= read -r line; do
	lineno=$((lineno + 1))
	case $line in '' | '#'*) continue ;; esac
	site=${line%%"$TAB"*}; rest=${line#*"$TAB"}
	[ -n "$ONLY" ] && [ "$ONLY" != "$site" ] && continue
	if [ -n "$SAMPLE" ]; then
		key="$site:$(shape "${rest%%"$TAB"*}")"
		if grep -qxF -e "$key" "$T/shapes"; then
			sampled=$((sampled + 1))
			continue
		fi
		printf '%s\n' "$key" >>"$T/shapes"
	fi
	printf '%s\t%s\n' "$lineno" "$line"
done <"$SITES/EXPECT.tsv" >"$T/rows"

k=0
while [ "$k" -lt "$JOBS" ]; do
	(
		D=$T/shard$k
		HOME=$D/home
		mkdir -p "$HOME"
		n=0
		while IFS= read -r row; do
			if [ $((n % JOBS)) -eq "$k" ]; then
				lineno=${row%%"$TAB"*}
				check_row "$lineno" "${row#*"$TAB"}" "$D" \
				    >"$T/result.$lineno" 2>&1
			fi
			n=$((n + 1))
		done <"$T/rows"
	) &
	k=$((k + 1))
done
wait

pass=0
fail=0
skip=0
while IFS= read -r row; do
	lineno=${row%%"$TAB"*}
	result=$(cat "$T/result.$lineno" 2>/dev/null)
	case $result in
	PASS) pass=$((pass + 1)) ;;
	SKIP* | XPASS*)
		skip=$((skip + 1))
		case $SKIPS:$result in count:SKIP*) ;; *) echo "$result" ;; esac
		;;
	*)
		fail=$((fail + 1))
		echo "${result:-FAIL: EXPECT.tsv:$lineno: no result}"
		;;
	esac
done <"$T/rows"
summary="sites: $pass passed, $fail failed, $skip skipped (EXPECT-SKIP.tsv)"
[ -z "$SAMPLE" ] ||
    summary="$summary, $sampled not in the sample (SAMPLE=$SAMPLE)"
echo "$summary"
echo "$pass passed, $fail failed" # for tests/all.sh
[ $fail = 0 ]
