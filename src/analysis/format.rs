//! Numbers as the catalogue says to show them: percentages to the metric's
//! decimals, ambulance times as minutes and seconds, counts with separators.

use crate::model::{Metric, Unit};

/// A value in display units, formatted for its metric.
pub fn format_value(metric: &Metric, value: f64) -> String {
    let decimals = usize::from(metric.decimals);
    match metric.unit {
        Unit::Percent => format!("{value:.decimals$}%"),
        Unit::Seconds => minutes_seconds(value),
        Unit::Fte | Unit::Count | Unit::Per10000 => group_thousands(value, decimals),
    }
}

/// The value exactly as [`format_value`] shows it, as a number: the same
/// rounding (whole seconds for times), so status and screen never disagree.
pub fn shown_value(metric: &Metric, value: f64) -> f64 {
    let decimals = match metric.unit {
        Unit::Seconds => 0,
        _ => usize::from(metric.decimals),
    };
    format!("{value:.decimals$}").parse().unwrap_or(value)
}

/// Unit words for headings and CSV columns.
pub fn unit_label(metric: &Metric) -> &'static str {
    match metric.unit {
        Unit::Percent => "percent",
        Unit::Seconds => "minutes:seconds",
        Unit::Fte => "full-time equivalent",
        Unit::Count => "count",
        Unit::Per10000 => "per 10,000",
    }
}

/// A numerator, denominator or count for a table: whole numbers as whole,
/// fractions (e.g. FTE) to 2 places, "–" when there is none.
pub fn format_count(x: Option<f64>) -> String {
    x.map_or_else(
        || "–".to_string(),
        |x| group_thousands(x, if x.fract() == 0.0 { 0 } else { 2 }),
    )
}

/// Seconds as "m:ss" (or "h:mm:ss" past an hour), rounded to the second.
pub fn minutes_seconds(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "–".to_string();
    }
    let total = seconds.round() as i64;
    let sign = if total < 0 { "-" } else { "" };
    // unsigned: the most negative i64 (a huge value, saturated) has no positive twin
    let total = total.unsigned_abs();
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{sign}{h}:{m:02}:{s:02}")
    } else {
        format!("{sign}{m}:{s:02}")
    }
}

/// A number with thousands separators: 21974.0 -> "21,974".
pub fn group_thousands(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.decimals$}", value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_and_seconds() {
        assert_eq!(minutes_seconds(449.4), "7:29");
        assert_eq!(minutes_seconds(420.0), "7:00");
        assert_eq!(minutes_seconds(59.6), "1:00");
        assert_eq!(minutes_seconds(3725.0), "1:02:05");
        assert_eq!(minutes_seconds(f64::NAN), "–");
        // Saturates to i64::MIN, whose absolute value does not fit an i64.
        assert_eq!(minutes_seconds(-1e300), "-2562047788015215:30:08");
    }

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(21974.0, 0), "21,974");
        assert_eq!(group_thousands(999.0, 0), "999");
        assert_eq!(group_thousands(1234567.891, 1), "1,234,567.9");
        assert_eq!(group_thousands(-1234.0, 0), "-1,234");
        assert_eq!(group_thousands(-0.01, 0), "0");
    }
}
