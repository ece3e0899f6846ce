#!/usr/bin/env bash
# Fuzzes the .tflite reader with libFuzzer for SECONDS (default 60) and exits non-zero on any
# finding (crash, sanitizer report, malformed error message, timeout, memory blow-up).
# Needs the fuzz build:  cmake --preset fuzz && cmake --build --preset fuzz --target fuzz_tflite_reader
# Seeds: the tiny valid model and every broken model of tests/model, plus the real models of
# ../shared/data/models, written to a temporary folder (never into the repository). Findings
# are kept in build/fuzz/fuzz-artifacts/.
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/fuzz
fuzzer=$build/tests/fuzz/fuzz_tflite_reader
seed_writer=$build/tests/fuzz/fuzz_seed_models
shared=${POSENET_SHARED_DIR:-$root/../shared}
for f in "$fuzzer" "$seed_writer"; do
  if [ ! -x "$f" ]; then
    echo "fuzz.sh: $f is missing; build it with:" >&2
    echo "  cmake --preset fuzz && cmake --build --preset fuzz --target fuzz_tflite_reader" >&2
    exit 2
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/posenet-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/seeds"
"$seed_writer" "$work/seeds"
cp "$shared"/data/models/*.tflite "$work/seeds/"
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"

# Past findings first (tests/fuzz/regressions: one file per fixed bug), each run once.
regressions=("$root"/tests/fuzz/regressions/*.tflite)
if ! "$fuzzer" "${regressions[@]}" >"$work/regressions.log" 2>&1; then
  cat "$work/regressions.log" >&2
  echo "fuzz.sh: a past finding fails again (tests/fuzz/regressions)" >&2
  exit 1
fi
echo "fuzz.sh: ${#regressions[@]} past finding(s) replayed cleanly"

# -max_len admits the Coral models (1.3 MB) whole; new inputs go to the first corpus folder.
cd "$build"
status=0
"$fuzzer" -max_total_time="$seconds" -max_len=1400000 -timeout=20 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$work/corpus" "$work/seeds" || status=$?
if [ "$status" -ne 0 ]; then
  echo "fuzz.sh: FINDING (libFuzzer exit $status); reproducer in $artifacts/" >&2
  exit "$status"
fi
echo "fuzz.sh: no finding in ${seconds} s"
