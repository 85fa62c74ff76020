#!/usr/bin/env bash
# Soak test of the published app on this machine: triage calls of 2,000-line pastes and page views, sampling the
# server's resident memory and each request's latency. Loopback only; bounded in count.
# Usage: scripts/soak.sh [TRIAGE_CALLS] [PAGE_VIEWS]   (default 10000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."

triage_calls=${1:-10000}
page_views=${2:-10000}
port=${KB_SOAK_PORT:-5391}
token="soak-token-0123456789abcdef"
out=artifacts/soak
rm -rf "$out"; mkdir -p "$out/data"

dotnet publish src/KB.Web -c Release -o "$out/app" -nologo -v q
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
  ConnectionStrings__KB="Data Source=$PWD/$out/data/kb.db" \
  KB__Admin__Email=soak@example.test KB__Admin__Password=soak-password-0123456789 \
  KB__ApiTokens__0="$token" KB__RateLimits__ApiPerMinute=1000000 \
  dotnet "$out/app/KB.Web.dll" >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

# A 2,000-line paste: access-log noise with a few error lines of different causes.
python3 - "$out/paste.json" <<'PY'
import json, sys
lines = []
for i in range(2000):
    if i % 400 == 7:
        lines.append('2024/05/14 09:12:03 [error] 2817#2817: *%d connect() failed (111: Connection refused) while connecting to upstream, upstream: "http://10.0.3.12:8080/cart"' % i)
    elif i % 400 == 207:
        lines.append('2024/05/14 09:12:04 [error] 2817#2817: *%d upstream timed out (110: Connection timed out) while reading response header from upstream' % i)
    else:
        lines.append('10.0.0.%d - - [14/May/2024:09:12:02 +0000] "GET /cart/%d HTTP/1.1" 502 157 "-" "Mozilla/5.0"' % (i % 250, i))
json.dump({"text": "\n".join(lines)}, open(sys.argv[1], "w"))
PY

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
echo "phase,request,latency_ms,rss_kb" >"$out/samples.csv"
run() {
  local phase=$1 count=$2 every=$(( $2 / 20 > 0 ? $2 / 20 : 1 ))
  shift 2
  local failures=0
  for i in $(seq 1 "$count"); do
    local result
    result=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$@" "$(url "$phase" "$i")")
    local code=${result%% *} seconds=${result##* }
    [ "$code" = 200 ] || failures=$((failures + 1))
    echo "$phase,$i,$(awk -v s="$seconds" 'BEGIN {printf "%.1f", s * 1000}'),$([ $((i % every)) = 0 ] && rss || echo)" >>"$out/samples.csv"
  done
  echo "$phase: $count requests, $failures not 200"
}
pages=(/kb /kb/dns-resolution /kb/upstream-timeout /search?q=timeout /triage /healthz)
url() { if [ "$1" = triage ]; then echo "http://127.0.0.1:$port/api/triage"; else echo "http://127.0.0.1:$port${pages[$(($2 % ${#pages[@]}))]}"; fi; }

echo "start rss_kb $(rss)"
run triage "$triage_calls" -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" --data-binary "@$out/paste.json"
run page "$page_views" -H "Authorization: Bearer $token"
echo "end rss_kb $(rss)"

# Latency per tenth of each phase (median and p99) and memory at each sample: flat memory and steady latency are the point.
python3 - "$out/samples.csv" <<'PY'
import csv, sys, statistics
rows = list(csv.DictReader(open(sys.argv[1])))
for phase in ("triage", "page"):
    part = [r for r in rows if r["phase"] == phase]
    if not part: continue
    tenth = max(1, len(part) // 10)
    print(f"{phase}: tenth, p50 ms, p99 ms, last rss MB")
    for t in range(0, len(part), tenth):
        chunk = part[t:t + tenth]
        lat = sorted(float(r["latency_ms"]) for r in chunk)
        rss = [int(r["rss_kb"]) for r in chunk if r["rss_kb"]]
        print(f"  {t // tenth + 1:>2}, {statistics.median(lat):7.1f}, {lat[min(len(lat) - 1, int(len(lat) * 0.99))]:7.1f}, {rss[-1] / 1024 if rss else float('nan'):6.1f}")
PY
