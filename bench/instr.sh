#!/bin/sh
# make bench-instr: instructions executed (valgrind's callgrind) by show,
# list, search and check on the 1,000-term corpus.  Unlike wall-clock
# medians these counts repeat to the last digit whatever else the machine
# is doing, so two builds can be compared on a busy machine:
#   bench/instr.sh ./gloss /path/to/old/gloss
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
count() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 \
	    >/dev/null | sed -n 's/.*Collected : //p'
}
printf '| command |'
for g; do printf ' %s |' "$g"; done
printf '\n| --- |'
for g; do printf ' ---: |'; done
printf '\n'
for c in show list search check; do
	printf '| %s |' "$c"
	for g; do
		case $c in
		show) n=$(count "$g" -d "$d" show "$name") ;;
		list) n=$(count "$g" -d "$d" list) ;;
		search) n=$(count "$g" -d "$d" search pipeline forecast) ;;
		check) n=$(count "$g" -d "$d" check) ;;
		esac
		printf ' %s |' "$n"
	done
	printf '\n'
done
