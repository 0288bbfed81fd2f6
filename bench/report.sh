#!/usr/bin/env bash
# Report benchmark: the whole 'darkscope report' command (JVM start, every query, the event
# scan, the charts, the HTML) for a full simulated year, in English and Japanese, and the PDF.
#
#   bench/report.sh [SCALE]          (default 0.0005: nicter-2016, about 25M packets, 366 days)
#
# The simulated year and its store are kept in bench/work/ for later runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-0.0005}"
work="$root/bench/work"
data="$work/report-data-$scale"
cli=(java -jar "$root/darkscope-cli/target/darkscope-cli.jar")
mkdir -p "$work"
(cd "$root" && mvn -q -B -DskipTests package) >&2
if [ ! -f "$data/darkscope.duckdb" ]; then
  mkdir -p "$data"
  "${cli[@]}" geo fetch --data "$data" >&2 || echo "no GeoIP data: countries will be unknown" >&2
  "${cli[@]}" simulate --scenario nicter-2016 --out "$work/report-year-$scale" --scale "$scale" --gzip --data "$data" | head -1
  "${cli[@]}" ingest --data "$data" --config "$work/report-year-$scale/darkscope.yaml" "$work/report-year-$scale/captures" \
    | grep "records read"
fi

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { # name command...: median seconds of 3 runs
  local name="$1"; shift
  local runs=()
  for i in 1 2 3; do
    start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N)
    runs+=("$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f", e - s}')")
  done
  printf '%-28s %6s s   (runs: %s)\n' "$name" "$(printf '%s\n' "${runs[@]}" | median)" "${runs[*]}"
}
echo "store: $data ($(du -sh "$data/darkscope.duckdb" | cut -f1)), $(nproc) cores; target: under 10 s"
timed "report --lang en" "${cli[@]}" report --data "$data" --year 2016 --out "$work/report-en.html"
timed "report --lang ja" "${cli[@]}" report --data "$data" --year 2016 --lang ja --out "$work/report-ja.html"
if command -v chromium >/dev/null 2>&1; then
  timed "report --lang ja --pdf" "${cli[@]}" report --data "$data" --year 2016 --lang ja --pdf --out "$work/report-ja.html"
fi
ls -la "$work"/report-en.html "$work"/report-ja.html "$work"/report-ja.pdf 2>/dev/null | awk '{print "  " $5 " bytes  " $9}'
