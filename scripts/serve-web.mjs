// A static server for the web package and its demo (scripts/serve-web.sh): web/ at /, the
// shared models at /models/ and pictures at /images/, with the cross-origin isolation headers
// (COOP same-origin, COEP require-corp) the threaded variant needs; --no-isolation leaves them
// out (pages then get the single-threaded variant); --mount /PREFIX/=DIR serves one more folder
// (the benchmark's page and TF.js files). Usage: node serve-web.mjs [PORT] [--no-isolation]
// [--mount /PREFIX/=DIR ...]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const isolation = !args.includes('--no-isolation');
const port = Number(args.find((a) => /^\d+$/.test(a)) ?? 8080);
const extra = args.flatMap((a, i) => (args[i - 1] === '--mount' ? [a.split('=')] : []))
  .map(([prefix, dir]) => [prefix, resolve(root, dir)]);
const mounts = [
  ...extra,
  ['/models/', join(root, '../shared/data/models')],
  ['/images/', join(root, '../shared/data/images')],
  ['/', join(root, 'web')],
];
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.tflite': 'application/octet-stream', '.jpg': 'image/jpeg', '.png': 'image/png',
};

createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
  const [prefix, dir] = mounts.find(([p]) => path.startsWith(p));
  let file = normalize(join(dir, path.slice(prefix.length)));
  if (!file.startsWith(dir)) {
    response.writeHead(403).end('forbidden\n');
    return;
  }
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    statSync(file);
  } catch {
    response.writeHead(404).end('not found\n');
    return;
  }
  const headers = { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' };
  if (isolation) {
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    headers['Cross-Origin-Resource-Policy'] = 'same-origin';
  }
  response.writeHead(200, headers);
  createReadStream(file).pipe(response);
}).listen(port, '127.0.0.1', () => {
  console.log(`serve-web: http://127.0.0.1:${port}/demo/ (${isolation ? 'cross-origin isolated: threaded' : 'not isolated: single-threaded'})`);
});
