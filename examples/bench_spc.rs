//! Benchmark: SPC over 10,000 series of 120 points, natively.
//!
//! ```sh
//! cargo run --release --example bench_spc
//! ```
//! Prints the figures and writes them to `target/bench/spc-native.json`.
//! (`bash scripts/bench.sh` runs this and the same code in WebAssembly.)

use std::time::Instant;

use llr_dashboard::analysis::bench::synthetic_series;
use llr_dashboard::analysis::spc::{spc, Direction, SpcOptions};

const SERIES: usize = 10_000;
const POINTS: usize = 120;
const RUNS: usize = 5;

fn main() {
    let data = synthetic_series(2018, SERIES, POINTS);
    let options = SpcOptions {
        direction: Direction::Increase,
        target: Some(80.0),
        screen_outliers: true,
    };
    let mut times = Vec::new();
    let mut special = 0usize;
    for _ in 0..RUNS {
        let start = Instant::now();
        special = data
            .iter()
            .map(|values| {
                spc(values, &[60], &options)
                    .points
                    .iter()
                    .filter(|p| p.kind.is_special())
                    .count()
            })
            .sum();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let median = times[RUNS / 2];
    let per_series_us = median * 1000.0 / SERIES as f64;
    println!("SPC benchmark (native, release): {SERIES} series x {POINTS} points, rebase at point 60, screening on");
    println!("  median of {RUNS} runs: {median:.1} ms total, {per_series_us:.2} µs per series");
    println!(
        "  runs (ms): {}",
        times
            .iter()
            .map(|t| format!("{t:.1}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("  special-cause points found: {special} (a checksum: same seed, same count)");
    let json = format!(
        "{{\"target\":\"native\",\"series\":{SERIES},\"points\":{POINTS},\"runs_ms\":[{}],\"median_ms\":{median:.3},\"per_series_us\":{per_series_us:.3},\"special_points\":{special}}}\n",
        times.iter().map(|t| format!("{t:.3}")).collect::<Vec<_>>().join(",")
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    if std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(dir.join("spc-native.json"), json))
        .is_ok()
    {
        println!("  written to target/bench/spc-native.json");
    }
}
