#!/usr/bin/env bash
# Checks the C++ formatting, then builds and runs every test: the release build, the ASan+UBSan
# build, and bounded libFuzzer runs of the four fuzz targets (scripts/fuzz.sh). This is the
# README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)
./scripts/check-format.sh

echo "== release build and tests"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"

echo "== asan-ubsan build and tests"
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j "$jobs"
ctest --preset asan-ubsan -j "$jobs" -LE slow

echo "== fuzzing: reader, session, picture headers, decoders (${POSENET_FUZZ_SECONDS:-20} s each)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs" --target fuzz_tflite_reader fuzz_session \
  fuzz_picture_header fuzz_decoders fuzz_seed_models
./scripts/fuzz.sh "${POSENET_FUZZ_SECONDS:-20}"
echo "all tests passed"
