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

# pairs CSV K NAME1 CMD1 NAME2 CMD2: CMD1 then CMD2, each from an empty
# cache, K times over, into CSV as hyperfine writes it (the median in its
# fourth column).  Seven runs of one then seven of the other let the
# machine's drift within the batch fall on one side: the same binary's
# first `list` measured 1.14x and 1.42x in two runs of this script.
pairs() {
	i=0
	while [ $i -lt "$2" ]; do
		hyperfine -N --runs 1 --prepare "rm -rf $XDG_CACHE_HOME" \
		    --export-csv "$T/pair-$i.csv" -n "$3" "$4" -n "$5" "$6" \
		    >"$T/pair.log" 2>&1 || { cat "$T/pair.log"; exit 1; }
		i=$((i + 1))
	done
	{
		echo "command,mean,stddev,median"
		for c in "$3" "$5"; do
			printf '%s,,,' "$c"
			awk -F, -v c="$c" '$1 == c { print $4 }' "$T"/pair-*.csv |
			    sort -g | awk '{ v[NR] = $1 } END {
				print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
		done
	} >"$1"
	rm -f "$T"/pair-*.csv
}

{
	echo "# gloss benchmark"
	echo
	echo "Made by \`make bench\` ($(date -u +%Y-%m-%d), $(uname -sr)," \
	    "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo |
	    cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo))."
	echo "Medians of $RUNS runs after a warm-up (hyperfine), files in the page cache;"
	echo "a first run (from an empty cache) and the run without the index it is"
	echo "held to alternate, 11 pairs (7 for search; 5 and 3 at 100,000 terms)."
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
	# Each size has its own index; today's columns run --no-cache.
	XDG_CACHE_HOME=$T/cache-$n
	export XDG_CACHE_HOME
	hyperfine -N --warmup 2 --runs "$RUNS" --export-csv "$csv" \
	    -n cat "sh -c 'find $d -name *.md -exec cat {} + >/dev/null'" \
	    -n grep-rlF "grep -rlF 'term: $name' $d" \
	    -n grep-rli "grep -rli -e $w1 -e $w2 $d" \
	    -n floor "bench/floor $d" \
	    -n version "$G --version" \
	    -n show "$G --no-cache -d $d show '$name'" \
	    -n list "$G --no-cache -d $d list" \
	    -n search "$G --no-cache -d $d search $w1 $w2" \
	    -n check "sh -c '$G --no-cache -d $d check >/dev/null 2>&1; true'" \
	    >"$T/$n.log" 2>&1 || { cat "$T/$n.log"; exit 1; }
	# The first run, which builds the index, from an empty cache, and
	# the run without an index it is held to, in pairs (pairs below).
	lruns=11 sruns=7
	[ "$n" -le 10000 ] || lruns=5 sruns=3
	pairs "$T/$n-build.csv" $lruns build "$G -d $d list" \
	    nolist "$G --no-cache -d $d list"
	# A first search builds the index and makes every term's postings.
	pairs "$T/$n-bsearch.csv" $sruns bsearch "$G -d $d search $w1 $w2" \
	    nosearch "$G --no-cache -d $d search $w1 $w2"
	# The index warm: built, then every run served by it.
	"$G" -d "$d" list >/dev/null
	hyperfine -N --warmup 2 --runs "$RUNS" --export-csv "$T/$n-ix.csv" \
	    -n show "$G -d $d show '$name'" \
	    -n list "$G -d $d list" \
	    -n search "$G -d $d search $w1 $w2" \
	    >"$T/$n-ix.log" 2>&1 || { cat "$T/$n-ix.log"; exit 1; }
	ixbytes=$(cat "$XDG_CACHE_HOME"/gloss/*.db* | wc -c)
	rss_show=$(/usr/bin/time -f %M "$G" --no-cache -d "$d" show "$name" 2>&1 >/dev/null | tail -1)
	rss_list=$(/usr/bin/time -f %M "$G" --no-cache -d "$d" list 2>&1 >/dev/null | tail -1)
	rss_search=$(/usr/bin/time -f %M "$G" --no-cache -d "$d" search $w1 $w2 2>&1 >/dev/null | tail -1)
	rss_show_ix=$(/usr/bin/time -f %M "$G" -d "$d" show "$name" 2>&1 >/dev/null | tail -1)
	for k in cat grep-rlF grep-rli floor version show list search check; do
		eval "m_$(echo $k | tr - _)=$(median "$csv" $k)"
	done
	m_build=$(median "$T/$n-build.csv" build)
	m_nolist=$(median "$T/$n-build.csv" nolist)
	m_bsearch=$(median "$T/$n-bsearch.csv" bsearch)
	m_nosearch=$(median "$T/$n-bsearch.csv" nosearch)
	for k in show list search; do
		eval "i_$k=$(median "$T/$n-ix.csv" $k)"
	done
	ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
	kib=$((bytes / 1024))
	{
		echo "## $n terms ($((bytes / 1048576)) MiB)"
		echo
		echo "| command | today ms | with index ms | floor | floor ms | today / floor | with index / floor | target (index) |"
		echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
		echo "| show | $m_show | $i_show | grep -rlF | $m_grep_rlF | $(ratio "$m_show" "$m_grep_rlF") | $(ratio "$i_show" "$m_grep_rlF") | 0.50 |"
		echo "| list | $m_list | $i_list | libyaml floor | $m_floor | $(ratio "$m_list" "$m_floor") | $(ratio "$i_list" "$m_floor") | 0.50 |"
		echo "| search (2 words) | $m_search | $i_search | grep -rli | $m_grep_rli | $(ratio "$m_search" "$m_grep_rli") | $(ratio "$i_search" "$m_grep_rli") | 0.60 |"
		echo "| check (always parses) | $m_check | | libyaml floor | $m_floor | $(ratio "$m_check" "$m_floor") | | |"
		echo "| first run (builds the index): list | $m_nolist | $m_build | today's list, in pairs | $m_nolist | | $(ratio "$m_build" "$m_nolist") | 1.30 |"
		echo "| first run: search (and its postings) | $m_nosearch | $m_bsearch | today's search, in pairs | $m_nosearch | | $(ratio "$m_bsearch" "$m_nosearch") | 1.30 |"
		echo "| show with index vs gloss --version | | $i_show | --version | $m_version | | $(ratio "$i_show" "$m_version") | 2.00 (1,000 terms) |"
		echo "| (cat of all files) | $m_cat | | | | |"
		echo
		echo "Peak RSS: show $rss_show KiB (with index $rss_show_ix KiB)," \
		    "list $rss_list KiB, search $rss_search KiB; corpus $kib KiB;" \
		    "list RSS / corpus $(ratio "$rss_list" "$kib") (target 2.50)."
		echo "Index: $((ixbytes / 1024)) KiB, $(ratio "$ixbytes" "$bytes")x" \
		    "the corpus (target 0.60)."
		echo
		echo "Parts of a persistent index (bench/parts, in-process):" \
		    "$(bench/parts "$d")."
		echo
	} >>"$OUT"
	echo "$n $m_show $m_list $m_search $m_check $m_grep_rlF $m_floor $m_grep_rli $rss_list $rss_search $kib $i_show $i_list $i_search $m_build $ixbytes $bytes $m_nolist $m_bsearch $m_nosearch" >>"$T/summary"
	echo "== $n terms" >&2
	tail -n 13 "$OUT" >&2
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
	    v = $10 / $11; printf "- peak RSS %.2fx the corpus, search (the most; list %.2fx) (target 2.50): %s\n", v, $9 / $11, v <= 2.5 ? "met" : "NOT MET";
	    v = $12 / $6; printf "- with index: show %.2fx grep -rlF (target 0.50): %s\n", v, v <= 0.5 ? "met" : "NOT MET";
	    v = $13 / $7; printf "- with index: list %.2fx the libyaml floor (target 0.50): %s\n", v, v <= 0.5 ? "met" : "NOT MET";
	    v = $14 / $8; printf "- with index: search %.2fx grep -rli (target 0.60): %s\n", v, v <= 0.6 ? "met" : "NOT MET";
	    v = $15 / $18; printf "- first run %.2fx today'"'"'s list, in pairs (target 1.30): %s\n", v, v <= 1.3 ? "met" : "NOT MET";
	    v = $19 / $20; printf "- first search %.2fx today'"'"'s search, in pairs (target 1.30): %s\n", v, v <= 1.3 ? "met" : "NOT MET";
	    v = $16 / $17; printf "- index %.2fx the corpus (target 0.60): %s\n", v, v <= 0.6 ? "met" : "NOT MET" }' "$T/summary"
	echo
	echo "What the index is and where its time goes: bench/README.md."
	echo
} >>"$OUT"

{
	echo "## Worst shapes"
	echo
	bench/worst.sh "$G"
	echo
} >>"$OUT"
echo "wrote $OUT" >&2
