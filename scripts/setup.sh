#!/usr/bin/env bash
# Install everything needed to build, serve and test the dashboard.
# Idempotent: each step checks first and is skipped when already satisfied.
#
#   bash scripts/setup.sh            Rust wasm target, trunk, wasm-bindgen-cli, npm packages
#   bash scripts/setup.sh --browser  ... and Debian's chromium + chromium-driver
#
# Works without internet access except crates.io, the npm registry and Debian's
# apt mirrors: trunk is told (Trunk.toml [tools] + --offline) to use the
# wasm-bindgen and wasm-opt found on PATH instead of downloading them from GitHub.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TRUNK_SERIES="0.21"
WITH_BROWSER=0

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

for arg in "$@"; do
    case "$arg" in
    --browser) WITH_BROWSER=1 ;;
    -h | --help)
        usage
        exit 0
        ;;
    *) die "unknown argument: $arg (see --help)" ;;
    esac
done

cd "$ROOT"
use_tool_path

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
command -v rustup >/dev/null || die "rustup not found: it is needed to add the wasm32 target"

setup_rust_target() {
    local missing=()
    rustup target list --installed | grep -qx wasm32-unknown-unknown || missing+=(target)
    cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
    cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
    if [[ ${#missing[@]} -eq 0 ]]; then
        log "wasm32-unknown-unknown target, rustfmt and clippy already installed"
        return
    fi
    rustup target add wasm32-unknown-unknown
    rustup component add rustfmt clippy
}

setup_trunk() {
    local have=""
    have="$(trunk --version 2>/dev/null || true)"
    if [[ "$have" =~ ^trunk\ ${TRUNK_SERIES//./\\.}\. ]]; then
        log "trunk already installed: $have"
        return
    fi
    log "installing trunk ~$TRUNK_SERIES (found: ${have:-none}); this compiles for several minutes"
    cargo install trunk --version "~$TRUNK_SERIES" --locked
}

setup_wasm_bindgen() {
    local want pin have=""
    want="$(cargo_lock_wasm_bindgen_version)"
    [[ -n "$want" ]] || die "could not find the wasm-bindgen version in Cargo.lock"
    pin="$(trunk_tool_pin wasm_bindgen)"
    if [[ "$pin" != "$want" ]]; then
        die "Trunk.toml pins wasm_bindgen = \"$pin\" but Cargo.lock has wasm-bindgen $want; set [tools] wasm_bindgen = \"$want\" in Trunk.toml"
    fi
    have="$(wasm-bindgen --version 2>/dev/null || true)"
    if [[ "$have" == "wasm-bindgen $want" ]]; then
        log "wasm-bindgen-cli $want already installed"
        return
    fi
    log "installing wasm-bindgen-cli $want (found: ${have:-none}); this compiles for several minutes"
    # Not --locked: the CLI's own lockfile pins crates that no longer build with this rustc.
    cargo install wasm-bindgen-cli --version "=$want" --force
}

setup_npm() {
    command -v node >/dev/null || die "node not found: install Node.js 20+ (with npm)"
    command -v npm >/dev/null || die "npm not found: install npm"
    [[ -f package-lock.json ]] || die "package-lock.json is missing; run 'npm install' and commit it"
    local stamp="node_modules/.setup-stamp" want
    want="$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1) node $(node --version)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x node_modules/.bin/wasm-opt ]]; then
        log "node_modules up to date with package-lock.json"
    else
        npm ci --no-audit --no-fund
        printf '%s\n' "$want" >"$stamp"
    fi
    local wasm_opt_pin have
    wasm_opt_pin="$(trunk_tool_pin wasm_opt)"
    have="$(wasm-opt --version 2>/dev/null || true)"
    if [[ "$have" != *"($wasm_opt_pin)"* ]]; then
        die "wasm-opt on PATH reports '${have:-nothing}', but Trunk.toml pins wasm_opt = \"$wasm_opt_pin\"; make package.json's binaryen match"
    fi
}

setup_cargo_fetch() {
    # trunk --offline passes --offline to cargo, so every crate (native and
    # wasm32) must already be downloaded. Fast when the registry cache is warm.
    # The fuzz targets are their own workspace (fuzz/): test.sh checks them.
    cargo fetch
    cargo fetch --locked --manifest-path fuzz/Cargo.toml
}

setup_browser() {
    if [[ -x /usr/bin/chromium ]]; then
        log "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
        return
    fi
    local sudo=()
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null || die "chromium is missing and installing it needs root or sudo"
        sudo=(sudo)
    fi
    log "installing Debian's chromium and chromium-driver"
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        chromium chromium-driver
}

step "setup: rust wasm32 target" setup_rust_target
step "setup: trunk" setup_trunk
step "setup: wasm-bindgen-cli" setup_wasm_bindgen
step "setup: npm ci" setup_npm
step "setup: cargo fetch" setup_cargo_fetch
if [[ $WITH_BROWSER -eq 1 ]]; then
    step "setup: chromium" setup_browser
fi
print_timings
