#!/usr/bin/env bash
# Fuzz the extract loader and the CSV importers with cargo-fuzz (libFuzzer).
#
#   bash scripts/fuzz.sh                      each target for 60 s, one after another
#   bash scripts/fuzz.sh --seconds 600        each target for 10 minutes
#   bash scripts/fuzz.sh --target import_csv  one target (extract or import_csv)
#   bash scripts/fuzz.sh --no-asan            without AddressSanitizer (faster, sees less)
#
# Targets (fuzz/fuzz_targets/): `extract` reads the input as an extract through
# the manifest, geography and catalogue parsers and the whole Dataset path;
# `import_csv` uses the first byte to pick the importer and the rest as the CSV.
# Seeds come from the repository: data/*.json, data/extracts/*.json (cut down
# to a few series) and tests/fixtures/import/**/*.csv (each prefixed with its
# importer's byte). Inputs are at most 64 KB. A finding (panic, failed
# assertion, memory error, an input taking over 10 s, over 1 GB of memory or
# one allocation over 256 MB) is saved under fuzz/artifacts/TARGET/ and the
# script exits 1; rerun one with
# `RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-...`.
#
# Stable Rust: cargo-fuzz passes nightly-only flags (-Zsanitizer=address and
# the sanitizer-coverage passes) to rustc. The stable toolchain ships the ASan
# runtime and accepts those flags with RUSTC_BOOTSTRAP=1, which this script
# sets for the fuzz build only; no nightly toolchain is needed.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CARGO_FUZZ_VERSION=0.13.2
TARGETS=(extract import_csv)

seconds=60
targets=("${TARGETS[@]}")
sanitizer=address
while [[ $# -gt 0 ]]; do
    case "$1" in
    --seconds)
        [[ $# -ge 2 && "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || die "--seconds needs a whole number of seconds"
        seconds="$2"
        shift 2
        ;;
    --target)
        [[ $# -ge 2 && " ${TARGETS[*]} " == *" $2 "* ]] || die "--target is one of: ${TARGETS[*]}"
        targets=("$2")
        shift 2
        ;;
    --no-asan)
        sanitizer=none
        shift
        ;;
    -h | --help)
        sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown argument: $1 (see --help)" ;;
    esac
done

cd "$ROOT"
use_tool_path

if [[ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
    log "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

export RUSTC_BOOTSTRAP=1

# The importers in the order of Kind::ALL: the seed's first byte picks one.
kind_byte() {
    case "$(basename "$1")" in
    Monthly-AE-*) echo 0 ;;
    rtt_*) echo 1 ;;
    cwt_*) echo 2 ;;
    ambsys_*) echo 3 ;;
    tt_*) echo 4 ;;
    wf_*) echo 5 ;;
    *) echo "" ;;
    esac
}

seed() {
    local target="$1" dir="fuzz/seeds/$1" f byte
    rm -rf "$dir"
    mkdir -p "$dir" "fuzz/corpus/$target"
    case "$target" in
    extract)
        # Whole extracts are up to 140 KB, which libFuzzer mutates at a few
        # dozen runs a second: seed with each one cut to its first series
        # and points (the whole files are the property tests' job).
        cp data/*.json "$dir"/
        for f in data/extracts/*.json; do
            if command -v python3 >/dev/null; then
                python3 - "$f" "$dir/$(basename "$f")" <<'PY'
import json, sys
extract = json.load(open(sys.argv[1], encoding="utf-8"))
extract["series"] = extract["series"][:3]
for series in extract["series"]:
    series["points"] = series["points"][:4]
json.dump(extract, open(sys.argv[2], "w", encoding="utf-8"), indent=1, ensure_ascii=False)
PY
            else
                cp "$f" "$dir"/
            fi
        done
        ;;
    import_csv)
        while IFS= read -r -d '' f; do
            byte="$(kind_byte "$f")"
            [[ -n "$byte" ]] || continue
            { printf "\\x0$byte"; cat "$f"; } >"$dir/$(basename "$f")"
        done < <(find tests/fixtures/import -name '*.csv' -print0)
        ;;
    esac
    log "$target: $(find "$dir" -type f | wc -l) seeds in $dir"
}

log "building the fuzz targets (sanitizer: $sanitizer)"
cargo fuzz build -O --debug-assertions --sanitizer "$sanitizer"

status=0
for target in "${targets[@]}"; do
    seed "$target"
    mkdir -p "fuzz/artifacts/$target"
    cmd=(cargo fuzz run -O --debug-assertions --sanitizer "$sanitizer" "$target"
        "fuzz/corpus/$target" "fuzz/seeds/$target" --
        "-max_total_time=$seconds" -timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=256
        -max_len=65536 -print_final_stats=1 "-artifact_prefix=fuzz/artifacts/$target/")
    log "RUSTC_BOOTSTRAP=1 ${cmd[*]}"
    start="$EPOCHREALTIME"
    if "${cmd[@]}"; then
        log "$target: no finding in $(elapsed "$start") s"
    else
        status=1
        log "$target: FINDING after $(elapsed "$start") s: see fuzz/artifacts/$target/"
    fi
done
exit "$status"
