//! Statistical process control ("Making Data Count", NHSRplotthedots 0.2.x
//! defaults): limits, the four special-cause rules and their precedence,
//! rebasing, gaps, the 13-point run-chart rule, and the variation and
//! assurance icons.
//!
//! Every expected value below is worked out by hand in the comments from the
//! rules: mean of present points; moving ranges between adjacent present
//! points; screening keeps ranges strictly below 3.267 x their mean; limits
//! mean +/- 2.66 x amr; near limits mean +/- 1.7733 x amr (2 x 2.66 / 3).

use llr_dashboard::analysis::spc::{
    spc, Assurance, Direction, PointType, Rule, Spc, SpcOptions, Variation, MIN_POINTS,
};

const TOL: f64 = 5e-5;

fn some(values: &[f64]) -> Vec<Option<f64>> {
    values.iter().copied().map(Some).collect()
}

fn opts(direction: Direction) -> SpcOptions {
    SpcOptions {
        direction,
        ..SpcOptions::default()
    }
}

fn with_target(direction: Direction, target: f64) -> SpcOptions {
    SpcOptions {
        direction,
        target: Some(target),
        ..SpcOptions::default()
    }
}

fn unscreened() -> SpcOptions {
    SpcOptions {
        screen_outliers: false,
        ..SpcOptions::default()
    }
}

/// Default options: Increase, no target, screening on.
fn run(values: &[f64]) -> Spc {
    spc(&some(values), &[], &SpcOptions::default())
}

fn run_with(values: &[f64], options: SpcOptions) -> Spc {
    spc(&some(values), &[], &options)
}

fn assert_close(got: f64, want: f64, tol: f64, what: &str) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got}, want {want} (tolerance {tol})"
    );
}

/// Checks segment `i`'s mean and process limits.
fn assert_limits(s: &Spc, i: usize, mean: f64, lower: f64, upper: f64, tol: f64) {
    let l = s.segments[i]
        .limits
        .unwrap_or_else(|| panic!("segment {i} has no limits: {:?}", s.segments[i]));
    assert_close(l.mean, mean, tol, &format!("segment {i} mean"));
    assert_close(
        l.lower_limit,
        lower,
        tol,
        &format!("segment {i} lower limit"),
    );
    assert_close(
        l.upper_limit,
        upper,
        tol,
        &format!("segment {i} upper limit"),
    );
}

/// Exactly these points are special causes, with these rules and types;
/// every other point is common cause with no rule.
fn assert_special(s: &Spc, expected: &[(usize, Rule, PointType)]) {
    for (i, p) in s.points.iter().enumerate() {
        match expected.iter().find(|(j, _, _)| *j == i) {
            Some(&(_, rule, kind)) => {
                assert_eq!(p.rule, Some(rule), "rule of point {i}: {p:?}");
                assert_eq!(p.kind, kind, "type of point {i}: {p:?}");
            }
            None => {
                assert_eq!(
                    p.kind,
                    PointType::CommonCause,
                    "point {i} should be common cause: {p:?}"
                );
                assert_eq!(p.rule, None, "point {i} should have no rule: {p:?}");
            }
        }
    }
}

fn assert_all_common(s: &Spc) {
    assert_special(s, &[]);
}

/// `(i, rule, kind)` for each index in `range`.
fn each(
    range: std::ops::Range<usize>,
    rule: Rule,
    kind: PointType,
) -> Vec<(usize, Rule, PointType)> {
    range.map(|i| (i, rule, kind)).collect()
}

use PointType::{
    CommonCause, SpecialCauseConcern as Concern, SpecialCauseImprovement as Improvement,
    SpecialCauseNeutralHigh as NeutralHigh, SpecialCauseNeutralLow as NeutralLow,
};

// ---------------------------------------------------------------------------
// Reference cases
// ---------------------------------------------------------------------------

#[test]
fn reference_short_series_is_a_run_chart_with_limits_reported() {
    // 7 points < 13: a run chart. Limits are still computed:
    // mean 25/7 = 3.5714; ranges 2,3,3,4,4,7 (mean 23/6 = 3.8333, threshold
    // 12.52, none screened); limits 3.5714 -/+ 2.66 x 3.8333 = -6.6252, 13.7681.
    let s = run(&[3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0]);
    assert_eq!(s.segments.len(), 1);
    assert!(s.segments[0].run_chart);
    assert_eq!(s.segments[0].points, 7);
    assert_limits(&s, 0, 3.5714, -6.6252, 13.7681, TOL);
    assert_close(s.segments[0].mean.unwrap(), 3.5714, TOL, "segment mean");
    assert_all_common(&s);
    assert_eq!(s.variation, None);
    assert_eq!(s.assurance, None);
    assert!(s.latest_limits().is_none());
}

const OUTLIER_18: [f64; 18] = [
    1.0, 2.0, 1.0, 2.0, 10.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0,
];

#[test]
fn reference_outlier_with_and_without_screening() {
    // Mean 35/18 = 1.9444. Ranges: 1,1,1,8,9 and twelve 1s: sum 32 over 17,
    // mean 1.8824, threshold 6.149, so 8 and 9 are screened: amr 15/15 = 1.
    // Screened limits 1.9444 -/+ 2.66 = -0.7156, 4.6044; unscreened
    // 1.9444 -/+ 2.66 x 1.8824 = -3.0626, 6.9515. Only the 10 is beyond
    // either; 1s and 2s alternate sides and never reach a near limit.
    let s = run(&OUTLIER_18);
    assert!(!s.segments[0].run_chart);
    assert_limits(&s, 0, 1.9444, -0.7156, 4.6044, TOL);
    assert_close(
        s.segments[0].limits.unwrap().average_moving_range,
        1.0,
        1e-12,
        "screened amr",
    );
    assert_special(&s, &[(4, Rule::OutsideLimits, Improvement)]);
    assert_eq!(s.variation, Some(Variation::CommonCause));

    let u = run_with(&OUTLIER_18, unscreened());
    assert_limits(&u, 0, 1.9444, -3.0626, 6.9515, TOL);
    assert_close(
        u.segments[0].limits.unwrap().average_moving_range,
        32.0 / 17.0,
        1e-12,
        "unscreened amr",
    );
    assert_special(&u, &[(4, Rule::OutsideLimits, Improvement)]);

    // Above the limit: concern when lower is better, "high" when neutral.
    let d = run_with(&OUTLIER_18, opts(Direction::Decrease));
    assert_special(&d, &[(4, Rule::OutsideLimits, Concern)]);
    let n = run_with(&OUTLIER_18, opts(Direction::Neutral));
    assert_special(&n, &[(4, Rule::OutsideLimits, NeutralHigh)]);
}

const RNORM_123: [f64; 20] = [
    -0.56047565,
    -0.23017749,
    1.55870831,
    0.07050839,
    0.12928774,
    1.71506499,
    0.46091621,
    -1.26506123,
    -0.68685285,
    -0.44566197,
    1.22408180,
    0.35981383,
    0.40077145,
    0.11068272,
    -0.55584113,
    1.78691314,
    0.49785048,
    -1.96661716,
    0.70135590,
    -0.47279141,
];

#[test]
fn reference_rnorm_seed_123() {
    // Values from R: set.seed(123); rnorm(20), with NHSRplotthedots' limits.
    let s = run(&RNORM_123);
    assert_limits(&s, 0, 0.1416238, -3.01138, 3.294627, 1e-5);
    assert_all_common(&s);
    assert_eq!(s.variation, Some(Variation::CommonCause));
}

#[test]
fn reference_rnorm_seed_123_with_an_outlier() {
    // The 15th value (index 14) set to 10: its two moving ranges are screened.
    let mut y = RNORM_123;
    y[14] = 10.0;
    let s = run(&y);
    assert_limits(&s, 0, 0.6694159, -2.383666, 3.722497, 1e-5);
    // 10 is beyond the upper limit either way.
    assert_eq!(s.points[14].rule, Some(Rule::OutsideLimits));
    assert_eq!(s.points[14].kind, Improvement);

    let u = run_with(&y, unscreened());
    assert_limits(&u, 0, 0.6694159, -4.596625, 5.935457, 1e-5);
    assert_eq!(u.points[14].rule, Some(Rule::OutsideLimits));
}

const AE_ATTENDANCES: [f64; 36] = [
    1867781.0, 2070340.0, 1958802.0, 2079034.0, 1932901.0, 1952464.0, 2001816.0, 1907871.0,
    1944567.0, 1895272.0, 1735619.0, 2015834.0, 1949762.0, 2066789.0, 1994056.0, 2073944.0,
    1924663.0, 1925961.0, 2044137.0, 1976971.0, 2003954.0, 2000086.0, 1820012.0, 2049785.0,
    1984369.0, 2164458.0, 2093942.0, 2179896.0, 1997854.0, 2005695.0, 2079492.0, 2037847.0,
    2047518.0, 2113413.0, 1954947.0, 2167550.0,
];

fn assert_limits_rel(s: &Spc, i: usize, mean: f64, lower: f64, upper: f64) {
    let rel = |x: f64| x.abs() * 1e-9;
    let l = s.segments[i].limits.expect("limits");
    assert_close(l.mean, mean, rel(mean), &format!("segment {i} mean"));
    assert_close(
        l.lower_limit,
        lower,
        rel(lower),
        &format!("segment {i} lower limit"),
    );
    assert_close(
        l.upper_limit,
        upper,
        rel(upper),
        &format!("segment {i} upper limit"),
    );
}

#[test]
fn reference_ae_attendances() {
    // NHS England A&E attendances, April 2016 to March 2019 (NHSRdatasets).
    let s = run(&AE_ATTENDANCES);
    assert_eq!(s.segments.len(), 1);
    assert!(!s.segments[0].run_chart);
    assert_limits_rel(
        &s,
        0,
        2000538.9444444445,
        1731844.3644444444,
        2269233.5244444446,
    );
    assert_all_common(&s);
    assert_eq!(s.variation, Some(Variation::CommonCause));
}

#[test]
fn reference_ae_attendances_rebased() {
    let s = spc(&some(&AE_ATTENDANCES), &[12], &SpcOptions::default());
    assert_eq!(s.segments.len(), 2);
    assert_eq!((s.segments[0].start, s.segments[0].end), (0, 12));
    assert_eq!((s.segments[1].start, s.segments[1].end), (12, 36));
    assert_limits_rel(
        &s,
        0,
        1946858.4166666667,
        1639947.374848485,
        2253769.4584848485,
    );
    assert_limits_rel(
        &s,
        1,
        2027379.2083333333,
        1772921.0639855072,
        2281837.3526811595,
    );
    // 12 points: the first segment is a run chart under the project rule.
    assert!(s.segments[0].run_chart);
    assert!(!s.segments[1].run_chart);
    assert_all_common(&s);
    assert!(s.points[..12].iter().all(|p| p.segment == 0));
    assert!(s.points[12..].iter().all(|p| p.segment == 1));
    assert_eq!(s.variation, Some(Variation::CommonCause));
}

#[test]
fn reference_two_in_three_needs_one_side() {
    // [1,-1] x 8 with the last two 5.5 and -5.5. Mean 0. Ranges: thirteen 2s,
    // 6.5 and 11: mean 43.5/15 = 2.9, threshold 9.474, so 11 is screened:
    // amr 32.5/14 = 2.3214; limits -/+ 6.175; near -/+ 4.1167. Both last
    // points are close, but on opposite sides: no 2-in-3.
    let mut y = [1.0, -1.0].repeat(8);
    y[14] = 5.5;
    y[15] = -5.5;
    let s = run(&y);
    assert_limits(&s, 0, 0.0, -6.175, 6.175, TOL);
    let l = s.segments[0].limits.unwrap();
    assert!(
        y[14] > l.upper_near && y[15] < l.lower_near,
        "both are close: {l:?}"
    );
    assert_eq!(s.points[14].kind, CommonCause);
    assert_eq!(s.points[15].kind, CommonCause);
    assert_all_common(&s);
}

#[test]
fn screening_drops_a_range_exactly_at_the_threshold() {
    // [0,1] x 6 + [0, r]: twelve ranges of 1 and one of r, so the mean range
    // is (12 + r) / 13. r = 4.027946162539813 is the float for which
    // 3.267 x (12 + r) / 13 == r exactly (solved in f64). Only ranges
    // strictly below the threshold are kept, so r goes and amr is 1; keeping
    // it would give 1.2329.
    let r = 4.027946162539813;
    assert_eq!(
        3.267 * ((12.0 + r) / 13.0),
        r,
        "fixture: r must equal the threshold"
    );
    let mut y = [0.0, 1.0].repeat(6);
    y.extend([0.0, r]);
    let s = run(&y);
    let l = s.segments[0].limits.unwrap();
    assert_eq!(l.average_moving_range, 1.0);
    // Mean (6 + r) / 14 = 0.7163; upper limit 3.3763 < r: outside.
    assert_close(l.mean, (6.0 + r) / 14.0, 1e-12, "mean");
    assert_special(&s, &[(13, Rule::OutsideLimits, Improvement)]);
    // Unscreened the range counts.
    let u = run_with(&y, unscreened());
    assert_close(
        u.segments[0].limits.unwrap().average_moving_range,
        (12.0 + r) / 13.0,
        1e-12,
        "unscreened amr",
    );
}

#[test]
fn screening_keeps_ranges_below_the_threshold_and_recomputes_once() {
    // [0,1] x 6 + [0, 3]: ranges twelve 1s and 3, mean 15/13 = 1.1538,
    // threshold 3.7696 > 3: nothing screened, amr 15/13.
    let mut y = [0.0, 1.0].repeat(6);
    y.extend([0.0, 3.0]);
    let l = run(&y).segments[0].limits.unwrap();
    assert_close(l.average_moving_range, 15.0 / 13.0, 1e-12, "amr");
    // Ranges twelve 1s, 5 and 20 ([0,1] x 6 + [0, 5, 25]): mean 37/14 =
    // 2.6429, threshold 8.634: 20 goes. Recomputed once: 17/13 = 1.3077,
    // whose threshold (4.272) would also drop the 5 if screening were
    // repeated; it is not, so amr stays 17/13.
    let mut y = [0.0, 1.0].repeat(6);
    y.extend([0.0, 5.0, 25.0]);
    let l = run(&y).segments[0].limits.unwrap();
    assert_close(
        l.average_moving_range,
        17.0 / 13.0,
        1e-12,
        "amr screened once",
    );
}

// ---------------------------------------------------------------------------
// Assurance
// ---------------------------------------------------------------------------

/// [1,-1] x 7: mean 0, thirteen ranges of 2, amr 2, limits -/+ 5.32.
fn fourteen_alternating() -> Vec<f64> {
    [1.0, -1.0].repeat(7)
}

#[test]
fn assurance_limits_of_the_fixture() {
    let s = run(&fourteen_alternating());
    assert_limits(&s, 0, 0.0, -5.32, 5.32, 1e-12);
    assert_all_common(&s);
}

#[test]
fn assurance_when_higher_is_better() {
    let y = fourteen_alternating();
    let a = |t: f64| run_with(&y, with_target(Direction::Increase, t)).assurance;
    // Target above the upper limit: the process cannot reach it.
    assert_eq!(a(6.0), Some(Assurance::ConsistentlyFails));
    // Below the lower limit: every month passes.
    assert_eq!(a(-6.0), Some(Assurance::ConsistentlyPasses));
    // Between the limits.
    assert_eq!(a(0.0), Some(Assurance::HitAndMiss));
    assert_eq!(a(5.0), Some(Assurance::HitAndMiss));
    assert_eq!(a(-5.0), Some(Assurance::HitAndMiss));
}

#[test]
fn assurance_when_lower_is_better() {
    let y = fourteen_alternating();
    let a = |t: f64| run_with(&y, with_target(Direction::Decrease, t)).assurance;
    assert_eq!(a(6.0), Some(Assurance::ConsistentlyPasses));
    assert_eq!(a(-6.0), Some(Assurance::ConsistentlyFails));
    assert_eq!(a(0.0), Some(Assurance::HitAndMiss));
}

#[test]
fn assurance_target_exactly_on_a_limit_is_hit_and_miss() {
    let y = fourteen_alternating();
    let l = *run(&y).latest_limits().expect("limits");
    for direction in [Direction::Increase, Direction::Decrease] {
        for t in [l.upper_limit, l.lower_limit] {
            assert_eq!(
                run_with(&y, with_target(direction, t)).assurance,
                Some(Assurance::HitAndMiss),
                "{direction:?}, target {t}"
            );
        }
    }
    // One ulp beyond the limit is outside (strict comparisons).
    let above = f64::from_bits(l.upper_limit.to_bits() + 1);
    assert_eq!(
        run_with(&y, with_target(Direction::Increase, above)).assurance,
        Some(Assurance::ConsistentlyFails)
    );
}

#[test]
fn assurance_none_without_target_or_when_neutral() {
    let y = fourteen_alternating();
    for direction in [Direction::Increase, Direction::Decrease, Direction::Neutral] {
        assert_eq!(
            run_with(&y, opts(direction)).assurance,
            None,
            "{direction:?}"
        );
    }
    for t in [6.0, 0.0, -6.0] {
        assert_eq!(
            run_with(&y, with_target(Direction::Neutral, t)).assurance,
            None
        );
    }
}

#[test]
fn assurance_none_on_a_run_chart() {
    // 12 points: run chart, even with a target far outside the limits.
    let y = [1.0, -1.0].repeat(6);
    let s = run_with(&y, with_target(Direction::Increase, 100.0));
    assert!(s.segments[0].run_chart);
    assert!(s.segments[0].limits.is_some());
    assert_eq!(s.assurance, None);
    assert_eq!(s.variation, None);
}

#[test]
fn assurance_uses_the_last_segment() {
    // Segment 0 is [0,2] x 7 (mean 1, limits 1 -/+ 5.32); segment 1 is
    // [11,9] x 7 (mean 10, limits 4.68, 15.32). Target 3 with Increase is
    // hit-and-miss for segment 0 but below segment 1's lower limit.
    let mut y = [0.0, 2.0].repeat(7);
    y.extend([11.0, 9.0].repeat(7));
    let s = spc(&some(&y), &[14], &with_target(Direction::Increase, 3.0));
    assert_limits(&s, 1, 10.0, 4.68, 15.32, 1e-12);
    assert_eq!(s.assurance, Some(Assurance::ConsistentlyPasses));
    let first_only = run_with(&[0.0, 2.0].repeat(7), with_target(Direction::Increase, 3.0));
    assert_eq!(first_only.assurance, Some(Assurance::HitAndMiss));
}

// ---------------------------------------------------------------------------
// Shift: 7 or more points on one side of the mean
// ---------------------------------------------------------------------------

/// [1,-1,1,-1,1,-1] + k ones + [-1,1,-1,1,-1,1,-1]. The block of ones starts
/// at index 6 and is bordered by -1 on both sides. Sum k - 1 over 13 + k
/// points, so the mean is in (0, 1): ones above, minus ones below. Ranges
/// are 2 or 0 (inside the block), amr about 1.3-1.45, so 1 and -1 are far
/// from every near limit, and alternation and ties rule out trends.
fn shift_series(k: usize) -> Vec<f64> {
    let mut y = vec![1.0, -1.0, 1.0, -1.0, 1.0, -1.0];
    y.extend(std::iter::repeat_n(1.0, k));
    y.extend([-1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0]);
    y
}

#[test]
fn shift_of_six_is_not_flagged() {
    // 19 points, mean 5/19 = 0.2632; amr 26/18 = 1.4444, near upper 2.82.
    let s = run(&shift_series(6));
    assert_close(s.segments[0].mean.unwrap(), 5.0 / 19.0, 1e-12, "mean");
    assert_all_common(&s);
}

#[test]
fn shift_of_seven_flags_all_seven() {
    // 20 points, mean 6/20 = 0.3; ranges: thirteen 2s and six 0s, amr
    // 26/19 = 1.3684; limits 0.3 -/+ 3.64, near 0.3 -/+ 2.4267.
    let s = run(&shift_series(7));
    assert_limits(&s, 0, 0.3, -3.34, 3.94, TOL);
    assert_special(&s, &each(6..13, Rule::Shift, Improvement));
    // The latest point (-1) is common cause.
    assert_eq!(s.variation, Some(Variation::CommonCause));
}

#[test]
fn shift_of_nine_flags_all_nine() {
    // 22 points, mean 8/22 = 0.3636; amr 26/21 = 1.2381.
    let s = run(&shift_series(9));
    assert_special(&s, &each(6..15, Rule::Shift, Improvement));
    // With lower-is-better a run above the mean is a concern.
    let d = run_with(&shift_series(9), opts(Direction::Decrease));
    assert_special(&d, &each(6..15, Rule::Shift, Concern));
    let n = run_with(&shift_series(9), opts(Direction::Neutral));
    assert_special(&n, &each(6..15, Rule::Shift, NeutralHigh));
}

#[test]
fn shift_below_the_mean() {
    // The mirror image of the 7-shift: mean -0.3, a run of seven -1s below.
    let y: Vec<f64> = shift_series(7).iter().map(|v| -v).collect();
    assert_special(&run(&y), &each(6..13, Rule::Shift, Concern));
    assert_special(
        &run_with(&y, opts(Direction::Decrease)),
        &each(6..13, Rule::Shift, Improvement),
    );
    assert_special(
        &run_with(&y, opts(Direction::Neutral)),
        &each(6..13, Rule::Shift, NeutralLow),
    );
}

#[test]
fn point_exactly_on_the_mean_breaks_a_shift() {
    // [1,1,1,0,1,1,1,-4,2,-4,2,-4,2]: sum 6 - 6 = 0, so the mean is exactly
    // 0 and the 0 sits on it, splitting the ones into two runs of 3.
    // Ranges 0,0,1,1,0,0,5,6,6,6,6,6: amr 37/12 = 3.0833, limits -/+ 8.2017,
    // near -/+ 5.4678: nothing close or outside; alternation: no trend.
    let s = run(&[
        1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, -4.0, 2.0, -4.0, 2.0, -4.0, 2.0,
    ]);
    assert_eq!(s.segments[0].limits.unwrap().mean, 0.0);
    assert_all_common(&s);

    // Control: the 0 raised to 1 gives mean 1/13 and seven ones above it.
    // Ranges: six 0s, 5, five 6s: amr 35/12 = 2.9167; near upper 5.249.
    let c = run(&[
        1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -4.0, 2.0, -4.0, 2.0, -4.0, 2.0,
    ]);
    assert_special(&c, &each(0..7, Rule::Shift, Improvement));
}

// ---------------------------------------------------------------------------
// Trend: 7 or more points strictly rising or falling
// ---------------------------------------------------------------------------

/// [1,-1,1,-1,1,-1] + [-3,-2,-1,0,1,2,3] + [1,-1]: the rising run is
/// indices 6..=12, bordered by falls (-1 -> -3 and 3 -> 1). Sum 0, mean 0.
/// Ranges: five 2s, 2, six 1s, 2, 2: sum 22 over 14, amr 1.5714; limits
/// -/+ 4.18, near -/+ 2.7867. Sides: -3,-2,-1 below, 0 on, 1,2,3,1 above:
/// no shift. -3 and 3 are close but alone in every window of 3.
const TREND_7: [f64; 15] = [
    1.0, -1.0, 1.0, -1.0, 1.0, -1.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 1.0, -1.0,
];

#[test]
fn trend_of_seven_is_flagged() {
    let s = run(&TREND_7);
    assert_limits(&s, 0, 0.0, -4.18, 4.18, TOL);
    assert_special(&s, &each(6..13, Rule::Trend, Improvement));
}

#[test]
fn trend_crossing_the_mean_takes_the_trend_direction() {
    // A rising trend is "high" at every point, even at -3, -2, -1 (below the
    // mean) and 0 (on it).
    let d = run_with(&TREND_7, opts(Direction::Decrease));
    assert_special(&d, &each(6..13, Rule::Trend, Concern));
    let n = run_with(&TREND_7, opts(Direction::Neutral));
    assert_special(&n, &each(6..13, Rule::Trend, NeutralHigh));

    // Falling: the mirror image. Every point, including those above the
    // mean, is low: concern when higher is better.
    let falling: Vec<f64> = TREND_7.iter().map(|v| -v).collect();
    assert_special(&run(&falling), &each(6..13, Rule::Trend, Concern));
    assert_special(
        &run_with(&falling, opts(Direction::Decrease)),
        &each(6..13, Rule::Trend, Improvement),
    );
    assert_special(
        &run_with(&falling, opts(Direction::Neutral)),
        &each(6..13, Rule::Trend, NeutralLow),
    );
}

#[test]
fn trend_of_six_is_not_flagged() {
    // [1,-1,1,-1,1,-1] + [-3,-2,-1,1,2,3] + [1,-1]: 5 rising steps only.
    // Sum 0, mean 0; ranges five 2s, 2, 1,1,2,1,1, 2, 2: amr 22/13 = 1.6923,
    // limits -/+ 4.5015. Sides: -1,-3,-2,-1 below (4), 1,2,3,1 above (4).
    let s = run(&[
        1.0, -1.0, 1.0, -1.0, 1.0, -1.0, -3.0, -2.0, -1.0, 1.0, 2.0, 3.0, 1.0, -1.0,
    ]);
    assert_all_common(&s);
}

#[test]
fn a_tie_inside_a_trend_breaks_it() {
    // TREND_7 with the 0 (index 9) lowered to -1: -3,-2,-1,-1,1,2,3 has a
    // flat step, so the longest rising run is 4 points. Mean -1/15.
    // Sides: -1,-3,-2,-1,-1 below (5), then 1,2,3,1 above (4): no shift.
    let mut y = TREND_7;
    y[9] = -1.0;
    let s = run(&y);
    assert_all_common(&s);
}

#[test]
fn a_point_shared_by_two_trends_takes_the_step_to_its_right() {
    // [-4,4,-4,4] + 0,0.5,...,3 (rising, indices 4..=10) + 2.5,...,0 (falling,
    // indices 10..=16) + [4,-4]. The peak (index 10) is in both trends; the
    // next point is in a trend, so its direction is the step to its right:
    // falling. Sum 18, mean 18/19 = 0.9474; ranges 8,8,8,4, twelve 0.5s,
    // 4, 8: sum 46 over 18, amr 2.5556; limits -5.8504, 7.7452; near upper
    // 5.4792: nothing outside or close. Indices 6..=14 are nine points above
    // the mean (a shift) but a trend takes precedence.
    let y = [
        -4.0, 4.0, -4.0, 4.0, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 2.5, 2.0, 1.5, 1.0, 0.5, 0.0, 4.0,
        -4.0,
    ];
    let s = run(&y);
    assert_limits(&s, 0, 18.0 / 19.0, -5.8504, 7.7452, 1e-4);
    let mut want = each(4..10, Rule::Trend, Improvement);
    want.extend(each(10..17, Rule::Trend, Concern));
    assert_special(&s, &want);
}

#[test]
fn a_flat_step_between_two_trends_reads_as_falling() {
    // Rising -3..0 (indices 4..=10), a flat step 0 -> 0, rising 0..3
    // (indices 11..=17). Index 10 ends the first trend; the next point is in
    // a trend, so it takes the step to its right, which is flat. The brief
    // leaves that undefined; NHSRplotthedots 0.2.x labels it
    // `ifelse(sdy == 1, "Increasing", "Decreasing")`, i.e. falling, and so
    // does the implementation: concern with higher-is-better.
    // Sum 0, mean 0; amr 52/19 = 2.7368, limits -/+ 7.28, near 4.8533.
    let y = [
        -4.0, 4.0, -4.0, 4.0, -3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.0, 0.5, 1.0, 1.5, 2.0,
        2.5, 3.0, -4.0, 4.0,
    ];
    let s = run(&y);
    assert_limits(&s, 0, 0.0, -7.28, 7.28, TOL);
    let mut want = each(4..10, Rule::Trend, Improvement);
    want.push((10, Rule::Trend, Concern));
    want.extend(each(11..18, Rule::Trend, Improvement));
    assert_special(&s, &want);
}

// ---------------------------------------------------------------------------
// Two in three beyond a near limit
// ---------------------------------------------------------------------------

/// [1,-1] x 12 with indices 10, 11, 12 replaced.
fn two_in_three_series(a: f64, b: f64, c: f64) -> Vec<f64> {
    let mut y = [1.0, -1.0].repeat(12);
    y[10] = a;
    y[11] = b;
    y[12] = c;
    y
}

#[test]
fn two_in_three_flags_only_the_close_points() {
    // [.., -1, 5.5, 1, 5.5, -1, ..]: sum 11, mean 11/24 = 0.4583. Ranges:
    // nineteen 2s, 6.5, 4.5, 4.5, 6.5: sum 60 over 23, amr 2.6087 (threshold
    // 8.52, none screened); limits -6.4808, 7.3975; near upper 5.0844.
    // 5.5 is close (not outside); 1 is above the mean but not close. The
    // window 5.5, 1, 5.5 is all above: flag the two 5.5s only.
    let s = run(&two_in_three_series(5.5, 1.0, 5.5));
    assert_limits(&s, 0, 11.0 / 24.0, -6.4808, 7.3975, 1e-4);
    let l = s.segments[0].limits.unwrap();
    assert!(5.5 > l.upper_near && 5.5 < l.upper_limit && 1.0 < l.upper_near);
    assert_special(
        &s,
        &[
            (10, Rule::TwoOfThree, Improvement),
            (12, Rule::TwoOfThree, Improvement),
        ],
    );
    let d = run_with(
        &two_in_three_series(5.5, 1.0, 5.5),
        opts(Direction::Decrease),
    );
    assert_special(
        &d,
        &[
            (10, Rule::TwoOfThree, Concern),
            (12, Rule::TwoOfThree, Concern),
        ],
    );
}

#[test]
fn two_in_three_below_the_mean() {
    // The mirror image: [-1,1] x 12 with -5.5, -1, -5.5: mean -0.4583.
    let y: Vec<f64> = two_in_three_series(5.5, 1.0, 5.5)
        .iter()
        .map(|v| -v)
        .collect();
    let s = run(&y);
    assert_special(
        &s,
        &[
            (10, Rule::TwoOfThree, Concern),
            (12, Rule::TwoOfThree, Concern),
        ],
    );
    let n = run_with(&y, opts(Direction::Neutral));
    assert_special(
        &n,
        &[
            (10, Rule::TwoOfThree, NeutralLow),
            (12, Rule::TwoOfThree, NeutralLow),
        ],
    );
}

#[test]
fn two_in_three_with_only_one_close_point_is_not_flagged() {
    // 5.5, 1, 1: sum 6.5, mean 0.2708; ranges twenty 2s and 6.5, 4.5, 0:
    // amr 51/23 = 2.2174; near upper 4.2030, upper limit 6.1691. Only
    // the 5.5 is close; indices 10..=12 are 3 above the mean: no shift.
    let s = run(&two_in_three_series(5.5, 1.0, 1.0));
    let l = s.segments[0].limits.unwrap();
    assert!(5.5 > l.upper_near && 5.5 < l.upper_limit, "{l:?}");
    assert_all_common(&s);
}

#[test]
fn two_in_three_does_not_count_a_point_beyond_the_limit_as_close() {
    // 12, 1, 5.5: sum 17.5, mean 0.7292. Ranges: 13 and 11 screened out
    // (mean 73/23 = 3.1739, threshold 10.369), leaving nineteen 2s, 4.5, 6.5:
    // amr 49/21 = 2.3333; upper limit 6.9358, near upper 4.8669. 12 is
    // outside (not close), so the window 12, 1, 5.5 has one close point.
    let s = run(&two_in_three_series(12.0, 1.0, 5.5));
    let l = s.segments[0].limits.unwrap();
    assert_close(l.average_moving_range, 49.0 / 21.0, 1e-12, "amr");
    assert!(5.5 > l.upper_near && 5.5 < l.upper_limit, "{l:?}");
    assert_special(&s, &[(10, Rule::OutsideLimits, Improvement)]);
}

#[test]
fn two_in_three_needs_all_three_on_one_side() {
    // 5.5, -1, 5.5: the middle point is below the mean (9/24 = 0.375).
    // Ranges: nineteen 2s and four 6.5s: amr 64/23 = 2.7826; near upper
    // 5.3095 < 5.5 < 7.7767. Two close points, but not all three above.
    let s = run(&two_in_three_series(5.5, -1.0, 5.5));
    let l = s.segments[0].limits.unwrap();
    assert!(5.5 > l.upper_near && 5.5 < l.upper_limit, "{l:?}");
    assert_all_common(&s);
}

#[test]
fn a_point_exactly_on_a_near_limit_is_not_close() {
    // two_in_three_series(v, 1, v) with v the fixed point of v = upper near
    // limit, found by iterating the formulas in f64 and then searching the
    // neighbouring floats: mean 0.4014, amr 2.4899 (nothing screened), upper
    // near limit exactly 4.816773886109126. "Beyond a near limit" is strict,
    // so neither v is close: no 2-in-3.
    let v = 4.816773886109126;
    let s = run(&two_in_three_series(v, 1.0, v));
    let l = s.segments[0].limits.unwrap();
    assert_eq!(
        l.upper_near, v,
        "fixture: v must sit exactly on the near limit"
    );
    assert_all_common(&s);
    // A hair above (the limit moves by less than the point): both close.
    let w = v + 1e-6;
    let c = run(&two_in_three_series(w, 1.0, w));
    assert!(w > c.segments[0].limits.unwrap().upper_near);
    assert_special(
        &c,
        &[
            (10, Rule::TwoOfThree, Improvement),
            (12, Rule::TwoOfThree, Improvement),
        ],
    );
}

#[test]
fn a_point_exactly_on_a_process_limit_is_close_not_outside() {
    // As above, with v exactly on the upper process limit: mean 0.8066, amr
    // 3.3355 (nothing screened), upper limit exactly 9.678902010852214,
    // upper near 6.7215. Not outside (strict), but beyond the near limit: two
    // close points with 1 between them, all above the mean: 2-in-3.
    let v = 9.678902010852214;
    let s = run(&two_in_three_series(v, 1.0, v));
    let l = s.segments[0].limits.unwrap();
    assert_eq!(l.upper_limit, v, "fixture: v must sit exactly on the limit");
    assert_special(
        &s,
        &[
            (10, Rule::TwoOfThree, Improvement),
            (12, Rule::TwoOfThree, Improvement),
        ],
    );
    // A hair above: outside.
    let w = v + 1e-6;
    let c = run(&two_in_three_series(w, 1.0, w));
    assert_special(
        &c,
        &[
            (10, Rule::OutsideLimits, Improvement),
            (12, Rule::OutsideLimits, Improvement),
        ],
    );
}

#[test]
fn a_point_on_the_mean_spoils_a_two_in_three_window() {
    // [1,-1] x 12 with indices 3..=5 = -9, -m, -9 and 10..=12 = 9, m, 9: the
    // replaced base values sum to -1 and 1, so the total and the mean stay
    // exactly 0.
    let series = |m: f64| {
        let mut y = [1.0, -1.0].repeat(12);
        y[3..6].copy_from_slice(&[-9.0, -m, -9.0]);
        y[10..13].copy_from_slice(&[9.0, m, 9.0]);
        y
    };
    // m = 0: ranges 10,9,9,10 twice and fifteen 2s: amr 106/23 = 4.6087;
    // limits -/+ 12.2591, near -/+ 8.1727: the 9s are close, but the middle
    // 0 is on the mean, so no window has all three strictly on one side.
    let s = run(&series(0.0));
    assert_eq!(s.segments[0].limits.unwrap().mean, 0.0);
    assert_limits(&s, 0, 0.0, -12.25913, 12.25913, 1e-4);
    assert_all_common(&s);
    // m = 1: ranges 10,8,8,10 twice: amr 102/23 = 4.4348, near -/+ 7.8643.
    // Both windows are one-sided now: the 9s are 2-in-3, the -9s too.
    let c = run(&series(1.0));
    assert_special(
        &c,
        &[
            (3, Rule::TwoOfThree, Concern),
            (5, Rule::TwoOfThree, Concern),
            (10, Rule::TwoOfThree, Improvement),
            (12, Rule::TwoOfThree, Improvement),
        ],
    );
}

#[test]
fn a_gap_breaks_a_two_in_three_window() {
    // 5.5, None, 5.5: no window of 3 consecutive present points holds both.
    // Mean 10/23 = 0.4348; ranges nineteen 2s, 6.5, 6.5 (none across the
    // gap): amr 2.4286, near upper 4.7415 < 5.5 < 6.8948.
    let mut y = some(&two_in_three_series(5.5, 1.0, 5.5));
    y[11] = None;
    let s = spc(&y, &[], &SpcOptions::default());
    let l = s.segments[0].limits.unwrap();
    assert!(5.5 > l.upper_near && 5.5 < l.upper_limit, "{l:?}");
    assert_all_common(&s);
    assert_eq!(s.points[11].value, None);
}

// ---------------------------------------------------------------------------
// Precedence: outside > trend > two-in-three > shift
// ---------------------------------------------------------------------------

#[test]
fn outside_beats_shift() {
    // [1,-1,1,-1,1,-1] + [1,1,1,8,1,1,1] + [-1,1,-1,1,-1,1,-1]. Sum 13, mean
    // 0.65. Ranges: thirteen 2s, 0,0,7,7,0,0: mean 40/19 = 2.105, threshold
    // 6.878, so both 7s go: amr 26/17 = 1.5294; upper limit 4.7182. The 8 is
    // outside; all seven of the block are above the mean (a shift).
    let s = run(&[
        1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, 1.0, 1.0, 8.0, 1.0, 1.0, 1.0, -1.0, 1.0, -1.0, 1.0,
        -1.0, 1.0, -1.0,
    ]);
    assert_limits(&s, 0, 0.65, -3.41824, 4.71824, 1e-4);
    let mut want = each(6..13, Rule::Shift, Improvement);
    want[3] = (9, Rule::OutsideLimits, Improvement);
    assert_special(&s, &want);
}

#[test]
fn outside_beats_trend() {
    // [0.5,-0.5] x 8 + falling [3.5,2.2,1.4,1.0,0.6,0.3,0.1] + [0.5,-0.5,0.5].
    // Sum 9.6, mean 0.3692. Ranges: fifteen 1s, 4, 1.3, 0.8, 0.4, 0.4, 0.3,
    // 0.2, 0.4, 1, 1: sum 24.8 over 25, mean 0.992, threshold 3.241, so the
    // 4 goes: amr 20.8/24 = 0.8667; upper limit 2.6746. The 3.5 starts the
    // falling trend (indices 16..=22) and is outside: OutsideLimits, high
    // (improvement), while the rest of the trend is low (concern). No 2-in-3:
    // 2.2 is the only close point next to the 3.5.
    let s = run(&[
        0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5,
        3.5, 2.2, 1.4, 1.0, 0.6, 0.3, 0.1, 0.5, -0.5, 0.5,
    ]);
    assert_limits(&s, 0, 9.6 / 26.0, -1.9361, 2.67456, 1e-4);
    let mut want = vec![(16, Rule::OutsideLimits, Improvement)];
    want.extend(each(17..23, Rule::Trend, Concern));
    assert_special(&s, &want);
}

/// [0.5,-0.5] x 8 + falling [2.4,2.2,1.4,1.0,0.6,0.3,0.1] + [0.5,-0.5,0.5].
/// Sum 8.5, mean 0.3269. Ranges: fifteen 1s, 2.9, 0.2, 0.8, 0.4, 0.4, 0.3,
/// 0.2, 0.4, 1, 1: sum 22.6 over 25, amr 0.904 (threshold 2.953, 2.9 kept);
/// upper limit 2.7316, near upper 1.9299. 2.4 and 2.2 are close and
/// 2.4, 2.2, 1.4 all above the mean: a 2-in-3 on its own.
const FALLING_CLOSE: [f64; 26] = [
    0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 2.4,
    2.2, 1.4, 1.0, 0.6, 0.3, 0.1, 0.5, -0.5, 0.5,
];

#[test]
fn trend_beats_two_in_three() {
    // Indices 16..=22 fall strictly: a trend, and it wins, so 2.4 and 2.2
    // are "low" (falling), a concern, not a high 2-in-3 improvement.
    let s = run(&FALLING_CLOSE);
    assert_limits(&s, 0, 8.5 / 26.0, -2.07772, 2.73156, 1e-4);
    assert_special(&s, &each(16..23, Rule::Trend, Concern));

    // Control: a tie at index 20 (0.6 -> 1.0) breaks the trend, leaving the
    // 2-in-3 (mean 8.9/26 = 0.3423, amr unchanged, near upper 1.9454).
    let mut c = FALLING_CLOSE;
    c[20] = 1.0;
    assert_special(
        &run(&c),
        &[
            (16, Rule::TwoOfThree, Improvement),
            (17, Rule::TwoOfThree, Improvement),
        ],
    );
}

#[test]
fn two_in_three_beats_shift() {
    // [1,-1] x 6 + [1,1,5.5,1,5.5,1,1] + [-1,1,-1,1,-1,1]. Sum 16, mean 0.64.
    // Ranges: eleven 2s, 2, 0, 4.5, 4.5, 4.5, 4.5, 0, 2, five 2s: sum 54 over
    // 24, amr 2.25 (threshold 7.35); upper limit 6.625, near upper 4.63.
    // Indices 12..=18 are seven points above the mean (a shift); the two
    // 5.5s are close with 1 between them: those two are 2-in-3.
    let s = run(&[
        1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, 1.0, 5.5, 1.0, 5.5,
        1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0,
    ]);
    assert_limits(&s, 0, 0.64, -5.345, 6.625, 1e-9);
    let mut want = each(12..19, Rule::Shift, Improvement);
    want[2].1 = Rule::TwoOfThree;
    want[4].1 = Rule::TwoOfThree;
    assert_special(&s, &want);
}

#[test]
fn rule_enum_orders_by_precedence() {
    assert!(Rule::OutsideLimits < Rule::Trend);
    assert!(Rule::Trend < Rule::TwoOfThree);
    assert!(Rule::TwoOfThree < Rule::Shift);
}

// ---------------------------------------------------------------------------
// Rebasing
// ---------------------------------------------------------------------------

/// Segment 0: [1,-1] x 5 + [1,1,1,1] (mean 4/14); segment 1: [1,1,1] +
/// [-1,1] x 5 + [-1] (mean 2/14). Indices 10..=16 are seven ones.
fn straddling_run() -> Vec<f64> {
    let mut y = [1.0, -1.0].repeat(5);
    y.extend([1.0; 4]);
    y.extend([1.0; 3]);
    y.extend([-1.0, 1.0].repeat(5));
    y.push(-1.0);
    y
}

#[test]
fn a_run_across_a_rebase_is_not_a_shift() {
    let y = straddling_run();
    assert_eq!(y.len(), 28);
    // Without a rebase: mean 6/28 = 0.2143, seven ones above it. Ranges:
    // six 0s, twenty-one 2s: amr 42/27 = 1.5556, near upper 2.973.
    let whole = run(&y);
    assert_special(&whole, &each(10..17, Rule::Shift, Improvement));

    // Rebased at 14: 4 + 3 ones, each below 7 within its segment.
    let s = spc(&some(&y), &[14], &SpcOptions::default());
    assert_eq!(s.segments.len(), 2);
    assert_eq!(
        (s.segments[0].start, s.segments[0].end, s.segments[0].points),
        (0, 14, 14)
    );
    assert_eq!(
        (s.segments[1].start, s.segments[1].end, s.segments[1].points),
        (14, 28, 14)
    );
    // Each segment has its own mean: 4/14 and 2/14. Segment 0 ranges: three
    // 0s, ten 2s, amr 20/13; segment 1: two 0s, eleven 2s, amr 22/13.
    assert_close(
        s.segments[0].mean.unwrap(),
        4.0 / 14.0,
        1e-12,
        "segment 0 mean",
    );
    assert_close(
        s.segments[1].mean.unwrap(),
        2.0 / 14.0,
        1e-12,
        "segment 1 mean",
    );
    assert_close(
        s.segments[0].limits.unwrap().average_moving_range,
        20.0 / 13.0,
        1e-12,
        "amr 0",
    );
    assert_close(
        s.segments[1].limits.unwrap().average_moving_range,
        22.0 / 13.0,
        1e-12,
        "amr 1",
    );
    assert!(!s.segments[0].run_chart && !s.segments[1].run_chart);
    assert_all_common(&s);
    assert!(s
        .points
        .iter()
        .enumerate()
        .all(|(i, p)| p.segment == usize::from(i >= 14)));
}

#[test]
fn each_segment_is_judged_against_its_own_mean() {
    // [1,-1] x 7 then [11,9] x 7. Unrebased: mean 5, amr 2 (26 ranges of 2
    // and one of 12, screened at 3.267 x 64/27 = 7.744): limits -0.32,
    // 10.32; near 1.4533, 8.5467. Every point is a special cause (outside
    // or 2-in-3, low in the first half and high in the second).
    let mut y = [1.0, -1.0].repeat(7);
    y.extend([11.0, 9.0].repeat(7));
    let whole = run(&y);
    assert_limits(&whole, 0, 5.0, -0.32, 10.32, 1e-12);
    assert!(
        whole.points[..14].iter().all(|p| p.kind == Concern),
        "{:?}",
        whole.points
    );
    assert!(
        whole.points[14..].iter().all(|p| p.kind == Improvement),
        "{:?}",
        whole.points
    );
    assert_eq!(whole.variation, Some(Variation::ImprovementHigh));

    // Rebased: means 0 and 10, both with amr 2: all common cause.
    let s = spc(&some(&y), &[14], &SpcOptions::default());
    assert_limits(&s, 0, 0.0, -5.32, 5.32, 1e-12);
    assert_limits(&s, 1, 10.0, 4.68, 15.32, 1e-12);
    assert_all_common(&s);
    assert_eq!(s.variation, Some(Variation::CommonCause));
    assert_eq!(s.latest_limits(), s.segments[1].limits.as_ref());
}

#[test]
fn rebase_indices_are_sanitised() {
    // Zero, the length, out-of-range and duplicate indices are ignored;
    // the rest are sorted.
    let y = straddling_run();
    let plain = run(&y);
    let ignored = spc(&some(&y), &[0, 28, 100, 0], &SpcOptions::default());
    assert_eq!(ignored, plain);
    let messy = spc(&some(&y), &[14, 100, 14, 0], &SpcOptions::default());
    let clean = spc(&some(&y), &[14], &SpcOptions::default());
    assert_eq!(messy, clean);
    let three = spc(&some(&AE_ATTENDANCES), &[24, 12], &SpcOptions::default());
    let starts: Vec<(usize, usize)> = three.segments.iter().map(|g| (g.start, g.end)).collect();
    assert_eq!(starts, vec![(0, 12), (12, 24), (24, 36)]);
}

#[test]
fn a_short_last_segment_means_no_icons() {
    // OUTLIER_18 (its 10 is outside) then [1,2] x 6 rebased at 18: the last
    // segment has 12 points, a run chart (mean 1.5, limits -1.16, 4.16
    // still reported). Segment 0 keeps its special cause.
    let mut y = OUTLIER_18.to_vec();
    y.extend([1.0, 2.0].repeat(6));
    let s = spc(&some(&y), &[18], &with_target(Direction::Increase, 100.0));
    assert!(!s.segments[0].run_chart);
    assert!(s.segments[1].run_chart);
    assert_limits(&s, 1, 1.5, -1.16, 4.16, 1e-12);
    assert_special(&s, &[(4, Rule::OutsideLimits, Improvement)]);
    assert_eq!(s.variation, None);
    assert_eq!(s.assurance, None);
    assert!(s.latest_limits().is_none());
}

#[test]
fn a_short_middle_segment_has_no_rules_but_the_last_decides_the_icons() {
    // Segments: OUTLIER_18 (18 points), its first 12 points (run chart, the
    // 10 at index 22 is above its limits but not flagged), OUTLIER_18 again.
    let mut y = OUTLIER_18.to_vec();
    y.extend_from_slice(&OUTLIER_18[..12]);
    y.extend_from_slice(&OUTLIER_18);
    let s = spc(
        &some(&y),
        &[18, 30],
        &with_target(Direction::Increase, -5.0),
    );
    assert!(s.segments[1].run_chart);
    assert_eq!(s.points[22].value, Some(10.0));
    assert!(10.0 > s.segments[1].limits.unwrap().upper_limit);
    assert_special(
        &s,
        &[
            (4, Rule::OutsideLimits, Improvement),
            (34, Rule::OutsideLimits, Improvement),
        ],
    );
    assert_eq!(s.variation, Some(Variation::CommonCause));
    // Last segment's lower limit is -0.7156 > -5: passes.
    assert_eq!(s.assurance, Some(Assurance::ConsistentlyPasses));
}

// ---------------------------------------------------------------------------
// Gaps
// ---------------------------------------------------------------------------

#[test]
fn a_gap_breaks_a_shift() {
    // shift_series(8) with the 4th one (index 9) missing: 7 ones present,
    // but as runs of 3 and 4. Mean 6/20 = 0.3; ranges (none across the gap):
    // thirteen 2s and five 0s, amr 26/18 = 1.4444.
    let mut y = some(&shift_series(8));
    y[9] = None;
    let s = spc(&y, &[], &SpcOptions::default());
    assert_eq!(s.segments[0].points, 20);
    assert_close(
        s.segments[0].limits.unwrap().average_moving_range,
        26.0 / 18.0,
        1e-12,
        "amr",
    );
    assert_all_common(&s);
    // Control: the same 20 values without the gap are a 7-shift.
    let c = run(&shift_series(7));
    assert_special(&c, &each(6..13, Rule::Shift, Improvement));
}

#[test]
fn a_gap_breaks_a_trend() {
    // TREND_7 with a gap between -1 and 0: -3,-2,-1 | 0,1,2,3 rise, but no
    // stretch holds 7. Mean 0; ranges five 2s, 2, 1, 1, 1, 1, 1, 2, 2 (the
    // -1 -> 0 step is gone): amr 21/13 = 1.6154.
    let mut y: Vec<Option<f64>> = some(&TREND_7[..9]);
    y.push(None);
    y.extend(some(&TREND_7[9..]));
    let s = spc(&y, &[], &SpcOptions::default());
    assert_close(
        s.segments[0].limits.unwrap().average_moving_range,
        21.0 / 13.0,
        1e-12,
        "amr",
    );
    assert_all_common(&s);
    assert_eq!(s.points[9].kind, CommonCause);
    assert_eq!(s.points[9].rule, None);
}

#[test]
fn a_gap_does_not_create_a_moving_range() {
    // [0,1,0,1,0,1,0, None, 10,11,10,11,10,11], unscreened. Ranges: six 1s
    // and five 1s; 0 -> 10 spans the gap and is not a range. amr exactly 1,
    // mean 66/13. Without the gap the 10 would count: amr 21/12 = 1.75.
    let mut y = some(&[0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
    y.push(None);
    y.extend(some(&[10.0, 11.0, 10.0, 11.0, 10.0, 11.0]));
    let s = spc(&y, &[], &unscreened());
    let l = s.segments[0].limits.unwrap();
    assert_eq!(l.average_moving_range, 1.0);
    assert_close(l.mean, 66.0 / 13.0, 1e-12, "mean");
    assert_eq!(s.segments[0].points, 13);
    assert!(!s.segments[0].run_chart);
    let joined: Vec<Option<f64>> = y.iter().copied().flatten().map(Some).collect();
    let j = spc(&joined, &[], &unscreened());
    assert_close(
        j.segments[0].limits.unwrap().average_moving_range,
        1.75,
        1e-12,
        "joined amr",
    );
}

#[test]
fn gaps_count_towards_neither_the_13_points_nor_the_variation() {
    // The 13 points of twelve_points_are_a_run_chart_and_thirteen_are_not
    // (a shift at 6..=12) plus two trailing gaps: still 13 points, and the
    // variation comes from the last present point.
    let mut y = some(&[
        -1.0, 1.0, -1.0, 1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    ]);
    y.extend([None, None]);
    let s = spc(&y, &[], &SpcOptions::default());
    assert_eq!(s.segments[0].points, 13);
    assert!(!s.segments[0].run_chart);
    assert_eq!(s.variation, Some(Variation::ImprovementHigh));
    assert_eq!(s.points[13].kind, CommonCause);
    // One value fewer (a gap instead): 12 present, a run chart.
    y[0] = None;
    let r = spc(&y, &[], &SpcOptions::default());
    assert_eq!(r.segments[0].points, 12);
    assert!(r.segments[0].run_chart);
    assert_all_common(&r);
    assert_eq!(r.variation, None);
}

// ---------------------------------------------------------------------------
// The 13-point rule
// ---------------------------------------------------------------------------

#[test]
fn twelve_points_are_a_run_chart_and_thirteen_are_not() {
    assert_eq!(MIN_POINTS, 13);
    // 13: [-1,1,-1,1,-1,-1] + seven 1s. Mean 5/13 = 0.3846; ranges
    // 2,2,2,2,0,2 and six 0s: amr 10/12 = 0.8333; limits -1.8321, 2.6013;
    // near -1.0932, 1.8624: nothing close. Indices 6..=12 are a shift.
    let thirteen = [
        -1.0, 1.0, -1.0, 1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    ];
    let s = run(&thirteen);
    assert!(!s.segments[0].run_chart);
    assert_limits(&s, 0, 5.0 / 13.0, -1.83205, 2.60128, 1e-4);
    assert_special(&s, &each(6..13, Rule::Shift, Improvement));
    assert_eq!(s.variation, Some(Variation::ImprovementHigh));

    // 12: drop the first point. The seven ones are still above the mean
    // (6/12 = 0.5), but a run chart has no rules and no icons.
    let r = run(&thirteen[1..]);
    assert!(r.segments[0].run_chart);
    assert_eq!(r.segments[0].points, 12);
    assert_limits(
        &r,
        0,
        0.5,
        0.5 - 2.66 * 8.0 / 11.0,
        0.5 + 2.66 * 8.0 / 11.0,
        1e-12,
    );
    assert_all_common(&r);
    assert_eq!(r.variation, None);
    assert_eq!(
        run_with(&thirteen[1..], with_target(Direction::Increase, 0.0)).assurance,
        None
    );
}

// ---------------------------------------------------------------------------
// Variation icons
// ---------------------------------------------------------------------------

/// [1,-1] x 7 then `last`. For last = +/-10: mean +/-2/3; ranges thirteen
/// 2s and 11 (or 9), screened (threshold 8.63, 8.17): amr 2; limits
/// mean -/+ 5.32, so the last point is outside; the rest alternate sides.
fn ending_with(last: f64) -> Vec<f64> {
    let mut y = [1.0, -1.0].repeat(7);
    y.push(last);
    y
}

#[test]
fn variation_when_higher_is_better() {
    let high = run(&ending_with(10.0));
    assert_limits(
        &high,
        0,
        2.0 / 3.0,
        2.0 / 3.0 - 5.32,
        2.0 / 3.0 + 5.32,
        1e-12,
    );
    assert_special(&high, &[(14, Rule::OutsideLimits, Improvement)]);
    assert_eq!(high.variation, Some(Variation::ImprovementHigh));
    let low = run(&ending_with(-10.0));
    assert_special(&low, &[(14, Rule::OutsideLimits, Concern)]);
    assert_eq!(low.variation, Some(Variation::ConcernLow));
}

#[test]
fn variation_when_lower_is_better() {
    let high = run_with(&ending_with(10.0), opts(Direction::Decrease));
    assert_special(&high, &[(14, Rule::OutsideLimits, Concern)]);
    assert_eq!(high.variation, Some(Variation::ConcernHigh));
    let low = run_with(&ending_with(-10.0), opts(Direction::Decrease));
    assert_special(&low, &[(14, Rule::OutsideLimits, Improvement)]);
    assert_eq!(low.variation, Some(Variation::ImprovementLow));
}

#[test]
fn variation_when_neutral() {
    let high = run_with(&ending_with(10.0), opts(Direction::Neutral));
    assert_special(&high, &[(14, Rule::OutsideLimits, NeutralHigh)]);
    assert_eq!(high.variation, Some(Variation::NeutralHigh));
    let low = run_with(&ending_with(-10.0), opts(Direction::Neutral));
    assert_special(&low, &[(14, Rule::OutsideLimits, NeutralLow)]);
    assert_eq!(low.variation, Some(Variation::NeutralLow));
}

#[test]
fn variation_common_cause_when_the_last_point_is() {
    for direction in [Direction::Increase, Direction::Decrease, Direction::Neutral] {
        let s = run_with(&fourteen_alternating(), opts(direction));
        assert_eq!(s.variation, Some(Variation::CommonCause), "{direction:?}");
    }
    // A special cause earlier does not count: OUTLIER_18 ends in common cause.
    assert_eq!(run(&OUTLIER_18).variation, Some(Variation::CommonCause));
}

#[test]
fn variation_skips_trailing_gaps() {
    let mut y = some(&ending_with(10.0));
    y.extend([None, None, None]);
    let s = spc(&y, &[], &opts(Direction::Decrease));
    assert_eq!(s.points.len(), 18);
    assert_eq!(s.points[14].kind, Concern);
    assert_eq!(s.variation, Some(Variation::ConcernHigh));
}

#[test]
fn variation_of_a_trend_follows_the_trend_not_the_side() {
    // [1,-1] x 6 + rising [-2,-1.8,-1.6,-1.4,-1.2,-1,-0.8] (indices 12..=18,
    // after a fall -1 -> -2). Sum -9.8, mean -0.5158, so the whole rise is
    // below the mean. Ranges: eleven 2s, 1, six 0.2s: sum 24.2 over 18, amr
    // 1.3444; limits -4.092, 3.0604; near lower -2.8999: nothing close.
    // Indices 11..=18 are eight points below the mean: a shift, low. The
    // trend wins on 12..=18 and is high (rising), so index 11 alone is a
    // shift point. The latest point is below the mean but rising.
    let y = [
        1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, -2.0, -1.8, -1.6, -1.4,
        -1.2, -1.0, -0.8,
    ];
    let s = run(&y);
    assert_limits(&s, 0, -9.8 / 19.0, -4.09201, 3.06043, 1e-4);
    let mut want = vec![(11, Rule::Shift, Concern)];
    want.extend(each(12..19, Rule::Trend, Improvement));
    assert_special(&s, &want);
    assert_eq!(s.variation, Some(Variation::ImprovementHigh));

    let d = run_with(&y, opts(Direction::Decrease));
    let mut want = vec![(11, Rule::Shift, Improvement)];
    want.extend(each(12..19, Rule::Trend, Concern));
    assert_special(&d, &want);
    assert_eq!(d.variation, Some(Variation::ConcernHigh));

    let n = run_with(&y, opts(Direction::Neutral));
    assert_eq!(n.points[11].kind, NeutralLow);
    assert_eq!(n.variation, Some(Variation::NeutralHigh));
}

// ---------------------------------------------------------------------------
// Degenerate input
// ---------------------------------------------------------------------------

#[test]
fn empty_input_does_not_panic() {
    let s = spc(&[], &[], &SpcOptions::default());
    assert!(s.points.is_empty());
    assert!(s
        .segments
        .iter()
        .all(|g| g.points == 0 && g.limits.is_none() && g.run_chart));
    assert_eq!(s.variation, None);
    assert_eq!(s.assurance, None);
    assert!(s.latest_limits().is_none());
    // Rebase indices on empty input are out of range.
    let r = spc(&[], &[0, 1, 5], &with_target(Direction::Increase, 1.0));
    assert!(r.points.is_empty());
    assert_eq!(r.assurance, None);
}

#[test]
fn all_missing_input_does_not_panic() {
    let y = vec![None; 20];
    let s = spc(&y, &[10], &with_target(Direction::Decrease, 1.0));
    assert_eq!(s.points.len(), 20);
    assert!(s
        .points
        .iter()
        .all(|p| p.kind == CommonCause && p.rule.is_none() && p.value.is_none()));
    assert!(s
        .segments
        .iter()
        .all(|g| g.points == 0 && g.mean.is_none() && g.limits.is_none()));
    assert!(s.segments.iter().all(|g| g.run_chart));
    assert_eq!(s.variation, None);
    assert_eq!(s.assurance, None);
}

#[test]
fn a_single_point_has_a_mean_but_no_limits() {
    let s = run(&[42.0]);
    assert_eq!(s.segments[0].mean, Some(42.0));
    assert!(s.segments[0].limits.is_none());
    assert!(s.segments[0].run_chart);
    assert_all_common(&s);
    // Present points never adjacent: a mean, no moving range, no limits.
    let sparse = spc(&[Some(1.0), None, Some(3.0)], &[], &SpcOptions::default());
    assert_eq!(sparse.segments[0].mean, Some(2.0));
    assert!(sparse.segments[0].limits.is_none());
}

#[test]
fn constant_series_is_all_common_cause() {
    // Fifteen 5s: mean 5, every range 0, amr 0; all limits collapse to 5.
    // No point is strictly beyond 5, none is strictly off the mean (no
    // shift), and every step is flat (no trend).
    let y = [5.0; 15];
    let s = run_with(&y, with_target(Direction::Increase, 5.0));
    let l = s.segments[0].limits.unwrap();
    assert_eq!(l.average_moving_range, 0.0);
    for v in [
        l.lower_limit,
        l.upper_limit,
        l.lower_near,
        l.upper_near,
        l.mean,
    ] {
        assert_eq!(v, 5.0);
    }
    assert_all_common(&s);
    assert_eq!(s.variation, Some(Variation::CommonCause));
    // Target on the collapsed limits: hit and miss; either side: outside.
    assert_eq!(s.assurance, Some(Assurance::HitAndMiss));
    assert_eq!(
        run_with(&y, with_target(Direction::Increase, 5.5)).assurance,
        Some(Assurance::ConsistentlyFails)
    );
    assert_eq!(
        run_with(&y, with_target(Direction::Increase, 4.5)).assurance,
        Some(Assurance::ConsistentlyPasses)
    );
    // Unscreened is the same.
    assert_all_common(&run_with(&y, unscreened()));
}

#[test]
fn near_constant_series_screens_its_only_range_and_flags_everything() {
    // Fourteen 5s then a 6: ranges thirteen 0s and 1, mean 1/14, threshold
    // 0.2334, so the 1 is screened and amr is 0. The limits collapse on the
    // mean 76/15 = 5.0667: every 5 is strictly below the lower limit and the
    // 6 strictly above. Degenerate, but what the strict rules (and the R
    // package, which screens the same way) give.
    let mut y = vec![5.0; 14];
    y.push(6.0);
    let s = run(&y);
    let l = s.segments[0].limits.unwrap();
    assert_eq!(l.average_moving_range, 0.0);
    assert_close(l.mean, 76.0 / 15.0, 1e-12, "mean");
    let mut want = each(0..14, Rule::OutsideLimits, Concern);
    want.push((14, Rule::OutsideLimits, Improvement));
    assert_special(&s, &want);
    // Unscreened, amr 1/14: limits 5.0667 -/+ 0.19, the 6 alone is outside;
    // the fourteen 5s are all below the mean: a shift.
    let u = run_with(&y, unscreened());
    let mut want = each(0..14, Rule::Shift, Concern);
    want.push((14, Rule::OutsideLimits, Improvement));
    assert_special(&u, &want);
}

#[test]
fn points_keep_their_values_and_segments() {
    let mut y = some(&AE_ATTENDANCES);
    y[5] = None;
    let s = spc(&y, &[20], &SpcOptions::default());
    assert_eq!(s.points.len(), 36);
    for (i, p) in s.points.iter().enumerate() {
        assert_eq!(p.value, y[i]);
        assert_eq!(p.segment, usize::from(i >= 20));
    }
    assert_eq!(s.segments[0].points, 19);
    assert_eq!(s.segments[1].points, 16);
    // The segment mean is the mean of the limits too.
    for g in &s.segments {
        assert_eq!(g.mean, g.limits.map(|l| l.mean));
    }
}
