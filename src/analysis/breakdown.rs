//! Parts of a total over time (e.g. staff in post by organisation, or by
//! staff group within an organisation), with the total checked against the
//! sum of its parts, period by period.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::load::Dataset;
use crate::model::{Metric, Period, Provenance, Series, Source};

/// One part: its label and a value per period of the breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub key: String,
    pub values: Vec<Option<f64>>,
}

/// A total and its parts, aligned on the same periods.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub periods: Vec<Period>,
    pub parts: Vec<Part>,
    /// The published total, when there is one.
    pub total: Option<Vec<Option<f64>>>,
    /// Periods where the total and the sum of complete parts differ (by more
    /// than 0.5), with both numbers.
    pub mismatches: Vec<(Period, f64, f64)>,
    /// The weakest provenance among the parts and total, their source, and
    /// the latest publication date among them.
    pub provenance: Provenance,
    pub source: Rc<Source>,
    pub as_at: Rc<str>,
}

/// The parts of the `metric` total at `area` whose breakdown is `within` plus
/// one more key `by` (e.g. within `{}` by "organisation"; within
/// `{organisation: RWE}` by "staff_group"). `None` when there are no parts.
pub fn breakdown(
    data: &Dataset,
    metric: &Metric,
    area: &str,
    within: &BTreeMap<String, String>,
    by: &str,
) -> Option<Breakdown> {
    let of_metric = |s: &&Series| s.metric == metric.id && s.area == area;
    let parts: Vec<&Series> = data
        .series()
        .iter()
        .filter(of_metric)
        .filter(|s| {
            s.breakdown.len() == within.len() + 1
                && s.breakdown.contains_key(by)
                && within.iter().all(|(k, v)| s.breakdown.get(k) == Some(v))
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let totals: Vec<&Series> = data
        .series()
        .iter()
        .filter(of_metric)
        .filter(|s| &s.breakdown == within)
        .collect();
    let periods = Period::distinct(
        parts
            .iter()
            .chain(&totals)
            .flat_map(|s| s.points.iter().map(|p| p.period)),
    );
    let scale = metric.scale();
    let values_of = |series: &[&Series]| -> Vec<Option<f64>> {
        periods
            .iter()
            .map(|&p| {
                series
                    .iter()
                    .find_map(|s| s.point(p))
                    .map(|pt| pt.observation.value(scale))
            })
            .collect()
    };
    let mut keyed: BTreeMap<&str, Vec<&Series>> = BTreeMap::new();
    for s in &parts {
        keyed.entry(s.breakdown[by].as_str()).or_default().push(s);
    }
    // Parts in the order they first appear in the data, not alphabetically.
    let mut order: Vec<&str> = Vec::new();
    for s in &parts {
        let key = s.breakdown[by].as_str();
        if !order.contains(&key) {
            order.push(key);
        }
    }
    let involved = || parts.iter().chain(&totals);
    let provenance = involved()
        .map(|s| s.provenance)
        .fold(Provenance::Published, Provenance::combine);
    let source = parts[0].source.clone();
    let as_at = involved()
        .map(|s| s.published.clone())
        .max()
        .unwrap_or_default();
    let parts: Vec<Part> = order
        .iter()
        .map(|k| Part {
            key: k.to_string(),
            values: values_of(&keyed[k]),
        })
        .collect();
    let total = (!totals.is_empty()).then(|| values_of(&totals));
    let mismatches = match &total {
        Some(total) => periods
            .iter()
            .enumerate()
            .filter_map(|(i, &p)| {
                let whole = total[i]?;
                let sum: Option<f64> = parts.iter().map(|part| part.values[i]).sum();
                let sum = sum?;
                ((whole - sum).abs() > 0.5).then_some((p, whole, sum))
            })
            .collect(),
        None => Vec::new(),
    };
    Some(Breakdown {
        periods,
        parts,
        total,
        mismatches,
        provenance,
        source,
        as_at,
    })
}

/// Every value of the breakdown key `by` below `within`, e.g. the organisations.
pub fn breakdown_keys(data: &Dataset, metric: &str, area: &str, by: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for s in data.series() {
        if s.metric == metric && s.area == area && s.breakdown.len() == 1 {
            if let Some(k) = s.breakdown.get(by) {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::ExtractRef;
    use std::path::Path;

    fn bundled() -> Dataset {
        Dataset::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap()
    }

    #[test]
    fn staff_by_organisation_adds_up_to_the_system_total() {
        let data = bundled();
        let metric = data.catalogue.metric("wf_staff_fte").unwrap();
        let b = breakdown(&data, metric, "LLR", &BTreeMap::new(), "organisation").unwrap();
        assert_eq!(b.parts.len(), 3);
        assert_eq!(b.parts[0].key, "RWE");
        let total = b.total.as_ref().unwrap();
        for (i, whole) in total.iter().enumerate() {
            let sum: f64 = b.parts.iter().map(|p| p.values[i].unwrap()).sum();
            assert_eq!(Some(sum), *whole);
        }
        assert!(b.mismatches.is_empty());
        assert_eq!(
            breakdown_keys(&data, "wf_staff_fte", "LLR", "organisation"),
            ["RWE", "RT5", "PRIMARY_CARE"]
        );
    }

    #[test]
    fn staff_groups_within_an_organisation() {
        let data = bundled();
        let metric = data.catalogue.metric("wf_staff_fte").unwrap();
        let within = BTreeMap::from([("organisation".to_string(), "RWE".to_string())]);
        let b = breakdown(&data, metric, "LLR", &within, "staff_group").unwrap();
        assert_eq!(b.parts.len(), 6);
        assert_eq!(b.parts[1].key, "Nursing and midwifery");
        assert!(b.mismatches.is_empty());
    }

    #[test]
    fn a_total_that_disagrees_with_its_parts_is_reported() {
        let mut data = bundled();
        let extract = r#"{"schema_version":1,"id":"t","title":"t","published":"2026-01-01",
            "source":{"publisher":"T","publication":"T"},
            "series":[
              {"metric":"wf_staff_fte","area":"RUT-LOC","provenance":"illustrative","breakdown":{},"points":[{"period":"2020-04","value":100}]},
              {"metric":"wf_staff_fte","area":"RUT-LOC","provenance":"illustrative","breakdown":{"organisation":"A"},"points":[{"period":"2020-04","value":60}]},
              {"metric":"wf_staff_fte","area":"RUT-LOC","provenance":"illustrative","breakdown":{"organisation":"B"},"points":[{"period":"2020-04","value":30}]}
            ]}"#;
        data.add_extract(&ExtractRef::File("t.json".into()), Ok(extract));
        data.finish();
        let metric = data.catalogue.metric("wf_staff_fte").unwrap().clone();
        let b = breakdown(&data, &metric, "RUT-LOC", &BTreeMap::new(), "organisation").unwrap();
        assert_eq!(
            b.mismatches,
            vec![(Period::parse("2020-04").unwrap(), 100.0, 90.0)]
        );
        assert!(breakdown(
            &data,
            &metric,
            "E06000016",
            &BTreeMap::new(),
            "organisation"
        )
        .is_none());
    }
}
