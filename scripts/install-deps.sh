#!/usr/bin/env bash
# Installs every Debian package that building, testing and running posenet.cpp needs.
# Safe to run again: packages already present are skipped quickly.
set -euo pipefail
packages=(
  cmake ninja-build g++ clang libclang-rt-14-dev   # toolchain, libFuzzer runtime
  clang-format                                      # style check in scripts/test.sh
  libgtest-dev libgmock-dev libbenchmark-dev        # tests and kernel benchmarks
  libflatbuffers-dev flatbuffers-compiler           # .tflite reader (schema compiled by flatc)
  libopencv-dev                                     # pictures, video, cameras, drawing (io/, render/)
  libavformat-dev pkg-config                        # frame times from video containers (io/)
  nlohmann-json3-dev                                # JSON output (io/)
  libcli11-dev                                      # command line of apps/posenet
  libcurl4-openssl-dev libssl-dev                   # posenet fetch-model (download, SHA-256)
  ffmpeg                                            # ffprobe in video tests; audio copy for --draw
  pkg-config liblo-dev libwebsockets-dev zlib1g-dev # live/: OSC, HTTP + WebSocket; pkg-config consumer test
  wrk chromium                                      # live load test; the web view and the analysis report headless
  emscripten                                        # the WebAssembly build (scripts/test-wasm.sh)
  g++-aarch64-linux-gnu qemu-user                   # AArch64 cross build, its tests under emulation
  googletest                                        # GoogleTest sources, built for AArch64
  python3-dev python3-venv python3-pip python3-setuptools python3-wheel pybind11-dev
                                                    # the Python package (scripts/install-python.sh)
  python3-numpy python3-opencv python3-pytest python3-distributed  # its tests, Dask scale-out
)
missing=()
# ../shared/tools/peer-bench (ONNX Runtime side by side) and the live tests' clients (tests/live/js,
# `npm ci` from the build) need node and npm; any install will do.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
