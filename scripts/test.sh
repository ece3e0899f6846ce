#!/usr/bin/env bash
# Checks the C++ formatting and the layers (scripts/check-layers.sh), then builds and runs every
# test: the release build, the Python package's tests (pytest, against the release build's tool),
# the ASan+UBSan build (and the Python tests again on its module: scripts/test-python-asan.sh),
# the AArch64 cross build under qemu (scripts/test-aarch64.sh), the WebAssembly builds under Node
# and the demo page in headless Chromium (scripts/test-wasm.sh), and bounded libFuzzer runs of
# the four fuzz targets (scripts/fuzz.sh: reader, session, picture headers, decoders). This is
# the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)
./scripts/check-format.sh
./scripts/check-layers.sh

echo "== release build and tests"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"
# The engine and kernel tests sweep every SIMD level the CPU has themselves; the tests that run
# at the default level (the tool against Coral's results, the API) run again at each lower x86
# level, as on CPUs without the higher ones.
if [ "$(uname -m)" = x86_64 ]; then
  for isa in avxvnni avx2 scalar; do
    echo "== release tests at the default level with POSENET_ISA=$isa"
    POSENET_ISA=$isa ctest --preset release -j "$jobs" -R 'CoralConformance|SessionApi|OpenCvApi'
  done
fi

echo "== Python package (build/venv) and its tests"
./scripts/install-python.sh
build/venv/bin/python -m pytest -q -p no:cacheprovider python/tests

echo "== asan-ubsan build and tests"
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j "$jobs"
# Besides the slow label: the whole-network byte sweeps of row fusion and merged heads (over a
# minute under ASan; the float networks run fused under ASan in the FloatReference tests).
ctest --preset asan-ubsan -j "$jobs" -LE slow -E 'MergedConvs|RowFusion'
echo "== Python package's tests on the asan-ubsan build of its module"
./scripts/test-python-asan.sh

echo "== AArch64 cross build, tests under qemu-aarch64"
./scripts/test-aarch64.sh
echo "== WebAssembly: Emscripten builds, the tool and the JS API under Node"
./scripts/test-wasm.sh

# The fuzz build is of the engine only (POSENET_CORE_ONLY: no OpenCV code); each target runs
# briefly here (CI time), for 10 minutes by hand (scripts/fuzz.sh 600 TARGET).
echo "== fuzzing: reader, session, picture headers, decoders (${POSENET_FUZZ_SECONDS:-10} s each)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs" --target fuzz_tflite_reader fuzz_session \
  fuzz_picture_header fuzz_decoders fuzz_seed_models
./scripts/fuzz.sh "${POSENET_FUZZ_SECONDS:-10}"
echo "all tests passed"
