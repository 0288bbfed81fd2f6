#!/usr/bin/env bash
# Simulator benchmark: writes 45 days of the nicter-2016 scenario (September to mid-October 2016)
# and prints the packets written per second, beside tcpdump reading the same captures back.
#
#   bench/simulate.sh [SCALE]          (default 0.002: about 19M packets, 1.5 GB)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-0.002}"
out="$root/bench/work/simulation"
(cd "$root" && mvn -q -B -DskipTests package) >&2
rm -rf "$out"
java -jar "$root/darkscope-cli/target/darkscope-cli.jar" simulate --scenario nicter-2016 --out "$out" --scale "$scale" \
  --from 2016-09-01 --to 2016-10-15 | head -1
if command -v tcpdump >/dev/null 2>&1; then
  start=$(date +%s.%N)
  for f in "$out"/captures/*.pcap; do tcpdump -r "$f" -w /dev/null 2>/dev/null; done
  end=$(date +%s.%N)
  packets=$(python3 -c "import json; print(sum(d['packets']['total'] for d in json.load(open('$out/truth.json'))['days']))")
  awk -v p="$packets" -v s="$start" -v e="$end" 'BEGIN {printf "tcpdump reading them back: %.1f s (%.0f packets/s)\n", e - s, p / (e - s)}'
fi
du -sh "$out/captures"
rm -rf "$out"
