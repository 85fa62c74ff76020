#!/usr/bin/env bash
# Runs every test of 502 Desk on a fresh machine: installs Chromium, Redis, nginx and PostgreSQL when they are missing,
# checks formatting and that the migrations cover the model, runs all test projects (the two-node browser test on
# PostgreSQL too), runs the database tests a second time on PostgreSQL, and ends with one line of totals such as
# "120 passed, 0 failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-servers.sh
trap stop_test_servers EXIT

if [ -z "${KB_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests ..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# The multi-node tests run two app nodes behind nginx, with Redis between them.
missing=""
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing="$missing nginx-light"
if [ -n "$missing" ]; then
  echo "Installing$missing for the multi-node tests ..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

dotnet restore KB.sln -nologo
echo "Checking formatting ..."
dotnet format KB.sln --verify-no-changes --no-restore

results=artifacts/test-results
rm -rf "$results"
dotnet build KB.sln --no-restore -nologo -v q
echo "Checking the migrations cover the model ..."
dotnet tool restore
# Exits non-zero when the model has changes no migration holds yet: add one (README, "Upgrading").
dotnet ef migrations has-pending-model-changes --project src/KB.Migrations.Sqlite --startup-project src/KB.Migrations.Sqlite --no-build
dotnet ef migrations has-pending-model-changes --project src/KB.Migrations.Postgres --startup-project src/KB.Migrations.Postgres --no-build
status=0
# One throw-away PostgreSQL server for what follows: the two-node browser test puts both its nodes on it, and the
# database tests run again on it. A server that cannot be started fails the run: the PostgreSQL tests are never
# silently left out.
postgres=true
start_postgres || { echo "PostgreSQL could not be started for the tests"; status=1; postgres=false; }

# One project at a time: the browser tests check what a person sees within seconds, and on a 2-core machine
# they would otherwise share it with the crash and contention tests.
for project in tests/KB.Tests tests/KB.EndToEnd; do
  name=$(basename "$project")
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    || { code=$?; echo "dotnet test $name exited with $code"; status=$code; }
done

# The tests marked Category=Database again, each on a PostgreSQL database of its own.
if $postgres; then
  KB_TEST_PROVIDER=postgres dotnet test tests/KB.Tests --no-build -nologo --filter "Category=Database" \
    --logger "trx;LogFileName=KB.Tests.Postgres.trx" --results-directory "$results" \
    || { code=$?; echo "dotnet test KB.Tests on PostgreSQL exited with $code"; status=$code; }
fi

# A short round of coverage-guided fuzzing of the code that reads untrusted text; a crash fails the run and is
# kept under tests/KB.Fuzz/Regressions/ for the unit tests to replay.
bash scripts/fuzz.sh "${KB_FUZZ_SECONDS:-20}" || { code=$?; echo "fuzzing found a crash (exit $code)"; status=$code; }

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  count() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed)))
  # A skipped test is counted in the total but not as executed.
  skipped=$((skipped + $(count total) - $(count executed)))
done
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
