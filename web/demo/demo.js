// The live demo of web/posenet.js: camera or a chosen picture/video, skeletons coloured per
// person id (tracking), TF.js-demo-like controls, fps and inference time. Query parameters (for
// tests): model=481_641, threads=N, source=camera, tracking=0, smoothing=0, models=URL of the
// .tflite folder (default /models/).
import { createDetector, POSE_EDGES, SupportedModels, threadsAvailable } from '../posenet.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const video = $('video'), canvas = $('canvas'), ctx = canvas.getContext('2d');
const COLORS = ['#ff4d4d', '#4dff88', '#4da6ff', '#ffd24d', '#d24dff', '#4dfff0', '#ff944d',
  '#b3ff4d', '#ff4db8', '#ffffff'];

let detector = null, source = null, running = false, frames = 0, fpsStart = performance.now();
window.posenetDemo = { frames: 0, poses: [], error: null, variant: null };  // read by the page test
// Each estimate is also announced as a 'posenetframe' event on window (detail: its poses), so a
// test can record the poses of every frame.

function status(text) { $('status').textContent = text; }

for (const id of ['maxPoses', 'minPoseScore', 'minPartScore']) {
  const input = $(id), out = input.nextElementSibling;
  const show = () => { out.textContent = input.value; };
  input.addEventListener('input', show);
  show();
}
const maxThreads = threadsAvailable() ? 4 : 1;
for (let t = 1; t <= maxThreads; ++t) $('threads').add(new Option(String(t), String(t)));
$('threads').value = params.get('threads') ?? String(Math.min(2, maxThreads));
if (params.has('model')) $('model').value = params.get('model');
if (params.get('tracking') === '0') $('tracking').checked = false;
if (params.get('smoothing') === '0') $('smoothing').checked = false;

async function load() {
  running = false;
  detector?.dispose();
  detector = null;
  const name = $('model').value;
  const modelUrl = `${params.get('models') ?? '/models/'}posenet_mobilenet_v1_075_${name}_quant_decoder.tflite`;
  status(`loading ${name}…`);
  try {
    const [h, w] = $('inputSize').value.split('_').map(Number);
    detector = await createDetector(SupportedModels.PoseNet, {
      modelUrl, threads: Number($('threads').value), maxPoses: 10, scoreThreshold: 0.1,
      inputSize: h ? { width: w, height: h } : undefined,
      outputStride: $('outputStride').value ? Number($('outputStride').value) : undefined,
      tracking: $('tracking').checked, smoothing: $('smoothing').checked,
    });
  } catch (e) {
    window.posenetDemo.error = e.message;
    status(e.message);
    return;
  }
  window.posenetDemo.variant = detector.variant;
  $('variant').textContent = `${detector.variant}, ${detector.threads} thread(s)`;
  status(`${name} ready`);
  if (source) start();
}

function draw(poses) {
  const minPart = Number($('minPartScore').value);
  poses.forEach((pose, i) => {
    const color = COLORS[(pose.id ?? i) % COLORS.length];  // a person keeps their colour
    ctx.strokeStyle = ctx.fillStyle = color;
    ctx.lineWidth = 3;
    const k = pose.keypoints;
    if ($('showSkeleton').checked) {
      for (const [a, b] of POSE_EDGES) {
        if (k[a].score < minPart || k[b].score < minPart) continue;
        ctx.beginPath();
        ctx.moveTo(k[a].x, k[a].y);
        ctx.lineTo(k[b].x, k[b].y);
        ctx.stroke();
      }
    }
    if ($('showPoints').checked) {
      for (const p of k) {
        if (p.score < minPart) continue;
        ctx.beginPath();
        ctx.arc(p.x, p.y, 4, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    if ($('showBox').checked) {
      const [x0, y0, x1, y1] = pose.box;
      ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
    }
  });
}

async function frame() {
  if (!running || !detector) return;
  const w = source.videoWidth ?? source.naturalWidth, h = source.videoHeight ?? source.naturalHeight;
  if (w > 0 && h > 0) {
    if (canvas.width !== w || canvas.height !== h) canvas.width = w, canvas.height = h;
    const flip = $('flip').checked;
    ctx.save();
    if (flip) ctx.setTransform(-1, 0, 0, 1, w, 0);
    ctx.drawImage(source, 0, 0, w, h);
    ctx.restore();
    try {
      const nms = Number($('nmsRadius').value);  // empty: the model's own
      const all = await detector.estimatePoses(source, {
        flipHorizontal: flip, nmsRadius: nms > 0 ? nms : undefined,
      });
      const poses = all.filter((p) => p.score >= Number($('minPoseScore').value))
        .slice(0, Number($('maxPoses').value));
      draw(poses);
      window.posenetDemo.poses = all;
      window.posenetDemo.frames += 1;
      window.dispatchEvent(new CustomEvent('posenetframe', { detail: all }));
      $('poses').textContent = String(poses.length);
      $('inference').textContent = `${detector.lastInferenceMs.toFixed(1)} ms`;
      frames += 1;
      const now = performance.now();
      if (now - fpsStart >= 1000) {
        $('fps').textContent = (frames * 1000 / (now - fpsStart)).toFixed(1);
        frames = 0, fpsStart = now;
      }
    } catch (e) {
      window.posenetDemo.error = e.message;
      status(e.message);
      running = false;
      return;
    }
  }
  if (source instanceof HTMLImageElement) {
    running = false;  // a picture: one estimate
    return;
  }
  requestAnimationFrame(frame);
}

function start() {
  running = true;
  requestAnimationFrame(frame);
}

async function useCamera() {
  try {
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    video.src = '';
    await video.play();
    source = video;
    start();
  } catch (e) {
    window.posenetDemo.error = `camera: ${e.message}`;
    status(`camera: ${e.message}`);
  }
}

$('camera').addEventListener('click', useCamera);
$('file').addEventListener('change', async () => {
  const file = $('file').files[0];
  if (!file) return;
  const url = URL.createObjectURL(file);
  if (file.type.startsWith('video/')) {
    video.srcObject = null;
    video.src = url;
    video.loop = true;
    await video.play();
    source = video;
  } else {
    const img = new Image();
    img.src = url;
    await img.decode();
    source = img;
  }
  start();
});
for (const id of ['model', 'inputSize', 'outputStride', 'threads', 'tracking', 'smoothing']) {
  $(id).addEventListener('change', load);
}

await load();
if (params.get('source') === 'camera') await useCamera();
