//! A problem found while loading data: always names the file, the JSON path
//! and the reason, so an analyst can go straight to it.

use serde::Serialize;
use std::fmt;

/// Whether a problem stops the thing it is found in from being used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The point, series, file or dataset named is rejected.
    Error,
    /// Loaded, but worth a look (e.g. parts that do not add up to their total).
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    /// JSON path within the file, e.g. `series[2].points[5].denominator`; empty for the whole file.
    pub path: String,
    pub reason: String,
    pub severity: Severity,
}

impl Problem {
    pub fn error(file: &str, path: impl Into<String>, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            path: path.into(),
            reason: reason.into(),
            severity: Severity::Error,
        }
    }

    pub fn warning(file: &str, path: impl Into<String>, reason: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, path, reason)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(file)"
        } else {
            &self.path
        };
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {}: {}: {}", self.file, path, level, self.reason)
    }
}

/// Joins a parent JSON path and a child segment (`series[2]` + `points[0]`).
pub fn join_path(parent: &str, child: &str) -> String {
    match (parent.is_empty(), child.is_empty()) {
        (true, _) => child.to_string(),
        (_, true) => parent.to_string(),
        _ if child.starts_with('[') => format!("{parent}{child}"),
        _ => format!("{parent}.{child}"),
    }
}
