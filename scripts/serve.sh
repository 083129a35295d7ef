#!/usr/bin/env bash
# Build the dashboard and serve it with live reload on http://127.0.0.1:8080/
# (bundled data from data/ is copied to dist/data/ and served at /data/).
#
#   bash scripts/serve.sh [extra trunk serve args...]
#   PORT=9000 bash scripts/serve.sh
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$ROOT"
bash scripts/setup.sh
use_tool_path

port="${PORT:-8080}"
log "serving on http://127.0.0.1:$port/ (Ctrl-C to stop)"
# No live-reload script: the page's Content-Security-Policy (tools/csp.mjs) would refuse it.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "$port" "$@"
