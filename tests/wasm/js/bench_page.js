// The benchmark page: ?engine=ours|tfjs&size=481_641&threads=N&runs=R&warmup=W. Leaves
// window.benchResult = {times} or {error}.
import { createDetector } from '/posenet.js';
import { timeOurs, timeTfjs } from './bench_common.mjs';

const q = new URLSearchParams(location.search);
const size = q.get('size') ?? '481_641';
const [height, width] = size.split('_').map(Number);
const threads = Number(q.get('threads') ?? 1), runs = Number(q.get('runs') ?? 10);
const warmup = Number(q.get('warmup') ?? 3);
try {
  const model = new Uint8Array(await (await fetch(`/models/posenet_mobilenet_v1_075_${size}_quant.tflite`)).arrayBuffer());
  const rgb = new Uint8Array(await (await fetch(`/reference/test_couple_${height}x${width}/input.u8`)).arrayBuffer());
  let times;
  if (q.get('engine') === 'tfjs') {
    window.tflite.setWasmPath('/vendor/tfjs-tflite/wasm/');
    times = await timeTfjs(window.tf, window.tflite, model, rgb, width, height, threads, runs, warmup);
  } else {
    times = await timeOurs(createDetector, model, rgb, width, height, threads,
      threads > 1 ? 'threaded' : 'auto', runs, warmup);
  }
  window.benchResult = { times };
} catch (e) {
  window.benchResult = { error: String(e.message ?? e) };
}
