#!/bin/sh
# make bench: time gloss against the floors on generated glossaries of
# 1,000, 10,000 and 100,000 terms (SIZES overrides), side by side in one
# run, and write bench/RESULTS.md.  Never part of `make test'.
set -eu
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-10}
G=$(pwd)/gloss
C=bench/corpus
OUT=bench/RESULTS.md
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

mkdir -p "$C"
# hyperfine's median of one command, in milliseconds.
median() {
	awk -F, -v cmd="$2" 'NR > 1 && $1 == cmd { printf "%.2f", $4 * 1000 }' "$1"
}

{
	echo "# gloss benchmark"
	echo
	echo "Made by \`make bench\` ($(date -u +%Y-%m-%d), $(uname -sr)," \
	    "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo |
	    cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo))."
	echo "Medians of $RUNS runs after a warm-up (hyperfine), files in the page cache."
	echo "Floors: \`cat\` of every file; \`grep -rlF\` for the term line;"
	echo "\`grep -rli\` for the search words; \`bench/floor\`, libyaml's event"
	echo "parser over every front matter and nothing else."
	echo
} >"$OUT"

for n in $SIZES; do
	d=$C/$n
	if [ ! -f "$d/.done" ]; then
		rm -rf "$d"
		bench/gen "$n" "$d"
		touch "$d/.done"
	fi
	bytes=$(find "$d" -name '*.md' -print0 | xargs -0 cat | wc -c)
	name=$(sed -n 's/^term: //p' "$d/Revenue/term-000002.md")
	w1=pipeline
	w2=forecast
	csv=$T/$n.csv
	hyperfine -N --warmup 2 --runs "$RUNS" --export-csv "$csv" \
	    -n cat "sh -c 'find $d -name *.md -exec cat {} + >/dev/null'" \
	    -n grep-rlF "grep -rlF 'term: $name' $d" \
	    -n grep-rli "grep -rli -e $w1 -e $w2 $d" \
	    -n floor "bench/floor $d" \
	    -n show "$G -d $d show '$name'" \
	    -n list "$G -d $d list" \
	    -n search "$G -d $d search $w1 $w2" \
	    -n check "sh -c '$G -d $d check >/dev/null 2>&1; true'" \
	    >"$T/$n.log" 2>&1 || { cat "$T/$n.log"; exit 1; }
	# TODO(issue 13), once the index is wired into the loader: a "with
	# index" column beside these, measured in the same run.  The plan:
	# - the columns above become today's: add --no-cache to show, list,
	#   search and check, or they silently measure the index;
	# - XDG_CACHE_HOME=$T/cache-$n, so each size has its own index;
	# - the build: rm -rf the cache, then time one "$G -d $d list"
	#   (hyperfine --prepare 'rm -rf $T/cache-$n' --runs 5), target
	#   <= 1.3x today's list;
	# - warm (hyperfine --warmup 2): show, list, search with the index,
	#   and "$G --version"; targets at 10,000 terms show <= 0.5x
	#   grep-rlF, search <= 0.6x grep-rli, list <= 0.5x the floor; at
	#   every size show <= 1.5x bench/parts' stat walk plus one read;
	#   at 1,000 terms show <= 2x --version;
	# - the index's size, du -b of $T/cache-$n/gloss/*.db*, against
	#   $bytes (target <= 0.6x), and peak RSS of show with the index
	#   (at 100,000 terms, under today's);
	# - RESULTS.md: a "with index" column in each size's table, and the
	#   targets above in the Targets section.
	rss_show=$(/usr/bin/time -f %M "$G" -d "$d" show "$name" 2>&1 >/dev/null | tail -1)
	rss_list=$(/usr/bin/time -f %M "$G" -d "$d" list 2>&1 >/dev/null | tail -1)
	rss_search=$(/usr/bin/time -f %M "$G" -d "$d" search $w1 $w2 2>&1 >/dev/null | tail -1)
	for k in cat grep-rlF grep-rli floor show list search check; do
		eval "m_$(echo $k | tr - _)=$(median "$csv" $k)"
	done
	ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
	kib=$((bytes / 1024))
	{
		echo "## $n terms ($((bytes / 1048576)) MiB)"
		echo
		echo "| command | median ms | floor | floor ms | ratio | target |"
		echo "| --- | ---: | --- | ---: | ---: | ---: |"
		echo "| show | $m_show | grep -rlF | $m_grep_rlF | $(ratio "$m_show" "$m_grep_rlF") | 1.00 |"
		echo "| list | $m_list | libyaml floor | $m_floor | $(ratio "$m_list" "$m_floor") | 1.25 |"
		echo "| search (2 words) | $m_search | grep -rli | $m_grep_rli | $(ratio "$m_search" "$m_grep_rli") | 1.50 |"
		echo "| check | $m_check | libyaml floor | $m_floor | $(ratio "$m_check" "$m_floor") | |"
		echo "| (cat of all files) | $m_cat | | | | |"
		echo
		echo "Peak RSS: show $rss_show KiB, list $rss_list KiB, search" \
		    "$rss_search KiB; corpus $kib KiB; list RSS / corpus" \
		    "$(ratio "$rss_list" "$kib") (target 2.50)."
		echo
		echo "Parts of a persistent index (bench/parts, in-process):" \
		    "$(bench/parts "$d")."
		echo
	} >>"$OUT"
	echo "$n $m_show $m_list $m_search $m_check $m_grep_rlF $m_floor $m_grep_rli $rss_list $rss_search $kib" >>"$T/summary"
	echo "== $n terms" >&2
	tail -n 12 "$OUT" >&2
done
# How cost grows, and the targets on 10,000 terms.
{
	echo "## Growth"
	echo
	echo "Median ms at each size, and the factor from one size to the next"
	echo "(10x the terms: 10.0 is linear)."
	echo
	echo "| terms | show | list | search | check |"
	echo "| ---: | ---: | ---: | ---: | ---: |"
	awk '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5;
	    if (NR > 1) printf "| growth | %.1fx | %.1fx | %.1fx | %.1fx |\n", $2 / p[2], $3 / p[3], $4 / p[4], $5 / p[5];
	    for (i = 2; i <= 5; i++) p[i] = $i }' "$T/summary"
	echo
	echo "## Targets (10,000 terms)"
	echo
	awk '$1 == 10000 {
	    v = $2 / $6; printf "- show %.2fx grep -rlF (target 1.00): %s\n", v, v <= 1.0 ? "met" : "NOT MET";
	    v = $3 / $7; printf "- list %.2fx the libyaml floor (target 1.25): %s\n", v, v <= 1.25 ? "met" : "NOT MET";
	    v = $4 / $8; printf "- search %.2fx grep -rli (target 1.50): %s\n", v, v <= 1.5 ? "met" : "NOT MET";
	    v = $10 / $11; printf "- peak RSS %.2fx the corpus, search (the most; list %.2fx) (target 2.50): %s\n", v, $9 / $11, v <= 2.5 ? "met" : "NOT MET" }' "$T/summary"
	echo
	echo "Why show and search cannot meet theirs without a persistent index,"
	echo "and what one would cost: bench/README.md."
	echo
} >>"$OUT"

{
	echo "## Worst shapes"
	echo
	bench/worst.sh "$G"
	echo
} >>"$OUT"
echo "wrote $OUT" >&2
