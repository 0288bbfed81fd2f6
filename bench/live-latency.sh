#!/usr/bin/env bash
# Live latency: how long after a packet reaches darkscope observe it shows in the live series
# (/api/live, the feed the dashboard draws). A sensor reads a pcap stream on standard input
# with the API served; the script writes one darknet packet at a time, stamped with the wall
# clock, and times its arrival as a server-sent sample, ten times.
#
#   bench/live-latency.sh [TRIALS]
#
# Needs python3; no root, no network beyond 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trials="${1:-10}"
work="$(mktemp -d)"; port=$((20000 + RANDOM % 20000))
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$root" && mvn -q -B -DskipTests package) >&2
echo "100.64.0.0/16" > "$work/darknet.txt"
mkfifo "$work/capture"
java -jar "$root/darkscope-cli/target/darkscope-cli.jar" observe - --darknet "$work/darknet.txt" --data "$work/data" --tz UTC \
  --serve --port "$port" --quiet < "$work/capture" > "$work/observe.log" 2>&1 &
python3 - "$work/capture" "$port" "$trials" <<'PY'
import socket, struct, sys, time, json, threading
fifo, port, trials = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
out = open(fifo, 'wb', buffering=0)
out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))  # pcap header, raw IP
def packet(seq):
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 40, seq, 0, 64, 6, 0, socket.inet_aton('198.51.100.7'), socket.inet_aton('100.64.0.9'))
    tcp = struct.pack('!HHIIBBHHH', 40000, 23, seq, 0, 0x50, 0x02, 1024, 0, 0)
    now = time.time()
    return struct.pack('<IIII', int(now), int((now % 1) * 1e6), 40, 40) + ip + tcp
for _ in range(300):  # wait for the server
    try:
        s = socket.create_connection(('127.0.0.1', port)); break
    except OSError:
        time.sleep(0.1)
s.sendall(b'GET /api/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n')
arrived = []; lock = threading.Condition()
def read():
    buf = b''
    while True:
        data = s.recv(65536)
        if not data: return
        buf += data
        while b'\n' in buf:
            line, buf = buf.split(b'\n', 1)
            if line.startswith(b'data:'):
                sample = json.loads(line[5:])
                if sample.get('tcp', 0) > 0:
                    with lock:
                        arrived.append(time.time()); lock.notify_all()
threading.Thread(target=read, daemon=True).start()
time.sleep(3)  # the samples of the last hour first: none yet
latencies = []
for i in range(trials):
    with lock:
        before = len(arrived)
    sent = time.time(); out.write(packet(i + 1))
    with lock:
        lock.wait_for(lambda: len(arrived) > before, timeout=30)
        latencies.append(arrived[before] - sent if len(arrived) > before else float('inf'))
    time.sleep(2.5)
latencies.sort()
print('packet to live series over %d packets: median %.2f s, worst %.2f s' % (trials, latencies[len(latencies) // 2], latencies[-1]))
PY
