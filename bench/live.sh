#!/usr/bin/env bash
# Live capture benchmark: the highest packet rate darkscope observe captures with zero drops,
# beside tcpdump -w /dev/null (its default 2 MiB buffer, and -B 65536 like darkscope's 64 MiB),
# on the same veth pair in the same run. tcpreplay sends from one network namespace, the
# capturer listens in another; the script makes both and removes them (also on Ctrl-C).
#
#   sudo bench/live.sh                   (rates 50K 100K 200K 400K packets/s and top speed, 60 s each)
#   RATES="100000 top" DURATION=20 sudo bench/live.sh
#
# Needs root, iproute2, tcpreplay and tcpdump. A trial is zero-loss when the capturer got every
# packet tcpreplay sent and libpcap counted no drop. The rate shown is what tcpreplay achieved:
# on a small machine the sender, not the capturer, is the limit (both share the cores).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rates="${RATES:-50000 100000 200000 400000 top}"
duration="${DURATION:-60}"
work="$root/bench/work/live"
jar="$root/darkscope-cli/target/darkscope-cli.jar"
ns_send="dslivea$$"; ns_capture="dsliveb$$"
mkdir -p "$work"
for tool in ip tcpreplay tcpdump; do command -v $tool >/dev/null || { echo "live.sh needs $tool" >&2; exit 1; }; done
[ "$(id -u)" = 0 ] || { echo "live.sh needs root (network namespaces)" >&2; exit 1; }

(cd "$root" && mvn -q -B -DskipTests package) >&2
echo "100.64.0.0/16" > "$work/darknet.txt"
input="$work/syn-100000.pcap"
[ -f "$input" ] || java -cp "$root/bench/target/darkscope-bench.jar:$root/bench/target/lib/*" io.darkscope.bench.BenchCapture "$input" 100000 10000 easy

pids=()
down() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for ns in $ns_send $ns_capture; do
    for p in $(ip netns pids $ns 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del $ns 2>/dev/null || true
  done
}
trap down EXIT
trap 'exit 130' INT TERM
ip netns add $ns_send; ip netns add $ns_capture
ip link add vethA netns $ns_send address 02:00:00:00:00:01 type veth peer name vethB netns $ns_capture address 02:00:00:00:00:02
for ns in $ns_send $ns_capture; do
  ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv4.ip_forward=0
  ip -n $ns link set lo up
done
ip -n $ns_send link set vethA up; ip -n $ns_capture link set vethB up

trial() { # tool rate -> prints "achieved_pps sent captured dropped"
  local tool=$1 rate=$2 log="$work/capture.log" pid
  rm -rf "$work/data" "$log"
  case $tool in
    darkscope) ip netns exec $ns_capture java -Xmx1g -jar "$jar" observe --interface vethB --darknet "$work/darknet.txt" \
                 --data "$work/data" --tz UTC --quiet > "$log" 2>&1 & ;;
    tcpdump) ip netns exec $ns_capture tcpdump -i vethB -s 128 -w /dev/null "dst net 100.64.0.0/16" > "$log" 2>&1 & ;;
    tcpdump-64MiB) ip netns exec $ns_capture tcpdump -i vethB -s 128 -B 65536 -w /dev/null "dst net 100.64.0.0/16" > "$log" 2>&1 & ;;
  esac
  pid=$!; pids+=($pid)
  for _ in $(seq 300); do grep -qE "observing|listening on" "$log" 2>/dev/null && break; sleep 0.1; done
  sleep 0.5
  local how="--topspeed --duration=$duration"
  [ "$rate" = top ] || how="--pps=$rate --limit=$((rate * duration))"
  ip netns exec $ns_send tcpreplay -i vethA $how --loop=0 --preload-pcap "$input" > "$work/send.out" 2>&1
  sleep 1.5
  kill -TERM $pid; wait $pid 2>/dev/null || true
  local sent achieved captured dropped
  sent=$(awk '/Successful packets:/{print $3}' "$work/send.out")
  achieved=$(awk '/Rated:/{print $(NF-1); exit}' "$work/send.out")
  if [ $tool = darkscope ]; then
    captured=$(sed -n 's/^frames: \([0-9,]*\);.*/\1/p' "$log" | tr -d ,)
    dropped=$(sed -n 's/^capture: .* received, \([0-9,]*\) dropped by the kernel, \([0-9,]*\) by the interface/\1+\2/p' "$log" | tr -d , | bc)
  else
    captured=$(awk '/packets captured/{print $1}' "$log")
    dropped=$(awk '/dropped by kernel/{k=$1} /dropped by interface/{i=$1} END{print k+i}' "$log")
  fi
  echo "${achieved:-0} ${sent:-0} ${captured:-0} ${dropped:-0}"
}

declare -A best
echo "tool           requested   achieved_pps        sent    captured   dropped  zero_loss" >&2
for rate in $rates; do
  for tool in darkscope tcpdump tcpdump-64MiB; do
    read -r achieved sent captured dropped < <(trial $tool $rate)
    ok=no; [ "$captured" = "$sent" ] && [ "$dropped" = 0 ] && ok=yes
    printf '%-14s %9s %14.0f %11s %11s %9s  %s\n' $tool $rate "$achieved" "$sent" "$captured" "$dropped" $ok >&2
    if [ $ok = yes ] && awk -v a="$achieved" -v b="${best[$tool]:-0}" 'BEGIN{exit !(a > b)}'; then best[$tool]=$achieved; fi
  done
done
echo
echo "highest zero-loss rate, $duration s per trial, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg):"
for tool in darkscope tcpdump tcpdump-64MiB; do
  awk -v t=$tool -v r="${best[$tool]:-0}" -v d="${best[darkscope]:-0}" \
    'BEGIN {printf "  %-14s %10.0f packets/s%s\n", t, r, (t == "darkscope" || r == 0) ? "" : sprintf("   darkscope/%s = %.2f", t, d / r)}'
done
