//! The SPC benchmark of `bench_spc`, compiled to WebAssembly and run in node
//! by `scripts/bench.sh` (same seed, same series, same code as the app).

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench(runs: u32) -> String {
    llr_dashboard::analysis::bench::spc_benchmark(runs as usize, js_sys::Date::now)
        .to_json("wasm32 (node)")
}
