#!/bin/sh
# Run each fuzzer for SECONDS (default 60) on the committed seed corpus
# (fuzz/corpus/TARGET) plus what earlier runs found (fuzz/corpus-run/,
# not committed).  Crashes go to build/fuzz/; the exit status is non-zero
# if any target found one.  Prints executions and coverage per target.
set -u
out=${FUZZ_OUT:-build/fuzz} # logs and crashes
bin=${FUZZ_BIN:-build/fuzz} # the fuzzers
secs=${SECONDS_PER_TARGET:-${1:-60}}
cd "$(dirname "$0")/.."
status=0
for t in ${TARGETS:-loader render query markup}; do
	mkdir -p "fuzz/corpus-run/$t" "$out"
	log=$out/$t.log
	dict=fuzz/yaml.dict # a target's own dictionary, if it has one
	[ -f "fuzz/$t.dict" ] && dict=fuzz/$t.dict
	"$bin/fuzz_$t" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=2048 -dict="$dict" -print_final_stats=1 \
	    -artifact_prefix="$out/" "fuzz/corpus-run/$t" \
	    "fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" |
	    grep -o '[0-9]*$')
	cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -o 'cov: [0-9]*' |
	    grep -o '[0-9]*')
	ft=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -o 'ft: [0-9]*' |
	    grep -o '[0-9]*')
	echo "fuzz_$t: ${secs}s, ${execs:-?} executions, cov ${cov:-?}," \
	    "features ${ft:-?}, exit $rc"
	if [ $rc -ne 0 ]; then
		status=1
		grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
	fi
done
exit $status
