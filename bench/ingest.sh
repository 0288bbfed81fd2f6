#!/usr/bin/env bash
# Ingest benchmark: darkscope's whole ingest command (every analysis, committed to the store) beside
# tcpdump merely reading the same file and libtrace's tracestats and tracereport -p -P, in one run,
# on inputs of one day each to a /16 from 2M sources drawn uniformly:
#   easy      20M packets, 90% TCP SYN (a tenth to random ports), 8% UDP to 7 ports, 2% ICMP
#   outbreak  20M packets, Mirai's peak day: 90% TCP SYN with sequence = destination to 16 ports,
#             8% UDP to 53413, 2% ICMP (about 10M distinct (port, source) pairs)
#   hourly    the outbreak day as 24 hourly gzip files in a directory (editcap -i 3600, gzip -6),
#             against zcat FILE | tcpdump -r - -w /dev/null file after file
#
#   bench/ingest.sh [PACKETS] [SOURCES]      (default 20000000 packets from 2000000 sources)
#
# Needs tcpdump, libtrace-tools and editcap (Debian: apt-get install tcpdump libtrace-tools
# wireshark-common); a peer that is missing is skipped. Each tool runs 3 times on a warm page
# cache; the median is printed, with the peak RSS. DARKSCOPE_BENCH_JAR names another
# darkscope-cli.jar to time beside this one (an older build, for a before/after);
# DARKSCOPE_BENCH_INPUTS a subset of the inputs. This build runs with the options bin/darkscope
# gives an ingest (the parallel collector, the heap on huge pages), the other with Java's defaults,
# as its launcher ran it. The inputs (about 1.4 GB each) stay in bench/work/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packets="${1:-20000000}"
sources="${2:-2000000}"
work="$root/bench/work"
heap="${DARKSCOPE_BENCH_HEAP:-1g}"
inputs="${DARKSCOPE_BENCH_INPUTS:-easy outbreak hourly}" # a subset, e.g. DARKSCOPE_BENCH_INPUTS=hourly
jar="$root/darkscope-cli/target/darkscope-cli.jar"
mkdir -p "$work"
cd "$work" # tracereport writes its .rpt files into the working directory

(cd "$root" && mvn -q -B -DskipTests package) >&2
echo "100.64.0.0/16" > "$work/darknet.txt"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { # prints "seconds peak_rss_kb" of one run of the command
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/last.out" 2>&1 || { cat "$work/last.out" >&2; return 1; }
  cat "$work/time.txt"
}

# the tools of an input take turns, three rounds, so that each gets the same minutes of a machine
# whose speed drifts; a tool's figure is the median of its three runs, its RSS the highest
declare -A runs rss seconds
run() { # key command...: one run
  local key="$1"; shift
  if ! command -v "$1" >/dev/null 2>&1; then
    [ "$round" -gt 1 ] || echo "skipping $key: $1 not installed" >&2
    return
  fi
  rm -rf "$work/data"
  read -r s m < <(timed "$@")
  runs[$key]="${runs[$key]:-} $s"
  rss[$key]=$(( m > ${rss[$key]:-0} ? m : ${rss[$key]:-0} ))
  seconds[$key]=$(printf '%s\n' ${runs[$key]} | median)
}
rounds() { # FUNCTION ARGS...: calls it in rounds 1 to 3
  for round in 1 2 3; do "$@"; done
}

batch="-XX:+UseParallelGC -XX:+UseTransparentHugePages -Xlog:pagesize=off" # as bin/darkscope runs an ingest

darkscope() { # key jar capture [JVM options]
  run "$1" java -Xmx"$heap" ${4:-} -jar "$2" ingest --data "$work/data" --darknet "$work/darknet.txt" --tz UTC "$3"
  [ "$round" -gt 1 ] || grep -E "records read|darknet packets" "$work/last.out" | sed "s|^|  $1: |" >&2
}

hourly() { # the outbreak capture cut into hourly gzip files, once
  local dir="$work/hourly-$packets"
  if [ ! -d "$dir" ]; then
    echo "cutting the outbreak day into hourly gzip files in $dir ..." >&2
    mkdir -p "$dir.tmp"
    editcap -i 3600 "$(capture outbreak)" "$dir.tmp/hour.pcap"
    find "$dir.tmp" -name '*.pcap' -print0 | xargs -0 -P "$(nproc)" -n 1 gzip -6
    mv "$dir.tmp" "$dir"
  fi
  cat "$dir"/*.gz > /dev/null
  rounds hourly_round "$dir"
}

hourly_round() { # one run of each tool on the hourly files
  local dir="$1"
  darkscope hourly/darkscope "$jar" "$dir" "$batch"
  if [ -n "${DARKSCOPE_BENCH_JAR:-}" ]; then darkscope hourly/before "$DARKSCOPE_BENCH_JAR" "$dir"; fi
  run hourly/tcpdump sh -c 'for f in "$0"/*.gz; do zcat "$f" | tcpdump -r - -w /dev/null 2>/dev/null; done' "$dir"
  local uris=()
  for f in "$dir"/*.gz; do uris+=("pcapfile:$f"); done
  run hourly/tracestats tracestats "${uris[@]}"
}

capture() { # the capture file of easy or outbreak, written once
  local file="$work/$1-$packets.pcap"
  if [ ! -f "$file" ]; then
    echo "writing $file ($packets packets, $sources sources) ..." >&2
    java -cp "$root/bench/target/darkscope-bench.jar:$root/bench/target/lib/*" io.darkscope.bench.BenchCapture "$file" "$packets" "$sources" "$1" >&2
  fi
  echo "$file"
}

single() { # easy or outbreak: one capture file
  local input="$1" capture
  capture="$(capture "$1")"
  cat "$capture" > /dev/null # warm the page cache for every tool alike
  rounds single_round "$input" "$capture"
}

single_round() { # one run of each tool on one capture file
  local input="$1" capture="$2"
  darkscope "$input/darkscope" "$jar" "$capture" "$batch"
  if [ -n "${DARKSCOPE_BENCH_JAR:-}" ]; then darkscope "$input/before" "$DARKSCOPE_BENCH_JAR" "$capture"; fi
  run "$input/tcpdump" tcpdump -r "$capture" -w /dev/null
  run "$input/tracestats" tracestats "pcapfile:$capture"
  run "$input/tracereport" tracereport -p -P "pcapfile:$capture"
  rm -f "$work"/*.rpt 2>/dev/null || true
}

for input in $inputs; do
  case "$input" in
    hourly)
      if command -v editcap >/dev/null 2>&1; then hourly; else echo "skipping hourly: editcap not installed (wireshark-common)" >&2; fi ;;
    *) single "$input" ;;
  esac
done

echo
echo "$packets packets a day from $sources sources, $(nproc) cores, darkscope heap $heap; median of 3 runs (the tools in turn), warm page cache"
printf '%-9s %-12s %9s %12s %12s %16s\n' input tool seconds packets/s peak_rss_MB "rate vs tcpdump"
for input in $inputs; do
  base="${seconds[$input/tcpdump]:-}"
  for tool in darkscope before tcpdump tracestats tracereport; do
    key="$input/$tool"
    [ -n "${seconds[$key]:-}" ] || continue
    awk -v i="$input" -v n="$tool" -v s="${seconds[$key]}" -v p="$packets" -v r="${rss[$key]}" -v b="$base" \
      'BEGIN {printf "%-9s %-12s %9.2f %12.0f %12.0f %15s\n", i, n, s, p / s, r / 1024, b == "" ? "-" : sprintf("%.2fx", b / s)}'
  done
done
echo "(darkscope's time is the whole command: JVM start, ingest, commit to DuckDB, event detection, exit;"
echo " hourly's tcpdump is zcat FILE | tcpdump -r - -w /dev/null for each of the 24 files.)"
