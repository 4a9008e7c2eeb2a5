#!/bin/sh
# CLI tests for gloss.  Run from the top of the source tree by `make test`.
#
#  1. Golden tests: tests/cli/NAME.args holds the arguments of one run
#     (shell words; $DATA, $GOOD and $BAD name the test glossaries).  The
#     run's stdout, stderr and exit status must equal NAME.out, NAME.err
#     and NAME.rc.  NAME.env, if present, holds VAR=value lines to set;
#     NAME.tty, if present, runs gloss on a pseudo-terminal (script(1))
#     of as many columns (and 50 rows) as the file says.
#  2. The bad-input corpus: every tests/data/bad/NAME.expect line must be
#     printed by `gloss check tests/data/bad`, and the good file there must
#     still load.
#  3. Inputs that cannot live in git (FIFOs, huge files, cycles) are made
#     in a temporary directory and checked the same way.
#
# GLOSS names the program; VALGRIND, if set, is put in front of it.
# The golden tests run JOBS at a time (default: the number of cores) and
# are reported in name order.
# UPDATE=1 rewrites the golden files from what the program prints.
# SAMPLE=shapes runs one golden case of each shape (see below).

set -u
GLOSS=${GLOSS:-./gloss}
VALGRIND=${VALGRIND:-}
UPDATE=${UPDATE:-0}
SAMPLE=${SAMPLE:-}
DATA=data
GOOD=tests/data/good
BAD=tests/data/bad
export DATA GOOD BAD

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0
fail=0

# A clean, predictable environment: no user glossaries, no colour hints.
unset GLOSS_PATH NO_COLOR COLUMNS XDG_DATA_HOME XDG_DATA_DIRS LINES \
    CLICOLOR_FORCE FZF_PREVIEW_COLUMNS GLOSS_PAGER PAGER LESS LV VISUAL \
    EDITOR XDG_CONFIG_HOME
HOME=$T/home
# Indexes go to a scratch cache, never below a case's HOME in the tree
# (make leakcheck and make sanitize run this script without tests/all.sh).
XDG_CACHE_HOME=${XDG_CACHE_HOME:-$T/cache}
export XDG_CACHE_HOME
LC_ALL=C.UTF-8
TERM=xterm
# No pager unless a case's .env names one (tests/cli/bin/pager records
# that it ran and the environment it saw).
GLOSS_PAGER=cat
export HOME LC_ALL TERM GLOSS_PAGER

ok() {
	pass=$((pass + 1))
}

bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}

# run_case NAME DIR: run one golden case, leaving out, err and rc in DIR.
run_case() {
	c=tests/cli/$1
	D=$2
	args=$(cat "$c.args")
	(
		if [ -f "$c.env" ]; then
			while IFS= read -r kv; do
				[ -n "$kv" ] && eval "export $kv"
			done <"$c.env"
		fi
		eval "set -- $args"
		if [ -f "$c.tty" ]; then
			# script(1) gives gloss a terminal; it joins stderr
			# to stdout and turns newlines into CR LF.
			cmd="$VALGRIND $GLOSS"
			for a in "$@"; do
				cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
			done
			cols=$(cat "$c.tty")
			script -qec "stty cols ${cols:-80} rows 50; $cmd" \
			    /dev/null >"$D/raw" 2>"$D/err" </dev/null
			echo $? >"$D/rc"
			tr -d '\r' <"$D/raw" >"$D/out"
		else
			$VALGRIND "$GLOSS" "$@" >"$D/out" 2>"$D/err" </dev/null
			echo $? >"$D/rc"
		fi
	)
}

# golden NAME DIR: run a case in DIR and compare it with its golden
# files; print what differs (at most 40 lines of each diff) and fail.
golden() {
	name=$1
	D=$2
	run_case "$name" "$D"
	# The checkout's own path differs from clone to clone.
	for part in out err; do
		sed "s|$TOP/||g" "$D/$part" >"$D/$part.tmp"
		mv "$D/$part.tmp" "$D/$part"
	done
	if [ "$UPDATE" = 1 ]; then
		cp "$D/out" "tests/cli/$name.out"
		cp "$D/err" "tests/cli/$name.err"
		cp "$D/rc" "tests/cli/$name.rc"
	fi
	failed=0
	for part in out err rc; do
		if ! diff -u "tests/cli/$name.$part" "$D/$part" >"$D/diff"; then
			[ $failed = 1 ] || echo "FAIL: $name ($part)"
			failed=1
			head -40 "$D/diff"
		fi
	done
	return $failed
}

# The golden cases run in JOBS shards side by side (case i in shard
# i mod JOBS, each shard with its own index cache, so that what a case
# finds cached does not depend on timing); the report follows, case by
# case in name order, as if they had run one after another.
TOP=$(pwd)
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 1)}
CACHE=$XDG_CACHE_HOME
for args in tests/cli/*.args; do
	[ -f "$args" ] || continue
	name=${args#tests/cli/}
	echo "${name%.args}"
done >"$T/cases"
# SAMPLE=shapes: only the first case of each shape, which is its
# subcommand and option names, the names of the variables it sets,
# whether it has a terminal, and its exit status (so each outcome of
# each command is kept): make leakcheck's sample under valgrind, whose
# cost is per run.  The summary counts the cases left out.
if [ "$SAMPLE" = shapes ]; then
	while IFS= read -r name; do
		c=tests/cli/$name
		eval "set -- $(cat "$c.args")"
		key=
		for a in "$@"; do
			case $a in
			-* | show | search | list | categories | related | \
			    random | check | new | edit | paths | help)
				key="$key ${a%%=*}"
				;;
			esac
		done
		[ -f "$c.env" ] && key="$key|$(sed 's/=.*//' "$c.env" | tr '\n' ' ')"
		[ -f "$c.tty" ] && key="$key|tty"
		key="$key|$(cat "$c.rc")"
		grep -qxF -e "$key" "$T/shapes" 2>/dev/null && continue
		printf '%s\n' "$key" >>"$T/shapes"
		echo "$name"
	done <"$T/cases" >"$T/sample"
	sampled=$(($(grep -c '' "$T/cases") - $(grep -c '' "$T/sample")))
	mv "$T/sample" "$T/cases"
fi
k=0
while [ "$k" -lt "$JOBS" ]; do
	(
		XDG_CACHE_HOME=$CACHE/shard$k
		n=0
		while IFS= read -r name; do
			if [ $((n % JOBS)) -eq "$k" ]; then
				D=$T/case/$name
				mkdir -p "$D"
				golden "$name" "$D" >"$D/log" 2>&1
				echo $? >"$D/status"
			fi
			n=$((n + 1))
		done <"$T/cases"
	) &
	k=$((k + 1))
done
wait
while IFS= read -r name; do
	if [ "$(cat "$T/case/$name/status" 2>/dev/null)" = 0 ]; then
		ok
	elif [ -f "$T/case/$name/log" ]; then
		fail=$((fail + 1))
		cat "$T/case/$name/log"
	else
		bad "$name: no result"
	fi
done <"$T/cases"

# The bad-input corpus: one file per kind of bad input.
$VALGRIND "$GLOSS" check "$BAD" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ]; then ok; else bad "check $BAD: exit $rc, want 1"; fi
for e in "$BAD"/*.expect; do
	if grep -qxF -f "$e" "$T/err"; then
		ok
	else
		bad "$(basename "$e" .expect): want '$(cat "$e")'"
	fi
done
n=$(grep -c '' "$T/err")
want=$(cat "$BAD"/*.expect | grep -c '')
if [ "$n" -eq "$want" ]; then ok; else
	bad "check $BAD printed $n diagnostics, want $want"
	cat "$T/err"
fi
if $VALGRIND "$GLOSS" -q -d "$BAD" "good term" >/dev/null 2>&1; then ok; else
	bad "the good file beside bad ones does not load"
fi

# Words joined into one name keep the JSON shape of the arguments
# (SPEC 4): two words, an array, here of the one term they name.
"$GLOSS" -d "$GOOD" -j deal size >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
assert isinstance(v, list) and len(v) == 1 and v[0]["term"] == "Deal Size"' \
    "$T/out"; then ok; else
	bad "show -j deal size: exit $rc, stdout '$(head -c 200 "$T/out")'"
fi

# When nothing loads, a warning about the glossary (a misspelt setting
# of .gloss.yaml) may be why: it is printed whole, not only counted.
Y=$T/conf-typo
mkdir -p "$Y"
printf 'kyes:\n  name: headword\n' >"$Y/.gloss.yaml"
printf -- '---\nheadword: Escrow\ndescription: d\n---\n' >"$Y/escrow.md"
"$GLOSS" -d "$Y" list >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "^gloss: $Y/.gloss.yaml:[0-9]*:[0-9]*: warning: unknown setting 'kyes'" "$T/err"
then ok; else
	bad "nothing loads beside a bad setting: exit $rc, stderr '$(cat "$T/err")'"
fi

# A glossary of MDX files only: none is read (SPEC 1), and the error
# says why rather than that there are no files.
X=$T/mdx
mkdir -p "$X"
printf -- '---\ntitle: Portal\ndescription: d\n---\n' >"$X/portal.mdx"
"$GLOSS" -d "$X" list >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 2 ] && [ ! -s "$T/out" ] &&
    grep -q "its .mdx and .markdown files are not read: term files end in .md" \
    "$T/err"; then ok; else
	bad "mdx only: exit $rc, stderr '$(cat "$T/err")'"
fi

# Bad inputs made at run time.
S=$T/special
mkdir -p "$S/loop"
printf -- '---\nterm: Good Term\ndescription: d\n---\n' >"$S/good.md"
mkfifo "$S/fifo.md"
ln -s .. "$S/loop/up"
ln -s /dev/zero "$S/zero.md"
{
	printf -- '---\nterm: Huge\ndescription: too big\n---\n'
	head -c 1100000 /dev/zero | tr '\0' 'x'
} >"$S/huge.md"
{
	printf -- '---\nterm: Long Front Matter\ndescription: d\n'
	i=0
	while [ $i -lt 1700 ]; do
		printf 'k%d: "a fairly long value to fill the front matter"\n' $i
		i=$((i + 1))
	done
	printf -- '---\n'
} >"$S/long-fm.md"
# timeout: a FIFO or /dev/zero opened the wrong way would hang here.
timeout 20 $VALGRIND "$GLOSS" check "$S" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ]; then ok; else bad "check special: exit $rc, want 1"; fi
for want in \
    "gloss: $S/fifo.md: a FIFO, not a term file; skipped" \
    "gloss: $S/zero.md: a device, not a term file; skipped" \
    "gloss: $S/huge.md: the file is larger than 1 MiB; skipped" \
    "gloss: $S/long-fm.md:1:1: the front matter does not close within 64 KiB" \
    "gloss: $S/loop/up: warning: a directory cycle: this leads back to a directory above it; not followed"; do
	if grep -qxF -- "$want" "$T/err"; then ok; else
		bad "special: want '$want'"
		cat "$T/err"
	fi
done
if timeout 20 $VALGRIND "$GLOSS" -d "$S" -q "good term" >/dev/null; then ok; else
	bad "special: the good file does not load"
fi
# Outside check, a warning about a directory is counted in the summary
# line as a term file's is, not printed whole on every lookup.
timeout 20 $VALGRIND "$GLOSS" -d "$S" "good term" >/dev/null 2>"$T/err"
if ! grep -q "cycle" "$T/err" &&
    grep -qx "gloss: 4 term files skipped, 1 warning; 'gloss check' says why" \
    "$T/err"; then ok; else
	bad "special, a lookup: stderr '$(cat "$T/err")'"
fi

# A tab in a file name is escaped once in JSON (issue 11 bug 11): `\t',
# which a JSON reader turns back into the tab, never `\\t'.
TB=$T/tab
mkdir -p "$TB"
printf -- '---\nterm: Tab\ndescription: d\nrelated: [Nowhere]\n---\n' \
    >"$TB/a	b.md"
$VALGRIND "$GLOSS" check -f json "$TB" >"$T/out" 2>/dev/null
if grep -qF '"file": "'"$TB"'/a\tb.md"' "$T/out" &&
    ! grep -qF 'a\\tb' "$T/out"; then ok; else
	bad "check -f json: a tab in a file name is not escaped once"
	cat "$T/out"
fi

# Two directories of 300 term files: the walk stats the first's on its
# helper thread (walk.c, WALK_SHARE_MIN) while it reads the second and
# grows its arrays.  Every term is listed, without the index, building
# it and from it; make tsan runs this script, and caught a race here.
MANY=$T/many
mkdir -p "$MANY/a" "$MANY/b"
i=0
while [ $i -lt 600 ]; do
	d=a
	[ $i -lt 300 ] || d=b
	printf -- '---\nterm: Many %03d\ndescription: d\n---\n' $i \
	    >"$MANY/$d/t$i.md"
	i=$((i + 1))
done
for how in --no-cache "" ""; do
	n=$($VALGRIND "$GLOSS" $how -d "$MANY" list 2>"$T/err" | grep -c '^Many ')
	if [ "$n" = 600 ] && [ ! -s "$T/err" ]; then ok; else
		bad "list of 600 files ${how:-with the index}: $n terms"
		head -20 "$T/err"
	fi
done
# Then a search for all 600: the first with the index makes every
# term's postings (rank_make.c, on two threads), the next reads them;
# both print what a search without the index prints.
$VALGRIND "$GLOSS" --no-cache -d "$MANY" search many >"$T/want" 2>&1
for how in first stored; do
	$VALGRIND "$GLOSS" -d "$MANY" search many >"$T/out" 2>&1
	if cmp -s "$T/want" "$T/out" &&
	    [ "$(grep -c '^Many ' "$T/out")" = 600 ]; then ok; else
		bad "search of 600 files ($how postings) differs from --no-cache"
		diff "$T/want" "$T/out" | head -10
	fi
done

# Worst shapes, each up to 1 MiB: every one is reported or shown, none
# crashes or hangs (timeout guards hangs; speed is make bench's job).
W=$T/worst
mkdir -p "$W"
wf() { # NAME COUNT STRING [PREFIX]: a term file of STRING repeated
	{
		printf -- '---\nterm: Worst %s\ndescription: d\n' "$1"
		[ -n "${4:-}" ] && printf '%s' "$4"
		head -c "$2" /dev/zero | tr '\0' "$3"
		printf '\n'
	} >"$W/$1.md"
}
wf quotes 1000000 '>' '---
## Examples

'
wf brackets 1000000 '[' '---
## Examples

'
wf stars 1000000 '*' '---
'
wf items 60000 'x' 'x: [' # an unclosed flow list
wf deep 30000 '[' 'x: '
wf lines 1000000 '
' '---
'
for f in quotes brackets stars items deep lines; do
	timeout 20 "$GLOSS" -q -d "$W" --full -w 60 "worst $f" \
	    >/dev/null 2>"$T/err"
	rc=$?
	case $f:$rc in
	items:1 | deep:1 | *:0) ok ;;
	*) bad "worst shape '$f': exit $rc" ;;
	esac
done

# Files that vanish, shrink or grow while gloss reads the directory: a
# writer races 30 loads; each must end normally (exit 0 or 1), say only
# `gloss: ...' lines, and still load the steady file.
R=$T/race
mkdir -p "$R"
printf -- '---\nterm: Steady\ndescription: d\n---\n' >"$R/steady.md"
(
	i=0
	while [ $i -lt 100000 ]; do
		printf -- '---\nterm: Flicker\ndescription: here\n---\n' \
		    >"$R/vanish.md"
		rm -f "$R/vanish.md"
		: >"$R/shrink.md"
		printf -- '---\nterm: Shrink\ndescription: %s\n---\n' \
		    "$(head -c 2000 /dev/zero | tr '\0' x)" >"$R/shrink.md"
		i=$((i + 1))
	done
) &
racer=$!
raced=0
i=0
while [ $i -lt 30 ]; do
	timeout 20 "$GLOSS" -d "$R" --field term steady >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -gt 1 ] || [ "$(cat "$T/out")" != Steady ] ||
	    grep -qv '^gloss: ' "$T/err"; then
		raced=1
		bad "race: exit $rc, stdout '$(cat "$T/out")'"
		head -3 "$T/err"
		break
	fi
	i=$((i + 1))
done
kill $racer 2>/dev/null
wait $racer 2>/dev/null
[ $raced = 1 ] || ok

# Output: a full disk is one clear error; a closed pipe is quiet.
$VALGRIND "$GLOSS" -d "$GOOD" list >/dev/full 2>"$T/err"
rc=$?
if [ $rc -eq 2 ] && [ "$(cat "$T/err")" = \
    "gloss: write error: No space left on device" ]; then ok; else
	bad "/dev/full: exit $rc, stderr '$(cat "$T/err")'"
fi
"$GLOSS" --full -j list 2>"$T/err" | head -c 1 >/dev/null
if [ ! -s "$T/err" ]; then ok; else
	bad "closed pipe: stderr '$(cat "$T/err")'"
fi

# Hostile text never acts on a terminal: in every format, at a terminal
# and in a pipe, nothing but our own SGR colour sequences may appear.
inert() {
	perl -0777 -ne 's/\e\[[0-9;]*m//g;
	    exit(/[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]/ ? 1 : 0)' "$1"
}
H=$T/hostile
mkdir -p "$H"
cp tests/data/hostile/*.md "$H/"
printf -- '---\nterm: [broken\n---\n' >"$H/$(printf 'name\033]0;x\007.md')"
for fmt in text json ndjson tsv markdown; do
	for cmd in "evil" "--full evil" "list" "search bell" "related plain" \
	    "categories" "--field vertical list" "--field names list" "check"; do
		script -qec "$GLOSS -d '$H' --color=always -f $fmt $cmd" \
		    /dev/null >"$T/raw" 2>&1 </dev/null
		tr -d '\r' <"$T/raw" >"$T/out"
		if inert "$T/out"; then ok; else
			bad "escape reached the terminal: -f $fmt $cmd"
			cat -v "$T/out" | head -5
		fi
		# --field, tsv and markdown print data as it is in a pipe.
		case $fmt:$cmd in
		*--field*) ;;
		text:* | json:* | ndjson:*)
			"$GLOSS" -d "$H" -f $fmt $cmd >"$T/out" 2>"$T/err"
			if inert "$T/out" && inert "$T/err"; then ok; else
				bad "escape in a pipe: -f $fmt $cmd"
			fi
			;;
		esac
	done
done

# Unreadable files and directories, as a user who cannot read them (root
# reads everything): reported, and the rest still loads.
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	U=$T/unreadable
	mkdir -p "$U/locked"
	chmod 755 "$T"
	printf -- '---\nterm: Open\ndescription: d\n---\n' >"$U/open.md"
	cp "$U/open.md" "$U/secret.md"
	cp "$U/open.md" "$U/locked/inner.md"
	chmod 000 "$U/secret.md" "$U/locked"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$GLOSS" check "$U" >"$T/out" 2>"$T/err"
	rc=$?
	chmod 755 "$U/locked"
	for want in "gloss: $U/secret.md: cannot open: Permission denied" \
	    "gloss: $U/locked: cannot open directory: Permission denied"; do
		if [ $rc -eq 1 ] && grep -qxF -- "$want" "$T/err"; then ok; else
			bad "unreadable: want '$want' (exit $rc)"
			cat "$T/err"
		fi
	done
	if grep -q '^1 term in 1 directory' "$T/out"; then ok; else
		bad "unreadable: the readable file did not load"
	fi
fi

# new and edit (SPEC 3): the template, never overwriting, the editor at
# a terminal (a fake one that logs its arguments), the check afterwards.
N=$T/new
mkdir -p "$N"
GA=$(cd "$(dirname "$GLOSS")" && pwd)/$(basename "$GLOSS")
pty() { # run a shell command line on a pseudo-terminal; output in $T/out
	script -qec "$1" /dev/null >"$T/raw" 2>&1 </dev/null
	rc=$?
	tr -d '\r' <"$T/raw" >"$T/out"
	return $rc
}
"$GLOSS" -d "$N" new Net Revenue Retention >"$T/out" 2>"$T/err"
rc=$?
f=$N/net-revenue-retention.md
if [ $rc -eq 0 ] && [ "$(cat "$T/out")" = "$f" ] && [ ! -s "$T/err" ]; then
	ok
else
	bad "new: exit $rc, stdout '$(cat "$T/out")', stderr '$(cat "$T/err")'"
fi
for key in 'term: Net Revenue Retention' 'description: >-' '# aliases:' \
    '# pronunciation:' '# category:' '# tags:' '# vertical:' '# example:' \
    '# related:' '# id: net-revenue-retention' '# details:'; do
	if grep -q "^$key" "$f" 2>/dev/null; then ok; else
		bad "new: the template lacks '$key'"
	fi
done
if [ "$("$GLOSS" -d "$N" -e --field term 'net revenue retention')" = \
    "Net Revenue Retention" ]; then ok; else
	bad "new: the template does not load"
fi
cp "$f" "$T/before"
"$GLOSS" -d "$N" new net-revenue RETENTION >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && cmp -s "$f" "$T/before" &&
    grep -qF "'net-revenue RETENTION' is a term already, in '$f'" \
    "$T/err"; then ok; else
	bad "new over an existing file: exit $rc, stderr '$(cat "$T/err")'"
fi
# A name that is another term's alias (or id) would take the lookups
# of that name from it: refused, and no file is written.
printf -- '---\nterm: MRR\naliases: [Monthly Recurring Revenue]\nid: mrr-id\ndescription: Revenue a month.\n---\n' >"$N/mrr.md"
for name in 'Monthly Recurring Revenue' 'monthly-recurring revenue' MRR-ID; do
	"$GLOSS" -d "$N" new "$name" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 1 ] && [ ! -s "$T/out" ] &&
	    grep -qF "gloss: new: '$name' already names 'MRR', in '$N/mrr.md'" \
	    "$T/err" && [ "$(ls "$N" | grep -c .)" -eq 2 ]; then ok; else
		bad "new $name over an alias: exit $rc, stdout '$(cat "$T/out")', stderr '$(cat "$T/err")', files $(ls "$N" | tr '\n' ' ')"
	fi
done
# A term of a later directory is what an earlier one is for: a new term
# there shadows it (SPEC 2), with a warning; and a name derived from
# another term's text ('ARR' in '... (ARR) ...') is no one's name.
N2=$T/new-first
mkdir -p "$N2"
"$GLOSS" -d "$N2" -d "$N" new 'Monthly Recurring Revenue' >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$T/out")" = "$N2/monthly-recurring-revenue.md" ] &&
    grep -qF "gloss: new: the new term will hide 'MRR' of '$N/mrr.md'" "$T/err"
then ok; else
	bad "new over a later directory's alias: exit $rc, stdout '$(cat "$T/out")', stderr '$(cat "$T/err")'"
fi
# The first directory's alias is refused even where a later directory
# has the name itself (names sort before aliases in the index); and the
# warning of a hidden term waits for the file, and -q keeps it quiet.
mkdir -p "$N2"
printf -- '---\nterm: Yankee\naliases: [Foo]\ndescription: y.\n---\n' >"$N2/yankee.md"
printf -- '---\nterm: Foo\ndescription: f.\n---\n' >"$N/foo-b.md"
"$GLOSS" -d "$N2" -d "$N" new Foo >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$N2/foo.md" ] &&
    grep -qF "gloss: new: 'Foo' already names 'Yankee', in '$N2/yankee.md'" "$T/err"
then ok; else
	bad "new over the first directory's alias: exit $rc, stderr '$(cat "$T/err")'"
fi
rm -f "$N2/yankee.md"
printf -- '---\nterm: Bar\ndescription: b.\n---\n' >"$N2/foo.md"
"$GLOSS" -d "$N2" -d "$N" new Foo >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && ! grep -q "will hide" "$T/err"; then ok; else
	bad "new whose file is taken, hiding another: exit $rc, stderr '$(cat "$T/err")'"
fi
rm -f "$N2/foo.md"
"$GLOSS" -q -d "$N2" -d "$N" new Foo >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$T/err" ]; then ok; else
	bad "new -q hiding another: exit $rc, stderr '$(cat "$T/err")'"
fi
rm -rf "$N2" "$N/foo-b.md"
printf -- '---\nterm: Cross-Origin Resource Sharing\ndescription: Cross-Origin Resource Sharing (CORS) lets a page read from another origin.\n---\n' >"$N/cors-long.md"
"$GLOSS" -d "$N" new CORS >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$T/out")" = "$N/cors.md" ] &&
    grep -qF "gloss: new: the new term will hide 'Cross-Origin Resource Sharing' of '$N/cors-long.md'" "$T/err"
then ok; else
	bad "new over a derived name: exit $rc, stdout '$(cat "$T/out")', stderr '$(cat "$T/err")'"
fi
rm -f "$N/cors-long.md" "$N/cors.md"
# A file name another term holds: the message says whose it is, not
# to edit it.
printf -- '---\nterm: C++\ndescription: A language.\n---\n' >"$N/c.md"
"$GLOSS" -d "$N" new 'C#' >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -qF "gloss: new: '$N/c.md' exists already and defines 'C++'" "$T/err" &&
    ! grep -q "gloss edit" "$T/err"; then ok; else
	bad "new C# beside c.md: exit $rc, stderr '$(cat "$T/err")'"
fi
"$GLOSS" -d "$N/" new 'C#' >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -qF "gloss: new: '$N/c.md' exists already and defines 'C++'" "$T/err"
then ok; else
	bad "new C# with -d DIR/: stderr '$(cat "$T/err")'"
fi
rm -f "$N/mrr.md" "$N/c.md"
"$GLOSS" -d "$N" new foo >"$T/out" 2>&1
if [ "$(cat "$T/out")" = "$N/foo.md" ]; then ok; else
	bad "new foo: '$(cat "$T/out")'"
fi
# A term named as a folder's page (index.md, README.md) would be no term
# beside the others: its file takes another name, and it loads.
for name in Index README _index; do
	"$GLOSS" -d "$N" new "$name" >"$T/out" 2>&1
	g=$(cat "$T/out")
	case $g in
	"$N/index.md" | "$N/readme.md" | "$N"/_index*) good=0 ;;
	"$N"/*.md) good=1 ;;
	*) good=0 ;;
	esac
	if [ $good = 1 ] && [ "$("$GLOSS" --no-cache -d "$N" -e --field file \
	    show "$name" 2>&1)" = "$g" ]; then ok; else
		bad "new $name: '$g'"
	fi
	rm -f "$g"
done
ED=$TOP/tests/cli/bin/editor
EDITOR_LOG=$T/editor.log
export EDITOR_LOG
: >"$EDITOR_LOG"
pty "cd '$N' && VISUAL= EDITOR='$ED' FAKE_EDIT=fill $GA -d . new Café au lait"
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$T/out")" = "./café-au-lait.md" ] &&
    [ "$(cat "$EDITOR_LOG")" = "./café-au-lait.md" ]; then ok; else
	bad "new at a terminal: exit $rc, out '$(cat "$T/out")', editor '$(cat "$EDITOR_LOG")'"
fi
: >"$EDITOR_LOG"
pty "cd '$N' && EDITOR=vi VISUAL='$TOP/tests/cli/bin/vim' FAKE_EDIT=break $GA -d . new Broken"
rc=$?
if [ $rc -eq 1 ] && grep -q "^gloss: ./broken.md:.*description" "$T/out" &&
    [ "$(cat "$EDITOR_LOG")" = "+4 ./broken.md" ]; then ok; else
	bad "new, broken by the editor: exit $rc, out '$(cat "$T/out")', editor '$(cat "$EDITOR_LOG")'"
fi
# An editor that fails on a template it never changed leaves no stub
# behind: nobody wrote anything in it.
pty "cd '$N' && VISUAL= EDITOR=false $GA -d . new Never Written"
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$N/never-written.md" ] &&
    grep -q "the editor 'false' failed" "$T/out" &&
    grep -q "removed './never-written.md'" "$T/out"; then ok; else
	bad "new, the editor failing: exit $rc, out '$(cat "$T/out")', files $(ls "$N" | tr '\n' ' ')"
fi
pty "cd '$N' && VISUAL= EDITOR='$ED' FAKE_EDIT= $GA -d . new Untouched"
rc=$?
if [ $rc -eq 1 ] && grep -q "still the template" "$T/out"; then ok; else
	bad "new, left as the template: exit $rc, out '$(cat "$T/out")'"
fi
: >"$EDITOR_LOG"
pty "VISUAL= EDITOR='$TOP/tests/cli/bin/vim -u NONE' FAKE_EDIT= $GLOSS -d '$GOOD' edit arr"
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$EDITOR_LOG")" = "-u NONE +2 $GOOD/arr.md" ]
then ok; else
	bad "edit with vim: exit $rc, out '$(cat "$T/out")', editor '$(cat "$EDITOR_LOG")'"
fi
: >"$EDITOR_LOG"
pty "VISUAL= EDITOR='$ED --wait' $GLOSS -d '$GOOD' edit arr"
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$EDITOR_LOG")" = "--wait $GOOD/arr.md" ]
then ok; else
	bad "edit with another editor: exit $rc, editor '$(cat "$EDITOR_LOG")'"
fi
unset EDITOR_LOG

# Shell completions: term names complete, quoted, case-insensitively.
G=$(cd "$(dirname "$GLOSS")" && pwd)/$(basename "$GLOSS")
mkdir -p "$T/bin"
ln -sf "$G" "$T/bin/gloss"
got=$(PATH="$T/bin:$PATH" bash -c '. completions/gloss.bash
	COMP_WORDS=(gloss cross-s); COMP_CWORD=1; _gloss
	printf "%s|" "${COMPREPLY[@]}"
	COMP_WORDS=(gloss -d "$GOOD" list -c re); COMP_CWORD=5; _gloss
	printf "%s|" "${COMPREPLY[@]}"
	COMP_WORDS=(gloss --format n); COMP_CWORD=2; _gloss
	printf "%s|" "${COMPREPLY[@]}"
	COMP_WORDS=(gloss -d "$GOOD" --color mr); COMP_CWORD=4; _gloss
	printf "%s|" "${COMPREPLY[@]}"
	COMP_WORDS=(gloss --color = n); COMP_CWORD=3; _gloss
	printf "%s|" "${COMPREPLY[@]}"
	COMP_WORDS=(gloss -d "$GOOD" show monthly); COMP_CWORD=4; _gloss
	printf "%s|" "${COMPREPLY[@]}"' 2>&1)
if [ "$got" = "Cross-sell|cross-selling|cross-sale|Revenue|ndjson|MRR|never|monthly\ recurring\ revenue|" ]
then ok; else
	bad "bash completion: got '$got'"
fi
for sh in zsh fish; do
	command -v $sh >/dev/null 2>&1 || continue
	f=completions/gloss.fish
	[ $sh = zsh ] && f=completions/_gloss
	if $sh -n "$f"; then ok; else bad "$sh -n $f"; fi
done

[ -z "${sampled:-}" ] || echo "golden: $sampled cases not in the sample (SAMPLE=shapes)"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
