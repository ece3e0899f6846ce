// node bench_node.mjs ours|tfjs SIZE RUNS WARMUP: one engine at 1 thread in Node on the same
// .tflite and input as the page; prints {times} or {error} as JSON. TF.js tflite is made for
// browsers: it loads its Emscripten module as a Web Worker would (importScripts, location,
// XMLHttpRequest), given here by small stand-ins that read the package's files.
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
    // Node has no Web Workers: hide SharedArrayBuffer so its loader takes the single-threaded
    // SIMD build (this cell is 1 thread).
    delete globalThis.SharedArrayBuffer;
    // Its worker-mode loader reads the .wasm with XMLHttpRequest: files, here.
    globalThis.XMLHttpRequest = class {
      open(method, url) { this.url = url; }
      send() {
        const b = readFileSync(this.url.replace(/^file:\/\//, ''));
        this.status = 200;
        this.response = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
        queueMicrotask(() => this.onload?.());
      }
    };
    globalThis.location ??= { origin: 'file://', href: `file://${wasmDir}` };  // its loader builds file:// URLs
    const tf = require('@tensorflow/tfjs-core');
    require('@tensorflow/tfjs-backend-cpu');  // tensors live on the CPU backend
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
