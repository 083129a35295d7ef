//! The manifest, geography and catalogue files, each checked as a whole.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

use super::json::{check_version, parse_text, reject_unknown, typed, typed_list};
use super::problem::Problem;
use crate::model::{
    Area, Catalogue, Comparator, Domain, Geography, Kind, Level, Metric, Organisation,
};

/// An extract named by the manifest, with the metrics it is expected to carry
/// (so a failed extract can still say which metrics it took down with it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ExtractRef {
    File(String),
    Described(ExtractEntry),
}

/// Read by hand rather than as an untagged enum, which refuses a wrong entry
/// only after reading past it (so its JSON path would be the next entry's)
/// and says only that it matched no variant.
impl<'de> Deserialize<'de> for ExtractRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = ExtractRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a file name, or an object with `file` and `metrics`")
            }
            fn visit_str<E: serde::de::Error>(self, file: &str) -> Result<ExtractRef, E> {
                Ok(ExtractRef::File(file.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ExtractRef, A::Error> {
                ExtractEntry::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(ExtractRef::Described)
            }
        }
        d.deserialize_any(Entry)
    }
}

/// A manifest entry naming its metrics; unknown keys (a misspelt `metric`)
/// are refused rather than silently dropping the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtractEntry {
    pub file: String,
    #[serde(default)]
    pub metrics: Vec<String>,
}

impl ExtractRef {
    pub fn file(&self) -> &str {
        match self {
            ExtractRef::File(file) | ExtractRef::Described(ExtractEntry { file, .. }) => file,
        }
    }

    pub fn metrics(&self) -> &[String] {
        match self {
            ExtractRef::File(_) => &[],
            ExtractRef::Described(ExtractEntry { metrics, .. }) => metrics,
        }
    }
}

/// `data/manifest.json`: where everything else is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub schema_version: u32,
    pub title: String,
    pub geography: String,
    pub metrics: String,
    pub extracts: Vec<ExtractRef>,
}

pub fn parse_manifest(file: &str, text: &str) -> Result<Manifest, Problem> {
    let value = parse_text(file, text)?;
    let manifest: Manifest = typed(file, "", value)?;
    if manifest.schema_version != 1 {
        return Err(Problem::error(
            file,
            "schema_version",
            format!(
                "unsupported schema_version {}: this app reads version 1",
                manifest.schema_version
            ),
        ));
    }
    Ok(manifest)
}

/// Parses and checks the geography. Bad areas are dropped with a problem each;
/// a file that is not JSON gives an empty geography.
pub fn parse_geography(file: &str, text: &str) -> (Geography, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut value = match parse_text(file, text) {
        Ok(v) => v,
        Err(p) => return (Geography::default(), vec![p]),
    };
    if let Err(p) = check_version(file, &mut value) {
        problems.push(p);
    }
    let areas: Vec<(usize, Area)> = typed_list(file, &mut value, "areas", &mut problems);
    let organisations: Vec<(usize, Organisation)> =
        typed_list(file, &mut value, "organisations", &mut problems);
    let comparators: Vec<(usize, Comparator)> = if value.get("comparators").is_some() {
        typed_list(file, &mut value, "comparators", &mut problems)
    } else {
        Vec::new()
    };
    reject_unknown(file, &value, &mut problems);
    let geography = check_geography(file, areas, organisations, &mut problems);
    let comparators = check_comparators(file, &geography, comparators, &mut problems);
    (geography.with_comparators(comparators), problems)
}

fn check_geography(
    file: &str,
    areas: Vec<(usize, Area)>,
    organisations: Vec<(usize, Organisation)>,
    problems: &mut Vec<Problem>,
) -> Geography {
    let mut seen = HashSet::new();
    let unique: Vec<(usize, Area)> = areas
        .into_iter()
        .filter(|(i, a)| {
            let fresh = seen.insert(a.code.clone());
            if !fresh {
                problems.push(Problem::error(
                    file,
                    format!("areas[{i}].code"),
                    format!("duplicate area code \"{}\"", a.code),
                ));
            }
            fresh
        })
        .collect();
    let systems = unique
        .iter()
        .filter(|(_, a)| a.level == Level::System)
        .count();
    if systems != 1 {
        problems.push(Problem::error(
            file,
            "areas",
            format!("expected exactly one system area, found {systems}"),
        ));
    }
    let level_of = |code: &str| {
        unique
            .iter()
            .find(|(_, a)| a.code == code)
            .map(|(_, a)| a.level)
    };
    let mut kept = Vec::new();
    for (i, area) in &unique {
        let expected_parent = match area.level {
            Level::System => None,
            Level::Place => Some(Level::System),
            Level::Locality => Some(Level::Place),
        };
        let parent_level = area.parent.as_deref().map(level_of);
        let ok = match (expected_parent, parent_level) {
            (None, None) => true,
            (Some(want), Some(Some(got))) if want == got => true,
            (None, Some(_)) => {
                problems.push(Problem::error(
                    file,
                    format!("areas[{i}].parent"),
                    "a system area has no parent",
                ));
                false
            }
            (Some(want), None) => {
                problems.push(Problem::error(
                    file,
                    format!("areas[{i}].parent"),
                    format!("a {} needs a parent {}", area.level.label(), want.label()),
                ));
                false
            }
            (Some(_), Some(None)) => {
                problems.push(Problem::error(
                    file,
                    format!("areas[{i}].parent"),
                    format!(
                        "unknown parent area \"{}\"",
                        area.parent.as_deref().unwrap_or_default()
                    ),
                ));
                false
            }
            (Some(want), Some(Some(got))) => {
                problems.push(Problem::error(
                    file,
                    format!("areas[{i}].parent"),
                    format!(
                        "the parent of a {} must be a {}, not a {}",
                        area.level.label(),
                        want.label(),
                        got.label()
                    ),
                ));
                false
            }
        };
        if ok {
            kept.push(area.clone());
        }
    }
    let mut org_codes = HashSet::new();
    let organisations = organisations
        .into_iter()
        .filter(|(i, o)| {
            let fresh = org_codes.insert(o.code.clone());
            if !fresh {
                problems.push(Problem::error(
                    file,
                    format!("organisations[{i}].code"),
                    format!("duplicate organisation code \"{}\"", o.code),
                ));
            }
            fresh
        })
        .map(|(_, o)| o)
        .collect();
    Geography::new(kept, organisations)
}

/// Comparators keep codes of their own: a code that is also an area's, or
/// given twice, would make a benchmark indistinguishable from a part of the
/// system, so the comparator is dropped with a problem.
fn check_comparators(
    file: &str,
    geography: &Geography,
    comparators: Vec<(usize, Comparator)>,
    problems: &mut Vec<Problem>,
) -> Vec<Comparator> {
    let mut seen = HashSet::new();
    comparators
        .into_iter()
        .filter(|(i, c)| {
            let reason = if geography.area(&c.code).is_some() {
                Some(format!(
                    "comparator code \"{}\" is also an area's code",
                    c.code
                ))
            } else if !seen.insert(c.code.clone()) {
                Some(format!("duplicate comparator code \"{}\"", c.code))
            } else {
                None
            };
            if let Some(reason) = &reason {
                problems.push(Problem::error(
                    file,
                    format!("comparators[{i}].code"),
                    reason,
                ));
            }
            reason.is_none()
        })
        .map(|(_, c)| c)
        .collect()
}

/// Parses and checks the metric catalogue; bad metrics are dropped with a problem each.
pub fn parse_catalogue(file: &str, text: &str) -> (Catalogue, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut value = match parse_text(file, text) {
        Ok(v) => v,
        Err(p) => return (Catalogue::default(), vec![p]),
    };
    if let Err(p) = check_version(file, &mut value) {
        problems.push(p);
    }
    let domains: Vec<Domain> = typed_list(file, &mut value, "domains", &mut problems)
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    let raw: Vec<(usize, Metric)> = typed_list(file, &mut value, "metrics", &mut problems);
    reject_unknown(file, &value, &mut problems);
    let mut ids = HashSet::new();
    let metrics = raw
        .into_iter()
        .filter(|(i, m)| {
            let reasons = metric_problems(m, &domains, &ids);
            ids.insert(m.id.clone());
            for reason in &reasons {
                problems.push(Problem::error(
                    file,
                    format!("metrics[{i}]"),
                    format!("metric \"{}\": {reason}", m.id),
                ));
            }
            reasons.is_empty()
        })
        .map(|(_, m)| m)
        .collect();
    (Catalogue { domains, metrics }, problems)
}

fn metric_problems(m: &Metric, domains: &[Domain], seen: &HashSet<String>) -> Vec<String> {
    let mut reasons = Vec::new();
    if seen.contains(&m.id) {
        reasons.push("duplicate metric id".to_string());
    }
    if !domains.iter().any(|d| d.id == m.domain) {
        reasons.push(format!("unknown domain \"{}\"", m.domain));
    }
    match (m.kind, m.per) {
        (Kind::Rate, Some(per)) if per.is_finite() && per > 0.0 => {}
        (Kind::Rate, _) => reasons.push("a rate needs a positive `per` (e.g. 10000)".to_string()),
        (_, Some(_)) => reasons.push("`per` is only for rates".to_string()),
        _ => {}
    }
    if m.decimals > 6 {
        reasons.push(format!("decimals {} is more than 6", m.decimals));
    }
    for (i, t) in m.targets.iter().enumerate() {
        if !t.value.is_finite() {
            reasons.push(format!("targets[{i}].value is not a number"));
        }
        if t.to.is_some_and(|to| to < t.from) {
            reasons.push(format!("targets[{i}] ends before it starts"));
        }
    }
    reasons
}
