#!/usr/bin/env bash
# Scan-query benchmark: 'darkscope scans' over the outbreak day of bench/ingest.sh (20M packets
# from 2M sources, about 20M activity records), beside 'stats daily' on the same store and
# 'darkscope --version' (the JVM and picocli starting, which every command pays), in one run.
# Each command runs through bin/darkscope (its class archive), 5 times; the median is printed.
#
#   bench/scans.sh [PACKETS] [SOURCES]      (default 20000000 packets from 2000000 sources)
#
# The capture and its store stay in bench/work/ for later runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packets="${1:-20000000}"
sources="${2:-2000000}"
work="$root/bench/work"
capture="$work/outbreak-$packets.pcap"
data="$work/scans-data-$packets"
darkscope=("$root/bin/darkscope")
mkdir -p "$work"
(cd "$root" && mvn -q -B -DskipTests package) >&2
if [ ! -f "$capture" ]; then
  echo "writing $capture ($packets packets, $sources sources) ..." >&2
  java -cp "$root/bench/target/darkscope-bench.jar:$root/bench/target/lib/*" io.darkscope.bench.BenchCapture "$capture" "$packets" "$sources" outbreak >&2
fi
if [ ! -f "$data/darkscope.duckdb" ]; then
  echo "100.64.0.0/16" > "$work/darknet.txt"
  "${darkscope[@]}" ingest --data "$data" --darknet "$work/darknet.txt" --tz UTC "$capture" | grep "records read" >&2
fi
"${darkscope[@]}" --version > /dev/null # the class archive, made by the first run after a build

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { # name command...: median seconds of 5 runs
  local name="$1"; shift
  local runs=()
  for i in 1 2 3 4 5; do
    start=$(date +%s.%N); "$@" > /dev/null 2>&1; end=$(date +%s.%N)
    runs+=("$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f", e - s}')")
  done
  printf '%-50s %6s s   (runs: %s)\n' "$name" "$(printf '%s\n' "${runs[@]}" | median)" "${runs[*]}"
}
echo "store: $data ($(du -sh "$data/darkscope.duckdb" | cut -f1)), $(nproc) cores; target for scans: under 2 s"
timed "darkscope --version" "${darkscope[@]}" --version
timed "darkscope stats daily" "${darkscope[@]}" stats daily --data "$data" --format csv
timed "darkscope scans" "${darkscope[@]}" scans --data "$data" --format csv
timed "darkscope scans --port 23" "${darkscope[@]}" scans --data "$data" --port 23 --format csv
timed "darkscope scans --min-destinations 3 (reads all)" "${darkscope[@]}" scans --data "$data" --min-destinations 3 --format csv
