#!/usr/bin/env bash
# Analysis benchmark and quality: the event detector on a year of the nicter-2016 scenario
# (recall, precision, onset error against the scenario's scripted events, and the time of a
# full-year event scan), Japan's December spike on a larger-scale run of Nov-Dec, and Table 2
# for a day with millions of distinct sources (the ingest benchmark's day: 2.5M sources by default).
#
#   bench/analysis.sh            needs the GeoIP data: bin/darkscope geo fetch --data bench/work/geo-data
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/bench/work"
cli=(java -jar "$root/darkscope-cli/target/darkscope-cli.jar")
mkdir -p "$work"
(cd "$root" && mvn -q -B -DskipTests package) >&2
geo="$work/geo-data"
[ -f "$geo/geo/country.mmdb" ] || "${cli[@]}" geo fetch --data "$geo" >&2

evaluate() { # truth.json events.json -> recall, precision, onset errors
  python3 - "$1" "$2" <<'PY'
import json, sys, datetime
truth = json.load(open(sys.argv[1]))["events"]
found = json.load(open(sys.argv[2]))
d = lambda s: datetime.date.fromisoformat(s)
onsets = [e for e in truth if e["kind"] in ("onset", "spike")]
hits, errors = 0, []
for e in onsets:
    same = [f for f in found if f["key"] == e["key"]]
    best = min(same, key=lambda f: abs((d(f["onset"]) - d(e["date"])).days), default=None)
    if best and abs((d(best["onset"]) - d(e["date"])).days) <= 1:
        hits += 1; errors.append((d(best["onset"]) - d(e["date"])).days)
    print(f'  {e["key"]:14} scripted {e["date"]}  found {best["onset"] if best else "-"}')
keys = {e["key"] for e in onsets}
# a country's slice of a scripted outbreak (same port, within a week of its onset) is explained by it
def explained(f):
    if f["key"] in keys or f["key"] == "mirai":
        return True
    port = f["key"].split(" ")[-1]
    return any(abs((d(f["onset"]) - d(e["date"])).days) <= 7 and (e["key"] == port or e["key"].startswith("mirai"))
               for e in onsets if f["kind"] == "country-spike" or f["key"] == "23/tcp")
unexplained = [f for f in found if not explained(f)]
print(f"  recall {hits}/{len(onsets)}, found {len(found)} events, {len(unexplained)} unexplained:",
      ", ".join(f'{f["key"]} {f["onset"]}' for f in unexplained) or "none")
print(f"  onset errors (days): {errors}")
PY
}

echo "== a year of nicter-2016 at scale 0.0005"
rm -rf "$work/year" "$work/year-data" && mkdir -p "$work/year-data" && cp -r "$geo/geo" "$work/year-data/"
"${cli[@]}" simulate --scenario nicter-2016 --out "$work/year" --scale 0.0005 --gzip --data "$work/year-data" | head -1
"${cli[@]}" ingest --data "$work/year-data" --config "$work/year/darkscope.yaml" "$work/year/captures" | grep "records read"
start=$(date +%s.%N)
"${cli[@]}" events --data "$work/year-data" --min-sources 5 --format json > "$work/year-events.json"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN {printf "  event scan of the year (whole command): %.1f s\n", e - s}'
evaluate "$work/year/truth.json" "$work/year-events.json"

echo "== Japan's December spike: 15 Nov to 31 Dec at scale 0.02"
rm -rf "$work/japan" "$work/japan-data" && mkdir -p "$work/japan-data" && cp -r "$geo/geo" "$work/japan-data/"
"${cli[@]}" simulate --scenario nicter-2016 --out "$work/japan" --scale 0.02 --gzip --from 2016-11-15 --to 2016-12-31 \
  --data "$work/japan-data" | head -1
"${cli[@]}" ingest --data "$work/japan-data" --config "$work/japan/darkscope.yaml" "$work/japan/captures" | grep "records read"
"${cli[@]}" events --data "$work/japan-data" --format json > "$work/japan-events.json"
python3 - "$work/japan-events.json" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1])):
    if e["key"].startswith("JP "):
        print(f'  {e["key"]} {e["kind"]} onset {e["onset"]} peak {e["peak_date"]} ({e["peak_sources"]} sources, baseline {e["baseline"]}): {e["top_networks"][:2]}')
PY
"${cli[@]}" stats networks --data "$work/japan-data" --date 2016-12-07 --port 23/tcp --country JP --top 3

if [ -d "$work/data" ]; then
  echo "== Table 2 for the ingest benchmark's day (run bench/ingest.sh first)"
  cp -r "$geo/geo" "$work/data/" 2>/dev/null || true
  java -cp "$root/bench/target/darkscope-bench.jar:$root/bench/target/lib/*" io.darkscope.bench.Table2Bench "$work/data" \
    2016-09-20 23/tcp,2323/tcp | sed 's/^/  /'
  start=$(date +%s.%N)
  "${cli[@]}" stats countries --data "$work/data" --date 2016-09-20 --port 23/tcp,2323/tcp --top 5 > /dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {printf "  stats countries, the whole command (JVM, store and database loading): %.1f s\n", e - s}'
fi
