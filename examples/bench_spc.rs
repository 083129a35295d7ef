//! Benchmark: SPC over 10,000 series of 120 points, natively.
//!
//! ```sh
//! cargo run --release --example bench_spc
//! ```
//! Prints the figures and writes them to `target/bench/spc-native.json`.
//! (`bash scripts/bench.sh` runs this and the same code in WebAssembly.)

use std::time::Instant;

use llr_dashboard::analysis::bench::spc_benchmark;

fn main() {
    let clock = Instant::now();
    let r = spc_benchmark(5, || clock.elapsed().as_secs_f64() * 1000.0);
    println!(
        "SPC benchmark (native, release): {} series x {} points, rebase at point 60, screening on",
        r.series, r.points
    );
    println!(
        "  median of {} runs: {:.1} ms total, {:.2} µs per series",
        r.runs_ms.len(),
        r.median_ms,
        r.per_series_us
    );
    println!(
        "  runs (ms): {}",
        r.runs_ms
            .iter()
            .map(|t| format!("{t:.1}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "  special-cause points found: {} (a checksum: same seed, same count)",
        r.special_points
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let written = std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(dir.join("spc-native.json"), r.to_json("native") + "\n"));
    if written.is_ok() {
        println!("  written to target/bench/spc-native.json");
    }
}
