// node bench_browser.mjs URL: opens one benchmark page in Debian's headless Chromium and prints
// its window.benchResult as JSON.
import { chromium } from 'playwright-core';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let result;
try {
  const page = await browser.newPage();
  await page.goto(process.argv[2]);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 600000 });
  result = await page.evaluate(() => window.benchResult);
} catch (e) {
  result = { error: String(e.message ?? e).split('\n')[0] };
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
