#!/usr/bin/env bash
# Fuzzes with libFuzzer for SECONDS per target (default 10) and exits non-zero on any finding
# (crash, sanitizer report, malformed error message, timeout, memory blow-up).
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: tflite_reader session picture_header decoders
#                                             (default: all four, one after the other)
# Needs the fuzz build:  cmake --preset fuzz && cmake --build --preset fuzz
# Each target first replays its past findings (tests/fuzz/regressions/<target>/), then fuzzes
# from a seed corpus written to a temporary folder (never into the repository): the tiny valid
# model and every broken model of tests/model, the models of ../shared/data/models and the
# hostile ones of ../shared/data/hostile (reader, session); the pictures of ../shared/data/images
# (picture_header). New findings are kept in build/fuzz/fuzz-artifacts/<target>/: add each,
# once fixed, to tests/fuzz/regressions/<target>/.
# The 10-minute run of one target: scripts/fuzz.sh 600 session
set -euo pipefail
seconds=${1:-10}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tflite_reader session picture_header decoders)
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/fuzz
shared=${POSENET_SHARED_DIR:-$root/../shared}
seed_writer=$build/tests/fuzz/fuzz_seed_models

work=$(mktemp -d "${TMPDIR:-/tmp}/posenet-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

for target in "${targets[@]}"; do
  fuzzer=$build/tests/fuzz/fuzz_$target
  for f in "$fuzzer" "$seed_writer"; do
    if [ ! -x "$f" ]; then
      echo "fuzz.sh: $f is missing; build it with:" >&2
      echo "  cmake --preset fuzz && cmake --build --preset fuzz" >&2
      exit 2
    fi
  done
  corpus=$work/$target/corpus seeds=$work/$target/seeds
  mkdir -p "$corpus" "$seeds"
  max_len=1400000  # admits the Coral models (1.3 MB) whole
  case $target in
    tflite_reader | session)
      "$seed_writer" "$seeds" >/dev/null
      cp "$shared"/data/models/*.tflite "$shared"/data/hostile/*.tflite "$seeds/"
      ;;
    picture_header)
      cp "$shared"/data/images/* "$seeds/"
      ;;
    decoders)
      max_len=8192
      ;;
  esac
  artifacts=$build/fuzz-artifacts/$target
  mkdir -p "$artifacts"

  # Past findings first, each run once.
  regressions=()
  while IFS= read -r -d '' f; do regressions+=("$f"); done < <(
    find "$root/tests/fuzz/regressions/$target" -type f ! -name README.md -print0 2>/dev/null)
  if [ ${#regressions[@]} -gt 0 ]; then
    if ! "$fuzzer" "${regressions[@]}" >"$work/$target.log" 2>&1; then
      cat "$work/$target.log" >&2
      echo "fuzz.sh: $target: a past finding fails again (tests/fuzz/regressions/$target)" >&2
      exit 1
    fi
    cp "${regressions[@]}" "$seeds/"
  fi

  echo "fuzz.sh: $target: ${#regressions[@]} past finding(s) replayed; fuzzing for ${seconds} s"
  status=0
  (cd "$build" && "$fuzzer" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds" \
    >"$work/$target.fuzz.log" 2>&1) || status=$?
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)" \
    "$work/$target.fuzz.log" | sed "s/^/fuzz.sh: $target: /" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$work/$target.fuzz.log" >&2
    echo "fuzz.sh: $target: FINDING (libFuzzer exit $status); reproducer in $artifacts/" >&2
    exit "$status"
  fi
  echo "fuzz.sh: $target: no finding in ${seconds} s"
done
