#!/bin/sh
# make install / uninstall, with PREFIX and with DESTDIR, built in a
# scratch directory so the tree's own build is left alone.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0
fail=0
check() {
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); else
		fail=$((fail + 1))
		echo "FAIL: install: $what"
	fi
}
M="make -s --no-print-directory B=$T/build PROG=$T/build/gloss"

$M install PREFIX="$T/pfx" >"$T/log" 2>&1 || cat "$T/log"
check "program installed" test -x "$T/pfx/bin/gloss"
check "man page installed" test -f "$T/pfx/share/man/man1/gloss.1"
check "bash completion installed" \
    test -f "$T/pfx/share/bash-completion/completions/gloss"
check "zsh completion installed" test -f "$T/pfx/share/zsh/site-functions/_gloss"
check "fish completion installed" \
    test -f "$T/pfx/share/fish/vendor_completions.d/gloss.fish"
check "data installed" test -f "$T/pfx/share/gloss/cross-sell.md"
check "man page names the PREFIX data directory" \
    grep -q "^\.It Pa $T/pfx/share/gloss/\$" "$T/pfx/share/man/man1/gloss.1"
check "man page does not name another data directory" sh -c \
    "! grep -q '^\.It Pa /usr/local/share/gloss/' '$T/pfx/share/man/man1/gloss.1'"
# The installed program finds its data from anywhere, with no options.
check "installed program finds its data" sh -c \
    "cd / && env -i HOME=/nonexistent '$T/pfx/bin/gloss' cross-sell | grep -q Cross-sell"
check "installed check is clean" sh -c \
    "cd / && env -i HOME=/nonexistent '$T/pfx/bin/gloss' check"
# A team's own file beside the bundled ones is not the installer's.
mkdir -p "$T/pfx/share/gloss/team"
printf -- '---\nterm: Ours\ndescription: d\n---\n' >"$T/pfx/share/gloss/team/ours.md"
$M uninstall PREFIX="$T/pfx" >/dev/null 2>&1
check "uninstall keeps files it did not install" \
    test -f "$T/pfx/share/gloss/team/ours.md"
check "uninstall removes every file it installed" \
    test "$(find "$T/pfx" -type f)" = "$T/pfx/share/gloss/team/ours.md"
rm -rf "$T/pfx/share/gloss/team"

$M install DESTDIR="$T/stage" PREFIX=/usr BINDIR=/usr/sbin >"$T/log" 2>&1 ||
    cat "$T/log"
check "DESTDIR program" test -x "$T/stage/usr/sbin/gloss"
check "DESTDIR data" test -f "$T/stage/usr/share/gloss/mrr.md"
check "DESTDIR compiled-in data directory" \
    grep -q /usr/share/gloss "$T/stage/usr/sbin/gloss"
# Its data directory is also an XDG one: listed once, even missing.
check "a default directory listed once" sh -c \
    "env -i HOME=/nonexistent '$T/stage/usr/sbin/gloss' paths 2>/dev/null |
    grep -c ' /usr/share/gloss\$' | grep -qx 1"
$M uninstall DESTDIR="$T/stage" PREFIX=/usr BINDIR=/usr/sbin >/dev/null 2>&1
check "DESTDIR uninstall" test -z "$(find "$T/stage" -type f)"
check "DESTDIR uninstall removes the emptied data directory" \
    test ! -e "$T/stage/usr/share/gloss"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
