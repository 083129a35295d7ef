//! `llr-data import`: from the files NHS England publishes (CSV, or
//! spreadsheets: .xlsx, .xlsm, .xlsb, .xls, .ods) to one extract (SPEC §4)
//! that the validator accepts.
//!
//! Each kind of publication has its own module; they share the table
//! reader ([`table`]), which reads CSV files and spreadsheet sheets alike,
//! matches headers by name and names every missing column, and the point
//! collector ([`build`]), which rejects duplicate periods across files,
//! checks every point against the catalogue and the geography, and writes
//! the file. Nothing is ever filled in: a blank, suppressed or unreadable
//! cell costs its point, and the report says so with the file and line (or
//! sheet and row).
//!
//! Which LLR organisations are used, and where they go:
//! - providers UHL (RWE), LPT (RT5) and EMAS (RX9): area `LLR`, with the
//!   `organisation` field set;
//! - the ICB (QK1): area `LLR`;
//! - sub-ICB location 04C (formerly Leicester City CCG, E38000097): place
//!   `E06000016` (Leicester City);
//! - sub-ICB locations 03W (East Leicestershire and Rutland, E38000051) and
//!   04V (West Leicestershire, E38000201) each cut across Leicestershire and
//!   Rutland, so they have no place of their own; they are only added up to
//!   the ICB level where the file has no ICB figure.

mod ae;
mod ambulance;
mod build;
mod cancer;
mod report;
mod rtt;
#[cfg(not(target_arch = "wasm32"))]
mod spreadsheet;
mod table;
mod talking_therapies;
mod workforce;

use std::path::{Path, PathBuf};

pub use report::{FileStats, Report, Unusable, WrittenSeries};

use crate::load::{parse_catalogue, parse_extract, parse_geography};
use crate::model::{Catalogue, Frequency, Geography, Source};
use build::{Ctx, Header, OutSeries};
use table::Table;

/// The ICB and its sub-ICB locations, with the former CCG codes that older files use.
pub(crate) const ICB: &str = "QK1";
pub(crate) const ICB_ONS: &str = "E54000015";
pub(crate) const LEICESTER_CITY_PLACE: &str = "E06000016";

/// A sub-ICB location code (or its former CCG code) as the current code.
pub(crate) fn sub_icb(code: &str) -> Option<&'static str> {
    match code.trim().to_uppercase().as_str() {
        "03W" | "E38000051" => Some("03W"),
        "04C" | "E38000097" => Some("04C"),
        "04V" | "E38000201" => Some("04V"),
        _ => None,
    }
}

/// The publications `llr-data import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ae,
    Rtt,
    Cancer,
    Ambulance,
    TalkingTherapies,
    Workforce,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Ae,
        Kind::Rtt,
        Kind::Cancer,
        Kind::Ambulance,
        Kind::TalkingTherapies,
        Kind::Workforce,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Ae => "ae",
            Kind::Rtt => "rtt",
            Kind::Cancer => "cancer",
            Kind::Ambulance => "ambulance",
            Kind::TalkingTherapies => "talking-therapies",
            Kind::Workforce => "workforce",
        }
    }

    pub fn parse(text: &str) -> Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == text)
            .ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "unknown import kind \"{text}\"; use one of {}",
                    names.join(", ")
                )
            })
    }

    /// The extract's title.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Ae => "A&E four-hour performance",
            Kind::Rtt => "Referral to treatment waiting times",
            Kind::Cancer => "Cancer waiting times",
            Kind::Ambulance => "Ambulance response times",
            Kind::TalkingTherapies => "NHS Talking Therapies (IAPT)",
            Kind::Workforce => "Workforce",
        }
    }

    /// The NHS England publication the files come from.
    pub fn publication(self) -> &'static str {
        match self {
            Kind::Ae => "A&E Attendances and Emergency Admissions",
            Kind::Rtt => "Consultant-led Referral to Treatment Waiting Times",
            Kind::Cancer => "Cancer Waiting Times",
            Kind::Ambulance => "Ambulance Quality Indicators (AmbSYS)",
            Kind::TalkingTherapies => "NHS Talking Therapies Monthly Statistics",
            Kind::Workforce => {
                "NHS Workforce Statistics; NHS Sickness Absence Rates; NHS Vacancy Statistics"
            }
        }
    }

    fn url(self) -> &'static str {
        match self {
            Kind::Ae => {
                "https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/"
            }
            Kind::Rtt => {
                "https://www.england.nhs.uk/statistics/statistical-work-areas/rtt-waiting-times/"
            }
            Kind::Cancer => {
                "https://www.england.nhs.uk/statistics/statistical-work-areas/cancer-waiting-times/"
            }
            Kind::Ambulance => {
                "https://www.england.nhs.uk/statistics/statistical-work-areas/ambulance-quality-indicators/"
            }
            Kind::TalkingTherapies => {
                "https://digital.nhs.uk/data-and-information/publications/statistical/nhs-talking-therapies-monthly-statistics-including-employment-advisors"
            }
            Kind::Workforce => {
                "https://digital.nhs.uk/data-and-information/publications/statistical/nhs-workforce-statistics"
            }
        }
    }
}

/// One input file: its name and contents, or why it could not be read;
/// for a spreadsheet, which sheet to read.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub content: Result<Content, String>,
    /// The sheet to read from a spreadsheet (`--sheet`). `None`: the first
    /// sheet with a header row that has the columns the import needs.
    pub sheet: Option<String>,
}

/// What an input file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// A CSV file's text.
    Text(String),
    /// A spreadsheet's bytes (.xlsx, .xlsm, .xlsb, .xls or .ods).
    Spreadsheet(Vec<u8>),
}

impl Input {
    /// A CSV text.
    pub fn text(name: &str, text: &str) -> Input {
        Input {
            name: name.to_string(),
            content: Ok(Content::Text(text.to_string())),
            sheet: None,
        }
    }

    /// A file's bytes: a spreadsheet when they start as one (a zip archive
    /// or an OLE file) or the name says so (.xlsx, .xlsm, .xlsb, .xls,
    /// .ods); otherwise CSV text, where bytes that are not UTF-8 (a file
    /// saved as Windows-1252) become U+FFFD rather than failing the file.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Input {
        let content = if is_spreadsheet(name, &bytes) {
            Content::Spreadsheet(bytes)
        } else {
            Content::Text(
                String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            )
        };
        Input {
            name: name.to_string(),
            content: Ok(content),
            sheet: None,
        }
    }

    /// Reads a file from disk.
    pub fn read(path: &Path) -> Input {
        let name = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => Input::from_bytes(&name, bytes),
            Err(e) => Input {
                content: Err(format!("cannot read {name}: {e}")),
                name,
                sheet: None,
            },
        }
    }

    /// The same input, reading the named sheet if it is a spreadsheet.
    pub fn with_sheet(mut self, sheet: Option<&str>) -> Input {
        self.sheet = sheet.map(str::to_string);
        self
    }
}

/// The first bytes of a zip archive (.xlsx, .xlsm, .xlsb, .ods).
pub(crate) const ZIP_MAGIC: [u8; 4] = *b"PK\x03\x04";
/// The first bytes of an OLE compound file (.xls).
pub(crate) const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether a file is a spreadsheet: by its first bytes, or by its name.
fn is_spreadsheet(name: &str, bytes: &[u8]) -> bool {
    let name = name.to_lowercase();
    bytes.starts_with(&ZIP_MAGIC)
        || bytes.starts_with(&OLE_MAGIC)
        || [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// What an import made: the extract text (when anything usable was found)
/// and the report.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The extract JSON, or `None` when there was nothing usable to write.
    pub extract: Option<String>,
    pub report: Report,
}

/// The columns by which a publication's header row is told apart, each
/// given as its alternative names: in a spreadsheet, or a CSV file whose
/// first line lacks them, the header is the first row with every one of
/// them (title, group and note rows sit above it).
pub(crate) struct HeaderColumns {
    pub columns: &'static [&'static [&'static str]],
}

/// What every importer does: read files one at a time (each is dropped
/// before the next is read), then finish with what needs them all.
pub(crate) trait Importer {
    /// The header rows it reads: a spreadsheet row (or CSV line) is the
    /// header when it has the columns of any one of them.
    fn header_columns(&self) -> &'static [HeaderColumns];
    fn file(&mut self, table: &Table, ctx: &mut Ctx);
    fn finish(self: Box<Self>, ctx: &mut Ctx);

    /// A spreadsheet the importer reads whole, several sheets of one
    /// publication (the workforce "England and Organisation" workbook),
    /// before the usual search for one sheet by its header. Returns whether
    /// it took the file (and reported on it); `false`, the default, leaves
    /// the file to that search.
    #[cfg(not(target_arch = "wasm32"))]
    fn workbook(
        &mut self,
        _index: usize,
        _name: &str,
        _bytes: &[u8],
        _wanted: Option<&str>,
        _ctx: &mut Ctx,
    ) -> bool {
        false
    }
}

fn importer(kind: Kind) -> Box<dyn Importer> {
    match kind {
        Kind::Ae => Box::new(ae::Ae::default()),
        Kind::Rtt => Box::new(rtt::Rtt),
        Kind::Cancer => Box::new(cancer::Cancer::default()),
        Kind::Ambulance => Box::new(ambulance::Ambulance),
        Kind::TalkingTherapies => Box::new(talking_therapies::TalkingTherapies::default()),
        Kind::Workforce => Box::new(workforce::Workforce::default()),
    }
}

/// Imports CSV texts and spreadsheets into an extract. No files are read
/// or written: the CLI's [`run`] reads and writes, the tests call this
/// directly.
pub fn import(
    kind: Kind,
    id: &str,
    published: &str,
    inputs: &[Input],
    geography: &Geography,
    catalogue: &Catalogue,
) -> Imported {
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    import_with(
        kind,
        id,
        published,
        names,
        |i| inputs[i].clone(),
        geography,
        catalogue,
    )
}

/// Imports the inputs `load` gives by index, one at a time.
fn import_with(
    kind: Kind,
    id: &str,
    published: &str,
    names: Vec<String>,
    mut load: impl FnMut(usize) -> Input,
    geography: &Geography,
    catalogue: &Catalogue,
) -> Imported {
    let mut ctx = Ctx::new(names.clone());
    let mut importer = importer(kind);
    for (index, name) in names.iter().enumerate() {
        let input = load(index);
        match input.content {
            Err(e) => ctx.file_error(index, e),
            Ok(Content::Text(text)) => {
                match Table::read_finding(index, name, &text, importer.header_columns()) {
                    Ok(table) => {
                        if let Some(sheet) = &input.sheet {
                            ctx.note(format!(
                            "{name}: a CSV file, read as it is (--sheet \"{sheet}\" is for spreadsheets)"
                        ));
                        }
                        ctx.opened(&table);
                        importer.file(&table, &mut ctx);
                    }
                    Err(e) => ctx.file_error(index, e),
                }
            }
            Ok(Content::Spreadsheet(bytes)) => open_sheet(
                index,
                name,
                bytes,
                input.sheet.as_deref(),
                &mut *importer,
                &mut ctx,
            ),
        }
    }
    importer.finish(&mut ctx);
    let (series, mut report) = ctx.finish(geography, catalogue);
    report.series = series
        .iter()
        .map(|s| WrittenSeries {
            description: s.key.describe(),
            provenance: s.key.provenance.label().to_lowercase(),
            points: s.points.len(),
            first: s
                .points
                .keys()
                .next()
                .map(|p| p.to_string())
                .unwrap_or_default(),
            last: s
                .points
                .keys()
                .last()
                .map(|p| p.to_string())
                .unwrap_or_default(),
        })
        .collect();
    if series.is_empty() {
        return Imported {
            extract: None,
            report,
        };
    }
    let source = Source {
        publisher: "NHS England".to_string(),
        publication: kind.publication().to_string(),
        url: None,
    };
    let header = Header {
        id,
        title: kind.title(),
        published,
        source: &source,
    };
    let series_source = |s: &OutSeries| {
        let first = s.points.keys().next();
        let last = s.points.keys().last();
        let span = match (first, last) {
            (Some(a), Some(b)) if a == b => a.label(Frequency::Month),
            (Some(a), Some(b)) => {
                format!(
                    "{} - {}",
                    a.label(Frequency::Month),
                    b.label(Frequency::Month)
                )
            }
            _ => String::new(),
        };
        Source {
            publisher: "NHS England".to_string(),
            publication: format!(
                "{}, {span} (llr-data import {})",
                kind.publication(),
                kind.name()
            ),
            url: Some(kind.url().to_string()),
        }
    };
    let text = build::render(&header, &series, &series_source);
    // The validator has the last word: never write what it would reject.
    let file = format!("extracts/{id}.json");
    let parsed = parse_extract(&file, &text, geography, catalogue);
    let errors: Vec<String> = parsed
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.to_string())
        .collect();
    for warning in parsed.problems.iter().filter(|p| !p.is_error()) {
        report.notes.push(format!("validator warning: {warning}"));
    }
    if !errors.is_empty() || parsed.info.is_none() {
        for e in errors {
            report.unusable.push(Unusable {
                file: String::new(),
                sheet: None,
                line: None,
                reason: format!("the validator rejects the result: {e}"),
            });
        }
        return Imported {
            extract: None,
            report,
        };
    }
    Imported {
        extract: Some(text),
        report,
    }
}

/// Finds the sheet to read in a spreadsheet and reads it.
#[cfg(not(target_arch = "wasm32"))]
fn open_sheet(
    index: usize,
    name: &str,
    bytes: Vec<u8>,
    wanted: Option<&str>,
    importer: &mut dyn Importer,
    ctx: &mut Ctx,
) {
    if importer.workbook(index, name, &bytes, wanted, ctx) {
        return;
    }
    match spreadsheet::read(name, bytes, wanted, importer.header_columns()) {
        Ok(sheet) => {
            let table = Table::from_sheet(index, name, &sheet);
            ctx.opened(&table);
            importer.file(&table, ctx);
        }
        Err(e) => ctx.file_error(index, e),
    }
}

/// Spreadsheets are read by the native `llr-data` tool only: calamine is
/// kept out of the web app.
#[cfg(target_arch = "wasm32")]
fn open_sheet(
    index: usize,
    name: &str,
    _bytes: Vec<u8>,
    _wanted: Option<&str>,
    _importer: &mut dyn Importer,
    ctx: &mut Ctx,
) {
    ctx.file_error(
        index,
        format!("{name}: spreadsheets are read by the llr-data command-line tool only"),
    );
}

/// What `llr-data import` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub kind: Kind,
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    /// `YYYY-MM-DD`.
    pub published: String,
    pub geography: PathBuf,
    pub metrics: PathBuf,
    /// The sheet to read from every spreadsheet input (`--sheet`).
    pub sheet: Option<String>,
}

/// How a run ended.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub report: Report,
    /// The file written, if one was.
    pub written: Option<PathBuf>,
    /// Why nothing was written, if it was not.
    pub failure: Option<String>,
}

/// The extract id an output path gives: its file stem.
pub fn extract_id(out: &Path) -> Result<String, String> {
    let bad = || {
        format!(
            "--out {} should be a .json file named after the extract id, e.g. data/extracts/ae.json",
            out.display()
        )
    };
    if out.extension().and_then(|e| e.to_str()) != Some("json") {
        return Err(bad());
    }
    let stem = out.file_stem().and_then(|s| s.to_str()).ok_or_else(bad)?;
    let ok = !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(stem.to_string())
    } else {
        Err(bad())
    }
}

/// Reads the inputs, imports them and writes the extract. `Err` is for a
/// command that cannot start (a bad date, no geography); a run that finds
/// nothing usable, or cannot write, ends in an `Outcome` with a `failure`.
pub fn run(options: &Options) -> Result<Outcome, String> {
    if options.inputs.is_empty() {
        return Err("give at least one --input FILE".to_string());
    }
    let id = extract_id(&options.out)?;
    let date_ok = options.published.len() == 10
        && chrono::NaiveDate::parse_from_str(&options.published, "%Y-%m-%d").is_ok();
    if !date_ok {
        return Err(format!(
            "--published must be a date YYYY-MM-DD, not \"{}\"",
            options.published
        ));
    }
    let read = |path: &Path, what: &str| {
        std::fs::read_to_string(path).map_err(|e| {
            format!(
                "cannot read the {what} {}: {e} (give it with --{what})",
                path.display()
            )
        })
    };
    let geography_text = read(&options.geography, "geography")?;
    let metrics_text = read(&options.metrics, "metrics")?;
    let (geography, _) = parse_geography(&options.geography.display().to_string(), &geography_text);
    let (catalogue, _) = parse_catalogue(&options.metrics.display().to_string(), &metrics_text);
    if geography.areas.is_empty() {
        return Err(format!(
            "{} has no usable areas: run `llr-data validate` on the data folder",
            options.geography.display()
        ));
    }
    if catalogue.metrics.is_empty() {
        return Err(format!(
            "{} has no usable metrics: run `llr-data validate` on the data folder",
            options.metrics.display()
        ));
    }
    let names: Vec<String> = options
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let imported = import_with(
        options.kind,
        &id,
        &options.published,
        names,
        |i| Input::read(&options.inputs[i]).with_sheet(options.sheet.as_deref()),
        &geography,
        &catalogue,
    );
    let Some(text) = imported.extract else {
        return Ok(Outcome {
            report: imported.report,
            written: None,
            failure: Some(format!(
                "nothing usable found: {} not written",
                options.out.display()
            )),
        });
    };
    match write_atomically(&options.out, &text) {
        Ok(()) => Ok(Outcome {
            report: imported.report,
            written: Some(options.out.clone()),
            failure: None,
        }),
        Err(e) => Ok(Outcome {
            report: imported.report,
            written: None,
            failure: Some(format!("cannot write {}: {e}", options.out.display())),
        }),
    }
}

/// Writes beside the target and renames, so a failed write never leaves half a file.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.importing"));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}
