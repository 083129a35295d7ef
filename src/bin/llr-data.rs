//! `llr-data`: the analysts' command-line tool, on the same core as the app.
//!
//! ```text
//! llr-data validate DIR
//! llr-data summary DIR --area CODE [--period YYYY-MM] [--json]
//! ```

use std::path::Path;
use std::process::ExitCode;

use llr_dashboard::analysis::summary;
use llr_dashboard::load::{Dataset, Severity};
use llr_dashboard::model::Period;

const USAGE: &str = "\
llr-data: check and summarise LLR dashboard data

USAGE:
    llr-data validate DIR
        Check every file the manifest in DIR names. Prints every problem as
        `file: path: severity: reason`. Exits 0 when there are no errors
        (warnings allowed), 1 when there are, 2 on bad usage.
    llr-data summary DIR --area CODE [--period YYYY-MM] [--json]
        The computed overview for an area: per metric the period, value,
        numerator/denominator, targets, status and provenance. Without
        --period each metric is at its latest period.
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
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
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
        println!("{problem}");
        println!("1 error: the manifest could not be read, so nothing else was checked");
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
        println!("{problem}");
    }
    let errors = data
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = data.problems.len() - errors;
    let points: usize = data.series().iter().map(|s| s.points.len()).sum();
    println!(
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
        println!("{text}");
    } else {
        println!("{}", overview.area_name);
        for group in &overview.groups {
            println!("\n{}", group.name);
            for row in &group.rows {
                let provenance = row.figure.as_ref().map_or("", |f| f.provenance.label());
                println!(
                    "  {:<28} {:<10} {:>10}  {}  [{}]",
                    row.short_name,
                    row.period_label.as_deref().unwrap_or("-"),
                    row.display,
                    row.reason.as_deref().unwrap_or(&row.status),
                    provenance
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
