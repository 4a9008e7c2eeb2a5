#!/bin/sh
# Every shell example of README.md and doc/gloss.1 is run against the
# bundled data, so that the documents cannot drift from the program.
#  - README.md: in each ``` block, a line "$ COMMAND" is followed by the
#    output it must print (on an 80-column terminal, without colour).
#  - doc/gloss.1: each ".Dl $ COMMAND" of EXAMPLES must print what
#    tests/examples/man-N.out holds after its first line, "$ COMMAND".
# A README block runs in one shell (cd and export carry over); the home
# directory is shown as ~, and an index's name (a hash of the scratch
# directory's path) as the documents' 5e1f0c2a9b7d3e48.
# Commands run with sh on a pseudo-terminal, with the built gloss and a
# stand-in fzf (tests/examples/fzf) first on PATH, in a scratch HOME
# holding ~/team-glossary (a git clone holding tests/data/good).
# UPDATE=1 rewrites the man-N.out files; DUMP=FILE writes the README
# sessions as they ran, to paste into README.md.
set -u
GLOSS=${GLOSS:-./gloss}
UPDATE=${UPDATE:-0}
TOP=$(pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0
fail=0
G=$(cd "$(dirname "$GLOSS")" && pwd)/$(basename "$GLOSS")
mkdir -p "$T/bin" "$T/home"
ln -s "$G" "$T/bin/gloss"
cp tests/examples/fzf "$T/bin/fzf"
# ~/team-glossary: a clone of a team's repository, as README.md describes.
git init -q --bare "$T/team.git"
git clone -q "$T/team.git" "$T/home/team-glossary" 2>/dev/null
cp -R tests/data/good/. "$T/home/team-glossary/"
GIT_AUTHOR_NAME=Example GIT_AUTHOR_EMAIL=example@example.invalid
GIT_COMMITTER_NAME=Example GIT_COMMITTER_EMAIL=example@example.invalid
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
# website/...: a documentation site's glossary, as README.md shows one.
mkdir -p "$T/home/website/content/en/docs"
cp -R tests/data/sites/hugo "$T/home/website/content/en/docs/glossary"
(cd "$T/home/team-glossary" && git add -A && git commit -qm start &&
    git push -q origin HEAD) >/dev/null 2>&1
unset GLOSS_PATH XDG_DATA_HOME XDG_DATA_DIRS XDG_CONFIG_HOME XDG_CACHE_HOME \
    CLICOLOR_FORCE \
    FZF_PREVIEW_COLUMNS PAGER VISUAL EDITOR LESS
HOME=$T/home PATH=$T/bin:$PATH LC_ALL=C.UTF-8 TERM=xterm NO_COLOR=1
GLOSS_PAGER=cat
export HOME PATH LC_ALL TERM NO_COLOR GLOSS_PAGER
# gloss new opens the editor at a terminal: a fake one writes the text.
EDITOR=$TOP/tests/cli/bin/editor FAKE_EDIT=fill
export EDITOR FAKE_EDIT

# run FILE: run the commands of FILE, one a line, in one shell on an
# 80-column terminal; the output of command N goes to $T/got-N.  An
# index's name hashes the scratch directory's path, and its size depends
# on whether the runs before it could keep a snapshot (only of files past
# the racy window): both read as the documentation shows them.
run() {
	awk '{ printf "printf '"'"'\\036 %d\\n'"'"'\n%s\n", NR, $0 }' "$1" \
	    >"$T/script"
	(cd "$T/home" && script -qec "stty cols 80 rows 500; sh '$T/script'" \
	    /dev/null </dev/null >"$T/raw" 2>&1)
	rm -f "$T"/got-*
	tr -d '\r' <"$T/raw" | sed "s|$TOP/||g; s|$HOME|~|g;
	    s|/gloss/[0-9a-f]\{16\}\.db|/gloss/5e1f0c2a9b7d3e48.db|g
	    s|\.db, [0-9]* KiB|.db, 32 KiB|g" |
	    awk -v dir="$T" '/^\036 [0-9]+$/ { out = dir "/got-" $2; printf "" > out; next }
		out { print > out }'
}

# Drop the blank lines that end a file (they separate examples).
trim() {
	awk '{ l[NR] = $0 } END { n = NR; while (n > 0 && l[n] == "") n--;
		for (i = 1; i <= n; i++) print l[i] }' "$1"
}

check() { # WHERE COMMAND: compare $T/want with $T/got
	if cmp -s "$T/want" "$T/got"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: example in $1: $2"
		diff -u "$T/want" "$T/got" | head -20
	fi
}

# doc/gloss.1: the commands of EXAMPLES, outputs in tests/examples/.
sed -n '/^\.Sh EXAMPLES/,/^\.Sh /s/^\.Dl \$ //p' doc/gloss.1 |
    sed 's/\\-/-/g; s/\\e/\\/g' >"$T/man"
n=0
while IFS= read -r cmd; do
	n=$((n + 1))
	f=tests/examples/man-$n.out
	printf '%s\n' "$cmd" >"$T/one"
	run "$T/one"
	{ printf '$ %s\n' "$cmd"; trim "$T/got-1"; } >"$T/got"
	[ "$UPDATE" = 1 ] && cp "$T/got" "$f"
	if [ -f "$f" ]; then cp "$f" "$T/want"; else : >"$T/want"; fi
	check doc/gloss.1 "$cmd"
done <"$T/man"
for f in tests/examples/man-*.out; do
	[ -f "$f" ] || continue
	k=${f#tests/examples/man-}
	k=${k%.out}
	if [ "$k" -gt "$n" ]; then
		fail=$((fail + 1))
		echo "FAIL: $f: doc/gloss.1 has no example $k"
	fi
done

# After the manual's: README's team session adds a term to ~/team-glossary.
# README.md: each ``` block holding "$ " lines is one shell session.
awk -v dir="$T" '
	/^```/ { if (inb && n) close(out); inb = !inb; out = "";
		if (inb) { b++; n = 0 } next }
	inb && /^\$ / { n++; out = sprintf("%s/readme-%02d-%02d", dir, b, n);
		print substr($0, 3) >> (dir "/block-" b); printf "" > out; next }
	inb && out != "" { print > out }
' README.md
for blk in "$T"/block-*; do
	[ -f "$blk" ] || continue
	b=${blk##*-}
	run "$blk"
	n=0
	while IFS= read -r cmd; do
		n=$((n + 1))
		trim "$(printf '%s/readme-%02d-%02d' "$T" "$b" "$n")" >"$T/want"
		trim "$T/got-$n" >"$T/got"
		if [ -n "${DUMP:-}" ]; then # what to paste into README.md
			printf '$ %s\n' "$cmd" >>"$DUMP"
			cat "$T/got" >>"$DUMP"
		fi
		check README.md "$cmd"
	done <"$blk"
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
