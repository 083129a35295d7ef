#!/usr/bin/env bash
# Compares the browser timings of another revision with this checkout's,
# interleaved: on a shared machine the speed drifts by a third within an hour,
# so two benchmarks run one after the other can disagree by more than the
# change being measured. Alternating rounds puts the drift on both alike.
# A benchmark, never a test: it fails only when something cannot be measured.
#
#   bash scripts/bench-compare.sh REV [--rounds N] [--runs N]
#
#   REV         a commit, branch or tag, built in a temporary git worktree with
#               its own cargo target directory, target/bench/compare-target/
#               (kept between runs; the first run compiles every dependency,
#               about 5 minutes on 2 cores). Not this checkout's target/: cargo
#               would see this checkout's crate as up to date afterwards and
#               leave the other build's wasm in place.
#   --rounds N  rounds of (REV, this checkout) in turn (default 3)
#   --runs N    runs of tools/bench/browser.mjs per build per round (default 5)
#
# This checkout is built as it stands (uncommitted changes included). Both are
# measured by this checkout's tools/bench/browser.mjs (CPU throttled 4x). Prints
# each measure's median over every run of each build and the change, and
# writes target/bench/compare.json.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REV=""
ROUNDS=3
RUNS=5
while [[ $# -gt 0 ]]; do
    case "$1" in
    --rounds | --runs)
        [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 needs a positive number"
        if [[ "$1" == --rounds ]]; then ROUNDS="$2"; else RUNS="$2"; fi
        shift
        ;;
    -h | --help)
        sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*) die "unknown argument: $1 (see --help)" ;;
    *)
        [[ -z "$REV" ]] || die "one revision only (see --help)"
        REV="$1"
        ;;
    esac
    shift
done
[[ -n "$REV" ]] || die "which revision? (see --help)"

cd "$ROOT"
git rev-parse --verify --quiet "$REV^{commit}" >/dev/null || die "not a revision: $REV"
bash scripts/setup.sh --browser
use_tool_path
OUT="$ROOT/target/bench/compare"
WORKTREE="$OUT/worktree"
rm -rf "$OUT"
mkdir -p "$OUT"
cleanup() { git -C "$ROOT" worktree remove --force "$WORKTREE" 2>/dev/null || true; }
trap cleanup EXIT

log "building $REV in $WORKTREE"
git worktree add --detach --quiet "$WORKTREE" "$REV"
(cd "$WORKTREE" && CARGO_TARGET_DIR="$ROOT/target/bench/compare-target" trunk build --release --offline --dist "$OUT/base-dist")
log "building this checkout"
trunk build --release --offline --dist "$OUT/this-dist"
if cmp -s "$OUT"/base-dist/*.wasm "$OUT"/this-dist/*.wasm; then
    log "note: $REV and this checkout build the same wasm"
fi

for round in $(seq 1 "$ROUNDS"); do
    for which in base this; do
        log "round $round of $ROUNDS: $which"
        node tools/bench/browser.mjs --dist "$OUT/$which-dist" --runs "$RUNS" \
            --label "$which, round $round" --out "$OUT/$which-$round.json" >/dev/null
    done
done

REV_NAME="$REV ($(git rev-parse --short "$REV"))" node --input-type=module -e '
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
const dir = process.argv[1];
const runs = { base: [], this: [] };
for (const f of readdirSync(dir).filter((f) => /^(base|this)-\d+\.json$/.test(f))) {
  runs[f.split("-")[0]].push(...JSON.parse(readFileSync(`${dir}/${f}`, "utf8")).runs);
}
const median = (xs) => { const v = xs.filter(Number.isFinite).sort((a, b) => a - b); return v.length ? v[Math.floor(v.length / 2)] : null; };
const measures = ["overview", "overview_complete", "app_started", "data_fetched", "switch", "switch_complete", "detail", "detail_table", "next"];
const result = { base: process.env.REV_NAME, runs_each: runs.base.length, measures: {} };
console.log(`Interleaved browser timings (4x CPU throttle), median of ${runs.base.length} runs each:`);
console.log(`  ${"measure".padEnd(14)} ${"base".padStart(10)} ${"this".padStart(10)}   change   (base: ${result.base})`);
for (const m of measures) {
  const [b, t] = [median(runs.base.map((r) => r[m])), median(runs.this.map((r) => r[m]))];
  if (b == null || t == null) continue;
  result.measures[m] = { base_ms: b, this_ms: t, change: t / b - 1 };
  const pct = ((t / b - 1) * 100).toFixed(0);
  console.log(`  ${m.padEnd(14)} ${b.toFixed(1).padStart(8)} ms ${t.toFixed(1).padStart(8)} ms   ${(t <= b ? "" : "+") + pct}%`);
}
writeFileSync(`${dir}/../compare.json`, JSON.stringify(result, null, 1) + "\n");
console.log(`  written to target/bench/compare.json`);
' "$OUT"
