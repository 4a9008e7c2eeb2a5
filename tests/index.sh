#!/bin/sh
# make test's share of the index's tests (SPEC 7, issue 13): its controls
# (--no-cache, `cache: off', the line of `gloss paths'), then short runs
# of the differential and fault harnesses (tests/index/); `make
# index-diff' and `make index-faults' run the long ones.
set -u
GLOSS=${GLOSS:-./gloss}
STEPS=${INDEX_STEPS:-150}
TRIALS=${INDEX_TRIALS:-12}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0
fail=0

check() {
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: index: $what"
	fi
}

# How many index files the cache directory holds.
nindex() {
	find "$1" -name '*.db' 2>/dev/null | grep -c ''
}

# How many rows table $2 of the indexes under cache directory $1 has.
nrows() {
	for db in "$1"/gloss/*.db; do
		python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM " + sys.argv[2]).fetchone()[0])' "$db" "$2"
	done | awk '{ n += $1 } END { print n + 0 }'
}

# How many snapshots the indexes under cache directory $1 keep.
nsnap() {
	nrows "$1" snap
}

unset GLOSS_PATH XDG_CONFIG_HOME
HOME=$T/home
XDG_CACHE_HOME=$T/cache
export HOME XDG_CACHE_HOME
mkdir -p "$HOME"

"$GLOSS" --no-cache -d data list >/dev/null
check "--no-cache writes no index" test "$(nindex "$T/cache")" -eq 0
mkdir -p "$HOME/.config/gloss"
echo 'cache: off' >"$HOME/.config/gloss/config.yaml"
"$GLOSS" -d data list >/dev/null
check "'cache: off' writes no index" test "$(nindex "$T/cache")" -eq 0
"$GLOSS" -d data paths >"$T/paths"
check "'cache: off': paths shows no index" test "$(grep -c index "$T/paths")" -eq 0
rm "$HOME/.config/gloss/config.yaml"
"$GLOSS" -d data list >/dev/null
check "a run writes the index" test "$(nindex "$T/cache")" -eq 1
"$GLOSS" -d data paths >"$T/paths"
check "paths says where the index is" \
    grep -qE "^ +index +$T/cache/gloss/[0-9a-f]{16}\.db, [0-9]+ KiB$" "$T/paths"
"$GLOSS" -d data paths -f tsv >"$T/paths"
check "paths -f tsv gives its size" \
    grep -qE "	$T/cache/gloss/[0-9a-f]{16}\.db	[1-9][0-9]*$" "$T/paths"
"$GLOSS" --no-cache -d data paths -j >"$T/paths"
check "paths --no-cache: no index" grep -q '"index": null' "$T/paths"

# An unusable cache directory: one warning a run, whatever the number of
# directories, and the same answer and status as without the index.
echo 'not a directory' >"$T/plain"
XDG_CACHE_HOME=$T/plain "$GLOSS" -d data -d tests/data/good check \
    >"$T/out" 2>"$T/err"
echo $? >"$T/rc"
"$GLOSS" --no-cache -d data -d tests/data/good check >"$T/out0" 2>"$T/err0"
echo $? >"$T/rc0"
check "one index warning for two directories" \
    test "$(grep -c 'warning: .*index' "$T/err")" -eq 1
check "check's answer without a usable index" cmp "$T/out" "$T/out0"
check "check's status without a usable index" cmp "$T/rc" "$T/rc0"
grep -v 'warning: .*index' "$T/err" >"$T/err1"
check "check's problems without a usable index" cmp "$T/err1" "$T/err0"

# A record is made for its file's stem: a page bundle at the root is
# named after the directory as it is named (here by a second name, a
# link), so one record cannot serve both names.
mkdir -p "$T/g1"
printf -- '---\ndescription: A bundle named by its folder.\n---\nBody.\n' \
    >"$T/g1/index.md"
ln -s g1 "$T/g2"
# The snapshot keeps a name's entries under a 32-bit tag of its key's
# hash (src/loadsnap.c); zq94068 and zq117391 share their tag and, in a
# glossary this small, their bucket.  Showing the one that is not there
# must find the other's entry, see that its row's key differs, and
# answer from the whole load.
mkdir -p "$T/g3"
printf -- '---\nterm: zq94068\ndescription: One.\n---\nBody.\n' >"$T/g3/zq94068.md"
printf -- '---\nterm: other\ndescription: Two.\n---\nBody.\n' >"$T/g3/other.md"
sleep 2.1 # older than a racily clean entry (INDEX_RACY_NS)
"$GLOSS" -d "$T/g1" list >/dev/null
"$GLOSS" -d "$T/g1" list >"$T/g1.out"
"$GLOSS" -d "$T/g2" list >"$T/g2.out"
check "a root bundle named by the directory's first name" \
    test "$(cat "$T/g1.out")" = g1
check "a root bundle named by the directory's second name" \
    test "$(cat "$T/g2.out")" = g2
# The run that builds the index leaves the snapshot to the next run.
XDG_CACHE_HOME=$T/cache3 "$GLOSS" -d "$T/g3" list >/dev/null
check "the run that builds the index writes no snapshot" \
    test "$(nsnap "$T/cache3")" = 0
XDG_CACHE_HOME=$T/cache3 "$GLOSS" -d "$T/g3" list >/dev/null
check "the next run writes the snapshot" test "$(nsnap "$T/cache3")" = 1
for name in zq117391 zq94068; do
	XDG_CACHE_HOME=$T/cache3 "$GLOSS" -d "$T/g3" show $name >"$T/out" 2>&1
	echo $? >>"$T/out"
	"$GLOSS" --no-cache -d "$T/g3" show $name >"$T/out0" 2>&1
	echo $? >>"$T/out0"
	check "show $name, whose key's tag another key has" \
	    cmp "$T/out" "$T/out0"
done

# A first search builds the index and writes its postings in the
# build's own transaction (loader_post_adopt): the index is in place
# after it, with its postings, whatever the query, and nothing is left
# aside.
for q in customer the ''; do
	rm -rf "$T/cache4"
	# shellcheck disable=SC2086
	XDG_CACHE_HOME=$T/cache4 "$GLOSS" -d data search $q >/dev/null 2>&1
	check "a first search ('$q') puts the index in place" \
	    test "$(nindex "$T/cache4")" -eq 1
	check "a first search ('$q') leaves no build aside" \
	    test -z "$(find "$T/cache4" -name '*.new*')"
done
# Even when its reader stops early: SIGPIPE ends a first search in the
# middle of 600 hits of some 200 bytes each, more than a pipe holds.
mkdir -p "$T/big"
i=0
while [ $i -lt 600 ]; do
	printf -- '---\nterm: Big %03d\ndescription: %s\n---\n' $i \
	    "$(printf 'A pipeline of words, %03d, long enough. ' $i $i $i $i $i)" \
	    >"$T/big/t$i.md"
	i=$((i + 1))
done
rm -rf "$T/cache4"
XDG_CACHE_HOME=$T/cache4 "$GLOSS" -d "$T/big" search pipeline | head -c 100 \
    >/dev/null
check "a first search read in part puts the index in place" \
    test "$(nindex "$T/cache4")" -eq 1
check "a first search read in part leaves no build aside" \
    test -z "$(find "$T/cache4" -name '*.new*')"
rm -rf "$T/cache4"
XDG_CACHE_HOME=$T/cache4 "$GLOSS" -d data search customer >/dev/null
check "a first search keeps its postings" \
    test "$(nrows "$T/cache4" kv)" -gt 100

# Search over two directories through the postings (made, then kept)
# answers as it does reading every text.  The quotes of the phrase are
# the query's own.
# shellcheck disable=SC2089,SC2090
for q in customer 'churn rate' '"net revenue"' custmer the; do
	for run in made kept; do
		# shellcheck disable=SC2086
		"$GLOSS" -d data -d tests/data/good --lang all search $q \
		    >"$T/out" 2>&1
		echo $? >>"$T/out"
		# shellcheck disable=SC2086
		"$GLOSS" --no-cache -d data -d tests/data/good --lang all \
		    search $q >"$T/out0" 2>&1
		echo $? >>"$T/out0"
		check "search $q through postings $run" cmp "$T/out" "$T/out0"
	done
done

# Two stems whose hashes agree in the 32 bits a first search keeps of
# them (post.h): "dtwstk" and "phnsnb".  Each is still its own list,
# made and then kept: ten seconds ahead, so that the files are settled
# and the first run's postings are written.
# The clock as tests/index/common.py fakes it (future_env): the
# files' own times left as they are; an ASan build's runtime not first.
# A ThreadSanitizer build (TSAN_OPTIONS set, as common.py reads it)
# hangs at its start under libfaketime, whose constructor allocates
# before TSan's runtime is ready: it waits out the racy window instead.
FAKETIME_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1
FAKE_ASAN=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
FAKE_PRELOAD=$FAKETIME_LIB
mkdir -p "$T/twin"
printf -- '---\nterm: Alpha\n---\nOnly dtwstk here, dtwstk twice.\n' \
    >"$T/twin/a.md"
printf -- '---\nterm: Beta\n---\nFirst dtwstk, then phnsnb phnsnb.\n' \
    >"$T/twin/b.md"
printf -- '---\nterm: Gamma\n---\nJust phnsnb.\n' >"$T/twin/c.md"
if [ -n "${TSAN_OPTIONS:-}" ]; then
	FAKE_PRELOAD=
	sleep 3
fi
for q in phnsnb dtwstk; do
	rm -rf "$T/cache5"
	for run in made kept; do
		XDG_CACHE_HOME=$T/cache5 LD_PRELOAD=$FAKE_PRELOAD FAKETIME=+10s \
		    NO_FAKE_STAT=1 ASAN_OPTIONS=$FAKE_ASAN \
		    timeout 60 "$GLOSS" -d "$T/twin" -f tsv search $q \
		    >"$T/out" 2>&1
		"$GLOSS" --no-cache -d "$T/twin" -f tsv search $q >"$T/out0" 2>&1
		check "search $q beside a stem of its hash, $run" \
		    cmp "$T/out" "$T/out0"
		check "search $q finds two terms, $run" \
		    test "$(grep -c . "$T/out")" -eq 2
	done
done
# Each its own list: a key of its own in the key-value store.
for w in phnsnb dtwstk; do
	check "the stem $w has a list of its own" test "$(python3 -c '
import glob, sqlite3, sys
db = glob.glob(sys.argv[1] + "/gloss/*.db")[0]
print(sqlite3.connect(db).execute(
    "SELECT count(*) FROM kv WHERE part = 0 AND k = ?",
    (b"senglish\0" + sys.argv[2].encode(),)).fetchone()[0])' "$T/cache5" $w)" \
	    -eq 1
done

for h in mutate future faults; do
	case $h in
	mutate) arg="--steps $STEPS" ;;
	# The same 10 s ahead: every file settled, so that the rows and the
	# snapshot of a whole load (show reads one row) are used each run.
	future) arg="--steps $((STEPS / 3)) --future" ;;
	faults) arg="--trials $TRIALS --files 120" ;;
	esac
	if [ $h = future ] && [ -n "${TSAN_OPTIONS:-}" ]; then
		echo "index: mutate.py --future skipped: libfaketime hangs a" \
		    "ThreadSanitizer build at its start"
		continue
	fi
	[ $h = future ] && h=mutate
	# shellcheck disable=SC2086
	python3 tests/index/$h.py --gloss "$GLOSS" $arg >"$T/$h" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$T/$h" | tail -1)
	if [ $rc -eq 0 ] && [ -n "$line" ]; then
		pass=$((pass + ${line%% passed*}))
	else
		fail=$((fail + 1))
		echo "FAIL: index: tests/index/$h.py $arg"
		tail -20 "$T/$h"
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
