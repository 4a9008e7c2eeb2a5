#!/bin/sh
# Run each fuzzer for SECONDS (default 60) on the committed seed corpus
# (fuzz/corpus/TARGET) plus what earlier runs found (fuzz/corpus-run/,
# not committed).  Crashes go to build/fuzz/; the exit status is non-zero
# if any target found one.  Prints executions and coverage per target.
# JOBS targets (default: the number of cores) run at a time.
set -u
out=${FUZZ_OUT:-build/fuzz} # logs and crashes
bin=${FUZZ_BIN:-build/fuzz} # the fuzzers
secs=${SECONDS_PER_TARGET:-${1:-60}}
cd "$(dirname "$0")/.."
njobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
targets=${TARGETS:-loader render query markup tvalpack}

# fuzz TARGET: run it; write its report to $out/TARGET.report and fail
# if it found something.
fuzz() {
	t=$1
	mkdir -p "fuzz/corpus-run/$t"
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
	{
		echo "fuzz_$t: ${secs}s, ${execs:-?} executions, cov ${cov:-?}," \
		    "features ${ft:-?}, exit $rc"
		[ $rc -eq 0 ] ||
		    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
	} >"$out/$t.report"
	return $rc
}

# The targets run JOBS at a time (target i in slot i mod JOBS, one core
# each); the reports follow in the order of TARGETS.
mkdir -p "$out"
for t in $targets; do
	rm -f "$out/$t.report"
done
pids=
k=0
while [ "$k" -lt "$njobs" ]; do
	(
		st=0
		n=0
		for t in $targets; do
			[ $((n % njobs)) -eq "$k" ] && { fuzz "$t" || st=1; }
			n=$((n + 1))
		done
		exit $st
	) &
	pids="$pids $!"
	k=$((k + 1))
done
status=0
for pid in $pids; do
	wait "$pid" || status=1
done
for t in $targets; do
	cat "$out/$t.report" 2>/dev/null || {
		echo "fuzz_$t: no report"
		status=1
	}
done
exit $status
