//! Statistical process control as NHS England's "Making Data Count" uses it,
//! matching the defaults of the NHS-R package NHSRplotthedots (0.2.0): an XmR
//! chart per rebase segment, moving ranges screened at 3.267 x their mean,
//! process limits at 2.66 x the average moving range, near limits at 2/3 of
//! that, four special-cause rules with the package's precedence, and the
//! variation and assurance icons.
//!
//! Where the package is silent (it refuses missing values), a gap is a gap:
//! no moving range spans it, and no run, trend or 2-of-3 window crosses it.

use serde::Serialize;

use crate::model::Polarity;

/// The limit constant: 3 / d2 for n = 2.
const LIMIT: f64 = 2.66;
/// Moving ranges at or above this multiple of their mean are screened out.
const SCREEN: f64 = 3.267;
/// Segments with fewer points than this are drawn as run charts, without
/// limits or icons (SPEC §5; the package warns below 13).
pub const MIN_POINTS: usize = 13;
/// Points in a shift (one side of the mean) or trend (strictly rising/falling).
const RUN: usize = 7;

/// Which way is improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
    Neutral,
}

impl From<Polarity> for Direction {
    fn from(p: Polarity) -> Direction {
        match p {
            Polarity::HigherIsBetter => Direction::Increase,
            Polarity::LowerIsBetter => Direction::Decrease,
            Polarity::Neutral => Direction::Neutral,
        }
    }
}

/// Settings: screening is on by default (NHSRplotthedots); switch it off to
/// match the NHS England Excel tool.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpcOptions {
    pub direction: Direction,
    pub target: Option<f64>,
    pub screen_outliers: bool,
}

impl Default for SpcOptions {
    fn default() -> Self {
        SpcOptions {
            direction: Direction::Increase,
            target: None,
            screen_outliers: true,
        }
    }
}

/// How a point is classed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PointType {
    CommonCause,
    SpecialCauseImprovement,
    SpecialCauseConcern,
    SpecialCauseNeutralHigh,
    SpecialCauseNeutralLow,
}

impl PointType {
    pub fn is_special(self) -> bool {
        self != PointType::CommonCause
    }

    /// In the reader's words.
    pub fn label(self) -> &'static str {
        match self {
            PointType::CommonCause => "Common cause",
            PointType::SpecialCauseImprovement => "Special cause: improvement",
            PointType::SpecialCauseConcern => "Special cause: concern",
            PointType::SpecialCauseNeutralHigh => "Special cause: high",
            PointType::SpecialCauseNeutralLow => "Special cause: low",
        }
    }
}

/// The special-cause rule that classed a point, by precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Beyond a process limit.
    OutsideLimits,
    /// Part of 7 or more points strictly rising or falling.
    Trend,
    /// 2 of 3 points beyond a near limit (inside the limits), all 3 on one side.
    TwoOfThree,
    /// Part of 7 or more points on one side of the mean.
    Shift,
}

impl Rule {
    pub fn label(self) -> &'static str {
        match self {
            Rule::OutsideLimits => "a point beyond the process limits",
            Rule::Trend => "a trend of 7 points rising or falling",
            Rule::TwoOfThree => "2 of 3 points close to a process limit",
            Rule::Shift => "a run of 7 points on one side of the mean",
        }
    }
}

/// The variation icon, from the latest point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variation {
    CommonCause,
    ImprovementHigh,
    ImprovementLow,
    ConcernHigh,
    ConcernLow,
    NeutralHigh,
    NeutralLow,
}

impl Variation {
    /// Plain English for the icon's legend and text alternative.
    pub fn explanation(self) -> &'static str {
        match self {
            Variation::CommonCause => "Common cause variation: no significant change",
            Variation::ImprovementHigh => {
                "Special cause variation: improvement, higher than expected"
            }
            Variation::ImprovementLow => {
                "Special cause variation: improvement, lower than expected"
            }
            Variation::ConcernHigh => "Special cause variation: concern, higher than expected",
            Variation::ConcernLow => "Special cause variation: concern, lower than expected",
            Variation::NeutralHigh => {
                "Special cause variation: higher than expected, neither good nor bad"
            }
            Variation::NeutralLow => {
                "Special cause variation: lower than expected, neither good nor bad"
            }
        }
    }
}

/// The assurance icon: will the process meet the target?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assurance {
    ConsistentlyPasses,
    ConsistentlyFails,
    HitAndMiss,
}

impl Assurance {
    pub fn explanation(self) -> &'static str {
        match self {
            Assurance::ConsistentlyPasses => "Consistently passes the target: the target is outside the process limits, on the good side",
            Assurance::ConsistentlyFails => "Consistently fails the target: the target is outside the process limits, on the bad side",
            Assurance::HitAndMiss => "Hit and miss: the target lies within the process limits, so it will be met some months and missed in others",
        }
    }
}

/// Mean and limits of one segment, when it has enough points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Limits {
    pub mean: f64,
    /// Average moving range after screening.
    pub average_moving_range: f64,
    pub lower_limit: f64,
    pub upper_limit: f64,
    pub lower_near: f64,
    pub upper_near: f64,
}

/// A stretch between rebases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// Index of its first and one past its last input point.
    pub start: usize,
    pub end: usize,
    /// Points with a value.
    pub points: usize,
    /// Mean of the points (drawn even on a run chart).
    pub mean: Option<f64>,
    /// Computed whenever there are two points or more, as the R package does,
    /// so the numbers can be checked; only used when `run_chart` is false.
    pub limits: Option<Limits>,
    /// Fewer than [`MIN_POINTS`] points: draw a run chart, with no limits,
    /// no special-cause rules and no icons.
    pub run_chart: bool,
}

/// One input point, classed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SpcPoint {
    pub value: Option<f64>,
    #[serde(rename = "type")]
    pub kind: PointType,
    pub rule: Option<Rule>,
    pub segment: usize,
}

/// The whole analysis of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spc {
    pub segments: Vec<Segment>,
    pub points: Vec<SpcPoint>,
    /// `None` when the latest segment is a run chart or has no point.
    pub variation: Option<Variation>,
    /// `None` with no target, a neutral metric, or a run chart.
    pub assurance: Option<Assurance>,
}

impl Spc {
    /// The latest segment's limits, used for the icons; `None` on a run chart.
    pub fn latest_limits(&self) -> Option<&Limits> {
        self.segments
            .last()
            .filter(|s| !s.run_chart)
            .and_then(|s| s.limits.as_ref())
    }
}

/// Mean with Neumaier's compensated sum, so results match R's long-double mean
/// to the last bit in practice.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (mut sum, mut compensation, mut n) = (0.0f64, 0.0f64, 0usize);
    for v in values {
        let t = sum + v;
        compensation += if sum.abs() >= v.abs() {
            (sum - t) + v
        } else {
            (v - t) + sum
        };
        sum = t;
        n += 1;
    }
    (n > 0).then(|| (sum + compensation) / n as f64)
}

/// Limits for one segment's values (`None` entries are gaps).
fn limits(values: &[Option<f64>], screen: bool) -> Option<Limits> {
    let centre = mean(values.iter().flatten().copied())?;
    // Moving ranges between adjacent present points only: never across a gap.
    let ranges: Vec<f64> = values
        .windows(2)
        .filter_map(|w| match w {
            [Some(a), Some(b)] => Some((b - a).abs()),
            _ => None,
        })
        .collect();
    let mut amr = mean(ranges.iter().copied())?;
    if screen {
        let threshold = SCREEN * amr;
        amr = mean(ranges.iter().copied().filter(|&r| r < threshold)).unwrap_or(0.0);
    }
    let near = 2.0 * (LIMIT / 3.0);
    Some(Limits {
        mean: centre,
        average_moving_range: amr,
        lower_limit: centre - LIMIT * amr,
        upper_limit: centre + LIMIT * amr,
        lower_near: centre - near * amr,
        upper_near: centre + near * amr,
    })
}

fn sign(x: f64) -> i8 {
    if x > 0.0 {
        1
    } else if x < 0.0 {
        -1
    } else {
        0
    }
}

/// The rule and high/low direction (+1/-1) of each point of one unbroken run
/// of present values, by the package's precedence.
fn classify(ys: &[f64], l: &Limits) -> Vec<Option<(Rule, i8)>> {
    let n = ys.len();
    let side: Vec<i8> = ys.iter().map(|&y| sign(y - l.mean)).collect();
    let outside: Vec<bool> = ys
        .iter()
        .map(|&y| y > l.upper_limit || y < l.lower_limit)
        .collect();
    let close: Vec<bool> = ys
        .iter()
        .zip(&outside)
        .map(|(&y, &out)| !out && (y < l.lower_near || y > l.upper_near))
        .collect();

    // Shift: maximal runs of one non-zero side, 7 or longer; every point flagged.
    let mut shift = vec![false; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && side[j + 1] == side[i] {
            j += 1;
        }
        if side[i] != 0 && j + 1 - i >= RUN {
            shift[i..=j].iter_mut().for_each(|f| *f = true);
        }
        i = j + 1;
    }

    // Trend: maximal runs of 6 or more same-signed, non-zero steps (7 points).
    let steps: Vec<i8> = ys.windows(2).map(|w| sign(w[1] - w[0])).collect();
    let mut trend = vec![false; n];
    let mut i = 0;
    while i < steps.len() {
        let mut j = i;
        while j + 1 < steps.len() && steps[j + 1] == steps[i] {
            j += 1;
        }
        if steps[i] != 0 && j + 1 - i >= RUN - 1 {
            trend[i..=j + 1].iter_mut().for_each(|f| *f = true);
        }
        i = j + 1;
    }
    // A trend point's direction: the step to its right when the next point is
    // in a trend too, else the step from its left (as the package labels it;
    // a flat step reads as decreasing there, and here).
    let trend_direction = |i: usize| -> i8 {
        let step = if i + 1 < n && trend[i + 1] {
            steps[i]
        } else {
            steps[i - 1]
        };
        if step == 1 {
            1
        } else {
            -1
        }
    };

    // 2 of 3: any full window of 3 with at least 2 close points, all 3 on one
    // side of the mean; only the close points are flagged.
    let mut two_of_three = vec![false; n];
    for start in 0..n.saturating_sub(2) {
        let w = start..start + 3;
        let closes = close[w.clone()].iter().filter(|&&c| c).count();
        let same_side = side[w.clone()]
            .iter()
            .map(|&s| i32::from(s))
            .sum::<i32>()
            .abs()
            == 3;
        if closes >= 2 && same_side {
            for k in w {
                two_of_three[k] |= close[k];
            }
        }
    }

    (0..n)
        .map(|i| {
            if outside[i] {
                Some((Rule::OutsideLimits, side[i]))
            } else if trend[i] {
                Some((Rule::Trend, trend_direction(i)))
            } else if two_of_three[i] {
                Some((Rule::TwoOfThree, side[i]))
            } else if shift[i] {
                Some((Rule::Shift, side[i]))
            } else {
                None
            }
        })
        .collect()
}

fn point_type(high_low: i8, direction: Direction) -> PointType {
    match (direction, high_low > 0) {
        (Direction::Neutral, true) => PointType::SpecialCauseNeutralHigh,
        (Direction::Neutral, false) => PointType::SpecialCauseNeutralLow,
        (Direction::Increase, true) | (Direction::Decrease, false) => {
            PointType::SpecialCauseImprovement
        }
        (Direction::Increase, false) | (Direction::Decrease, true) => {
            PointType::SpecialCauseConcern
        }
    }
}

/// Analyses `values` in order (`None` is a gap). `rebase` lists the indices
/// where a new segment starts (out-of-range or zero indices are ignored).
pub fn spc(values: &[Option<f64>], rebase: &[usize], options: &SpcOptions) -> Spc {
    let mut starts: Vec<usize> = rebase
        .iter()
        .copied()
        .filter(|&i| i > 0 && i < values.len())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts.insert(0, 0);
    let mut segments = Vec::new();
    let mut points: Vec<SpcPoint> = values
        .iter()
        .map(|&value| SpcPoint {
            value,
            kind: PointType::CommonCause,
            rule: None,
            segment: 0,
        })
        .collect();
    for (s, &start) in starts.iter().enumerate() {
        let end = starts.get(s + 1).copied().unwrap_or(values.len());
        let slice = &values[start..end];
        let present = slice.iter().flatten().count();
        let segment_limits = limits(slice, options.screen_outliers);
        let run_chart = present < MIN_POINTS;
        for p in &mut points[start..end] {
            p.segment = s;
        }
        if let (Some(l), false) = (&segment_limits, run_chart) {
            // Rules run over each unbroken stretch of present values.
            let mut i = start;
            while i < end {
                if values[i].is_none() {
                    i += 1;
                    continue;
                }
                let mut j = i;
                while j < end && values[j].is_some() {
                    j += 1;
                }
                let ys: Vec<f64> = values[i..j].iter().flatten().copied().collect();
                for (k, class) in classify(&ys, l).into_iter().enumerate() {
                    if let Some((rule, high_low)) = class {
                        points[i + k].rule = Some(rule);
                        points[i + k].kind = point_type(high_low, options.direction);
                    }
                }
                i = j;
            }
        }
        segments.push(Segment {
            start,
            end,
            points: present,
            mean: mean(slice.iter().flatten().copied()),
            limits: segment_limits,
            run_chart,
        });
    }
    let latest_limits = segments
        .last()
        .filter(|s| !s.run_chart)
        .and_then(|s| s.limits);
    let variation = latest_limits
        .and_then(|_| points.iter().rev().find(|p| p.value.is_some()))
        .map(|p| match (p.kind, options.direction) {
            (PointType::CommonCause, _) => Variation::CommonCause,
            (PointType::SpecialCauseImprovement, Direction::Decrease) => Variation::ImprovementLow,
            (PointType::SpecialCauseImprovement, _) => Variation::ImprovementHigh,
            (PointType::SpecialCauseConcern, Direction::Decrease) => Variation::ConcernHigh,
            (PointType::SpecialCauseConcern, _) => Variation::ConcernLow,
            (PointType::SpecialCauseNeutralHigh, _) => Variation::NeutralHigh,
            (PointType::SpecialCauseNeutralLow, _) => Variation::NeutralLow,
        });
    let assurance = match (latest_limits, options.target, options.direction) {
        (Some(l), Some(t), Direction::Increase | Direction::Decrease) => {
            let increasing = options.direction == Direction::Increase;
            Some(if t > l.upper_limit {
                if increasing {
                    Assurance::ConsistentlyFails
                } else {
                    Assurance::ConsistentlyPasses
                }
            } else if t < l.lower_limit {
                if increasing {
                    Assurance::ConsistentlyPasses
                } else {
                    Assurance::ConsistentlyFails
                }
            } else {
                Assurance::HitAndMiss
            })
        }
        _ => None,
    };
    Spc {
        segments,
        points,
        variation,
        assurance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(v: &[f64]) -> Vec<Option<f64>> {
        v.iter().copied().map(Some).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    /// The reference cases do not reach 13 points; the limits themselves are
    /// checked through `limits`, which the 13-point rule does not gate.
    #[test]
    fn reference_limits_short_series() {
        let l = limits(&some(&[3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0]), true).unwrap();
        assert!(close(l.mean, 3.5714), "{l:?}");
        assert!(
            close(l.lower_limit, -6.6252) && close(l.upper_limit, 13.7681),
            "{l:?}"
        );
    }

    #[test]
    fn screening_drops_ranges_at_or_above_the_threshold() {
        // Even ranges are never screened.
        let l = limits(&some(&[0.0, 1.0, 0.0, 1.0, 0.0, 1.0]), true).unwrap();
        assert!(close(l.average_moving_range, 1.0));
        // One jump in a flat series: ranges [0,0,0,0,0,4], mean 2/3, threshold
        // 2.178; the 4 is screened out and the average moving range is 0.
        let flat = some(&[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 5.0]);
        assert_eq!(limits(&flat, true).unwrap().average_moving_range, 0.0);
        assert!(close(
            limits(&flat, false).unwrap().average_moving_range,
            4.0 / 6.0
        ));
        // Ranges [0,0,4]: mean 4/3, threshold 4.356, so the 4 stays.
        let l = limits(&some(&[1.0, 1.0, 1.0, 5.0]), true).unwrap();
        assert!(close(l.average_moving_range, 4.0 / 3.0));
    }

    #[test]
    fn gaps_do_not_bridge_moving_ranges() {
        let l = limits(&[Some(1.0), None, Some(9.0), Some(10.0)], false).unwrap();
        assert!(close(l.average_moving_range, 1.0), "{l:?}");
    }
}
