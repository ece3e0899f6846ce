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

function comparePoses([nativeFile, pageFile]) {
  const native = JSON.parse(readFileSync(nativeFile, 'utf8')).poses;
  const page = JSON.parse(readFileSync(pageFile, 'utf8')).poses;
  if (!native?.length || !page?.length) fail(`no poses: native ${native?.length}, page ${page?.length}`);
  let sum = 0;
  for (let k = 0; k < 17; ++k) {
    const a = native[0].keypoints[k], b = page[0].keypoints[k];
    sum += Math.hypot(a.x - b.x, a.y - b.y);
  }
  const mean = sum / 17;
  if (!(mean < 10)) fail(`the best poses differ by ${mean.toFixed(2)} px on average (limit 10)`);
  console.log(`best pose within ${mean.toFixed(2)} px of the native CLI's (${page.length} poses, native ${native.length})`);
}

const [command, ...args] = process.argv.slice(2);
const commands = { 'to-float': toFloat, floats: compareFloats, coral: compareCoral, poses: comparePoses };
if (!commands[command]) fail(`unknown command '${command}'`);
commands[command](args);
