#!/bin/sh
# make test: the unit tests (given as arguments), the CLI tests, the
# site glossaries' rows (tests/data/sites/EXPECT.tsv), the examples of
# README.md and gloss(1), the relevance set and the install test, each
# quietly; what fails is shown,
# and one line at the end sums them all up.
set -u
GLOSS=${GLOSS:-./gloss}
export GLOSS
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
# The indexes every suite's runs build (SPEC 7) stay in the scratch.
XDG_CACHE_HOME=$T/cache
export XDG_CACHE_HOME
pass=0
fail=0

# count FILE STATUS: add a suite's last "N passed, N failed" line; a
# suite that failed without one counts as one failure.
count() {
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -1)
	if [ -n "$line" ]; then
		set -- "$1" "$2" $line
		pass=$((pass + $3))
		fail=$((fail + $5))
		[ "$2" -eq 0 ] || [ "$5" -gt 0 ] || fail=$((fail + 1))
	elif [ "$2" -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# A cmocka binary: its own summary lines become one count line.
for t in "$@"; do
	./"$t" >"$T/out" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$T/out")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$T/out")
	echo "${p:-0} passed, ${f:-0} failed" >>"$T/out"
	[ $rc -eq 0 ] || cat "$T/out"
	count "$T/out" $rc
done
# The script suites run side by side (the install test builds its own
# copy), then report in order.
i=0
for suite in tests/cli/run.sh tests/data/sites/run-expect.sh \
    tests/examples.sh tests/relevance.sh tests/install.sh \
    tests/doc-codes.sh tests/markup-worst.sh tests/index.sh; do
	i=$((i + 1))
	(SKIPS=count $suite >"$T/out.$i" 2>&1
	    echo $? >"$T/rc.$i") &
done
wait
for j in $(seq 1 $i); do
	grep -v -E '^[0-9]+ passed, [0-9]+ failed$|^relevance: ' "$T/out.$j"
	count "$T/out.$j" "$(cat "$T/rc.$j")"
done
echo "make test: $pass passed, $fail failed"
[ $fail -eq 0 ]
