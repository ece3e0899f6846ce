// Shared by the web benchmark's page (bench_page.js) and its Node side (bench_node.mjs): one
// engine timed on the same .tflite and input, each call whole: ours is estimatePoses (the RGBA
// pixels copied in, the network, the decoder, the poses back), TF.js tflite's is predict() with
// the outputs read back (no decoding).
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// The reference input (H x W x 3 uint8) as RGBA ImageData-like pixels.
export function rgbaOf(rgb, width, height) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; ++i) {
    rgba[4 * i] = rgb[3 * i];
    rgba[4 * i + 1] = rgb[3 * i + 1];
    rgba[4 * i + 2] = rgb[3 * i + 2];
    rgba[4 * i + 3] = 255;
  }
  return { data: rgba, width, height };
}

export async function timeOurs(createDetector, model, rgb, width, height, threads, variant, runs, warmup) {
  const detector = await createDetector('PoseNet', { modelBuffer: model, threads, variant });
  const picture = rgbaOf(rgb, width, height);
  const times = [];
  for (let i = 0; i < warmup + runs; ++i) {
    const t0 = performance.now();
    await detector.estimatePoses(picture);
    const t1 = performance.now();
    if (i >= warmup) times.push(t1 - t0);
  }
  detector.dispose();
  return times;
}

export async function timeTfjs(tf, tflite, model, rgb, width, height, threads, runs, warmup) {
  const net = await tflite.loadTFLiteModel(model.buffer.slice(model.byteOffset, model.byteOffset + model.byteLength),
    { numThreads: threads });
  const input = tf.tensor(Int32Array.from(rgb), [1, height, width, 3], 'int32');
  const times = [];
  for (let i = 0; i < warmup + runs; ++i) {
    const t0 = performance.now();
    const out = net.predict(input);
    for (const t of Object.values(out)) t.dataSync();
    const t1 = performance.now();
    for (const t of Object.values(out)) t.dispose();
    if (i >= warmup) times.push(t1 - t0);
  }
  input.dispose();
  return times;
}
