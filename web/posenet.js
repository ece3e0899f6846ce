// posenet.cpp in the browser (and Node): a pose detector shaped like TF.js pose-detection's
// (createDetector / estimatePoses / dispose), running the C++ engine compiled to WebAssembly
// with SIMD128 kernels. Two builds sit in dist/: posenet_web.mjs (threads as Web Workers; needs
// SharedArrayBuffer, i.e. a cross-origin-isolated page: COOP + COEP headers) and
// posenet_web_st.mjs (single-threaded, any page). The loader picks one (see loadVariant).
export const SupportedModels = Object.freeze({ PoseNet: 'PoseNet' });

export const KEYPOINT_NAMES = Object.freeze([
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder',
  'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee',
  'right_knee', 'left_ankle', 'right_ankle',
]);

// Keypoint id pairs of the skeleton (as the C++ kPoseEdges), for drawing.
export const POSE_EDGES = Object.freeze([
  [0, 1], [1, 3], [0, 2], [2, 4], [0, 5], [5, 7], [7, 9], [5, 11], [11, 13], [13, 15], [0, 6],
  [6, 8], [8, 10], [6, 12], [12, 14], [14, 16],
]);

const MAX_THREADS = 4;  // the threaded build starts 3 workers with the module (1 + 3)

function fail(message) {
  return new Error(`posenet: ${message}`);
}

// Whether threads can run here: SharedArrayBuffer, and in a browser cross-origin isolation.
export function threadsAvailable() {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  if (typeof window !== 'undefined' || typeof WorkerGlobalScope !== 'undefined') {
    return globalThis.crossOriginIsolated === true;
  }
  return true;  // Node
}

const loaded = new Map();

// Emscripten 3.1.6's ES module output reads `require` and `__dirname` under Node, which ES
// modules do not have: give them as globals, for the module at `url`. Returns how the module
// should name its files: file paths under Node, URLs elsewhere.
async function nodeGlobals(url) {
  if (typeof process === 'undefined' || !process.versions?.node || typeof window !== 'undefined') {
    return (u) => u.href;
  }
  const { createRequire } = await import('node:module');
  const { fileURLToPath } = await import('node:url');
  globalThis.require ??= createRequire(url);
  globalThis.__dirname ??= fileURLToPath(new URL('.', url)).replace(/\/$/, '');
  return (u) => (u.protocol === 'file:' ? fileURLToPath(u) : u.href);
}

// The Emscripten module of one variant ('threaded' or 'single'), loaded once.
function loadVariant(variant, wasmDir) {
  const key = `${variant}@${wasmDir}`;
  if (!loaded.has(key)) {
    const file = variant === 'threaded' ? 'posenet_web.mjs' : 'posenet_web_st.mjs';
    const url = new URL(file, wasmDir);
    loaded.set(key, nodeGlobals(url).then((toPath) => import(url.href).then((m) => m.default({
      // The .wasm and worker files beside the module (Node reads paths, browsers URLs).
      locateFile: (name) => toPath(new URL(name, url)),
    }))).catch((e) => {
      loaded.delete(key);
      throw fail(`cannot load the WebAssembly module ${url.href}: ${e.message ?? e}`);
    }));
  }
  return loaded.get(key);
}

async function modelBytes(config) {
  if (config.modelBuffer !== undefined) {
    const b = config.modelBuffer;
    if (b instanceof ArrayBuffer) return new Uint8Array(b);
    if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    throw fail('cannot load model: modelBuffer must be an ArrayBuffer or a typed array');
  }
  if (typeof config.modelUrl !== 'string' || config.modelUrl === '') {
    throw fail('cannot load model: give modelUrl (a .tflite URL) or modelBuffer');
  }
  let response;
  try {
    response = await fetch(config.modelUrl);
  } catch (e) {
    throw fail(`${config.modelUrl}: cannot fetch model: ${e.message ?? e}`);
  }
  if (!response.ok) throw fail(`${config.modelUrl}: cannot fetch model: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// RGBA pixels of any supported source: {data, width, height}.
function pixelsOf(image) {
  if (image === null || typeof image !== 'object') {
    throw fail('cannot read picture: expected ImageData, a video, image, canvas or ImageBitmap');
  }
  if (image.data !== undefined && typeof image.width === 'number') {  // ImageData or alike
    if (image.data.length !== image.width * image.height * 4) {
      throw fail(`cannot read picture: ${image.data.length} bytes for ${image.width}x${image.height} RGBA`);
    }
    return image;
  }
  const width = image.videoWidth ?? image.naturalWidth ?? image.width;
  const height = image.videoHeight ?? image.naturalHeight ?? image.height;
  if (!(width > 0 && height > 0)) {
    throw fail('cannot read picture: it has no pixels yet (video or image not loaded?)');
  }
  let context = null;
  if (typeof image.getContext === 'function') {  // a 2D canvas reads back directly
    try {
      context = image.getContext('2d');
    } catch {
      context = null;
    }
  }
  if (context === null) {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height)
      : Object.assign(document.createElement('canvas'), { width, height });
    context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(image, 0, 0, width, height);
  }
  return context.getImageData(0, 0, width, height);
}

class PoseDetector {
  constructor(module, handle, variant, threads, tracking, decoding) {
    this.module = module;
    this.handle = handle;
    this.variant = variant;  // 'threaded' or 'single'
    this.threads = threads;
    this.tracking = tracking;  // poses carry an id that lasts across calls
    this.decoding = decoding;  // createDetector's maxPoses, scoreThreshold, nmsRadius (-1: default)
    this.lastInferenceMs = 0;  // the network run of the last estimatePoses
    this.queue = Promise.resolve();
  }

  get inputWidth() { return this.handle ? this.module._pn_input_width(this.handle) : 0; }
  get inputHeight() { return this.handle ? this.module._pn_input_height(this.handle) : 0; }

  // People in `image`, best first: [{score, box: [x0, y0, x1, y1], keypoints: [{id, name, x, y,
  // score}]}] in picture pixels, as the CLI's JSON (with `id` per person when tracking). config:
  // maxPoses, scoreThreshold, nmsRadius (this call's decoding; default: createDetector's),
  // flipHorizontal. timestamp: the frame's time in ms for tracking (default: now). Calls run one
  // after another.
  estimatePoses(image, config = {}, timestamp = undefined) {
    const run = this.queue.then(() => this.estimateNow(image, config ?? {}, timestamp));
    this.queue = run.catch(() => {});
    return run;
  }

  estimateNow(image, config, timestamp) {
    if (!this.handle) throw fail('the detector was disposed');
    const m = this.module;
    const decoding = decodingOf(config, this.decoding);
    if (m._pn_set_decoding(this.handle, decoding.maxPoses, decoding.scoreThreshold,
      decoding.nmsRadius) < 0) {
      throw fail(m.UTF8ToString(m._pn_last_error()));
    }
    const { data, width, height } = pixelsOf(image);
    const t = timestamp ?? (globalThis.performance?.now() ?? Date.now());
    if (!Number.isFinite(t)) throw fail(`timestamp must be a finite number of ms, not ${timestamp}`);
    const bytes = width * height * 4;
    const pointer = m._malloc(bytes);
    if (pointer === 0) throw fail(`cannot read picture: no memory for ${width}x${height}`);
    let count;
    try {
      heap(m).set(data, pointer);
      count = m._pn_estimate(this.handle, pointer, width, height, t / 1000);
    } finally {
      m._free(pointer);
    }
    if (count < 0) throw fail(m.UTF8ToString(m._pn_last_error()));
    this.lastInferenceMs = m._pn_inference_ms(this.handle);
    const stride = m._pn_pose_floats();
    const floats = new Float32Array(heap(m).buffer, m._pn_poses(this.handle), count * stride).slice();
    const maxPoses = decoding.maxPoses > 0 ? decoding.maxPoses : Infinity;
    const poses = [];
    for (let p = 0; p < count && p < maxPoses; ++p) {
      const f = floats.subarray(p * stride, (p + 1) * stride);
      const flipX = (x) => (config.flipHorizontal ? width - 1 - x : x);
      const keypoints = KEYPOINT_NAMES.map((name, id) => ({
        id, name, x: flipX(f[6 + 3 * id]), y: f[7 + 3 * id], score: f[8 + 3 * id],
      }));
      const x0 = flipX(f[2]), x1 = flipX(f[4]);
      const pose = { score: f[1], box: [Math.min(x0, x1), f[3], Math.max(x0, x1), f[5]], keypoints };
      if (this.tracking) pose.id = f[0];
      poses.push(pose);
    }
    return poses;
  }

  dispose() {
    if (this.handle) this.module._pn_destroy(this.handle);
    this.handle = 0;
  }

  // Forgets the tracked people: ids start again from 0.
  reset() {
    if (this.handle) this.module._pn_reset(this.handle);
  }
}

// The decoding of one call: config's maxPoses, scoreThreshold and nmsRadius over the detector's
// (-1 keeps the decoder's default), checked.
function decodingOf(config, base) {
  const d = { ...base };
  if (config.maxPoses !== undefined) {
    if (!Number.isInteger(config.maxPoses) || config.maxPoses < 1) {
      throw fail(`maxPoses must be a whole number, 1 or more, not ${config.maxPoses}`);
    }
    d.maxPoses = config.maxPoses;
  }
  if (config.scoreThreshold !== undefined) {
    if (!(config.scoreThreshold >= 0 && config.scoreThreshold <= 1)) {
      throw fail(`scoreThreshold must be in [0, 1], not ${config.scoreThreshold}`);
    }
    d.scoreThreshold = config.scoreThreshold;
  }
  if (config.nmsRadius !== undefined) {
    if (!(config.nmsRadius >= 0 && config.nmsRadius <= 10000)) {
      throw fail(`nmsRadius must be in [0, 10000] model pixels, not ${config.nmsRadius}`);
    }
    d.nmsRadius = config.nmsRadius;
  }
  return d;
}

// The module's memory as bytes (a fresh view: the memory may have grown).
function heap(m) {
  return m.wasmMemory ? new Uint8Array(m.wasmMemory.buffer) : m.HEAPU8;
}

// A detector for a PoseNet .tflite model. config: modelUrl or modelBuffer (the .tflite),
// threads (default: 2 where threads can run, else 1), variant ('auto', 'threaded', 'single'),
// decoder ('auto' = 'posenet', 'coral', 'tfjs': as the tool's --decoder),
// maxPoses, scoreThreshold, nmsRadius (the decoder's; default: the model's own),
// inputSize {width, height} (or inputResolution; default: the model's own), outputStride (8, 16
// or 32; default: the model's own), tracking (ids across frames; default false), smoothing (of
// tracked keypoints; default true), wasmDir (URL of the folder holding the .mjs/.wasm files;
// default: dist/ beside this file).
export async function createDetector(model = SupportedModels.PoseNet, config = {}) {
  if (model !== SupportedModels.PoseNet) throw fail(`unknown model '${model}' (supported: PoseNet)`);
  if (config === null || typeof config !== 'object') throw fail('config must be an object');
  const variant = config.variant ?? 'auto';
  if (!['auto', 'threaded', 'single'].includes(variant)) {
    throw fail(`unknown variant '${variant}' (auto, threaded or single)`);
  }
  if (variant === 'threaded' && !threadsAvailable()) {
    throw fail('the threaded variant needs SharedArrayBuffer: serve the page with COOP/COEP headers');
  }
  const decoders = ['auto', 'posenet', 'coral', 'tfjs'];
  const decoder = decoders.indexOf(config.decoder ?? 'auto');
  if (decoder < 0) throw fail(`unknown decoder '${config.decoder}' (auto, posenet, coral or tfjs)`);
  const chosen = variant === 'auto' ? (threadsAvailable() ? 'threaded' : 'single') : variant;
  const threads = config.threads ?? (chosen === 'threaded' ? 2 : 1);
  if (!Number.isInteger(threads) || threads < 1 || threads > (chosen === 'threaded' ? MAX_THREADS : 1)) {
    throw fail(`threads must be 1${chosen === 'threaded' ? `..${MAX_THREADS}` : ' in the single-threaded variant'}, not ${threads}`);
  }
  const size = config.inputSize ?? config.inputResolution;
  const resolution = size ?? { width: 0, height: 0 };
  if (size !== undefined &&
      !(Number.isInteger(resolution.width) && resolution.width >= 16 &&
        Number.isInteger(resolution.height) && resolution.height >= 16)) {
    const option = config.inputSize !== undefined ? 'inputSize' : 'inputResolution';
    throw fail(`${option} must be {width, height}: whole numbers of pixels, 16 or more`);
  }
  const outputStride = config.outputStride ?? 0;
  if (![0, 8, 16, 32].includes(outputStride)) {
    throw fail(`outputStride must be 8, 16 or 32, not ${config.outputStride}`);
  }
  const tracking = config.tracking === true;
  const smoothing = config.smoothing !== false;
  const decoding = decodingOf(config, { maxPoses: -1, scoreThreshold: -1, nmsRadius: -1 });
  const bytes = await modelBytes(config);
  const m = await loadVariant(chosen, config.wasmDir ?? new URL('./dist/', import.meta.url));
  const name = config.modelUrl ?? 'modelBuffer';
  const nameBytes = m.lengthBytesUTF8(name) + 1;
  const pointer = m._malloc(bytes.length + nameBytes);
  if (pointer === 0) throw fail(`cannot load model: no memory for ${bytes.length} bytes`);
  let handle;
  try {
    heap(m).set(bytes, pointer);
    m.stringToUTF8(name, pointer + bytes.length, nameBytes);
    handle = m._pn_create(pointer + bytes.length, pointer, bytes.length, threads, decoder,
      decoding.maxPoses, decoding.scoreThreshold, decoding.nmsRadius, resolution.height,
      resolution.width, outputStride, tracking ? 1 : 0, smoothing ? 1 : 0);
  } finally {
    m._free(pointer);
  }
  if (handle === 0) throw fail(m.UTF8ToString(m._pn_last_error()));
  return new PoseDetector(m, handle, chosen, threads, tracking, decoding);
}
