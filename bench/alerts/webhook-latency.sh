#!/usr/bin/env bash
# Latency of POST /api/alerts/alertmanager beside GET /healthz, in one run against the published app (Production,
# a new SQLite file), with wrk (installed with apt-get when missing). Goal: webhook p95 <= 100 ms.
#   bench/alerts/webhook-latency.sh [CONNECTIONS] [SECONDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
connections=${1:-8}; seconds=${2:-10}; threads=$(( connections < 2 ? 1 : 2 )); port=5875; url="http://127.0.0.1:$port"
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export TOKEN=bench-token-0123456789abcdef
if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -qq wrk >/dev/null
fi
(cd "$root" && dotnet publish src/KB.Web -c Release -o "$work/app" -nologo -v q >/dev/null)
(cd "$work/app" && ConnectionStrings__KB="Data Source=$work/kb.db" KB__ContentPath="$root/content" KB__ApiTokens__0=$TOKEN \
   KB__RateLimits__ApiPerMinute=100000000 ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=$url exec ./KB.Web >"$work/app.log" 2>&1) &
until curl -fs -o /dev/null "$url/healthz"; do sleep 0.1; done
# Warm up both paths (JIT, connection pool, first triage), then measure each in turn with the same load.
wrk -t$threads -c"$connections" -d3s -s "$here/post-alert.lua" "$url/api/alerts/alertmanager" >/dev/null
wrk -t$threads -c"$connections" -d3s -s "$here/get-healthz.lua" "$url/healthz" >/dev/null
echo "wrk -t$threads -c$connections -d${seconds}s, $(nproc) cores"
printf 'GET /healthz:                   %s' "$(wrk -t$threads -c"$connections" -d"${seconds}s" -s "$here/get-healthz.lua" "$url/healthz" | tail -1)"; echo
printf 'POST /api/alerts/alertmanager:  %s' "$(wrk -t$threads -c"$connections" -d"${seconds}s" -s "$here/post-alert.lua" "$url/api/alerts/alertmanager" | tail -1)"; echo
pending=$(sqlite3 "$work/kb.db" "SELECT count(*) FROM alert_inbox WHERE processed_at IS NULL" 2>/dev/null || echo "?")
echo "inbox items still waiting for the processor at the end: $pending"
