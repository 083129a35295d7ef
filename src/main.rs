//! The web app's entry point: wires the panic hook and renders the App.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<llr_dashboard::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The dashboard runs in a browser: build and serve it with `bash scripts/serve.sh`.");
    eprintln!("For the analysts' command line tool, run `cargo run --bin llr-data -- --help`.");
}
