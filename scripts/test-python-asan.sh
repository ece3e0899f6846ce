#!/usr/bin/env bash
# The Python package's tests (python/tests) on the ASan+UBSan build of its _posenet module, so
# the bindings' handling of arrays, strides and options runs under the sanitizers. Debian's
# python3 is not instrumented: clang's shared ASan runtime (which also holds UBSan's handlers) is
# preloaded, and leak checking is off (the interpreter keeps objects alive at exit). Needs the
# asan-ubsan build (cmake --build --preset asan-ubsan) and the release tool, which the tests
# compare with. Pytest captures sys.stdout/err only, so a sanitizer report (written to file
# descriptor 2 before the abort) reaches the log.
set -euo pipefail
cd "$(dirname "$0")/.."
module=$(find build/asan-ubsan/python -maxdepth 1 -name '_posenet*.so' 2>/dev/null | head -1)
if [ -z "$module" ]; then
  echo "test-python-asan: build/asan-ubsan/python: no _posenet module (build the asan-ubsan preset)" >&2
  exit 1
fi
runtime=$(clang++ -print-file-name=libclang_rt.asan-x86_64.so)
if [ ! -f "$runtime" ]; then
  echo "test-python-asan: clang's shared ASan runtime is missing ($runtime)" >&2
  exit 1
fi
package=$(mktemp -d)
trap 'rm -rf "$package"' EXIT
mkdir "$package/posenet"
cp python/posenet/*.py python/posenet/*.pyi python/posenet/py.typed "$module" "$package/posenet/"
# An instrumented module cannot load without the runtime: proof that this is the sanitizer build.
if PYTHONPATH=$package /usr/bin/python3 -c 'import posenet' 2>/dev/null; then
  echo "test-python-asan: $module loads without the ASan runtime: not a sanitizer build" >&2
  exit 1
fi
PYTHONPATH=$package LD_PRELOAD=$runtime ASAN_OPTIONS=detect_leaks=0 \
  /usr/bin/python3 -m pytest -q -p no:cacheprovider --capture=sys python/tests
