#!/usr/bin/env bash
# Ours (web/posenet.js) against TF.js tflite (npm @tensorflow/tfjs-tflite, pinned in
# tests/wasm/js/package-lock.json) on the same Coral uint8 .tflite and input (the reference
# picture at the model's size): in headless Chromium (Debian's, through playwright-core) at 1 and
# 2 threads, and in Node at 1 thread. Prints the medians and the ratios as a Markdown table
# (docs/benchmarks.md), then the SIMD128 ceiling and what it allows for each model. Usage:
# scripts/bench-web.sh [RUNS] (default 15, after 3 warm-up runs).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
warmup=3
[ -f web/dist/posenet_web.mjs ] || ./scripts/build-web.sh >/dev/null
(cd tests/wasm/js && npm ci --no-audit --no-fund --silent)
node_flags=()
node --no-experimental-fetch -e '' 2>/dev/null && node_flags=(--no-experimental-fetch)
port=$((20000 + RANDOM % 20000))
node scripts/serve-web.mjs $port --mount /vendor/=tests/wasm/js/node_modules/@tensorflow/ \
  --mount /bench/=tests/wasm/js/ --mount /reference/=../shared/data/reference/raw/ >/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
median() { node -e 'const r = JSON.parse(process.argv[1]); if (r.error) { console.log("error: " + r.error); process.exit(0); } const s = r.times.sort((a, b) => a - b); const m = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; console.log(m.toFixed(1));' "$1"; }
echo "| model | where | threads | posenet.cpp (ms) | tfjs-tflite (ms) | tfjs-tflite / ours |"
echo "|---|---|---|---|---|---|"
for size in 481_641 353_481; do
  for cell in chromium:1 chromium:2 node:1; do
    where=${cell%:*} threads=${cell#*:}
    for engine in ours tfjs; do
      if [ "$where" = chromium ]; then
        r=$(node tests/wasm/js/bench_browser.mjs "http://127.0.0.1:$port/bench/bench.html?engine=$engine&size=$size&threads=$threads&runs=$runs&warmup=$warmup" | tail -1)
      else
        r=$(node "${node_flags[@]}" tests/wasm/js/bench_node.mjs $engine $size $runs $warmup 2>/dev/null | tail -1)
      fi
      declare "m_$engine=$(median "$r")"
    done
    ratio=$(node -e 'const [a, b] = process.argv.slice(1).map(Number); console.log(a > 0 && b > 0 ? (b / a).toFixed(2) + "x" : "n/a")' "$m_ours" "$m_tfjs")
    echo "| ${size/_/x} uint8 | $where | $threads | $m_ours | $m_tfjs | $ratio |"
  done
done

# The ceiling: the fastest exact 8-bit multiply-accumulate SIMD128 offers in this V8
# (bench/wasm/dot_ceiling.cc), and the least time the models' MACs need at it.
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
cmake --preset wasm -Wno-dev >/dev/null && cmake --build --preset wasm --target posenet >/dev/null
cmake --preset wasm-st -Wno-dev >/dev/null && cmake --build --preset wasm-st --target wasm_dot_ceiling >/dev/null
macs=()
for size in 481_641 353_481; do
  m=$(node "${node_flags[@]}" build/wasm/apps/posenet/posenet.js bench --runs 1 --warmup 0 --json \
    --model ../shared/data/models/posenet_mobilenet_v1_075_${size}_quant.tflite 2>/dev/null |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).macs))')
  macs+=("${size/_/x}=$m")
done
echo
node "${node_flags[@]}" build/wasm-st/bench/wasm/wasm_dot_ceiling.js "${macs[@]}"
