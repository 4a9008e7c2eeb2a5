#!/bin/sh
# Every diagnostic code in src/diag.c's table is listed in gloss(1), and
# the man page lists no code the program does not have: one list, kept
# in step by this test.
set -eu
cd "$(dirname "$0")/.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
sed -n 's/^ *\[DIAG_[A-Z0-9_]*\] = {"\([a-z0-9-]*\)".*/\1/p' src/diag.c |
    sort >"$T/src"
sed -n '/^\.Ss Diagnostic codes/,/^\.El/s/^\.It Li //p' doc/gloss.1 |
    sort >"$T/doc"
pass=0
fail=0
if [ -s "$T/src" ] && diff -u "$T/src" "$T/doc" >"$T/diff"; then
	pass=1
else
	fail=1
	echo "FAIL: the codes in src/diag.c and doc/gloss.1 differ:"
	cat "$T/diff"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
