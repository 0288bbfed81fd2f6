#!/usr/bin/env bash
# JMH micro-benchmarks of the hot loop (bench/src/main/java/io/darkscope/bench/DecodeBench.java):
# packets per second decoded, and decoded plus analysed, on one core.
#
#   bench/micro.sh [JMH OPTIONS]      (default: -f 1 -wi 3 -w 2s -i 5 -r 2s)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -q -B -DskipTests package) >&2
[ $# -gt 0 ] || set -- -f 1 -wi 3 -w 2s -i 5 -r 2s
java -cp "$root/bench/target/darkscope-bench.jar:$root/bench/target/lib/*" org.openjdk.jmh.Main DecodeBench "$@"
