#!/usr/bin/env bash
# Serves the web package and its demo at http://127.0.0.1:PORT/demo/ with the COOP/COEP headers
# the threaded variant needs (--no-isolation: without them). Build first: scripts/build-web.sh.
# Usage: scripts/serve-web.sh [PORT] [--no-isolation]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f web/dist/posenet_web.mjs ] || { echo "serve-web: web/dist/ is empty: run scripts/build-web.sh" >&2; exit 1; }
exec node scripts/serve-web.mjs "$@"
