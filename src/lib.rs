//! Leicester, Leicestershire and Rutland system performance: the core (model,
//! loading, analysis, charts), shared by the Yew web app and the analysts' CLI.
//!
//! `model`, `load`, `analysis` and `chart` are plain Rust with no browser code,
//! tested natively; only `app` knows it runs in a browser.

pub mod analysis;
pub mod chart;
pub mod import;
pub mod load;
pub mod model;
pub mod sort;

pub mod app;
