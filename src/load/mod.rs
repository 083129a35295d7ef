//! Parse and validate the data files into the model. Every problem names the
//! file, the JSON path and the reason, and all problems are collected rather
//! than stopping at the first (SPEC §7). A file over [`MAX_EXTRACT_BYTES`] is
//! refused before any of it is parsed.

mod dataset;
mod extract;
mod files;
mod json;
mod limit;
mod problem;

pub use dataset::{Dataset, FailedExtract, SavedCopy};
pub use extract::{parse_extract, ExtractInfo, ParsedExtract};
pub use files::{
    parse_catalogue, parse_geography, parse_manifest, ExtractEntry, ExtractRef, Manifest,
};
pub use json::decode_text;
pub use limit::{check_size, MAX_EXTRACT_BYTES};
pub use problem::{Problem, Severity};
