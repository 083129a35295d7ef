//! The typed model of SPEC §2-4: geography, metric catalogue, periods and
//! series with provenance. Plain Rust: no browser code here.

mod catalogue;
mod geography;
mod period;
mod series;

pub use catalogue::{Catalogue, Domain, Kind, Metric, Polarity, Target, TargetKind, Unit};
pub use geography::{Area, Comparator, Geography, Level, Organisation, Population};
pub use period::{Frequency, Period};
pub use series::{Annotation, Observation, Point, Provenance, Series, Source};
