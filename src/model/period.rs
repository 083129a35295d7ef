//! Periods: a month, NHS quarter or NHS financial year, always named by its
//! first month (`YYYY-MM`), as SPEC §4 says.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// How often a metric is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Month,
    /// Calendar quarters starting January, April, July or October.
    Quarter,
    /// NHS financial year, April to March.
    Year,
}

/// The first month of a period, held as a count of months since year 0 so that
/// ordering and arithmetic are trivial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period(i32);

impl Period {
    /// The distinct periods among `periods`, earliest first.
    pub fn distinct(periods: impl IntoIterator<Item = Period>) -> Vec<Period> {
        let mut all: Vec<Period> = periods.into_iter().collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// A period from a year and a month (1-12); `None` when the month is out of range.
    pub fn new(year: i32, month: u32) -> Option<Period> {
        ((1..=12).contains(&month) && (1900..=2200).contains(&year))
            .then(|| Period(year * 12 + month as i32 - 1))
    }

    /// Parses `YYYY-MM` exactly (four-digit year, two-digit month).
    pub fn parse(text: &str) -> Result<Period, String> {
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 7
            && bytes[4] == b'-'
            && bytes[..4].iter().all(u8::is_ascii_digit)
            && bytes[5..].iter().all(u8::is_ascii_digit);
        if !well_formed {
            return Err(format!("period \"{text}\" is not in the form YYYY-MM"));
        }
        let year: i32 = text[..4]
            .parse()
            .map_err(|_| format!("bad year in \"{text}\""))?;
        let month: u32 = text[5..]
            .parse()
            .map_err(|_| format!("bad month in \"{text}\""))?;
        Period::new(year, month).ok_or_else(|| format!("period \"{text}\" has no such month"))
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// Month of the year, 1-12.
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    /// The period `n` months later (or earlier, for negative `n`).
    pub fn add_months(self, n: i32) -> Period {
        Period(self.0 + n)
    }

    /// Months from `self` to `other` (positive when `other` is later).
    pub fn months_until(self, other: Period) -> i32 {
        other.0 - self.0
    }

    /// Whether a period of this frequency may start in this month.
    pub fn fits(self, frequency: Frequency) -> bool {
        match frequency {
            Frequency::Month => true,
            Frequency::Quarter => matches!(self.month(), 1 | 4 | 7 | 10),
            Frequency::Year => self.month() == 4,
        }
    }

    /// The next period of the given frequency.
    pub fn next(self, frequency: Frequency) -> Period {
        self.add_months(match frequency {
            Frequency::Month => 1,
            Frequency::Quarter => 3,
            Frequency::Year => 12,
        })
    }

    /// The month's English name, "March". (Written out rather than through
    /// chrono's strftime, whose format parser is a sizeable part of the wasm.)
    fn month_name(self) -> &'static str {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        NAMES[(self.month() as usize - 1) % 12]
    }

    /// The NHS financial year holding this month, e.g. "2025/26".
    pub fn financial_year(self) -> String {
        let start = if self.month() >= 4 {
            self.year()
        } else {
            self.year() - 1
        };
        format!("{}/{:02}", start, (start + 1).rem_euclid(100))
    }

    /// NHS quarter of the financial year (Q1 = April to June).
    pub fn financial_quarter(self) -> u32 {
        (self.month() + 8) % 12 / 3 + 1
    }

    /// Short label in the reader's words: "Mar 2026", "Q3 2025/26" or "2025/26".
    pub fn label(self, frequency: Frequency) -> String {
        match frequency {
            Frequency::Month => format!("{} {}", &self.month_name()[..3], self.year()),
            Frequency::Quarter => {
                format!("Q{} {}", self.financial_quarter(), self.financial_year())
            }
            Frequency::Year => self.financial_year(),
        }
    }

    /// Long month label, "March 2026".
    pub fn long_label(self) -> String {
        format!("{} {}", self.month_name(), self.year())
    }

    /// Month count since year 0, for charts that need a number line.
    pub fn ordinal(self) -> i32 {
        self.0
    }

    /// The month of a calendar date.
    pub fn of_date(date: NaiveDate) -> Period {
        Period(date.year() * 12 + date.month0() as i32)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor, so a bad period is refused while the reader is still at
        // it: the problem's JSON path is found from that position.
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a period \"YYYY-MM\"")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Period, E> {
                Period::parse(text).map_err(E::custom)
            }
        }
        d.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        let p = Period::parse("2026-03").unwrap();
        assert_eq!((p.year(), p.month()), (2026, 3));
        assert_eq!(p.to_string(), "2026-03");
    }

    #[test]
    fn rejects_malformed_periods() {
        for bad in [
            "2026-13",
            "2026-00",
            "2026-3",
            "26-03",
            "2026/03",
            "",
            "abcd-ef",
            "2026-03-01",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn financial_years_and_quarters() {
        let march = Period::parse("2026-03").unwrap();
        assert_eq!(march.financial_year(), "2025/26");
        assert_eq!(march.financial_quarter(), 4);
        let april = Period::parse("2025-04").unwrap();
        assert_eq!(april.financial_year(), "2025/26");
        assert_eq!(april.financial_quarter(), 1);
        let oct = Period::parse("2025-10").unwrap();
        assert_eq!(oct.label(Frequency::Quarter), "Q3 2025/26");
        assert_eq!(march.label(Frequency::Month), "Mar 2026");
        assert_eq!(april.label(Frequency::Year), "2025/26");
        assert_eq!(
            Period::parse("1999-12").unwrap().financial_year(),
            "1999/00"
        );
    }

    #[test]
    fn frequency_rules() {
        let jan = Period::parse("2025-01").unwrap();
        let feb = Period::parse("2025-02").unwrap();
        let apr = Period::parse("2025-04").unwrap();
        assert!(jan.fits(Frequency::Quarter) && !feb.fits(Frequency::Quarter));
        assert!(apr.fits(Frequency::Year) && !jan.fits(Frequency::Year));
        assert_eq!(jan.next(Frequency::Quarter), apr);
        assert_eq!(jan.add_months(-1).to_string(), "2024-12");
        assert_eq!(jan.months_until(apr), 3);
    }
}
