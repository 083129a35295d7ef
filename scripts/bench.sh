#!/usr/bin/env bash
# The benchmarks of SPEC §8 ("Fast, small and unbreakable"). Prints figures,
# each beside its budget with "within" or "over", and writes them all to
# target/bench/results.json (each part also to its own file in target/bench/).
# A benchmark, never a test: it fails only when something cannot be measured.
#
#   bash scripts/bench.sh [--runs N] [--skip-build] [--profile]
#
#   --runs N      browser and native scale runs per figure (default 5; median, min, max)
#   --skip-build  measure the dist/ already built instead of running trunk build
#   --profile     also profile: a CPU profile and a Chromium trace of each browser
#                 measure (with the bundled and the generated data), using a copy
#                 of dist/ whose wasm keeps its function names, and `perf` of the
#                 native scale run when perf is installed (target/bench/profile/)
#
# Parts:
#   1. SPC over 10,000 series x 120 points: natively, and the same code in
#      WebAssembly under node (built with the wasm-bindgen CLI from setup.sh).
#   2. Transfer sizes of dist/ (trunk build --release): wasm, js, css raw, gzip -9
#      and brotli q11, the app total, and the bundled data.
#   3. Headless Chromium (playwright-core), CPU throttled 4x, 1024x768: navigation
#      to the overview painted, area switch, metric detail, presentation next
#      slide, JS heap.
#   4. Scale: a generated data set (examples/bench_scale.rs: 40 metrics x 300
#      areas x 120 months), checked by `llr-data validate`; load + validate +
#      aggregate + SPC natively, and the overview and an area switch in Chromium
#      with dist/ serving that data.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=5
SKIP_BUILD=0
PROFILE=0
while [[ $# -gt 0 ]]; do
    case "$1" in
    --runs)
        [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"
        RUNS="$2"
        shift
        ;;
    --skip-build) SKIP_BUILD=1 ;;
    --profile) PROFILE=1 ;;
    -h | --help)
        sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done

cd "$ROOT"
bash scripts/setup.sh --browser
use_tool_path
OUT=target/bench
SCALE_DATA="$OUT/scale-data"
mkdir -p "$OUT"
# Parts from an earlier run must not be reported as this run's.
rm -f "$OUT"/{spc-native,spc-wasm,sizes,scale-sizes,scale-native,browser,scale-browser,profile,scale-profile,results}.json

bench_spc() {
    cargo run --quiet --release --example bench_spc

    cargo build --quiet --release --target wasm32-unknown-unknown --example bench_spc_wasm
    wasm-bindgen --target nodejs --out-dir target/bench/wasm \
        target/wasm32-unknown-unknown/release/examples/bench_spc_wasm.wasm
    # The repository's package.json says "type": "module"; wasm-bindgen's nodejs
    # output is CommonJS.
    echo '{"type": "commonjs"}' >target/bench/wasm/package.json
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
}

build_app() {
    if [[ $SKIP_BUILD -eq 1 && -f dist/index.html ]]; then
        log "--skip-build: measuring the dist/ already there"
        return
    fi
    trunk build --release --offline
}

sizes() {
    node tools/bench/sizes.mjs --dist dist --out "$OUT/sizes.json"
}

browser() {
    node tools/bench/browser.mjs --dist dist --runs "$RUNS" --out "$OUT/browser.json"
}

scale_data() {
    cargo run --quiet --release --example bench_scale -- generate "$SCALE_DATA"
    # The loader's own verdict: no errors (and the generator writes no warnings).
    local report
    report="$(cargo run --quiet --release --bin llr-data -- validate "$SCALE_DATA")" || {
        printf '%s\n' "$report" | tail -20
        die "the generated data does not validate"
    }
    printf 'llr-data validate %s: %s\n' "$SCALE_DATA" "$(printf '%s\n' "$report" | tail -1)"
    node tools/bench/sizes.mjs --data-only --no-brotli --data "$SCALE_DATA" --out "$OUT/scale-sizes.json"
}

scale_native() {
    cargo run --quiet --release --example bench_scale -- time "$SCALE_DATA" --runs "$RUNS" --json "$OUT/scale-native.json"
}

scale_browser() {
    node tools/bench/stage.mjs --dist dist --out "$OUT/dist-scale" --data "$SCALE_DATA"
    node tools/bench/browser.mjs --dist "$OUT/dist-scale" --runs "$RUNS" --measures overview,switch \
        --timeout-ms 600000 --label "generated scale data" --out "$OUT/scale-browser.json"
}

profile() {
    local named=target/wasm-bindgen/release/llr-dashboard_bg.wasm
    mkdir -p "$OUT/profile"
    node tools/bench/stage.mjs --dist dist --out "$OUT/dist-profile" --named-wasm "$named"
    node tools/bench/browser.mjs --dist "$OUT/dist-profile" --runs 1 --label "bundled data, wasm with names" \
        --profile "$OUT/profile/bundled" --trace "$OUT/profile/bundled-trace" --out "$OUT/profile.json"
    node tools/bench/stage.mjs --dist dist --out "$OUT/dist-profile-scale" --data "$SCALE_DATA" --named-wasm "$named"
    node tools/bench/browser.mjs --dist "$OUT/dist-profile-scale" --runs 1 --measures overview,switch \
        --timeout-ms 600000 --label "generated scale data, wasm with names" \
        --profile "$OUT/profile/scale" --out "$OUT/scale-profile.json"
    if command -v perf >/dev/null; then
        perf record -q -F 199 --call-graph dwarf,16384 -o "$OUT/profile/scale-native.perf.data" \
            target/release/examples/bench_scale time "$SCALE_DATA" --runs 1 >/dev/null
        echo "perf of the native scale run (time including callees, the app's functions):"
        perf report -i "$OUT/profile/scale-native.perf.data" --children --stdio -g none --percent-limit 3 2>/dev/null |
            grep -E '^ +[0-9.]+%.*(llr_dashboard|serde_json::de::from_str)' | head -15 || true
    else
        log "perf not installed: no native profile"
    fi
}

step "SPC: native + wasm" bench_spc
step "trunk build --release" build_app
step "transfer sizes" sizes
step "browser: bundled data" browser
step "scale: generate + validate" scale_data
step "scale: native" scale_native
step "scale: browser" scale_browser
if [[ $PROFILE -eq 1 ]]; then
    step "profiles" profile
fi
step "report" node tools/bench/report.mjs --dir "$OUT" --out "$OUT/results.json"
print_timings
