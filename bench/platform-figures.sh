#!/usr/bin/env bash
# Cold build, publish size and start-up time of two checkouts of 502 Desk, side by side in one run, and the
# article page's requests/s against the same Kestrel serving /app.css (wrk, installed with apt-get when missing).
#   bench/platform-figures.sh OLD_CHECKOUT NEW_CHECKOUT
set -euo pipefail
old=$(cd "$1" && pwd); new=$(cd "$2" && pwd)
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
password='correct horse battery staple 9'

cold_build() { # seconds for a build with no bin/obj (packages already restored once)
  (cd "$1" && find . -name bin -o -name obj | grep -E '/(bin|obj)$' | xargs rm -rf && dotnet restore KB.sln -nologo -v q >/dev/null)
  local start=$(date +%s.%N); (cd "$1" && dotnet build KB.sln --no-restore -c Release -nologo -v q >/dev/null); echo "$(date +%s.%N) - $start" | bc
}

start_ms() { # milliseconds from exec to the first 200 of /healthz, on a new database
  local dir=$1 port=$2; rm -f "$work/start.db"*
  local start=$(date +%s%N)
  (cd "$dir" && ConnectionStrings__KB="Data Source=$work/start.db" KB__Admin__Email=a@example.test KB__Admin__Password="$password" \
     ASPNETCORE_URLS=http://127.0.0.1:$port exec ./KB.Web >/dev/null 2>&1) & local pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.01; done
  echo $(( ($(date +%s%N) - start) / 1000000 )); kill $pid; wait $pid 2>/dev/null || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '| | %s | %s |\n| --- | --- | --- |\n' "$(git -C "$old" log -1 --format=%h)" "$(git -C "$new" log -1 --format=%h)"
b_old=$(cold_build "$old"); b_new=$(cold_build "$new")
printf '| cold build of KB.sln (Release) | %.0f s | %.0f s |\n' "$b_old" "$b_new"
(cd "$old" && dotnet publish src/KB.Web -c Release -o "$work/old" -nologo -v q >/dev/null)
(cd "$new" && dotnet publish src/KB.Web -c Release -o "$work/new" -nologo -v q >/dev/null)
printf '| publish folder without content/ | %s | %s |\n' "$(du -sh --exclude=content "$work/old" | cut -f1)" "$(du -sh --exclude=content "$work/new" | cut -f1)"
s_old=$(for i in 1 2 3 4 5; do start_ms "$work/old" 5871; done | median)
s_new=$(for i in 1 2 3 4 5; do start_ms "$work/new" 5872; done | median)
printf '| start-up to first /healthz 200, new database (median of 5) | %s ms | %s ms |\n' "$s_old" "$s_new"

if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -qq wrk >/dev/null
fi
for side in old new; do
  port=$([ $side = old ] && echo 5873 || echo 5874)
  rm -f "$work/wrk.db"*
  (cd "$work/$side" && ConnectionStrings__KB="Data Source=$work/wrk.db" KB__Admin__Email=a@example.test KB__Admin__Password="$password" \
     ASPNETCORE_URLS=http://127.0.0.1:$port exec ./KB.Web >/dev/null 2>&1) & pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.05; done
  jar="$work/jar-$side"
  curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/account/signin" -o "$work/signin.html"
  token=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' "$work/signin.html" | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "_handler=sign-in" \
    --data-urlencode "Form.Email=a@example.test" --data-urlencode "Form.Password=$password" "http://127.0.0.1:$port/account/signin"
  cookie=$(awk '$6 == "kb_session" {printf "%s=%s", $6, $7}' "$jar")
  for path in /app.css /kb/upstream-timeout; do
    wrk -t2 -c32 -d10s -H "Cookie: $cookie" "http://127.0.0.1:$port$path" >/dev/null # warm-up
    rps=$(wrk -t2 -c32 -d15s -H "Cookie: $cookie" "http://127.0.0.1:$port$path" | awk '/Requests\/sec/ {print $2}')
    echo "$side $path $rps" >> "$work/rps"
  done
  kill $pid; wait $pid 2>/dev/null || true
done
for path in /app.css /kb/upstream-timeout; do
  printf '| %s requests/s (wrk, 2 threads, 32 connections, signed in) | %s | %s |\n' "$path" \
    "$(awk -v p=$path '$1=="old" && $2==p {print $3}' "$work/rps")" "$(awk -v p=$path '$1=="new" && $2==p {print $3}' "$work/rps")"
done
