// node bench_node.mjs ours|tfjs SIZE RUNS WARMUP: one engine at 1 thread in Node on the same
// .tflite and input as the page; prints {times} or {error} as JSON. TF.js tflite loads its
// Emscripten module with importScripts (a worker's), given here by a small stand-in.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInThisContext } from 'node:vm';
import { timeOurs, timeTfjs } from './bench_common.mjs';

const [engine, size, runs, warmup] = process.argv.slice(2);
const [height, width] = size.split('_').map(Number);
const data = new URL('../../../../shared/data/', import.meta.url);
const model = readFileSync(new URL(`models/posenet_mobilenet_v1_075_${size}_quant.tflite`, data));
const rgb = readFileSync(new URL(`reference/raw/test_couple_${height}x${width}/input.u8`, data));
let result;
try {
  let times;
  if (engine === 'tfjs') {
    const require = createRequire(import.meta.url);
    const wasmDir = `${require.resolve('@tensorflow/tfjs-tflite/package.json').replace(/package\.json$/, '')}wasm/`;
    globalThis.importScripts = (url) => runInThisContext(readFileSync(url.replace(/^file:\/\//, ''), 'utf8'), { filename: url });
    globalThis.self = globalThis;
    const tf = require('@tensorflow/tfjs-core');
    const tflite = require('@tensorflow/tfjs-tflite');
    tflite.setWasmPath(wasmDir);
    times = await timeTfjs(tf, tflite, model, rgb, width, height, 1, Number(runs), Number(warmup));
  } else {
    const { createDetector } = await import('../../../web/posenet.js');
    times = await timeOurs(createDetector, model, rgb, width, height, 1, 'single', Number(runs), Number(warmup));
  }
  result = { times };
} catch (e) {
  result = { error: String(e.message ?? e).split('\n')[0] };
}
console.log(JSON.stringify(result));
process.exit(0);
