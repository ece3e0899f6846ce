// node view_check.mjs URL SCREENSHOT [FRAMES]
// Opens posenet's web view in Debian's headless Chromium, waits until the page has drawn FRAMES
// frames (default 20) with their pictures, saves a screenshot, and prints what the page counted
// (window.posenetView) with its readout text and the console errors.
import { chromium } from "playwright-core";

const [url, screenshot, framesArg] = process.argv.slice(2);
const wanted = Number(framesArg || 20);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let result = { error: null };
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction((n) => window.posenetView && window.posenetView.frames >= n &&
                                    window.posenetView.pictures >= n, wanted, { timeout: 60000 });
  await page.screenshot({ path: screenshot });
  const view = await page.evaluate(() => window.posenetView);
  const readout = await page.textContent("#readout");
  const status = await page.textContent("#status");
  result = { view, readout, status, errors };
} catch (e) {
  result.error = String(e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.error ? 1 : 0);
