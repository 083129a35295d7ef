//! Computation on the model: values at any area (aggregating up the
//! hierarchy), status against targets, formatting, and the overview summary.

pub mod bench;
mod benchmark;
mod breakdown;
mod compare;
mod describe;
pub mod export;
mod format;
pub mod spc;
mod status;
mod summary;
mod value;
mod variation;

pub use benchmark::{benchmark_series, benchmarks, Benchmark, BenchmarkSeries};
pub use breakdown::{breakdown, breakdown_keys, Breakdown, Part};
pub use compare::{best_first, comparison, CompareRow, Comparison};
pub use describe::{describe_trend, headline};
pub use export::{breakdown_csv, comparison_csv, csv_filename, detail_csv, overview_csv};
pub use format::{format_count, format_value, group_thousands, minutes_seconds, unit_label};
pub use status::{status, status_words, TargetStatus};
pub use summary::{row, summary, summary_of_first, Group, Row, Summary};
pub use value::{latest, periods, timeline, value_at, Basis, Figure, Outcome};
pub use variation::{assurance_target, metric_spc, metric_spc_in, MetricSpc};
