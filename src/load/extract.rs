//! Extract files: each series and each point is checked on its own, so one
//! bad point costs that point, one bad series costs that series, and only a
//! file that is not JSON (or has no usable header) costs the whole extract.

use rustc_hash::FxHashSet;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use super::json::{
    check_version, parse_fields, strip_position, take_field, typed, typed_text, Obj,
};
use super::problem::Problem;
use crate::model::{
    Annotation, Catalogue, Geography, Kind, Metric, Observation, Period, Point, Provenance, Series,
    Source,
};

/// The header of an extract.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExtractInfo {
    pub file: String,
    pub id: String,
    pub title: String,
    pub published: String,
    pub source: Source,
}

/// What came out of one extract file.
#[derive(Debug, Clone, Default)]
pub struct ParsedExtract {
    /// `None` when the file could not be used at all.
    pub info: Option<ExtractInfo>,
    pub series: Vec<Series>,
    pub problems: Vec<Problem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    id: String,
    title: String,
    published: String,
    source: Source,
}

/// A series as written, with each point held as `P`: read straight into a
/// [`RawPoint`] (one pass, for a file with nothing wrong), or as the point's
/// own text (read on its own, so one bad point costs only itself).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries<P> {
    metric: String,
    area: String,
    #[serde(default)]
    organisation: Option<String>,
    provenance: Provenance,
    #[serde(default)]
    breakdown: BTreeMap<String, String>,
    #[serde(default)]
    rebase: Vec<Period>,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    source: Option<Source>,
    #[serde(default)]
    note: Option<String>,
    points: Vec<P>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    period: Period,
    #[serde(default)]
    numerator: Option<f64>,
    #[serde(default)]
    denominator: Option<f64>,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    count: Option<f64>,
    #[serde(default)]
    #[allow(dead_code)] // free text for analysts; carried in the file, not shown yet
    note: Option<String>,
}

/// An extract's top level, read in one pass: each series as its own text,
/// and every other field as its text.
struct TopLevel<'t> {
    series: Option<SeriesList<'t>>,
    rest: BTreeMap<String, &'t RawValue>,
}

/// The `series` field: a list (each series as its own text), or not a list.
enum SeriesList<'t> {
    List(Vec<&'t RawValue>),
    NotList,
}

impl<'de> Deserialize<'de> for TopLevel<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = TopLevel<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let (mut series, mut rest) = (None, BTreeMap::new());
                while let Some(key) = map.next_key::<String>()? {
                    if key == "series" {
                        series = Some(map.next_value()?);
                    } else {
                        rest.insert(key, map.next_value()?);
                    }
                }
                Ok(TopLevel { series, rest })
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

impl<'de> Deserialize<'de> for SeriesList<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct List;
        impl<'de> Visitor<'de> for List {
            type Value = SeriesList<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(SeriesList::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(SeriesList::NotList)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(SeriesList::NotList)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(SeriesList::NotList)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(SeriesList::NotList)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(SeriesList::NotList)
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(SeriesList::NotList)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(SeriesList::NotList)
            }
        }
        deserializer.deserialize_any(List)
    }
}

/// Whether a date is exactly `YYYY-MM-DD` (digits only) with a real day.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && chrono::NaiveDate::from_ymd_opt(
            text[0..4].parse().unwrap_or(0),
            text[5..7].parse().unwrap_or(0),
            text[8..10].parse().unwrap_or(0),
        )
        .is_some()
}

/// Parses and validates one extract against the geography and catalogue.
pub fn parse_extract(
    file: &str,
    text: &str,
    geography: &Geography,
    catalogue: &Catalogue,
) -> ParsedExtract {
    let mut out = ParsedExtract::default();
    let TopLevel { series, rest } = match parse_fields::<TopLevel>(file, text) {
        Ok(top) => top,
        Err(p) => {
            out.problems.push(p);
            return out;
        }
    };
    // The series (nearly all of the file) stay as text; the few header
    // fields are read as values and checked as before.
    let mut header_fields = serde_json::Map::new();
    for (key, raw) in rest {
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(v) => {
                header_fields.insert(key, v);
            }
            Err(e) => {
                // Its position would count from the field, not the file.
                out.problems
                    .push(Problem::error(file, key.as_str(), strip_position(&e)));
                return out;
            }
        }
    }
    let mut value = Value::Object(header_fields);
    let header = check_version(file, &mut value).and_then(|_| {
        let mut fields = serde_json::Map::new();
        for key in ["id", "title", "published", "source"] {
            fields.insert(key.to_string(), take_field(file, "", &mut value, key)?);
        }
        typed::<Header>(file, "", Value::Object(fields))
    });
    let header = match header {
        Ok(h) => h,
        Err(p) => {
            out.problems.push(p);
            return out;
        }
    };
    if !is_date(&header.published) {
        out.problems.push(Problem::error(
            file,
            "published",
            format!("\"{}\" is not a date YYYY-MM-DD", header.published),
        ));
        return out;
    }
    let items = match series {
        Some(SeriesList::List(items)) => items,
        Some(SeriesList::NotList) => {
            out.problems
                .push(Problem::error(file, "series", "expected a list of series"));
            return out;
        }
        None => {
            out.problems
                .push(Problem::error(file, "", "missing field `series`"));
            return out;
        }
    };
    if let Value::Object(rest) = &value {
        for key in rest.keys() {
            out.problems.push(Problem::error(
                file,
                key.as_str(),
                format!("unknown field `{key}`"),
            ));
        }
        if !rest.is_empty() {
            return out;
        }
    }
    let info = ExtractInfo {
        file: file.to_string(),
        id: header.id,
        title: header.title,
        published: header.published,
        source: header.source,
    };
    // Made once and shared by every series (and every figure) of the file.
    let shared = Shared {
        source: Rc::new(info.source.clone()),
        file: file.into(),
        published: info.published.as_str().into(),
    };
    let ctx = Context {
        file,
        shared: &shared,
        geography,
        catalogue,
    };
    for (i, item) in items.into_iter().enumerate() {
        let path = format!("series[{i}]");
        // Most series have nothing wrong: read them, points and all, in one
        // pass. Any problem sends the series the slow way, point by point,
        // which keeps the good points and names each bad one.
        let fast = item
            .get()
            .starts_with('{')
            .then(|| serde_json::from_str::<RawSeries<Obj<RawPoint>>>(item.get()).ok())
            .flatten();
        let series = match fast {
            Some(raw) => check_series(&ctx, &path, raw, &mut out.problems, |_, p| Ok(p.0)),
            None => match typed_text::<RawSeries<&RawValue>>(file, || path.clone(), item) {
                Ok(raw) => check_series(&ctx, &path, raw, &mut out.problems, |j, point| {
                    typed_text::<RawPoint>(file, || format!("{path}.points[{j}]"), point)
                }),
                Err(p) => {
                    out.problems.push(p);
                    None
                }
            },
        };
        out.series.extend(series);
    }
    out.info = Some(info);
    out
}

/// What every series of one extract shares.
struct Shared {
    source: Rc<Source>,
    file: Rc<str>,
    published: Rc<str>,
}

/// What a series is checked against.
struct Context<'a> {
    file: &'a str,
    shared: &'a Shared,
    geography: &'a Geography,
    catalogue: &'a Catalogue,
}

/// Checks one series; `read_point` turns each point as held (with its index)
/// into a [`RawPoint`] or a problem.
fn check_series<P>(
    ctx: &Context,
    path: &str,
    raw: RawSeries<P>,
    problems: &mut Vec<Problem>,
    read_point: impl Fn(usize, P) -> Result<RawPoint, Problem>,
) -> Option<Series> {
    let Context {
        file,
        shared,
        geography,
        catalogue,
    } = *ctx;
    let metric = catalogue.metric(&raw.metric);
    let area = geography.knows(&raw.area).then_some(());
    if metric.is_none() {
        problems.push(Problem::error(
            file,
            format!("{path}.metric"),
            format!("unknown metric \"{}\": series rejected", raw.metric),
        ));
    }
    if area.is_none() {
        problems.push(Problem::error(
            file,
            format!("{path}.area"),
            format!("unknown area code \"{}\": series rejected", raw.area),
        ));
    }
    let metric = metric?;
    area?;
    if let Some(org) = raw.organisation.as_deref() {
        if geography.organisation(org).is_none() {
            problems.push(Problem::warning(
                file,
                format!("{path}.organisation"),
                format!("unknown organisation code \"{org}\""),
            ));
        }
    }
    if raw.provenance != Provenance::Published && raw.source.is_none() {
        problems.push(Problem::warning(
            file,
            format!("{path}.source"),
            format!(
                "a {} series should say where it came from",
                raw.provenance.label().to_ascii_lowercase()
            ),
        ));
    }
    let mut points: Vec<Point> = Vec::with_capacity(raw.points.len());
    // Periods seen, so a long series is checked in linear time.
    let mut periods: FxHashSet<Period> =
        FxHashSet::with_capacity_and_hasher(raw.points.len(), Default::default());
    for (j, item) in raw.points.into_iter().enumerate() {
        // Made only for a problem: most points have none.
        let point_path = || format!("{path}.points[{j}]");
        let point = read_point(j, item).and_then(|p| {
            check_point(p, metric).map_err(|(field, reason)| {
                Problem::error(
                    file,
                    format!("{}.{field}", point_path()),
                    format!("{reason}: point rejected"),
                )
            })
        });
        match point {
            Ok(point) => {
                if !periods.insert(point.period) {
                    problems.push(Problem::error(
                        file,
                        format!("{}.period", point_path()),
                        format!("duplicate period {}: point rejected", point.period),
                    ));
                } else {
                    points.push(point);
                }
            }
            Err(p) => problems.push(p),
        }
    }
    crate::sort::by_key(&mut points, |p| p.period);
    Some(Series {
        metric: raw.metric,
        area: raw.area,
        organisation: raw.organisation.map(Rc::from),
        provenance: raw.provenance,
        breakdown: raw.breakdown,
        rebase: raw.rebase,
        annotations: raw.annotations,
        source: raw.source.map_or_else(|| shared.source.clone(), Rc::new),
        note: raw.note,
        file: shared.file.clone(),
        path: path.to_string(),
        published: shared.published.clone(),
        points,
    })
}

/// A point that makes sense for its metric, or the field at fault and why.
fn check_point(raw: RawPoint, metric: &Metric) -> Result<Point, (&'static str, String)> {
    let reject = |field: &'static str, reason: String| Err((field, reason));
    if !raw.period.fits(metric.frequency) {
        return reject(
            "period",
            format!(
                "{} does not start a {:?} period for {}",
                raw.period, metric.frequency, metric.id
            )
            .to_ascii_lowercase(),
        );
    }
    for (field, number) in [
        ("numerator", raw.numerator),
        ("denominator", raw.denominator),
        ("value", raw.value),
        ("count", raw.count),
    ] {
        if number.is_some_and(|n| !n.is_finite()) {
            return reject(field, "not a finite number".to_string());
        }
    }
    let wanted: &[&str] = match metric.kind {
        Kind::Proportion | Kind::Rate => &["numerator", "denominator"],
        Kind::Mean => &["value", "count"],
        Kind::Count | Kind::Statistic => &["value"],
    };
    for (field, number) in [
        ("numerator", raw.numerator),
        ("denominator", raw.denominator),
        ("value", raw.value),
        ("count", raw.count),
    ] {
        let want = wanted.contains(&field);
        if want && number.is_none() {
            return reject(
                field,
                format!(
                    "missing: a {:?} metric needs {}",
                    metric.kind,
                    wanted.join(" and ")
                )
                .to_ascii_lowercase(),
            );
        }
        if !want && number.is_some() {
            return reject(
                field,
                format!(
                    "not used by a {:?} metric, which needs {}",
                    metric.kind,
                    wanted.join(" and ")
                )
                .to_ascii_lowercase(),
            );
        }
    }
    let observation = match metric.kind {
        Kind::Proportion | Kind::Rate => {
            let (n, d) = (
                raw.numerator.unwrap_or_default(),
                raw.denominator.unwrap_or_default(),
            );
            if n < 0.0 {
                return reject("numerator", format!("negative numerator {n}"));
            }
            if d < 0.0 {
                return reject("denominator", format!("negative denominator {d}"));
            }
            if d == 0.0 {
                return reject("denominator", "denominator is 0".to_string());
            }
            if metric.kind == Kind::Proportion && n > d {
                return reject(
                    "numerator",
                    format!("numerator {n} is greater than denominator {d}"),
                );
            }
            Observation::Ratio {
                numerator: n,
                denominator: d,
            }
        }
        Kind::Mean => {
            let (v, c) = (raw.value.unwrap_or_default(), raw.count.unwrap_or_default());
            if c <= 0.0 {
                return reject("count", format!("count {c} must be more than 0"));
            }
            Observation::Mean { value: v, count: c }
        }
        Kind::Count => {
            let v = raw.value.unwrap_or_default();
            if v < 0.0 {
                return reject("value", format!("negative count {v}"));
            }
            Observation::Value { value: v }
        }
        Kind::Statistic => Observation::Value {
            value: raw.value.unwrap_or_default(),
        },
    };
    if !observation.value(metric.scale()).is_finite() {
        return reject("value", "the value works out too large to show".to_string());
    }
    Ok(Point {
        period: raw.period,
        observation,
    })
}
