#!/usr/bin/env bash
# Benchmarks that print figures and write them to target/bench/ (never timed tests).
#   SPC over 10,000 series x 120 points: natively, and the same code in
#   WebAssembly under node (built with the wasm-bindgen CLI from setup.sh).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
bash scripts/setup.sh
use_tool_path
mkdir -p target/bench

cargo run --quiet --release --example bench_spc

cargo build --quiet --release --target wasm32-unknown-unknown --example bench_spc_wasm
wasm-bindgen --target nodejs --out-dir target/bench/wasm \
    target/wasm32-unknown-unknown/release/examples/bench_spc_wasm.wasm
# The repository's package.json says "type": "module"; wasm-bindgen's nodejs
# output is CommonJS.
echo '{"type": "commonjs"}' > target/bench/wasm/package.json
node -e '
const fs = require("fs");
const { bench } = require(process.cwd() + "/target/bench/wasm/bench_spc_wasm.js");
const r = JSON.parse(bench(5));
console.log(`SPC benchmark (wasm32 in node ${process.version}): ${r.series} series x ${r.points} points`);
console.log(`  median of 5 runs: ${r.median_ms.toFixed(1)} ms total, ${r.per_series_us.toFixed(2)} µs per series`);
console.log(`  runs (ms): ${r.runs_ms.map((t) => t.toFixed(1)).join(", ")}`);
console.log(`  special-cause points found: ${r.special_points} (must equal the native count)`);
fs.writeFileSync("target/bench/spc-wasm.json", JSON.stringify(r) + "\n");
console.log("  written to target/bench/spc-wasm.json");
'
