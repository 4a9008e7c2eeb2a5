#!/bin/sh
# make bench-instr: instructions executed (valgrind's callgrind) by show,
# list, search and check on the 1,000-term corpus, and by `list' on its
# first run (an empty index: the run that builds it) and with
# --no-cache.  Unlike wall-clock medians these counts repeat to the last
# digit whatever else the machine is doing, so two builds can be
# compared on a busy machine:
#   bench/instr.sh ./gloss /path/to/old/gloss
# Each build gets an index of its own (under a scratch $XDG_CACHE_HOME),
# so that two versions never rebuild each other's; the warm rows run
# after the first run has built it.
set -eu
cd "$(dirname "$0")/.."
N=${N:-1000}
d=bench/corpus/$N
if [ ! -f "$d/.done" ]; then
	rm -rf "$d"
	bench/gen "$N" "$d"
	touch "$d/.done"
fi
name=$(sed -n 's/^term: //p' "$d/Revenue/term-000002.md")
[ $# -gt 0 ] || set -- ./gloss
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gloss-instr.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
count() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 \
	    >/dev/null | sed -n 's/.*Collected : //p'
}
printf '| command |'
for g; do printf ' %s |' "$g"; done
printf '\n| --- |'
for g; do printf ' ---: |'; done
printf '\n'
for c in first show list search check nocache; do
	case $c in
	first) printf '| list, first run |' ;;
	nocache) printf '| list --no-cache |' ;;
	*) printf '| %s |' "$c" ;;
	esac
	i=0
	for g; do
		i=$((i + 1))
		XDG_CACHE_HOME=$tmp/$i
		export XDG_CACHE_HOME
		case $c in
		first)
			rm -rf "$tmp/$i"
			n=$(count "$g" -d "$d" list)
			;;
		show) n=$(count "$g" -d "$d" show "$name") ;;
		list) n=$(count "$g" -d "$d" list) ;;
		search) n=$(count "$g" -d "$d" search pipeline forecast) ;;
		check) n=$(count "$g" -d "$d" check) ;;
		nocache) n=$(count "$g" -d "$d" --no-cache list) ;;
		esac
		printf ' %s |' "$n"
	done
	printf '\n'
done
