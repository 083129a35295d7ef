//! Everything loaded, checked across files and indexed for the analysis.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::extract::{parse_extract, ExtractInfo};
use super::files::{parse_catalogue, parse_geography, parse_manifest, ExtractRef, Manifest};
use super::problem::Problem;
use crate::model::{Catalogue, Geography, Kind, Observation, Period, Series};

/// What identifies a timeline: metric, area and breakdown.
type SeriesKey = (String, String, BTreeMap<String, String>);

/// An extract that could not be used at all, with the metrics it was meant to carry.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FailedExtract {
    pub file: String,
    pub metrics: Vec<String>,
    pub problems: Vec<Problem>,
}

/// The loaded data: geography, catalogue, every good series, and every problem.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub title: String,
    pub geography: Geography,
    pub catalogue: Catalogue,
    pub extracts: Vec<ExtractInfo>,
    pub failed: Vec<FailedExtract>,
    /// Every problem found, errors and warnings, in the order found.
    pub problems: Vec<Problem>,
    series: Vec<Series>,
    /// (metric, area) -> indices of total series (no breakdown), by first period.
    totals: HashMap<(String, String), Vec<usize>>,
}

impl Dataset {
    /// Starts a dataset from the manifest, geography and catalogue texts.
    /// The manifest must be usable; problems in the others are recorded.
    pub fn begin(manifest: &Manifest, geography: (&str, &str), catalogue: (&str, &str)) -> Dataset {
        let (geography, mut problems) = parse_geography(geography.0, geography.1);
        let (catalogue, catalogue_problems) = parse_catalogue(catalogue.0, catalogue.1);
        problems.extend(catalogue_problems);
        Dataset {
            title: manifest.title.clone(),
            geography,
            catalogue,
            problems,
            ..Dataset::default()
        }
    }

    /// Records a failure to fetch or read a geography or catalogue file.
    pub fn record(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// Adds one extract: its text, or the reason it could not be fetched.
    pub fn add_extract(&mut self, entry: &ExtractRef, text: Result<&str, String>) {
        let file = entry.file();
        let parsed = match text {
            Ok(text) => parse_extract(file, text, &self.geography, &self.catalogue),
            Err(reason) => super::extract::ParsedExtract {
                problems: vec![Problem::error(file, "", reason)],
                ..Default::default()
            },
        };
        self.problems.extend(parsed.problems.iter().cloned());
        match parsed.info {
            Some(info) => {
                self.extracts.push(info);
                self.series.extend(parsed.series);
            }
            None => self.failed.push(FailedExtract {
                file: file.to_string(),
                metrics: entry.metrics().to_vec(),
                problems: parsed.problems,
            }),
        }
    }

    /// Checks across extracts (duplicate periods, parts against totals) and
    /// builds the index. Call once after the last extract.
    pub fn finish(&mut self) {
        self.reject_duplicates();
        self.check_breakdowns();
        self.totals.clear();
        for (i, s) in self.series.iter().enumerate() {
            if s.is_total() {
                self.totals
                    .entry((s.metric.clone(), s.area.clone()))
                    .or_default()
                    .push(i);
            }
        }
        let series = &self.series;
        for indices in self.totals.values_mut() {
            indices.sort_by_key(|&i| series[i].first_period());
        }
    }

    /// Reads a whole data directory from disk (the CLI and native tests).
    pub fn load_dir(dir: &std::path::Path) -> Result<Dataset, Problem> {
        // Sizes are checked before reading, so a 100 MB file is never read whole.
        let read = |name: &str| super::limit::read_limited(&dir.join(name));
        let manifest_text =
            read("manifest.json").map_err(|e| Problem::error("manifest.json", "", e))?;
        let manifest = parse_manifest("manifest.json", &manifest_text)?;
        let geography = read(&manifest.geography);
        let catalogue = read(&manifest.metrics);
        let mut dataset = Dataset::begin(
            &manifest,
            (&manifest.geography, geography.as_deref().unwrap_or("")),
            (&manifest.metrics, catalogue.as_deref().unwrap_or("")),
        );
        for (file, result) in [
            (&manifest.geography, &geography),
            (&manifest.metrics, &catalogue),
        ] {
            if let Err(e) = result {
                dataset.problems.retain(|p| &p.file != file);
                dataset.record(Problem::error(file, "", e.clone()));
            }
        }
        for entry in &manifest.extracts {
            let text = read(entry.file());
            dataset.add_extract(entry, text.as_deref().map_err(Clone::clone));
        }
        dataset.finish();
        Ok(dataset)
    }

    pub fn series(&self) -> &[Series] {
        &self.series
    }

    /// The area's own total series for a metric, earliest first.
    pub fn own_series<'a>(
        &'a self,
        metric: &str,
        area: &str,
    ) -> impl Iterator<Item = &'a Series> + 'a {
        self.totals
            .get(&(metric.to_string(), area.to_string()))
            .into_iter()
            .flatten()
            .map(|&i| &self.series[i])
    }

    pub fn has_own_series(&self, metric: &str, area: &str) -> bool {
        self.totals
            .contains_key(&(metric.to_string(), area.to_string()))
    }

    /// Whether any error was found (warnings do not count).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// The failed extract, if any, that was meant to carry a metric.
    pub fn failure_for(&self, metric: &str) -> Option<&FailedExtract> {
        self.failed
            .iter()
            .find(|f| f.metrics.iter().any(|m| m == metric))
    }

    fn reject_duplicates(&mut self) {
        let mut seen: HashMap<SeriesKey, HashMap<Period, String>> = HashMap::new();
        let mut problems = Vec::new();
        for s in &mut self.series {
            let owners = seen
                .entry((s.metric.clone(), s.area.clone(), s.breakdown.clone()))
                .or_default();
            let (file, path) = (s.file.clone(), s.path.clone());
            s.points.retain(|p| match owners.get(&p.period) {
                Some(other) => {
                    problems.push(Problem::error(
                        &file,
                        format!("{path}.points"),
                        format!("duplicate period {} for {} at {}: already given by {other}; point rejected", p.period, s.metric, s.area),
                    ));
                    false
                }
                None => {
                    owners.insert(p.period, format!("{file} {path}"));
                    true
                }
            });
        }
        self.problems.extend(problems);
    }

    fn check_breakdowns(&mut self) {
        let mut problems = Vec::new();
        for total in &self.series {
            let Some(metric) = self.catalogue.metric(&total.metric) else {
                continue;
            };
            if !matches!(metric.kind, Kind::Count | Kind::Proportion | Kind::Rate) {
                continue;
            }
            // Parts: same metric and area, the total's breakdown plus exactly one more key.
            let mut by_key: BTreeMap<&str, Vec<&Series>> = BTreeMap::new();
            for part in &self.series {
                let extends = part.metric == total.metric
                    && part.area == total.area
                    && part.breakdown.len() == total.breakdown.len() + 1
                    && total
                        .breakdown
                        .iter()
                        .all(|(k, v)| part.breakdown.get(k) == Some(v));
                if extends {
                    if let Some(key) = part
                        .breakdown
                        .keys()
                        .find(|k| !total.breakdown.contains_key(*k))
                    {
                        by_key.entry(key).or_default().push(part);
                    }
                }
            }
            for (key, parts) in by_key {
                let periods: BTreeSet<Period> = total.points.iter().map(|p| p.period).collect();
                for period in periods {
                    let Some(whole) = total.point(period) else {
                        continue;
                    };
                    let pieces: Option<Vec<_>> = parts
                        .iter()
                        .map(|s| s.point(period).map(|p| p.observation))
                        .collect();
                    let Some(pieces) = pieces else { continue };
                    let (sum, expected) = match whole.observation {
                        Observation::Value { value } => {
                            (pieces.iter().map(|o| o.value(1.0)).sum::<f64>(), value)
                        }
                        Observation::Ratio { numerator, .. } => (
                            pieces
                                .iter()
                                .map(|o| match o {
                                    Observation::Ratio { numerator, .. } => *numerator,
                                    _ => 0.0,
                                })
                                .sum::<f64>(),
                            numerator,
                        ),
                        Observation::Mean { .. } => continue,
                    };
                    if (sum - expected).abs() > 1e-6 * expected.abs().max(1.0) {
                        problems.push(Problem::warning(
                            &total.file,
                            format!("{}.points", total.path),
                            format!(
                                "{} at {} for {period}: the {} {key} parts add up to {} but the total is {}",
                                total.metric,
                                total.area,
                                parts.len(),
                                trim(sum),
                                trim(expected)
                            ),
                        ));
                    }
                }
            }
        }
        self.problems.extend(problems);
    }
}

fn trim(x: f64) -> String {
    let text = format!("{x:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
