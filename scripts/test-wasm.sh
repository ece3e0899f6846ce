#!/usr/bin/env bash
# The WebAssembly stage of scripts/test.sh: builds the core, the tool and the JS API module with
# Emscripten (preset wasm: threaded; wasm-st: single-threaded, the JS API module only) and runs
# them under Node with the real file system (NODERAWFS):
#   - the SIMD128 requantization equals the scalar rule (tests/wasm/requant_check.cc);
#   - the optimized quantized convolutions' GoogleTest suite (uint8 and int8, every kernel path,
#     against the reference kernels; tests/wasm/CMakeLists.txt);
#   - Coral's uint8 models reproduce the reference bytes (../shared/data/reference/raw): three
#     sizes, plain and with the decoder op, SIMD128 kernels at 1 and 2 threads, the scalar
#     kernels (POSENET_ISA=scalar) once;
#   - the decoder op finds Coral's reference poses (4 px, 0.1 of score);
#   - the float models match their reference outputs within float tolerance;
#   - model-info, bench --json and a hostile model's one-line error;
#   - the JS API (web/posenet.js, both variants) under Node: Coral's poses and every error path,
#     models that load but are not PoseNet networks included (tests/wasm/not_posenet_models.cc);
#     each decoder, per-call decoding, output stride and input size giving the native tool's
#     poses on the same pixels, and tracking (ids, smoothing, reset) (js_options_test.mjs);
#   - the demo page (web/demo/) in headless Chromium: served cross-origin isolated (threaded
#     variant) with the fake camera playing four pictures of dance.mp4 in turn, each page frame's
#     pose within 10 px of the native CLI's on the picture it fits best, 20 frames or more and 3
#     pictures or more seen; and without isolation (single-threaded) on a chosen picture, its
#     poses the native CLI's within 10 px (needs build/release's tool, which scripts/test.sh
#     builds first).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}  # Debian's emcc needs Debian's node-acorn
jobs=$(nproc)
data=../shared/data
ref=$data/reference/raw
check="node tests/wasm/check_outputs.mjs"

# The tool and the checks in the threaded variant; the single-threaded one only as the JS API
# module (its kernels are the same sources; its own tool would add minutes of CI for nothing).
echo "== wasm build"
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$jobs" --target posenet requant_check not_posenet_models \
  kernels_quantized_check
./scripts/build-web.sh  # the JS API module, both variants, into web/dist/
# Emscripten 3.1.6's loader mistakes Node 18+'s fetch for a browser's.
node_flags=()
node --no-experimental-fetch -e '' 2>/dev/null && node_flags=(--no-experimental-fetch)
tool() { node "${node_flags[@]}" build/wasm/apps/posenet/posenet.js "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# Runs one uint8 model on the reference input with RUNNER and compares the three head tensors.
reference_bytes() {  # runner size(HxW) variant threads [isa]
  local runner=$1 size=$2 variant=$3 threads=$4 isa=${5:-}
  local h=${size%x*} w=${size#*x}
  local model=$data/models/posenet_mobilenet_v1_075_${h}_${w}_$variant.tflite
  local out=$work/$runner-$size-$variant-$threads-$isa
  local tensors=float_heatmaps,float_short_offsets,float_mid_offsets
  [ "$variant" = quant_decoder ] && tensors=MobilenetV1/heatmap_2/BiasAdd,MobilenetV1/offset_2/BiasAdd,concat
  mkdir -p "$out"
  local what="$runner $size $variant threads=$threads ${isa:+isa=$isa}"
  if ! POSENET_ISA=$isa $runner model-run "$model" --input "$ref/test_couple_$size/input.u8" \
    --out "$out" --threads "$threads" --tensors "$tensors" >"$out/log" 2>&1; then
    fail "$what: $(tail -1 "$out/log")"
    return
  fi
  local names=(${tensors//,/ }) roles=(heatmaps short_offsets mid_offsets) i
  for i in 0 1 2; do
    if ! cmp -s "$out/${names[$i]//\//_}.bin" "$ref/test_couple_$size/$variant.${roles[$i]}.u8"; then
      fail "$what: ${roles[$i]} differs from the reference bytes"
      return
    fi
  done
  pass "$what: reference bytes"
  if [ "$variant" = quant_decoder ]; then
    if $check coral "$out" "$data/reference/coral/posenet_mobilenet_v1_075_${h}_${w}_quant_decoder_reference.csv" >"$out/coral" 2>&1; then
      pass "$what: $(cat "$out/coral")"
    else
      fail "$what: $(cat "$out/coral")"
    fi
  fi
}

echo "== SIMD128 requantization against the scalar rule"
if node "${node_flags[@]}" build/wasm/tests/wasm/requant_check.js >"$work/requant" 2>&1; then
  pass "$(cat "$work/requant")"
else
  fail "$(cat "$work/requant")"
fi

echo "== the quantized convolution kernels' GoogleTest suite"
if node "${node_flags[@]}" build/wasm/tests/wasm/kernels_quantized_check.js >"$work/kernels" 2>&1; then
  pass "kernels: $(grep -E '^\[  PASSED  \]' "$work/kernels")"
else
  fail "kernels: $(grep -E 'FAILED|Failure' "$work/kernels" | head -3)"
fi

echo "== uint8 models against the reference bytes"
threads=1
for size in 353x481 481x641 721x1281; do
  for variant in quant quant_decoder; do
    reference_bytes tool $size $variant $threads
    threads=$((3 - threads))  # alternate 1 and 2 threads
  done
done
reference_bytes tool 353x481 quant 2 scalar

echo "== float models within tolerance"
for name in posenet_mobilenet_v1_075_dequant_float_257_257 synthetic_posenet_mobilenet_v1_100_257x257_float; do
  dir=$ref/float_$name
  mean=128 std=128
  [[ $name == synthetic* ]] && mean=127.5 std=127.5
  $check to-float "$dir/input.u8" "$work/$name.f32" $mean $std
  mkdir -p "$work/$name"
  model=$data/models/synthetic/$name.tflite
  if tool model-run "$model" --input "$work/$name.f32" --out "$work/$name" --threads 2 \
    >"$work/$name.log" 2>&1 && $check floats "$work/$name" "$dir" 2e-4 >>"$work/$name.log" 2>&1; then
    pass "float $name: $(tail -1 "$work/$name.log")"
  else
    fail "float $name: $(tail -1 "$work/$name.log")"
  fi
done

echo "== model-info, bench, errors"
model=$data/models/posenet_mobilenet_v1_075_353_481_quant.tflite
if tool model-info "$model" >"$work/info" 2>&1 && grep -q "CONV_2D  *18" "$work/info"; then
  pass "model-info"
else
  fail "model-info: $(tail -1 "$work/info")"
fi
# bench's profile names each op's kernel: the SIMD128 ones for both convolution kinds.
if tool bench --model "$model" --input "$ref/test_couple_353x481/input.u8" --runs 2 --warmup 1 \
  --threads 2 --json >"$work/bench.json" 2>"$work/bench.err" &&
  grep -q '"wasm_simd128 dw3x3"' "$work/bench.json" && grep -q '"wasm_simd128 im2col 1x1"' "$work/bench.json"; then
  pass "bench --json: the wasm_simd128 kernels run both convolution kinds"
else
  fail "bench: $(tail -1 "$work/bench.err") $(head -c 300 "$work/bench.json")"
fi
hostile=$work/truncated.tflite
head -c 1000 "$model" >"$hostile"
if tool model-info "$hostile" >"$work/hostile.out" 2>"$work/hostile.err"; then
  fail "a truncated model was accepted"
elif [ "$(wc -l <"$work/hostile.err")" -eq 1 ] && grep -q "^posenet: $hostile: cannot" "$work/hostile.err"; then
  pass "truncated model: $(cat "$work/hostile.err")"
else
  fail "truncated model: not a one-line error: $(head -c 300 "$work/hostile.err")"
fi

echo "== the JS API under Node"
# Models that load but are not PoseNet: model-info shows they load, the JS API must refuse them.
mkdir -p "$work/not_posenet"
node "${node_flags[@]}" build/wasm/tests/wasm/not_posenet_models.js "$work/not_posenet"
for name in no_displacements gray_input; do
  tool model-info "$work/not_posenet/$name.tflite" >"$work/$name.info" 2>&1 ||
    fail "$name.tflite does not load: $(tail -1 "$work/$name.info")"
done
node "${node_flags[@]}" tests/wasm/js_api_test.mjs "$data" "$work/not_posenet" || failures=$((failures + 1))
# Decoders, this call's decoding, output stride, input size and tracking against the native tool.
native=${POSENET_NATIVE:-build/release/apps/posenet/posenet}  # the native tool to compare with
[ -x $native ] || { cmake --preset release >/dev/null && cmake --build --preset release -j "$jobs" --target posenet; }
node "${node_flags[@]}" tests/wasm/js_options_test.mjs "$data" "$native" "$work" || failures=$((failures + 1))

echo "== the demo page in headless Chromium"
(cd tests/wasm/js && npm ci --no-audit --no-fund --silent)
shots=build/wasm/screenshots
mkdir -p $shots
page_model=$data/models/posenet_mobilenet_v1_075_481_641_quant_decoder.tflite
native_poses() {  # picture out.json: the native CLI's poses with the page's settings
  $native detect "$1" --model $page_model --max-poses 10 --score-threshold 0.1 --json "$2" >/dev/null 2>&1
}
# The camera plays four pictures of the dance video spread over the clip, each held for 12
# frames (0.48 s at the video's 25 fps, a 1.92 s loop), so that which one a page frame showed can
# be told from its pose; the same pictures as PNGs for the native tool.
camera_inputs=() camera_natives=()
for i in 0 1 2 3; do
  ffmpeg -loglevel error -ss "$(echo 1.2 3.6 6.0 8.4 | cut -d' ' -f$((i + 1)))" -i $data/videos/dance.mp4 \
    -frames:v 1 -pix_fmt yuv420p "$work/frame$i.y4m"
  ffmpeg -loglevel error -i "$work/frame$i.y4m" "$work/frame$i.png"
  native_poses "$work/frame$i.png" "$work/native-frame$i.json"
  camera_inputs+=(-stream_loop 11 -i "$work/frame$i.y4m")
  camera_natives+=("$work/native-frame$i.json")
done
ffmpeg -loglevel error "${camera_inputs[@]}" -filter_complex concat=n=4:v=1:a=0 -pix_fmt yuv420p "$work/camera.y4m"
native_poses $data/images/pose.jpg "$work/native-picture.json"
port=$((20000 + RANDOM % 20000))
page_test() {  # query server-flags "check_outputs command and files, page's JSON last" page_check-args...
  local query=$1 flags=$2 compare=$3
  local name=${query%%&*}
  shift 3
  node scripts/serve-web.mjs $port $flags >"$work/serve-$name.log" 2>&1 &
  local server=$!
  sleep 1
  if node tests/wasm/js/page_check.mjs "http://127.0.0.1:$port/demo/?model=481_641&$query" \
    "$shots/demo-$name.png" "$@" >"$work/page-$name.json" 2>&1 &&
    $check $compare "$work/page-$name.json" >"$work/cmp-$name" 2>&1; then
    pass "page $name: $(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1])); console.log(`${r.variant} variant, ${r.frames} frames, fps ${r.fps}, inference ${r.inference}`)' "$work/page-$name.json"); $(cat "$work/cmp-$name")"
  else
    fail "page $name: $(head -c 400 "$work/page-$name.json") $(cat "$work/cmp-$name" 2>/dev/null)"
  fi
  kill $server 2>/dev/null || true
  wait $server 2>/dev/null || true
}
# Raw poses on the camera (no tracking: a person's new track is hidden for its first frames);
# the picture page runs the demo's default tracking and smoothing (a first frame is raw).
page_test "source=camera&tracking=0" "" "frames ${camera_natives[*]}" --camera "$work/camera.y4m" --frames 20 --seconds 2
page_test "threads=1" --no-isolation "poses $work/native-picture.json" --picture $data/images/pose.jpg
for name in "source=camera" "threads=1"; do
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1])); process.exit(r.variant === process.argv[2] ? 0 : 1)' \
    "$work/page-$name.json" "$([ "$name" = threads=1 ] && echo single || echo threaded)" ||
    fail "page $name: not the expected variant"
done
echo "screenshots: $shots"

if [ $failures -gt 0 ]; then
  echo "test-wasm: $failures failed"
  exit 1
fi
echo "test-wasm: all passed"
