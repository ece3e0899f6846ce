// The JS API (web/posenet.js) under Node, single-threaded and threaded variants: poses of
// Coral's decoder model on the reference picture (an ImageData-like RGBA object) match Coral's
// reference CSV (4 px, 0.1 of score), poses are shaped like the CLI's JSON, and every error
// path rejects with one clear message, including valid .tflite files that are not PoseNet
// networks (written by not_posenet_models.js). Usage:
//   node js_api_test.mjs SHARED_DATA_DIR NOT_POSENET_DIR
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { check, done, rejects } from './js_checks.mjs';
import { createDetector, KEYPOINT_NAMES, SupportedModels } from '../../web/posenet.js';

const [data, notPosenet] = process.argv.slice(2);
const ref = `${data}/reference/raw/test_couple_353x481`;
const modelFile = `${data}/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite`;
const model = readFileSync(modelFile);
// The reference input (481x353 RGB) as RGBA ImageData.
const rgb = readFileSync(`${ref}/input.u8`);
const width = 481, height = 353;
const rgba = new Uint8ClampedArray(width * height * 4);
for (let i = 0; i < width * height; ++i) {
  rgba.set(rgb.subarray(3 * i, 3 * i + 3), 4 * i);
  rgba[4 * i + 3] = 255;
}
const picture = { data: rgba, width, height };

const csv = readFileSync(`${data}/reference/coral/posenet_mobilenet_v1_075_353_481_quant_decoder_reference.csv`, 'utf8')
  .trim().split('\n').slice(1).map((l) => l.split(','));

function matchesCoral(poses) {
  const ids = [...new Set(csv.map((r) => Number(r[0])))];
  assert.equal(poses.length, ids.length, 'pose count');
  for (const id of ids) {
    const rows = csv.filter((r) => Number(r[0]) === id);
    const pose = poses[id];
    assert.ok(Math.abs(pose.score - Number(rows[0][1])) <= 0.1, `pose ${id} score ${pose.score}`);
    rows.forEach((r, k) => {
      const kp = pose.keypoints[k];
      assert.equal(kp.name, r[2].toLowerCase());
      assert.ok(Math.abs(kp.x - Number(r[4])) <= 4 && Math.abs(kp.y - Number(r[5])) <= 4,
        `pose ${id} ${kp.name} at (${kp.x}, ${kp.y}), expected (${r[4]}, ${r[5]})`);
      assert.ok(Math.abs(kp.score - Number(r[3])) <= 0.1, `pose ${id} ${kp.name} score`);
    });
  }
}

for (const [variant, threads] of [['single', 1], ['threaded', 2]]) {
  await check(`${variant} variant, ${threads} thread(s): Coral's poses`, async () => {
    const detector = await createDetector(SupportedModels.PoseNet, { modelBuffer: model, variant, threads, decoder: 'coral' });
    assert.equal(detector.variant, variant);
    assert.equal(detector.inputWidth, 481);
    assert.equal(detector.inputHeight, 353);
    const poses = await detector.estimatePoses(picture);
    matchesCoral(poses);
    // Shaped like the CLI's JSON: score, box, keypoints {id, name, x, y, score}.
    assert.deepEqual(Object.keys(poses[0]).sort(), ['box', 'keypoints', 'score']);
    assert.deepEqual(poses[0].keypoints.map((k) => k.name), KEYPOINT_NAMES);
    assert.deepEqual(Object.keys(poses[0].keypoints[0]).sort(), ['id', 'name', 'score', 'x', 'y']);
    assert.ok(detector.lastInferenceMs > 0);
    // flipHorizontal mirrors x only; maxPoses keeps the best.
    const flipped = await detector.estimatePoses(picture, { flipHorizontal: true, maxPoses: 1 });
    assert.equal(flipped.length, 1);
    assert.ok(Math.abs(flipped[0].keypoints[0].x - (width - 1 - poses[0].keypoints[0].x)) < 1e-3);
    assert.equal(flipped[0].keypoints[0].y, poses[0].keypoints[0].y);
    detector.dispose();
    await rejects(`${variant}: estimatePoses after dispose`, detector.estimatePoses(picture),
      /^posenet: the detector was disposed$/);
  });
}

const detector = await createDetector(SupportedModels.PoseNet, { modelBuffer: model, variant: 'single' });
await rejects('unknown model name', createDetector('MoveNet', { modelBuffer: model }),
  /^posenet: unknown model 'MoveNet'/);
await rejects('no model given', createDetector(SupportedModels.PoseNet, {}),
  /^posenet: cannot load model: give modelUrl/);
await rejects('modelBuffer of the wrong type', createDetector(SupportedModels.PoseNet, { modelBuffer: 'x' }),
  /^posenet: cannot load model: modelBuffer must be/);
await rejects('not a .tflite', createDetector(SupportedModels.PoseNet, { modelBuffer: rgb.subarray(0, 4096), variant: 'single' }),
  /^posenet: modelBuffer: .*cannot/);
await rejects('truncated .tflite', createDetector(SupportedModels.PoseNet, { modelBuffer: model.subarray(0, 2000), variant: 'single' }),
  /^posenet: modelBuffer: .*cannot/);
// Valid models that load but are not PoseNet: the message names what is missing.
await rejects('a model without PoseNet\'s displacement outputs',
  createDetector(SupportedModels.PoseNet, { modelBuffer: readFileSync(`${notPosenet}/no_displacements.tflite`), variant: 'single' }),
  /^posenet: modelBuffer: cannot find PoseNet's outputs: expected 4-D outputs with 17 \(heatmaps\), 34 \(offsets\) and 64 or 2x32 \(displacements\) channels$/);
await rejects('a model with a one-channel input',
  createDetector(SupportedModels.PoseNet, { modelBuffer: readFileSync(`${notPosenet}/gray_input.tflite`), variant: 'single' }),
  /^posenet: modelBuffer: cannot use the model: its input has 1 channel, expected 3 \(RGB\)$/);
await rejects('unknown variant', createDetector(SupportedModels.PoseNet, { modelBuffer: model, variant: 'gpu' }),
  /^posenet: unknown variant 'gpu'/);
await rejects('unknown decoder', createDetector(SupportedModels.PoseNet, { modelBuffer: model, decoder: 'openpose' }),
  /^posenet: unknown decoder 'openpose' \(auto, posenet, coral or tfjs\)$/);
await rejects('threads out of range', createDetector(SupportedModels.PoseNet, { modelBuffer: model, variant: 'threaded', threads: 9 }),
  /^posenet: threads must be 1\.\.4, not 9$/);
await rejects('threads in the single-threaded variant', createDetector(SupportedModels.PoseNet, { modelBuffer: model, variant: 'single', threads: 2 }),
  /^posenet: threads must be 1 in the single-threaded variant, not 2$/);
await rejects('bad input resolution', createDetector(SupportedModels.PoseNet, { modelBuffer: model, variant: 'single', inputResolution: { width: 5, height: 5 } }),
  /^posenet: inputResolution must be \{width, height\}/);
await check('another input resolution', async () => {
  const small = await createDetector(SupportedModels.PoseNet, { modelBuffer: model, variant: 'single', inputResolution: { width: 257, height: 193 } });
  assert.equal(small.inputWidth, 257);
  assert.equal(small.inputHeight, 193);
  assert.ok((await small.estimatePoses(picture)).length >= 1);
  small.dispose();
});
await rejects('unreachable modelUrl', createDetector(SupportedModels.PoseNet, { modelUrl: 'http://127.0.0.1:9/none.tflite' }),
  /^posenet: http:\/\/127\.0\.0\.1:9\/none\.tflite: cannot fetch model/);
await rejects('not a picture', detector.estimatePoses(42), /^posenet: cannot read picture: expected ImageData/);
await rejects('ImageData of the wrong size', detector.estimatePoses({ data: new Uint8Array(10), width: 4, height: 4 }),
  /^posenet: cannot read picture: 10 bytes for 4x4 RGBA$/);
await rejects('zero-size picture', detector.estimatePoses({ data: new Uint8Array(0), width: 0, height: 0 }),
  /^posenet: cannot read picture: it has no pixels$/);
await rejects('picture too small', detector.estimatePoses({ data: new Uint8Array(8 * 8 * 4), width: 8, height: 8 }),
  /^posenet: .*8x8/);
detector.dispose();

done('js_api_test');
console.log('js_api_test: all passed');
process.exit(0);  // the threaded module's workers would keep Node alive
