//! Geography: the system, its places and their localities, held as data
//! (`data/geography.json`) so another system can reuse the app.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::Provenance;

/// The three levels of SPEC §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    System,
    Place,
    Locality,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::System => "system",
            Level::Place => "place",
            Level::Locality => "locality",
        }
    }

    /// Plural, for sentences such as "3 of 4 localities reported".
    pub fn plural(self) -> &'static str {
        match self {
            Level::System => "systems",
            Level::Place => "places",
            Level::Locality => "localities",
        }
    }
}

/// A population figure with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    pub value: u64,
    pub year: i32,
    pub source: String,
    #[serde(default = "Provenance::published")]
    pub provenance: Provenance,
}

/// A system, place or locality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<String>,
    pub population: Option<Population>,
}

/// An NHS organisation that publishes figures (trust, ICB, primary care).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub code: String,
    pub name: String,
    pub kind: String,
}

/// A benchmark outside the hierarchy (SPEC §2): England, or an NHS England
/// region. Its series come from the same publications; it is shown beside
/// the LLR figures and never added into them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparator {
    /// The ONS code, e.g. E92000001 for England; extracts refer to it by this.
    pub code: String,
    pub name: String,
    /// The NHS (ODS) code the publications use, e.g. ENG or Y60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ods: Option<String>,
}

/// The whole geography, in file order, indexed by code: aggregation asks
/// for areas and their children for every period of every metric, so these
/// lookups must not scan the list (300 areas made aggregation quadratic).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Geography {
    pub areas: Vec<Area>,
    pub organisations: Vec<Organisation>,
    /// Benchmarks outside the hierarchy, in file order (England first).
    pub comparators: Vec<Comparator>,
    /// Code -> index in `areas` (the first area with that code).
    #[serde(skip)]
    by_code: FxHashMap<String, usize>,
    /// Parent code -> indices of its children in `areas`, in file order.
    #[serde(skip)]
    children_of: FxHashMap<String, Vec<usize>>,
    /// Code -> index in `organisations`.
    #[serde(skip)]
    organisation_by_code: FxHashMap<String, usize>,
}

impl PartialEq for Geography {
    fn eq(&self, other: &Self) -> bool {
        self.areas == other.areas
            && self.organisations == other.organisations
            && self.comparators == other.comparators
    }
}

impl Geography {
    /// A geography of these areas and organisations, with its indexes.
    pub fn new(areas: Vec<Area>, organisations: Vec<Organisation>) -> Geography {
        let mut by_code = FxHashMap::default();
        let mut children_of: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, area) in areas.iter().enumerate() {
            by_code.entry(area.code.clone()).or_insert(i);
            if let Some(parent) = &area.parent {
                children_of.entry(parent.clone()).or_default().push(i);
            }
        }
        let mut organisation_by_code = FxHashMap::default();
        for (i, o) in organisations.iter().enumerate() {
            organisation_by_code.entry(o.code.clone()).or_insert(i);
        }
        Geography {
            areas,
            organisations,
            comparators: Vec::new(),
            by_code,
            children_of,
            organisation_by_code,
        }
    }

    /// The same geography with these comparators beside it.
    pub fn with_comparators(mut self, comparators: Vec<Comparator>) -> Geography {
        self.comparators = comparators;
        self
    }

    pub fn comparator(&self, code: &str) -> Option<&Comparator> {
        self.comparators.iter().find(|c| c.code == code)
    }

    /// Whether series may be given for this code: an area or a comparator.
    pub fn knows(&self, code: &str) -> bool {
        self.area(code).is_some() || self.comparator(code).is_some()
    }

    /// The name readers see for an area or comparator code.
    pub fn name_of<'a>(&'a self, code: &'a str) -> &'a str {
        self.area(code)
            .map(|a| a.name.as_str())
            .or_else(|| self.comparator(code).map(|c| c.name.as_str()))
            .unwrap_or(code)
    }

    pub fn area(&self, code: &str) -> Option<&Area> {
        self.by_code.get(code).map(|&i| &self.areas[i])
    }

    pub fn organisation(&self, code: &str) -> Option<&Organisation> {
        self.organisation_by_code
            .get(code)
            .map(|&i| &self.organisations[i])
    }

    /// The areas whose parent is `code`, in file order.
    pub fn children<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Area> + 'a {
        self.children_of
            .get(code)
            .into_iter()
            .flatten()
            .map(|&i| &self.areas[i])
    }

    /// The system area (the one with no parent).
    pub fn system(&self) -> Option<&Area> {
        self.areas.iter().find(|a| a.level == Level::System)
    }

    /// The chain from the system down to `code`, inclusive.
    pub fn lineage(&self, code: &str) -> Vec<&Area> {
        let mut chain = Vec::new();
        let mut next = self.area(code);
        while let Some(area) = next {
            if chain.iter().any(|a: &&Area| a.code == area.code) {
                break; // a cycle: the loader reports it, we just stop
            }
            chain.push(area);
            next = area.parent.as_deref().and_then(|p| self.area(p));
        }
        chain.reverse();
        chain
    }
}
