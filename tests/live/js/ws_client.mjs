// node ws_client.mjs URL OUT [SLOW_MS]
// Connects to posenet's WebSocket, writes every text message as one line of OUT until the
// server closes, and prints {"messages": N, "close_code": C}. With SLOW_MS it pauses the socket
// that long after each message (a slow client).
import { writeFileSync } from "node:fs";
import WebSocket from "ws";

const [url, out, slowMs] = process.argv.slice(2);
const lines = [];
const ws = new WebSocket(url);
const timer = setTimeout(() => {
  console.error("ws_client: no close within 120 s");
  process.exit(2);
}, 120000);
ws.on("message", (data, isBinary) => {
  if (isBinary) return;
  lines.push(data.toString("utf8"));
  if (slowMs) {
    ws.pause();
    setTimeout(() => ws.resume(), Number(slowMs));
  }
});
ws.on("error", (e) => {
  console.error(`ws_client: ${e.message}`);
  process.exit(1);
});
ws.on("close", (code) => {
  clearTimeout(timer);
  writeFileSync(out, lines.map((l) => l + "\n").join(""));
  console.log(JSON.stringify({ messages: lines.length, close_code: code }));
});
