//! The SPC benchmark of `bench_spc`, compiled to WebAssembly and run in node
//! by `scripts/bench.sh` (same seed, same series, same code as the app).

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench(runs: u32) -> String {
    use llr_dashboard::analysis::bench::synthetic_series;
    use llr_dashboard::analysis::spc::{spc, Direction, SpcOptions};
    let (series, points) = (10_000, 120);
    let data = synthetic_series(2018, series, points);
    let options = SpcOptions {
        direction: Direction::Increase,
        target: Some(80.0),
        screen_outliers: true,
    };
    let mut times = Vec::new();
    let mut special = 0usize;
    for _ in 0..runs.max(1) {
        let start = js_sys::Date::now();
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
        times.push(js_sys::Date::now() - start);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    format!(
        "{{\"target\":\"wasm32 (node)\",\"series\":{series},\"points\":{points},\"runs_ms\":[{}],\"median_ms\":{median:.3},\"per_series_us\":{:.3},\"special_points\":{special}}}",
        times.iter().map(|t| format!("{t:.3}")).collect::<Vec<_>>().join(","),
        median * 1000.0 / series as f64
    )
}
