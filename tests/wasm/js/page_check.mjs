// node page_check.mjs URL SCREENSHOT [--picture FILE] [--camera Y4M] [--frames N] [--seconds S]
// Opens the demo page (web/demo/) in Debian's headless Chromium, feeds it a chosen picture (the
// file input) or the fake camera playing Y4M, waits until it has estimated N frames with poses
// (default 1) over at least S seconds (default 0: the camera may need a while to play its whole
// clip), saves a screenshot and prints what the page reported (window.posenetDemo: variant,
// frames, the last poses, error) with its fps and inference readouts, the console errors and the
// best pose of every frame it estimated (its 'posenetframe' events; null: no pose), as JSON.
import { chromium } from 'playwright-core';

const [url, screenshot, ...rest] = process.argv.slice(2);
const option = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
const picture = option('--picture'), camera = option('--camera');
const wanted = Number(option('--frames') ?? 1), seconds = Number(option('--seconds') ?? 0);
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
if (camera) {
  args.push('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${camera}`);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args,
});
let result = { error: null };
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(() => {
    window.posenetFrames = [];  // {t: ms, pose: the best pose or null} per estimate
    addEventListener('posenetframe', (e) => {
      window.posenetFrames.push({ t: performance.now(), pose: e.detail[0] ?? null });
    });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.posenetDemo && (window.posenetDemo.variant || window.posenetDemo.error),
    null, { timeout: 120000 });
  if (picture) await page.setInputFiles('#file', picture);
  await page.waitForFunction(([n, ms]) => {
    const posed = window.posenetFrames.filter((f) => f.pose);
    return (posed.length >= n && posed.at(-1).t - posed[0].t >= ms) || window.posenetDemo.error;
  }, [wanted, seconds * 1000], { timeout: 180000 });
  if (camera) await page.waitForTimeout(1200);  // one fps readout period
  await page.screenshot({ path: screenshot });
  const demo = await page.evaluate(() => window.posenetDemo);
  if (demo.error) throw new Error(demo.error);
  result = {
    variant: demo.variant,
    frames: demo.frames,
    poses: demo.poses,
    crossOriginIsolated: await page.evaluate(() => crossOriginIsolated),
    fps: await page.textContent('#fps'),
    inference: await page.textContent('#inference'),
    errors,
    history: (await page.evaluate(() => window.posenetFrames)).map((f) => f.pose &&
      { score: f.pose.score, keypoints: f.pose.keypoints.map((k) => ({ x: k.x, y: k.y })) }),
  };
} catch (e) {
  result.error = String(e.message ?? e).split('\n')[0];
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.error ? 1 : 0);
