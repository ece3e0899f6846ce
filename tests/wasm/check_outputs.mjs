// Checks for scripts/test-wasm.sh, in plain Node (no packages):
//   to-float IN.u8 OUT.f32 MEAN STD    writes (q - MEAN) / STD as float32 (a float model's input)
//   floats OUT_DIR REF_DIR TOLERANCE   every float32 output listed in REF_DIR/meta.json equals
//                                      OUT_DIR/<tensor>.bin within TOLERANCE (absolute)
//   coral OUT_DIR CSV                  the decoder model's outputs (OUT_DIR/outputs.json) hold the
//                                      poses of Coral's reference CSV: every keypoint within 4 px
//                                      and 0.1 of score, as Coral's own test accepts
//   poses NATIVE.json PAGE.json        the demo page's poses (page_check.mjs output) are the native
//                                      CLI's (detect --json) on the same picture: the best pose
//                                      of each within a mean keypoint distance of 10 px
//   frames NATIVE.json... PAGE.json    the demo page's poses, frame by frame (page_check.mjs's
//                                      history), on a camera playing the pictures the native CLI
//                                      saw (one detect --json each, in camera order): each page
//                                      frame's best pose within 10 px (mean keypoint distance) of
//                                      the best native pose of the picture it fits best; at least
//                                      20 such frames and 3 distinct pictures seen. The pictures'
//                                      native poses must lie 20 px or more apart, or which one the
//                                      page saw could not be told
// Exits 1 with one line naming what differs.
import { readFileSync, writeFileSync } from 'node:fs';

function fail(message) {
  console.error(`check_outputs: ${message}`);
  process.exit(1);
}

function floats(file) {
  const bytes = readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

function toFloat([input, output, mean, std]) {
  const q = readFileSync(input);
  const f = new Float32Array(q.length);
  for (let i = 0; i < q.length; ++i) f[i] = (q[i] - Number(mean)) / Number(std);
  writeFileSync(output, Buffer.from(f.buffer));
}

function compareFloats([outDir, refDir, tolerance]) {
  const meta = JSON.parse(readFileSync(`${refDir}/meta.json`, 'utf8'));
  for (const o of meta.outputs) {
    const got = floats(`${outDir}/${o.tensor.replaceAll('/', '_')}.bin`);
    const want = floats(`${refDir}/${o.file}`);
    if (got.length !== want.length) fail(`${o.tensor}: ${got.length} values, expected ${want.length}`);
    let worst = 0;
    for (let i = 0; i < got.length; ++i) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    if (!(worst <= Number(tolerance))) fail(`${o.tensor}: differs by ${worst} > ${tolerance}`);
    console.log(`${o.tensor}: ${got.length} values within ${worst.toExponential(2)}`);
  }
}

function compareCoral([outDir, csv]) {
  const outputs = JSON.parse(readFileSync(`${outDir}/outputs.json`, 'utf8')).outputs;
  // The decoder op's outputs in model order: keypoints [1,N,17,2] (y, x), keypoint scores
  // [1,N,17], pose scores [1,N], pose count.
  const data = outputs.slice(0, 4).map((o) => floats(`${outDir}/${o.file}`));
  const [keypoints, keypointScores, poseScores, count] = data;
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const poses = new Set(rows.map((r) => Number(r[0])));
  if (Math.round(count[0]) !== poses.size) fail(`${count[0]} poses, expected ${poses.size}`);
  let worstPx = 0;
  for (const r of rows) {
    const pose = Number(r[0]);
    const k = rows.filter((x) => Number(x[0]) === pose).indexOf(r);
    const i = pose * 17 + k;
    const dx = Math.abs(keypoints[2 * i + 1] - Number(r[4]));
    const dy = Math.abs(keypoints[2 * i] - Number(r[5]));
    worstPx = Math.max(worstPx, dx, dy);
    if (dx > 4 || dy > 4) fail(`pose ${pose} ${r[2]}: (${keypoints[2 * i + 1]}, ${keypoints[2 * i]}), expected (${r[4]}, ${r[5]})`);
    if (Math.abs(keypointScores[i] - Number(r[3])) > 0.1) fail(`pose ${pose} ${r[2]}: score ${keypointScores[i]}, expected ${r[3]}`);
    if (Math.abs(poseScores[pose] - Number(r[1])) > 0.1) fail(`pose ${pose}: score ${poseScores[pose]}, expected ${r[1]}`);
  }
  console.log(`${poses.size} poses as Coral's reference, keypoints within ${worstPx.toFixed(3)} px`);
}

// Mean distance in pixels between the 17 keypoints of two poses.
function meanDistance(a, b) {
  let sum = 0;
  for (let k = 0; k < 17; ++k) sum += Math.hypot(a.keypoints[k].x - b.keypoints[k].x, a.keypoints[k].y - b.keypoints[k].y);
  return sum / 17;
}

function comparePoses([nativeFile, pageFile]) {
  const native = JSON.parse(readFileSync(nativeFile, 'utf8')).poses;
  const page = JSON.parse(readFileSync(pageFile, 'utf8')).poses;
  if (!native?.length || !page?.length) fail(`no poses: native ${native?.length}, page ${page?.length}`);
  const mean = meanDistance(native[0], page[0]);
  if (!(mean < 10)) fail(`the best poses differ by ${mean.toFixed(2)} px on average (limit 10)`);
  console.log(`best pose within ${mean.toFixed(2)} px of the native CLI's (${page.length} poses, native ${native.length})`);
}

function compareFrames(files) {
  const nativeFiles = files.slice(0, -1), pageFile = files.at(-1);
  const native = nativeFiles.map((f) => {
    const poses = JSON.parse(readFileSync(f, 'utf8')).poses;
    if (!poses?.length) fail(`${f}: the native CLI found no pose`);
    return poses[0];
  });
  let apart = Infinity;
  native.forEach((a, i) => native.slice(i + 1).forEach((b, j) => {
    const d = meanDistance(a, b);
    if (d < 20) fail(`pictures ${i} and ${i + 1 + j}: native poses only ${d.toFixed(2)} px apart, cannot tell them apart`);
    apart = Math.min(apart, d);
  }));
  const history = JSON.parse(readFileSync(pageFile, 'utf8')).history;
  if (!history?.length) fail('the page reported no frames');
  const seen = native.map(() => 0);
  let worst = 0;
  history.forEach((pose, f) => {
    if (!pose) fail(`page frame ${f} of ${history.length}: no pose`);
    const distances = native.map((n) => meanDistance(n, pose));
    const best = distances.indexOf(Math.min(...distances));
    if (!(distances[best] < 10)) fail(`page frame ${f}: ${distances[best].toFixed(2)} px from the nearest picture's native pose (limit 10)`);
    seen[best] += 1;
    worst = Math.max(worst, distances[best]);
  });
  const distinct = seen.filter((n) => n > 0).length;
  if (history.length < 20) fail(`${history.length} page frames with poses, expected 20 or more`);
  if (distinct < 3) fail(`the page saw ${distinct} of the ${native.length} pictures (frames per picture: ${seen.join(' ')}), expected 3 or more`);
  console.log(`${history.length} page frames, each within ${worst.toFixed(2)} px of its picture's native pose; ` +
    `frames per picture ${seen.join(' ')} (pictures' poses ${apart.toFixed(1)} px or more apart)`);
}

const [command, ...args] = process.argv.slice(2);
const commands = {
  'to-float': toFloat, floats: compareFloats, coral: compareCoral, poses: comparePoses, frames: compareFrames,
};
if (!commands[command]) fail(`unknown command '${command}'`);
commands[command](args);
