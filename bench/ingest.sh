#!/usr/bin/env bash
# Ingest benchmark: darkscope's full ingest (every statistic, committed to the store) beside
# tcpdump merely reading the same file and libtrace's tracestats / tracereport -p -P, in one run.
#
#   bench/ingest.sh [PACKETS] [SOURCES]      (default 20000000 packets from 2000000 sources)
#
# Needs tcpdump and libtrace-tools (Debian: apt-get install tcpdump libtrace-tools); a peer that
# is missing is skipped. Each tool runs 3 times on a warm page cache; the median is printed.
# The file (about 1.4 GB for 20M packets) is kept in bench/work/ for later runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packets="${1:-20000000}"
sources="${2:-2000000}"
work="$root/bench/work"
capture="$work/scan-${packets}.pcap"
heap="${DARKSCOPE_BENCH_HEAP:-1g}"
mkdir -p "$work"
cd "$work" # tracereport writes its .rpt files into the working directory

(cd "$root" && mvn -q -B -DskipTests package) >&2
if [ ! -f "$capture" ]; then
  echo "writing $capture ($packets packets, $sources sources) ..." >&2
  java -cp "$root/bench/target/darkscope-bench.jar:$root/bench/target/lib/*" io.darkscope.bench.BenchCapture "$capture" "$packets" "$sources"
fi
echo "100.64.0.0/16" > "$work/darknet.txt"
cat "$capture" > /dev/null # warm the page cache for every tool alike

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { # prints "seconds peak_rss_kb" of one run of the command
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/last.out" 2>&1 || { cat "$work/last.out" >&2; return 1; }
  cat "$work/time.txt"
}

declare -A seconds rss
run() { # name command...
  local name="$1"; shift
  if ! command -v "$1" >/dev/null 2>&1; then echo "skipping $name: $1 not installed" >&2; return; fi
  local runs=() mem=0
  for i in 1 2 3; do
    [ "$name" = darkscope ] && rm -rf "$work/data"
    read -r s m < <(timed "$@")
    runs+=("$s"); mem=$(( m > mem ? m : mem ))
  done
  seconds[$name]=$(printf '%s\n' "${runs[@]}" | median)
  rss[$name]=$mem
}

run darkscope java -Xmx"$heap" -jar "$root/darkscope-cli/target/darkscope-cli.jar" ingest --data "$work/data" \
  --darknet "$work/darknet.txt" --tz UTC "$capture"
grep -E "records read|darknet packets" "$work/last.out" | sed 's/^/  darkscope: /' >&2
run tcpdump tcpdump -r "$capture" -w /dev/null
run tracestats tracestats "pcapfile:$capture"
run tracereport tracereport -p -P "pcapfile:$capture"
rm -f "$work"/*.rpt 2>/dev/null || true

echo
echo "input: $capture ($packets packets, $(du -hL "$capture" | cut -f1)), $(nproc) cores, darkscope heap $heap"
printf '%-12s %10s %14s %12s %18s\n' tool seconds packets/s peak_rss_MB "rate vs darkscope"
base="${seconds[darkscope]}"
for name in darkscope tcpdump tracestats tracereport; do
  [ -n "${seconds[$name]:-}" ] || continue
  s="${seconds[$name]}"
  awk -v n="$name" -v s="$s" -v p="$packets" -v r="${rss[$name]}" -v b="$base" \
    'BEGIN {printf "%-12s %10.2f %14.0f %12.0f %17.2fx\n", n, s, p / s, r / 1024, b / s}'
done
echo "(darkscope's time is the whole command: JVM start, ingest, commit to DuckDB, exit.)"
