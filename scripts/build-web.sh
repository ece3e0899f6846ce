#!/usr/bin/env bash
# Builds the JS API module in both WebAssembly variants (presets wasm: threaded, wasm-st:
# single-threaded) and copies them into web/dist/, next to web/posenet.js that loads them.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}  # Debian's emcc needs Debian's node-acorn
mkdir -p web/dist
for preset in wasm wasm-st; do
  cmake --preset $preset >/dev/null
  cmake --build --preset $preset -j "$(nproc)" --target posenet_web
done
cp build/wasm/web/posenet_web.mjs build/wasm/web/posenet_web.wasm build/wasm/web/posenet_web.worker.js web/dist/
# The single-threaded build under its own name (its .mjs names its .wasm).
sed 's/posenet_web\.wasm/posenet_web_st.wasm/g' build/wasm-st/web/posenet_web.mjs >web/dist/posenet_web_st.mjs
cp build/wasm-st/web/posenet_web.wasm web/dist/posenet_web_st.wasm
# The worker script is CommonJS; web/package.json says "module" for the .js files above it.
echo '{ "type": "commonjs" }' >web/dist/package.json
echo "build-web: web/dist/ holds $(ls web/dist | tr '\n' ' ')"
