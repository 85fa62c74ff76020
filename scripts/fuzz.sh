#!/usr/bin/env bash
# Coverage-guided fuzzing of the code that reads untrusted text, with SharpFuzz and AFL++.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]   (default 60 seconds, every target)
# Installs AFL++ (Debian) and the SharpFuzz instrumenter (a dotnet tool) when missing, instruments KB.Web.dll,
# runs each target for the time given, and copies every crash into tests/KB.Fuzz/Regressions/<target>/, which
# the unit tests replay. Exits 1 when a target crashed; prints executions and crashes per target.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(markdown safe-urls readers pasted-text search-query article-parser)

if ! command -v afl-fuzz >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq afl++ >/dev/null
fi
tools=artifacts/tools
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

out=artifacts/fuzz
build="$out/build"
rm -rf "$build"
dotnet publish tests/KB.Fuzz -c Release -o "$build" -nologo -v q
# Only the app's own code is instrumented: coverage of Markdig or YamlDotNet internals would steer the fuzzer away from ours.
"$tools/sharpfuzz" "$build/KB.Web.dll"

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
# Two targets at a time, one per core: each still gets its full time, the run takes half as long.
for target in "${targets[@]}"; do
  rm -rf "$out/$target"
  afl-fuzz -V "$seconds" -t 10000 -m none -i "tests/KB.Fuzz/Seeds/$target" -o "$out/$target" -- dotnet "$build/KB.Fuzz.dll" "$target" >"$out/$target.log" 2>&1 &
  [ "$(jobs -rp | wc -l)" -lt 2 ] || wait -n || true
done
wait || true

crashed=0
for target in "${targets[@]}"; do
  findings="$out/$target"
  stats="$findings/default/fuzzer_stats"
  execs=$(sed -n 's/^execs_done *: *//p' "$stats" 2>/dev/null || echo 0)
  paths=$(sed -n 's/^corpus_count *: *//p' "$stats" 2>/dev/null || echo 0)
  crashes=0
  for crash in "$findings"/default/crashes/id:*; do
    [ -e "$crash" ] || continue
    crashes=$((crashes + 1))
    mkdir -p "tests/KB.Fuzz/Regressions/$target"
    cp "$crash" "tests/KB.Fuzz/Regressions/$target/crash-$(sha1sum "$crash" | cut -c1-12)"
  done
  [ -f "$stats" ] || { echo "$target: afl-fuzz did not start, see $out/$target.log"; tail -5 "$out/$target.log"; crashed=1; continue; }
  echo "$target: ${execs:-0} executions, ${paths:-0} inputs in the corpus, $crashes crashes"
  [ "$crashes" -eq 0 ] || crashed=1
done
exit "$crashed"
