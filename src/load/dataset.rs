//! Everything loaded, checked across files and indexed for the analysis.

use rustc_hash::FxHashMap;
use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

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

/// A data file read from the browser's saved copy because the network's
/// could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedCopy {
    pub file: String,
    /// Why the network's copy could not be used.
    pub reason: String,
    /// When the copy was saved (ISO 8601, as the service worker wrote it).
    pub saved_at: String,
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
    /// Files that could not be fetched and were read from the browser's
    /// saved copy instead (the last good data), with why and when saved.
    pub saved_copies: Vec<SavedCopy>,
    series: Vec<Series>,
    /// (metric, area) -> indices of total series (no breakdown), by first period.
    totals: FxHashMap<String, FxHashMap<String, Vec<usize>>>,
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
                    .entry(s.metric.clone())
                    .or_default()
                    .entry(s.area.clone())
                    .or_default()
                    .push(i);
            }
        }
        let series = &self.series;
        for indices in self.totals.values_mut().flat_map(|m| m.values_mut()) {
            crate::sort::by_key(indices, |&i| series[i].first_period());
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
            .get(metric)
            .and_then(|by_area| by_area.get(area))
            .into_iter()
            .flatten()
            .map(|&i| &self.series[i])
    }

    pub fn has_own_series(&self, metric: &str, area: &str) -> bool {
        self.totals
            .get(metric)
            .is_some_and(|by_area| by_area.contains_key(area))
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
        let mut seen: FxHashMap<SeriesKey, FxHashMap<Period, String>> = FxHashMap::default();
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

    /// Warns where a total and all its parts have a period and disagree.
    /// Parts of a total: same metric and area, the total's breakdown plus
    /// exactly one more key, grouped by that key.
    ///
    /// Linear in the series, their breakdowns and their points, so an
    /// extract of 300,000 tiny series does not freeze the page: totals are
    /// found from each part by a hash of its breakdown less one key (a sum
    /// of the pairs' hashes, so taking one out costs nothing), and each
    /// group of parts is added up once per period.
    fn check_breakdowns(&mut self) {
        let series = &self.series;
        let aggregable = |s: &Series| {
            self.catalogue
                .metric(&s.metric)
                .is_some_and(|m| matches!(m.kind, Kind::Count | Kind::Proportion | Kind::Rate))
        };
        let pair_hash = |k: &str, v: &str| {
            let mut h = DefaultHasher::new();
            (k, v).hash(&mut h);
            h.finish()
        };
        let breakdown_hash = |s: &Series| {
            s.breakdown
                .iter()
                .fold(0u64, |acc, (k, v)| acc.wrapping_add(pair_hash(k, v)))
        };
        // Series with the same metric, area and breakdown: one group of totals.
        type GroupKey<'s> = (&'s str, &'s str, usize, u64);
        let mut groups: FxHashMap<GroupKey, Vec<usize>> = FxHashMap::default();
        // Per group: its breakdown and, by period, the total that has it.
        let mut group_breakdown: Vec<&BTreeMap<String, String>> = Vec::new();
        let mut group_totals: Vec<FxHashMap<Period, usize>> = Vec::new();
        let mut hashes = vec![0u64; series.len()];
        for (i, s) in series.iter().enumerate() {
            if !aggregable(s) {
                continue;
            }
            hashes[i] = breakdown_hash(s);
            let ids = groups
                .entry((&s.metric, &s.area, s.breakdown.len(), hashes[i]))
                .or_default();
            let g = match ids.iter().find(|&&g| *group_breakdown[g] == s.breakdown) {
                Some(&g) => g,
                None => {
                    group_breakdown.push(&s.breakdown);
                    group_totals.push(FxHashMap::default());
                    ids.push(group_breakdown.len() - 1);
                    group_breakdown.len() - 1
                }
            };
            for p in &s.points {
                group_totals[g].entry(p.period).or_insert(i);
            }
        }
        // (group of totals, extra key) -> its parts, in file order.
        let mut parts: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
        for (i, s) in series.iter().enumerate() {
            if s.breakdown.is_empty() || !aggregable(s) {
                continue;
            }
            for (k, v) in &s.breakdown {
                let parent = hashes[i].wrapping_sub(pair_hash(k, v));
                let key = (
                    s.metric.as_str(),
                    s.area.as_str(),
                    s.breakdown.len() - 1,
                    parent,
                );
                for &g in groups.get(&key).into_iter().flatten() {
                    let extends = group_breakdown[g]
                        .iter()
                        .all(|(gk, gv)| gk != k && s.breakdown.get(gk) == Some(gv));
                    if extends {
                        parts.entry((g, k.as_str())).or_default().push(i);
                    }
                }
            }
        }
        // (total, key, period, problem), sorted into the order of the totals.
        let mut found: Vec<(usize, &str, Period, Problem)> = Vec::new();
        for ((g, key), members) in &parts {
            // Per period: the parts' values and numerators added in file order, and how many parts have it.
            let mut sums: FxHashMap<Period, (f64, f64, usize)> = FxHashMap::default();
            for &j in members {
                for p in &series[j].points {
                    let entry = sums.entry(p.period).or_insert((-0.0, -0.0, 0));
                    entry.0 += p.observation.value(1.0);
                    entry.1 += match p.observation {
                        Observation::Ratio { numerator, .. } => numerator,
                        _ => 0.0,
                    };
                    entry.2 += 1;
                }
            }
            for (period, (values, numerators, count)) in sums {
                if count != members.len() {
                    continue;
                }
                let Some(&t) = group_totals[*g].get(&period) else {
                    continue;
                };
                let total = &series[t];
                let Some(whole) = total.point(period) else {
                    continue;
                };
                let (sum, expected) = match whole.observation {
                    Observation::Value { value } => (values, value),
                    Observation::Ratio { numerator, .. } => (numerators, numerator),
                    Observation::Mean { .. } => continue,
                };
                if (sum - expected).abs() > 1e-6 * expected.abs().max(1.0) {
                    let problem = Problem::warning(
                        &total.file,
                        format!("{}.points", total.path),
                        format!(
                            "{} at {} for {period}: the {} {key} parts add up to {} but the total is {}",
                            total.metric,
                            total.area,
                            members.len(),
                            trim(sum),
                            trim(expected)
                        ),
                    );
                    found.push((t, key, period, problem));
                }
            }
        }
        crate::sort::by(&mut found, |a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        self.problems.extend(found.into_iter().map(|(.., p)| p));
    }
}

fn trim(x: f64) -> String {
    let text = format!("{x:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
