# shellcheck shell=bash
# Shared helpers for scripts/*.sh. Source it; do not run it.
#
# Provides:
#   ROOT                 absolute path of the repository root
#   log MSG...           prefixed progress line on stderr
#   die MSG...           error line on stderr, exit 1
#   now                  seconds since the epoch, with decimals
#   elapsed START        seconds since START, one decimal
#   step NAME CMD...     run CMD (a command or a function) in a subshell as a
#                        named, timed step; on failure print the step name and
#                        exit status, the timings so far, and exit with that status
#   print_timings        table of the steps run so far and their durations
#   use_tool_path        put node_modules/.bin and cargo's bin dir first on PATH

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Used by the scripts that source this file.
# shellcheck disable=SC2034
SCRIPT_START="$EPOCHREALTIME"

_STEP_NAMES=()
_STEP_TIMES=()

log() { printf '==> %s\n' "$*" >&2; }

die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

now() { printf '%s\n' "$EPOCHREALTIME"; }

elapsed() {
    # EPOCHREALTIME is "seconds.microseconds"; avoid depending on bc.
    local start="${1/,/.}" end="${EPOCHREALTIME/,/.}"
    local s_us=$((10#${start%.*} * 1000000 + 10#${start#*.}))
    local e_us=$((10#${end%.*} * 1000000 + 10#${end#*.}))
    local d=$((e_us - s_us))
    printf '%d.%d\n' $((d / 1000000)) $(((d % 1000000) / 100000))
}

step() {
    local name="$1"
    shift
    local start status=0
    start="$EPOCHREALTIME"
    printf '\n==> [%s] %s\n' "$name" "$*" >&2
    # A subshell with errexit on, not `"$@" || ...`: in that form bash ignores
    # set -e inside the function bodies that steps run.
    set +e
    (
        set -e
        "$@"
    )
    status=$?
    set -e
    local took
    took="$(elapsed "$start")"
    _STEP_NAMES+=("$name")
    _STEP_TIMES+=("$took")
    if [[ $status -ne 0 ]]; then
        printf '\nFAILED: step "%s" (exit status %d, after %ss)\n        command: %s\n' \
            "$name" "$status" "$took" "$*" >&2
        print_timings
        exit "$status"
    fi
    printf '==> [%s] ok (%ss)\n' "$name" "$took" >&2
}

print_timings() {
    local i
    printf '\n%-34s %9s\n' "step" "seconds" >&2
    printf '%-34s %9s\n' "----------------------------------" "---------" >&2
    for i in "${!_STEP_NAMES[@]}"; do
        printf '%-34s %9s\n' "${_STEP_NAMES[$i]}" "${_STEP_TIMES[$i]}" >&2
    done
    printf '%-34s %9s\n' "total" "$(elapsed "$SCRIPT_START")" >&2
}

use_tool_path() {
    local cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
    export PATH="$ROOT/node_modules/.bin:$cargo_bin:$PATH"
}

# The wasm-bindgen version that Cargo.lock resolved (the CLI must match it
# exactly, or the generated JS glue and the wasm disagree).
cargo_lock_wasm_bindgen_version() {
    awk '
        /^\[\[package\]\]/ { name = "" }
        /^name = "wasm-bindgen"$/ { name = "wasm-bindgen"; next }
        name == "wasm-bindgen" && /^version = / {
            gsub(/^version = "|"$/, ""); print; exit
        }
    ' "$ROOT/Cargo.lock"
}

# A value from the [tools] table of Trunk.toml, e.g. trunk_tool_pin wasm_bindgen.
trunk_tool_pin() {
    awk -v key="$1" '
        /^\[/ { in_tools = ($0 ~ /^\[tools\]/) ; next }
        in_tools && $1 == key {
            sub(/^[^=]*=[ \t]*"/, ""); sub(/".*$/, ""); print; exit
        }
    ' "$ROOT/Trunk.toml"
}
