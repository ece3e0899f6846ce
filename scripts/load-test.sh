#!/usr/bin/env bash
# Load test of `posenet serve` on loopback: wrk posts test_couple.jpg over CONNECTIONS
# connections for SECONDS, then `posenet detect` runs a folder of copies of the same picture in
# one process with the same threads, and the throughputs are compared. Prints requests/s,
# latency percentiles, status counts (only 200 and the documented 503 are acceptable) and the
# server's RSS over the run. Exits non-zero on any other status, on socket errors, or when the
# RSS in the second half of the run exceeds the first half's by more than 10 %.
#   scripts/load-test.sh [SECONDS=30] [CONNECTIONS=100] [extra posenet serve options...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
connections=${2:-100}
shift 2 || true
tool=${POSENET_TOOL:-build/release/apps/posenet/posenet}
model=${POSENET_MODEL:-../shared/data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite}
picture=../shared/data/images/test_couple.jpg
threads=${POSENET_THREADS:-2}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

"$tool" serve --listen 127.0.0.1:0 --model "$model" --threads "$threads" --queue 128 "$@" \
  2>"$work/serve.err" &
server=$!
for _ in $(seq 100); do
  grep -q "serving http" "$work/serve.err" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.err")
[ -n "$url" ] || { cat "$work/serve.err"; exit 1; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

# Warm-up at the same load, so the buffers of every connection and worker exist before RSS is
# first read (the requests left queued when wrk stops are skipped: their clients are gone).
wrk -t1 -c"$connections" -d5s --timeout 60s -s scripts/load-test.lua "${url}v1/poses" \
  >/dev/null 2>&1 || true
sleep 1
# RSS every second during the run: flat means the second half never needs more than the
# first half did (a leak grows with the requests served).
( while kill -0 "$server" 2>/dev/null; do rss; sleep 1; done ) >"$work/rss.txt" &
sampler=$!
POSENET_PICTURE=$picture wrk -t2 -c"$connections" -d"${seconds}s" --timeout 60s --latency \
  -s scripts/load-test.lua "${url}v1/poses" | tee "$work/wrk.txt"
kill "$sampler" 2>/dev/null || true
read -r rss_first rss_second < <(awk '{ v[NR] = $1 } END {
  h = int(NR / 2); a = 0; b = 0
  for (i = 1; i <= h; i++) if (v[i] > a) a = v[i]
  for (i = h + 1; i <= NR; i++) if (v[i] > b) b = v[i]
  print a, b }' "$work/rss.txt")
served=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")

# The same picture through posenet detect: one process, the same threads.
copies=30
mkdir -p "$work/pictures"
for i in $(seq -w 1 $copies); do cp "$picture" "$work/pictures/$i.jpg"; done
start=$(date +%s.%N)
"$tool" detect "$work/pictures" --model "$model" --threads "$threads" >/dev/null
end=$(date +%s.%N)
detected=$(awk -v n="$copies" -v a="$start" -v b="$end" 'BEGIN {print n / (b - a)}')

awk -v s="$served" -v d="$detected" -v n="$copies" 'BEGIN {
  printf "serve: %.2f requests/s; detect on %d copies: %.2f pictures/s; ratio %.3f\n", s, n, d, s / d
}'
echo "server RSS: at most ${rss_first} kB in the first half of the run, ${rss_second} kB in the second"
status=0
if grep -q "^Socket errors" "$work/wrk.txt"; then echo "load-test: socket errors"; status=1; fi
if grep -q "^status [^25]\|^status 2[^0]\|^status 5[^0]\|^status 50[^3]" "$work/wrk.txt"; then
  echo "load-test: statuses other than 200 and 503"; status=1
fi
if [ "$rss_second" -gt $((rss_first + rss_first / 10)) ]; then
  echo "load-test: RSS grew more than 10 %"; status=1
fi
exit $status
