//! The web app's entry point: wires the panic hook and renders the App.

#[cfg(target_arch = "wasm32")]
fn main() {
    llr_dashboard::app::crash::install();
    yew::Renderer::<llr_dashboard::app::App>::new().render();
}

/// Panics on purpose, so the browser tests can check the crash panel
/// (`window.wasmBindings.simulate_crash()`). Nothing in the app calls it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_crash() {
    panic!("simulated crash, asked for by simulate_crash()");
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The dashboard runs in a browser: build and serve it with `bash scripts/serve.sh`.");
    eprintln!("For the analysts' command line tool, run `cargo run --bin llr-data -- --help`.");
}
