//! `llr-data`: the analysts' command-line tool, on the same core as the app.
//!
//! ```text
//! llr-data validate DIR
//! llr-data summary DIR --area CODE [--period YYYY-MM] [--json]
//! llr-data spc --input FILE [--polarity P] [--target X] [--no-screen]
//! llr-data import KIND --input FILE [--input FILE ...] --out FILE [--published DATE] [--sheet NAME]
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use llr_dashboard::analysis::spc::{spc, Direction, SpcOptions};
use llr_dashboard::analysis::summary;
use llr_dashboard::import;
use llr_dashboard::load::{Dataset, Severity};
use llr_dashboard::model::{Period, Polarity};
use serde::Deserialize;
use serde_json::json;

/// Prints a line to stdout, ignoring a closed pipe (`llr-data ... | head`)
/// rather than panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

const USAGE: &str = "\
llr-data: check and summarise LLR dashboard data

USAGE:
    llr-data validate DIR
        Check every file the manifest in DIR names. Prints every problem as
        `file: path: severity: reason`. Exits 0 when there are no errors
        (warnings allowed), 1 when there are, 2 on bad usage.
    llr-data summary DIR --area CODE [--period YYYY-MM] [--json]
        The computed overview for an area: per metric the period, value,
        numerator/denominator, targets, status and provenance, and a line per
        benchmark (England, the region) at the same period where they have a
        series (\"benchmarks\" in --json). Without --period each metric is at
        its latest period.
    llr-data spc --input FILE [--polarity higher_is_better|lower_is_better|neutral]
                 [--target X] [--no-screen]
        Making Data Count SPC (XmR) of a series. FILE is a JSON array of
        numbers (null for a gap) or of objects {\"period\": \"YYYY-MM\",
        \"value\": X, \"rebase\": true}. Prints JSON: mean, lower_limit,
        upper_limit (latest segment), run_chart, points (value, type, rule),
        variation, assurance (null with no target or a neutral polarity) and
        every segment. --no-screen turns off moving-range screening, to
        match the NHS England Excel tool.
    llr-data import KIND --input FILE [--input FILE ...] --out data/extracts/ID.json
                 [--published YYYY-MM-DD] [--sheet NAME]
                 [--geography data/geography.json] [--metrics data/metrics.json]
        Build an extract from NHS England files as published: CSV, or
        spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods). KIND is ae, rtt,
        cancer, ambulance, talking-therapies or workforce. Give one --input
        per file (e.g. one per month); they merge into one series per metric
        and area, and a month given twice is rejected. A spreadsheet's sheet
        is the first with a header row (within its first 20 rows) that has
        the columns KIND needs; --sheet NAME reads that sheet of every
        spreadsheet instead. Prints the rows read and used and every row it
        could not use (file:line: reason, or file [sheet] row N: reason);
        blank and suppressed cells are skipped, never zeros.
        --published is the publication date (default today). Exits 0 when
        the extract was written, 1 when nothing usable was found or it
        could not be written, 2 on bad usage. See docs/publishing.md.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("llr-data: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = args.split_first().ok_or("no command given")?;
    match command.as_str() {
        "validate" => validate(rest),
        "summary" => summarise(rest),
        "spc" => spc_command(rest),
        "import" => import_command(rest),
        "-h" | "--help" | "help" => {
            out!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command \"{other}\"")),
    }
}

/// Splits arguments into positionals and `--flag [value]` options.
struct Args<'a> {
    positional: Vec<&'a str>,
    options: Vec<(&'a str, Option<&'a str>)>,
}

fn parse<'a>(
    args: &'a [String],
    flags_with_values: &[&str],
    switches: &[&str],
) -> Result<Args<'a>, String> {
    let mut out = Args {
        positional: Vec::new(),
        options: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if flags_with_values.contains(&arg.as_str()) {
            let value = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
            out.options.push((arg, Some(value)));
        } else if switches.contains(&arg.as_str()) {
            out.options.push((arg, None));
        } else if arg.starts_with("--") {
            return Err(format!("unknown option {arg}"));
        } else {
            out.positional.push(arg);
        }
    }
    Ok(out)
}

impl Args<'_> {
    fn value(&self, flag: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(f, _)| *f == flag)
            .and_then(|(_, v)| *v)
    }
    fn values(&self, flag: &str) -> Vec<&str> {
        self.options
            .iter()
            .filter(|(f, _)| *f == flag)
            .filter_map(|(_, v)| *v)
            .collect()
    }
    fn has(&self, flag: &str) -> bool {
        self.options.iter().any(|(f, _)| *f == flag)
    }
    fn one_dir(&self) -> Result<&str, String> {
        match self.positional.as_slice() {
            [dir] => Ok(dir),
            [] => Err("give the data directory, e.g. data/".to_string()),
            more => Err(format!("expected one directory, got {}", more.join(" "))),
        }
    }
}

fn load(dir: &str) -> Result<Dataset, ExitCode> {
    Dataset::load_dir(Path::new(dir)).map_err(|problem| {
        out!("{problem}");
        out!("1 error: the manifest could not be read, so nothing else was checked");
        ExitCode::FAILURE
    })
}

fn validate(args: &[String]) -> Result<ExitCode, String> {
    let args = parse(args, &[], &[])?;
    let data = match load(args.one_dir()?) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    for problem in &data.problems {
        out!("{problem}");
    }
    let errors = data
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = data.problems.len() - errors;
    let points: usize = data.series().iter().map(|s| s.points.len()).sum();
    out!(
        "{} error{}, {} warning{}; {} extract{} loaded ({} failed), {} series, {} points",
        errors,
        plural(errors),
        warnings,
        plural(warnings),
        data.extracts.len(),
        plural(data.extracts.len()),
        data.failed.len(),
        data.series().len(),
        points
    );
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn summarise(args: &[String]) -> Result<ExitCode, String> {
    let args = parse(args, &["--area", "--period"], &["--json"])?;
    let dir = args.one_dir()?;
    let area = args.value("--area").ok_or("--area CODE is required")?;
    let period = args.value("--period").map(Period::parse).transpose()?;
    let data = match load(dir) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    if data.geography.area(area).is_none() {
        let codes: Vec<&str> = data
            .geography
            .areas
            .iter()
            .map(|a| a.code.as_str())
            .collect();
        return Err(format!(
            "unknown area \"{area}\"; known areas: {}",
            codes.join(", ")
        ));
    }
    let overview = summary(&data, area, period);
    if args.has("--json") {
        let text = serde_json::to_string_pretty(&overview).map_err(|e| e.to_string())?;
        out!("{text}");
    } else {
        out!("{}", overview.area_name);
        for group in &overview.groups {
            out!("\n{}", group.name);
            for row in &group.rows {
                let provenance = row.figure.as_ref().map_or("", |f| f.provenance.label());
                out!(
                    "  {:<28} {:<10} {:>10}  {}  [{}]",
                    row.short_name,
                    row.period_label.as_deref().unwrap_or("-"),
                    row.display,
                    row.reason.as_deref().unwrap_or(&row.status),
                    provenance
                );
                // England and the region at the same period, one line each.
                let frequency = data.catalogue.metric(&row.metric).map(|m| m.frequency);
                for b in &row.benchmarks {
                    let words = frequency.map_or_else(|| b.label(), |f| b.words(f));
                    match &b.figure {
                        Some(f) => out!("    benchmark: {words}  [{}]", f.provenance.label()),
                        None => out!("    benchmark: {words}"),
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One input point of `spc`: a bare number (or null), or an object.
#[derive(Deserialize)]
#[serde(untagged)]
enum SpcInput {
    Value(Option<f64>),
    Point {
        #[serde(default)]
        period: Option<Period>,
        value: Option<f64>,
        #[serde(default)]
        rebase: bool,
    },
}

fn spc_command(args: &[String]) -> Result<ExitCode, String> {
    let args = parse(
        args,
        &["--input", "--polarity", "--target"],
        &["--no-screen"],
    )?;
    if !args.positional.is_empty() {
        return Err(format!("unexpected {}", args.positional.join(" ")));
    }
    let file = args.value("--input").ok_or("--input FILE is required")?;
    let polarity: Polarity = match args.value("--polarity") {
        None => Polarity::HigherIsBetter,
        Some(p) => serde_json::from_value(json!(p)).map_err(|_| {
            format!("--polarity must be higher_is_better, lower_is_better or neutral, not \"{p}\"")
        })?,
    };
    let target = args
        .value("--target")
        .map(|t| {
            t.parse::<f64>()
                .ok()
                .filter(|t| t.is_finite())
                .ok_or(format!("--target must be a number, not \"{t}\""))
        })
        .transpose()?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let inputs: Vec<SpcInput> = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{file}: expected a JSON array of numbers or {{\"period\", \"value\"}} objects: {e}"
        )
    })?;
    let mut values = Vec::with_capacity(inputs.len());
    let mut periods = Vec::with_capacity(inputs.len());
    let mut rebase = Vec::new();
    for (i, input) in inputs.into_iter().enumerate() {
        let (period, value, starts) = match input {
            SpcInput::Value(v) => (None, v, false),
            SpcInput::Point {
                period,
                value,
                rebase,
            } => (period, value, rebase),
        };
        if value.is_some_and(|v| !v.is_finite()) {
            return Err(format!("{file}: [{i}]: value is not a finite number"));
        }
        values.push(value);
        periods.push(period);
        if starts {
            rebase.push(i);
        }
    }
    let options = SpcOptions {
        direction: Direction::from(polarity),
        target,
        screen_outliers: !args.has("--no-screen"),
    };
    let result = spc(&values, &rebase, &options);
    let latest = result.segments.last().and_then(|s| s.limits);
    let points: Vec<_> = result
        .points
        .iter()
        .zip(&periods)
        .map(|(p, period)| json!({"period": period, "value": p.value, "type": p.kind, "rule": p.rule}))
        .collect();
    let out = json!({
        "mean": latest.map(|l| l.mean),
        "lower_limit": latest.map(|l| l.lower_limit),
        "upper_limit": latest.map(|l| l.upper_limit),
        "run_chart": result.segments.last().is_none_or(|s| s.run_chart),
        "screened": options.screen_outliers,
        "points": points,
        "variation": result.variation,
        "assurance": result.assurance,
        "segments": result.segments,
    });
    out!(
        "{}",
        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
    );
    Ok(ExitCode::SUCCESS)
}

fn import_command(args: &[String]) -> Result<ExitCode, String> {
    let args = parse(
        args,
        &[
            "--input",
            "--out",
            "--published",
            "--geography",
            "--metrics",
            "--sheet",
        ],
        &[],
    )?;
    let kind =
        match args.positional.as_slice() {
            [kind] => import::Kind::parse(kind)?,
            [] => return Err(
                "give the kind of file: ae, rtt, cancer, ambulance, talking-therapies or workforce"
                    .into(),
            ),
            more => return Err(format!("expected one kind, got {}", more.join(" "))),
        };
    let options = import::Options {
        kind,
        inputs: args
            .values("--input")
            .into_iter()
            .map(PathBuf::from)
            .collect(),
        out: PathBuf::from(
            args.value("--out")
                .ok_or("--out data/extracts/ID.json is required")?,
        ),
        published: args.value("--published").map_or_else(today, str::to_string),
        geography: PathBuf::from(args.value("--geography").unwrap_or("data/geography.json")),
        metrics: PathBuf::from(args.value("--metrics").unwrap_or("data/metrics.json")),
        sheet: args.value("--sheet").map(str::to_string),
    };
    let outcome = import::run(&options)?;
    for line in outcome.report.lines() {
        out!("{line}");
    }
    if args.value("--published").is_none() {
        out!(
            "Published date: {} (today; give --published YYYY-MM-DD for the publication's date)",
            options.published
        );
    }
    match (&outcome.written, &outcome.failure) {
        (Some(path), _) => {
            out!(
                "Wrote {}. Next: llr-data validate on the data folder.",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        (None, failure) => {
            eprintln!(
                "llr-data import: {}",
                failure.as_deref().unwrap_or("nothing written")
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Today's date, YYYY-MM-DD (UTC).
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}
