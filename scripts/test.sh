#!/usr/bin/env bash
# Every check CI runs, in order; stops at the first failing step and names it.
#
#   bash scripts/test.sh                 everything (what .ci/run does)
#   SKIP_SETUP=1 bash scripts/test.sh    skip scripts/setup.sh (tools already installed)
#   bash scripts/test.sh -- --only phone extra args after -- go to the browser test runner
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

browser_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
    --)
        shift
        browser_args=("$@")
        break
        ;;
    -h | --help)
        sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown argument: $1 (see --help)" ;;
    esac
done

cd "$ROOT"
if [[ "${SKIP_SETUP:-0}" != 1 ]]; then
    step "setup (--browser)" bash scripts/setup.sh --browser
fi
use_tool_path

step "cargo fmt --check" cargo fmt --check
step "clippy (native, all targets)" cargo clippy --all-targets -- -D warnings
step "clippy (wasm32, lib + bins)" cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings
step "cargo test (native)" cargo test
# The fuzz targets are their own crate (fuzz/): make sure they still build
# against the library (scripts/fuzz.sh runs them).
step "fuzz targets compile" cargo check --quiet --locked --manifest-path fuzz/Cargo.toml --bins
step "JSON Schema agreement (ajv)" node tests/schema/run.mjs
step "trunk build --release" trunk build --release --offline
step "browser tests" node tests/browser/run.mjs --dist dist "${browser_args[@]}"

print_timings
printf '\nAll checks passed.\n' >&2
