#!/usr/bin/env bash
# Runs every test of 502 Desk on a fresh machine: installs Chromium when it is missing, checks formatting,
# runs all test projects, and ends with one line of totals such as "120 passed, 0 failed".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${KB_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests ..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

dotnet restore KB.sln -nologo
echo "Checking formatting ..."
dotnet format KB.sln --verify-no-changes --no-restore

results=artifacts/test-results
rm -rf "$results"
set +e
dotnet test KB.sln --no-restore -nologo --logger trx --results-directory "$results"
status=$?
set -e

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  count() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed)))
  skipped=$((skipped + $(count notExecuted)))
done
[ "$status" = 0 ] || echo "dotnet test exited with $status"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
