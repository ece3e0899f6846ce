// The JS API's decoding, input and tracking options under Node (single-threaded variant), against
// the native CLI on the same pixels: each decoder (posenet, coral, tfjs), this call's
// maxPoses / scoreThreshold / nmsRadius, outputStride and inputSize give the native tool's poses;
// tracking keeps ids across calls, its smoothing lags between two frames, reset() starts the ids
// again; bad option values and a timestamp going back reject with one clear line.
// Usage: node js_options_test.mjs SHARED_DATA_DIR NATIVE_TOOL WORK_DIR
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { check, done, rejects } from './js_checks.mjs';
import { createDetector, SupportedModels } from '../../web/posenet.js';

const [data, native, work] = process.argv.slice(2);
const ref = `${data}/reference/raw/test_couple_353x481`;
const modelFile = `${data}/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite`;
const model = readFileSync(modelFile);
const width = 481, height = 353;
// The reference input (the model's size, so no resize on either side) as RGBA, shifted right
// by `shift` pixels (black on the left).
function picture(shift = 0) {
  const rgb = readFileSync(`${ref}/input.u8`);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; ++y) {
    for (let x = shift; x < width; ++x) {
      const i = y * width + x, j = y * width + x - shift;
      rgba.set(rgb.subarray(3 * j, 3 * j + 3), 4 * i);
      rgba[4 * i + 3] = 255;
    }
  }
  return { data: rgba, width, height };
}

// The same picture as a PNG, for the native tool (ffmpeg, as test-wasm.sh makes its frames).
const png = `${work}/options_input.png`;
execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s',
  `${width}x${height}`, '-i', `${ref}/input.u8`, png]);

function nativePoses(args) {
  const out = execFileSync(native, ['detect', png, '--model', modelFile, '--json', '-', ...args]);
  return JSON.parse(out).poses;
}

// Same poses: count, pose scores, and every keypoint within 0.01 px and 1e-4 of score (the same
// C++ decoding on the same bytes; only float rounding may differ between the builds).
function assertSamePoses(ours, theirs) {
  assert.equal(ours.length, theirs.length, `pose count ${ours.length}, native ${theirs.length}`);
  ours.forEach((pose, p) => {
    assert.ok(Math.abs(pose.score - theirs[p].score) <= 1e-4, `pose ${p} score ${pose.score} vs ${theirs[p].score}`);
    pose.keypoints.forEach((k, i) => {
      const n = theirs[p].keypoints[i];
      assert.ok(Math.abs(k.x - n.x) <= 0.01 && Math.abs(k.y - n.y) <= 0.01 && Math.abs(k.score - n.score) <= 1e-4,
        `pose ${p} ${k.name}: (${k.x}, ${k.y}, ${k.score}) vs native (${n.x}, ${n.y}, ${n.score})`);
    });
  });
}

const base = { modelBuffer: model, variant: 'single' };
const still = picture();

for (const decoder of ['posenet', 'coral', 'tfjs']) {
  await check(`decoder ${decoder}: the native tool's poses`, async () => {
    const detector = await createDetector(SupportedModels.PoseNet, { ...base, decoder });
    const ours = await detector.estimatePoses(still);
    assert.ok(ours.length >= 2, `${ours.length} poses`);
    assertSamePoses(ours, nativePoses(['--decoder', decoder]));
    detector.dispose();
  });
}

await check('this call\'s maxPoses, scoreThreshold and nmsRadius: the native tool\'s poses', async () => {
  const detector = await createDetector(SupportedModels.PoseNet, { ...base, decoder: 'tfjs' });
  const few = await detector.estimatePoses(still, { maxPoses: 1, scoreThreshold: 0.6, nmsRadius: 40 });
  assertSamePoses(few, nativePoses(['--decoder', 'tfjs', '--max-poses', '1', '--score-threshold', '0.6', '--nms-radius', '40']));
  // The next call without them goes back to createDetector's decoding.
  assertSamePoses(await detector.estimatePoses(still), nativePoses(['--decoder', 'tfjs']));
  detector.dispose();
});

await check('outputStride 32 and inputSize 481x641: the native tool\'s poses', async () => {
  const strided = await createDetector(SupportedModels.PoseNet, { ...base, decoder: 'tfjs', outputStride: 32 });
  assertSamePoses(await strided.estimatePoses(still), nativePoses(['--decoder', 'tfjs', '--output-stride', '32']));
  strided.dispose();
  const larger = await createDetector(SupportedModels.PoseNet, { ...base, inputSize: { width: 641, height: 481 } });
  assert.equal(larger.inputWidth, 641);
  assert.equal(larger.inputHeight, 481);
  assertSamePoses(await larger.estimatePoses(still), nativePoses(['--input-size', '481x641']));
  larger.dispose();
});

await check('tracking: ids last across calls, smoothing lags, reset() starts again', async () => {
  const raw = await createDetector(SupportedModels.PoseNet, { ...base, decoder: 'coral' });
  const rawStill = await raw.estimatePoses(still);
  const shifted = picture(6);
  const rawShifted = await raw.estimatePoses(shifted);
  raw.dispose();
  assert.ok(rawStill.every((p) => p.id === undefined), 'untracked poses have no id');

  const tracked = await createDetector(SupportedModels.PoseNet, { ...base, decoder: 'coral', tracking: true });
  const first = await tracked.estimatePoses(still, {}, 0);
  assert.deepEqual(first.map((p) => p.id).sort(), rawStill.map((_, i) => i), 'ids 0.. on the first frame');
  let last = first;
  for (const t of [40, 80]) {
    last = await tracked.estimatePoses(still, {}, t);
    assert.deepEqual(last.map((p) => p.id), first.map((p) => p.id), `same ids at ${t} ms`);
  }
  assertSamePoses(last, rawStill);  // a still picture stays where it is
  // The picture moves 6 px: the smoothed keypoints lie between the last and the new raw ones.
  const moved = await tracked.estimatePoses(shifted, {}, 120);
  assert.deepEqual(moved.map((p) => p.id), first.map((p) => p.id), 'same ids after the move');
  let inside = 0;
  moved.forEach((pose, p) => pose.keypoints.forEach((k, i) => {
    for (const axis of ['x', 'y']) {
      const a = rawStill[p].keypoints[i][axis], b = rawShifted[p].keypoints[i][axis];
      assert.ok((k[axis] - a) * (b - k[axis]) >= -1e-3, `${k.name}.${axis} ${k[axis]} not between ${a} and ${b}`);
      if (Math.abs(b - a) > 2 && Math.abs(k[axis] - a) > 0.1 && Math.abs(k[axis] - b) > 0.1) inside += 1;
    }
  }));
  assert.ok(inside >= 10, `only ${inside} coordinates strictly between the two frames`);
  tracked.reset();
  const again = await tracked.estimatePoses(still, {}, 200);
  assert.deepEqual(again.map((p) => p.id), first.map((p) => p.id), 'ids from 0 after reset()');
  tracked.dispose();

  const unsmoothed = await createDetector(SupportedModels.PoseNet, { ...base, decoder: 'coral', tracking: true, smoothing: false });
  await unsmoothed.estimatePoses(still, {}, 0);
  assertSamePoses(await unsmoothed.estimatePoses(shifted, {}, 40), rawShifted);
  unsmoothed.dispose();
});

await rejects('outputStride 7', createDetector(SupportedModels.PoseNet, { ...base, outputStride: 7 }),
  /^posenet: outputStride must be 8, 16 or 32, not 7$/);
const detector = await createDetector(SupportedModels.PoseNet, { ...base, tracking: true });
await rejects('scoreThreshold 2', detector.estimatePoses(still, { scoreThreshold: 2 }),
  /^posenet: scoreThreshold must be in \[0, 1\], not 2$/);
await rejects('maxPoses 0', detector.estimatePoses(still, { maxPoses: 0 }),
  /^posenet: maxPoses must be a whole number, 1 or more, not 0$/);
await detector.estimatePoses(still, {}, 1000);
await rejects('a timestamp before the last one', detector.estimatePoses(still, {}, 500),
  /^posenet: cannot track poses: .*time/);
detector.dispose();

done('js_options_test');
