#!/usr/bin/env bash
# Flink benchmark: the 20M-packet capture of bench/ingest.sh (easy by default) counted four ways in
# one run, each into a new store with every analysis:
#   ingest         darkscope ingest, one process, one decoding thread per core (and with --workers 1)
#   flink p1, p2   darkscope flink --local --files: the bounded Flink job on a MiniCluster in the
#                  same JVM, 1 and 2 tasks of one decoding thread each
#   kafka          darkscope ingest --kafka (a sensor publishing the frames to a local KRaft broker,
#                  2 partitions), then darkscope flink --local --kafka --stop-at-end (2 tasks)
# The job reads one split per file, so the capture is first cut into 4 files (editcap), which every
# way reads. Each way runs once (the machine is shared: compare ratios, not absolute rates); the
# seconds are the whole command (JVM and MiniCluster start, commit, event detection).
#
#   bench/flink.sh [PACKETS] [easy|outbreak]       (default 20000000 easy)
#
# Needs editcap (Debian: wireshark-common). The inputs stay in bench/work/; the broker's log
# (about the size of the capture) is deleted at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packets="${1:-20000000}"
input="${2:-easy}"
work="$root/bench/work"
heap="${DARKSCOPE_BENCH_HEAP:-2g}"
jar="$root/darkscope-cli/target/darkscope-cli.jar"
bench="$root/bench/target/darkscope-bench.jar:$root/bench/target/lib/*"
capture="$work/$input-$packets.pcap"
split="$work/flink-$input-$packets"
mkdir -p "$work"

(cd "$root" && mvn -q -B -DskipTests package) >&2
echo "100.64.0.0/16" > "$work/darknet.txt"
if [ ! -f "$capture" ]; then
  echo "writing $capture ($packets packets) ..." >&2
  java -cp "$bench" io.darkscope.bench.BenchCapture "$capture" "$packets" 2000000 "$input"
fi
if [ ! -d "$split" ]; then
  mkdir -p "$split.tmp" && editcap -c $(( (packets + 3) / 4 )) "$capture" "$split.tmp/$input.pcap" && mv "$split.tmp" "$split"
fi
cat "$split"/* > /dev/null # warm the page cache for every way alike

broker_pid=
trap '[ -n "$broker_pid" ] && kill "$broker_pid" 2>/dev/null; rm -rf "$work/kafka"' EXIT
counting=(--darknet "$work/darknet.txt" --tz UTC)
declare -A seconds job darknet
way() { # key darkscope-arguments...
  local key="$1"; shift
  rm -rf "$work/data"
  local start end
  start=$(date +%s.%N)
  java -Xmx"$heap" -jar "$jar" "$@" > "$work/last.out" 2>&1 || { cat "$work/last.out" >&2; return 1; }
  end=$(date +%s.%N)
  seconds[$key]=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
  job[$key]=$(sed -n 's/^flink job finished in \([0-9.]*\) s.*/\1/p' "$work/last.out")
  darknet[$key]=$(sed -n 's/^darknet packets: \([0-9,]*\).*/\1/p' "$work/last.out" | head -1)
  echo "  $key: ${seconds[$key]} s, darknet packets ${darknet[$key]}" >&2
}

way "ingest" ingest --data "$work/data" "${counting[@]}" "$split"
way "ingest w1" ingest --data "$work/data" "${counting[@]}" --workers 1 "$split"
way "flink p1" flink --local --files "$split" --data "$work/data" "${counting[@]}" --parallelism 1
way "flink p2" flink --local --files "$split" --data "$work/data" "${counting[@]}" --parallelism 2

rm -rf "$work/kafka" "$work/publisher" "$work/broker.out"
java -Xmx1g -cp "$bench" io.darkscope.bench.BenchBroker "$work/kafka" frames 2 > "$work/broker.out" 2> "$work/broker.err" &
broker_pid=$!
until [ -s "$work/broker.out" ]; do kill -0 "$broker_pid" || { cat "$work/broker.err" >&2; exit 1; }; sleep 0.5; done
brokers=$(head -1 "$work/broker.out")
way "publish" ingest --kafka "$brokers" --topic frames --data "$work/publisher" "$split"
way "kafka p2" flink --local --kafka "$brokers" --topic frames --stop-at-end --data "$work/data" "${counting[@]}" --parallelism 2

echo
echo "$packets packets ($input, cut in 4 files), $(nproc) cores, heap $heap; one run each"
printf '%-10s %9s %12s %13s %16s\n' way seconds packets/s "job seconds" "rate vs ingest"
for key in "ingest" "ingest w1" "flink p1" "flink p2" "publish" "kafka p2"; do
  awk -v k="$key" -v s="${seconds[$key]}" -v j="${job[$key]:--}" -v p="$packets" -v b="${seconds[ingest]}" \
    'BEGIN {printf "%-10s %9.2f %12.0f %13s %15.2fx\n", k, s, p / s, j, b / s}'
done
awk -v p="$packets" -v a="${seconds[publish]}" -v b="${seconds[kafka p2]}" \
  'BEGIN {printf "kafka end to end (publish, then the job): %.2f s, %.0f packets/s\n", a + b, p / (a + b)}'
