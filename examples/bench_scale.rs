//! The scale benchmark of SPEC §8: a seeded, generated data set of 10 years
//! of monthly figures (120 months) for 40 metrics at 300 areas, in the format
//! of `data/`, and the time to load, validate, aggregate and compute SPC for
//! every metric at every area, natively.
//!
//! ```sh
//! cargo run --release --example bench_scale -- generate target/bench/scale-data [--seed 2018]
//! cargo run --release --example bench_scale -- time target/bench/scale-data [--runs 5] [--json FILE]
//! ```
//!
//! `generate` writes `manifest.json`, `geography.json` (1 system "LLR", 13
//! places, 286 localities), `metrics.json` (the 20 bundled metrics of
//! `data/metrics.json` and a second copy of each, so every kind, unit and
//! target history is there, and the app's own views still find their
//! metrics) and 8 extracts of 5 metrics each. Aggregable metrics have a
//! series per locality, added up to places and the system by the app;
//! statistics (centiles, which are never added up) have a series at every
//! area. Every series is illustrative and says so. `time` prints the median
//! of each phase over `--runs` runs and writes them as JSON
//! (`scripts/bench.sh` runs both, and times the same data in the browser).

use std::path::{Path, PathBuf};
use std::time::Instant;

use llr_dashboard::analysis::bench::SplitMix;
use llr_dashboard::analysis::spc::{spc, Direction, SpcOptions};
use llr_dashboard::analysis::{assurance_target, timeline};
use llr_dashboard::load::{parse_manifest, Dataset};
use llr_dashboard::model::Period;
use serde_json::{json, Value};

const PLACES: usize = 13;
const LOCALITIES_PER_PLACE: usize = 22;
const METRICS: usize = 40;
const METRICS_PER_EXTRACT: usize = 5;
const MONTHS: i32 = 120;
const FIRST_MONTH: (i32, u32) = (2015, 4);
const PUBLISHED: &str = "2025-05-14";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => generate_command(&args[1..]),
        Some("time") => time_command(&args[1..]),
        _ => Err(
            "usage: bench_scale generate DIR [--seed N] | time DIR [--runs N] [--json FILE]"
                .to_string(),
        ),
    };
    if let Err(message) = result {
        eprintln!("bench_scale: {message}");
        std::process::exit(2);
    }
}

/// `--name value` pairs.
type Options<'a> = Vec<(&'a str, &'a str)>;

/// The directory argument and `--name value` options.
fn parse_args<'a>(args: &'a [String], names: &[&str]) -> Result<(PathBuf, Options<'a>), String> {
    let mut dir = None;
    let mut options = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if names.contains(&arg.as_str()) {
            let value = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
            options.push((arg.as_str(), value.as_str()));
        } else if arg.starts_with("--") {
            return Err(format!("unknown option {arg}"));
        } else if dir.replace(PathBuf::from(arg)).is_some() {
            return Err("give one directory".to_string());
        }
    }
    Ok((dir.ok_or("give the data directory")?, options))
}

fn option<T: std::str::FromStr>(
    options: &[(&str, &str)],
    name: &str,
    default: T,
) -> Result<T, String> {
    match options.iter().find(|(n, _)| *n == name) {
        Some((_, v)) => v.parse().map_err(|_| format!("{name}: bad value \"{v}\"")),
        None => Ok(default),
    }
}

// ---------------------------------------------------------------- generate

fn generate_command(args: &[String]) -> Result<(), String> {
    let (dir, options) = parse_args(args, &["--seed"])?;
    let seed: u64 = option(&options, "--seed", 2018)?;
    let started = Instant::now();
    let stats = generate(&dir, seed)?;
    println!(
        "Generated {} (seed {seed}) in {:.1} s: {} areas ({} places, {} localities), {} metrics, {} extracts, {} series, {} points, {:.1} MB",
        dir.display(),
        started.elapsed().as_secs_f64(),
        stats.areas,
        PLACES,
        PLACES * LOCALITIES_PER_PLACE,
        stats.metrics,
        stats.extracts,
        stats.series,
        stats.points,
        stats.bytes as f64 / 1e6
    );
    Ok(())
}

struct GenStats {
    areas: usize,
    metrics: usize,
    extracts: usize,
    series: usize,
    points: usize,
    bytes: u64,
}

fn write_json(path: &Path, value: &Value) -> Result<u64, String> {
    let text = serde_json::to_string(value).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(text.len() as u64)
}

fn read_template(name: &str) -> Result<Value, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// An area code with its parent and population.
struct GenArea {
    code: String,
    level: &'static str,
    parent: Option<String>,
    population: u64,
}

fn areas(rng: &mut SplitMix) -> Vec<GenArea> {
    let mut places = Vec::new();
    let mut localities = Vec::new();
    for p in 1..=PLACES {
        let code = format!("P{p:02}");
        let mut total = 0;
        for l in 1..=LOCALITIES_PER_PLACE {
            let population = 20_000 + (rng.unit() * 180_000.0) as u64;
            total += population;
            localities.push(GenArea {
                code: format!("{code}L{l:02}"),
                level: "locality",
                parent: Some(code.clone()),
                population,
            });
        }
        places.push(GenArea {
            code,
            level: "place",
            parent: Some("LLR".to_string()),
            population: total,
        });
    }
    let system = GenArea {
        code: "LLR".to_string(),
        level: "system",
        parent: None,
        population: places.iter().map(|p| p.population).sum(),
    };
    std::iter::once(system)
        .chain(places)
        .chain(localities)
        .collect()
}

fn area_name(a: &GenArea) -> String {
    match a.level {
        "system" => "Generated system (benchmark data)".to_string(),
        "place" => format!("Place {}", &a.code[1..]),
        _ => format!("Place {} locality {}", &a.code[1..3], &a.code[4..]),
    }
}

fn generate(dir: &Path, seed: u64) -> Result<GenStats, String> {
    let mut rng = SplitMix::new(seed);
    std::fs::create_dir_all(dir.join("extracts"))
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut bytes = 0;

    let areas = areas(&mut rng);
    let geography = json!({
        "schema_version": 1,
        "areas": areas.iter().map(|a| json!({
            "code": a.code,
            "name": area_name(a),
            "level": a.level,
            "parent": a.parent,
            "population": {"value": a.population, "year": 2021, "source": "Generated for the scale benchmark", "provenance": "illustrative"},
        })).collect::<Vec<_>>(),
        "organisations": read_template("geography.json")?["organisations"].clone(),
    });
    bytes += write_json(&dir.join("geography.json"), &geography)?;

    let template = read_template("metrics.json")?;
    let originals = template["metrics"]
        .as_array()
        .ok_or("data/metrics.json has no metrics")?;
    let metrics: Vec<Value> = (0..METRICS)
        .map(|i| {
            let mut m = originals[i % originals.len()].clone();
            let copy = i / originals.len();
            if copy > 0 {
                let n = copy + 1;
                m["id"] = json!(format!("{}_{n}", m["id"].as_str().unwrap_or("m")));
                m["name"] = json!(format!(
                    "{} (generated copy {n})",
                    m["name"].as_str().unwrap_or("")
                ));
                m["short_name"] = json!(format!("{} #{n}", m["short_name"].as_str().unwrap_or("")));
            }
            m
        })
        .collect();
    let catalogue =
        json!({"schema_version": 1, "domains": template["domains"].clone(), "metrics": metrics});
    bytes += write_json(&dir.join("metrics.json"), &catalogue)?;

    let first = Period::new(FIRST_MONTH.0, FIRST_MONTH.1).ok_or("bad first month")?;
    let periods: Vec<String> = (0..MONTHS)
        .map(|i| first.add_months(i).to_string())
        .collect();
    let source = json!({"publisher": "LLR dashboard", "publication": format!("Generated benchmark data (seed {seed}), not real figures")});
    let (mut n_series, mut n_points) = (0, 0);
    let mut entries = Vec::new();
    for (e, chunk) in metrics.chunks(METRICS_PER_EXTRACT).enumerate() {
        let id = format!("gen_{:02}", e + 1);
        let file = format!("extracts/{id}.json");
        // Written by hand, a series a line, so keys keep the order of
        // data/ (serde_json's map sorts them) and counts stay integers.
        let header = json!({"title": format!("Generated extract {}", e + 1), "published": PUBLISHED, "source": source});
        let mut text = format!(
            "{{\"schema_version\":1,\"id\":\"{id}\",{},\"series\":[\n",
            &header.to_string()[1..header.to_string().len() - 1]
        );
        let mut first_series = true;
        for metric in chunk {
            let kind = metric["kind"].as_str().unwrap_or("count");
            for area in areas
                .iter()
                .filter(|a| kind == "statistic" || a.level == "locality")
            {
                let s = n_series;
                n_series += 1;
                n_points += periods.len();
                let mut extra = String::new();
                if s % 10 == 0 {
                    extra.push_str(&format!(",\"rebase\":[\"{}\"]", periods[60]));
                }
                if s % 25 == 0 {
                    extra.push_str(&format!(",\"annotations\":[{{\"period\":\"{}\",\"text\":\"Generated step change\"}}]", periods[60]));
                }
                if !std::mem::take(&mut first_series) {
                    text.push_str(",\n");
                }
                text.push_str(&format!(
                    "{{\"metric\":{},\"area\":\"{}\",\"provenance\":\"illustrative\",\"breakdown\":{{}}{extra},\"source\":{source},\"points\":[{}]}}",
                    metric["id"],
                    area.code,
                    points(&mut rng, kind, area, &periods).join(",")
                ));
            }
        }
        text.push_str("\n]}\n");
        let path = dir.join(&file);
        std::fs::write(&path, &text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        bytes += text.len() as u64;
        entries.push(json!({"file": file, "metrics": chunk.iter().map(|m| m["id"].clone()).collect::<Vec<_>>()}));
    }
    let manifest = json!({
        "schema_version": 1,
        "title": "LLR system performance (generated scale-benchmark data)",
        "geography": "geography.json",
        "metrics": "metrics.json",
        "extracts": entries,
    });
    bytes += write_json(&dir.join("manifest.json"), &manifest)?;
    Ok(GenStats {
        areas: areas.len(),
        metrics: METRICS,
        extracts: entries.len(),
        series: n_series,
        points: n_points,
        bytes,
    })
}

/// One series' points as JSON texts: a level, a drift, noise and a step at
/// month 60, so the SPC rules fire now and then, as in real data.
fn points(rng: &mut SplitMix, kind: &str, area: &GenArea, periods: &[String]) -> Vec<String> {
    let level = rng.unit();
    let drift = (rng.unit() - 0.5) * 0.004;
    let step = if rng.unit() < 0.3 {
        (rng.unit() - 0.5) * 0.2
    } else {
        0.0
    };
    let size = area.population as f64 / 100_000.0;
    periods
        .iter()
        .enumerate()
        .map(|(i, period)| {
            let x = level
                + drift * i as f64
                + if i >= 60 { step } else { 0.0 }
                + (rng.unit() - 0.5) * 0.06;
            let x = x.clamp(0.02, 0.98);
            match kind {
                "proportion" => {
                    let d = (size * (800.0 + 400.0 * rng.unit())).round().max(20.0) as u64;
                    let n = (d as f64 * (0.5 + 0.49 * x)).round() as u64;
                    format!("{{\"period\":\"{period}\",\"numerator\":{n},\"denominator\":{d}}}")
                }
                "rate" => {
                    let d = (size * 90_000.0 * (0.95 + 0.1 * rng.unit())).round() as u64;
                    let n = (d as f64 / 10_000.0 * (4.0 + 4.0 * x) * 10.0).round() / 10.0;
                    format!("{{\"period\":\"{period}\",\"numerator\":{n},\"denominator\":{d}}}")
                }
                "mean" => {
                    let count = (size * (60.0 + 40.0 * rng.unit())).round().max(1.0) as u64;
                    let value = ((300.0 + 900.0 * x) * 10.0).round() / 10.0;
                    format!("{{\"period\":\"{period}\",\"value\":{value},\"count\":{count}}}")
                }
                "count" => format!(
                    "{{\"period\":\"{period}\",\"value\":{}}}",
                    (size * (800.0 + 400.0 * x)).round() as u64
                ),
                _ => format!(
                    "{{\"period\":\"{period}\",\"value\":{}}}",
                    (600.0 + 2400.0 * x).round() as u64
                ),
            }
        })
        .collect()
}

// ---------------------------------------------------------------- time

/// A phase's JSON key, its label and how to read it from a run.
type Phase = (&'static str, &'static str, fn(&Run) -> f64);

/// One run's phases, in milliseconds.
#[derive(Default, Clone, Copy)]
struct Run {
    read: f64,
    parse: f64,
    finish: f64,
    aggregate: f64,
    spc: f64,
}

impl Run {
    fn total(&self) -> f64 {
        self.read + self.parse + self.finish + self.aggregate + self.spc
    }
}

struct Counts {
    series: usize,
    points: usize,
    errors: usize,
    warnings: usize,
    pairs: usize,
    with_value: usize,
    special: usize,
}

fn time_command(args: &[String]) -> Result<(), String> {
    let (dir, options) = parse_args(args, &["--runs", "--json"])?;
    let runs: usize = option(&options, "--runs", 5)?;
    let json_path: Option<String> = options
        .iter()
        .find(|(n, _)| *n == "--json")
        .map(|(_, v)| v.to_string());
    let mut results = Vec::new();
    let mut counts = None;
    for _ in 0..runs.max(1) {
        let (run, c) = time_once(&dir)?;
        results.push(run);
        counts = Some(c);
    }
    let c = counts.expect("at least one run");
    if c.errors > 0 {
        return Err(format!(
            "{}: the generated data has {} errors",
            dir.display(),
            c.errors
        ));
    }
    let median = |f: fn(&Run) -> f64| {
        let mut v: Vec<f64> = results.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[0], v[v.len() - 1])
    };
    let phases: [Phase; 6] = [
        ("read_ms", "read the files", |r| r.read),
        (
            "parse_validate_ms",
            "parse + validate (manifest, geography, catalogue, extracts)",
            |r| r.parse,
        ),
        (
            "cross_checks_ms",
            "cross-file checks + index (Dataset::finish)",
            |r| r.finish,
        ),
        (
            "aggregate_ms",
            "aggregate: every metric's timeline at every area",
            |r| r.aggregate,
        ),
        ("spc_ms", "SPC of every metric at every area", |r| r.spc),
        ("total_ms", "total", Run::total),
    ];
    println!(
        "Scale benchmark (native, release): {} series, {} points; {} metric x area pairs, {} with a latest value; {} warnings; {} special-cause points",
        c.series, c.points, c.pairs, c.with_value, c.warnings, c.special
    );
    let mut fields = Vec::new();
    for (key, label, f) in phases {
        let (med, min, max) = median(f);
        println!("  {label:<62} median {med:>9.1} ms  (min {min:.1}, max {max:.1})");
        fields.push(format!(
            "\"{key}\":{{\"median\":{med:.3},\"min\":{min:.3},\"max\":{max:.3}}}"
        ));
    }
    let json = format!(
        "{{\"target\":\"native\",\"runs\":{},\"series\":{},\"points\":{},\"pairs\":{},\"pairs_with_value\":{},\"warnings\":{},\"special_points\":{},\"runs_total_ms\":[{}],{}}}\n",
        results.len(),
        c.series,
        c.points,
        c.pairs,
        c.with_value,
        c.warnings,
        c.special,
        results.iter().map(|r| format!("{:.3}", r.total())).collect::<Vec<_>>().join(","),
        fields.join(",")
    );
    if let Some(path) = json_path {
        std::fs::write(&path, json).map_err(|e| format!("cannot write {path}: {e}"))?;
        println!("  written to {path}");
    }
    Ok(())
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Load, validate, aggregate and compute SPC once, as the app does
/// (`app::fetch::load_dataset`, then `analysis::metric_spc` per metric and
/// area), timing each phase.
fn time_once(dir: &Path) -> Result<(Run, Counts), String> {
    let mut run = Run::default();
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).map_err(|e| format!("cannot read {name}: {e}"))
    };

    let t = Instant::now();
    let manifest_text = read("manifest.json")?;
    let manifest = parse_manifest("manifest.json", &manifest_text).map_err(|p| p.to_string())?;
    let geography = read(&manifest.geography)?;
    let catalogue = read(&manifest.metrics)?;
    let extracts = manifest
        .extracts
        .iter()
        .map(|e| read(e.file()))
        .collect::<Result<Vec<_>, _>>()?;
    run.read = ms(t);

    let t = Instant::now();
    let mut data = Dataset::begin(
        &manifest,
        (&manifest.geography, &geography),
        (&manifest.metrics, &catalogue),
    );
    for (entry, text) in manifest.extracts.iter().zip(&extracts) {
        data.add_extract(entry, Ok(text));
    }
    run.parse = ms(t);

    let t = Instant::now();
    data.finish();
    run.finish = ms(t);

    // Aggregation: each metric's timeline (value at every period, added up
    // from the children where the area has no series of its own).
    let t = Instant::now();
    let mut timelines = Vec::new();
    for metric in &data.catalogue.metrics {
        for area in &data.geography.areas {
            timelines.push((metric, area, timeline(&data, metric, &area.code)));
        }
    }
    run.aggregate = ms(t);

    // SPC as `analysis::metric_spc` does it: rebases from the area's own
    // series, the target in force at the latest period, screening on.
    let t = Instant::now();
    let mut special = 0;
    let mut with_value = 0;
    for (metric, area, timeline) in &timelines {
        let index_of = |p: Period| timeline.iter().position(|(q, _)| *q == p);
        let rebase: Vec<usize> = data
            .own_series(&metric.id, &area.code)
            .flat_map(|s| s.rebase.iter().filter_map(|&p| index_of(p)))
            .collect();
        let values: Vec<Option<f64>> = timeline
            .iter()
            .map(|(_, o)| o.figure().map(|f| f.value))
            .collect();
        let options = SpcOptions {
            direction: Direction::from(metric.polarity),
            target: timeline
                .last()
                .and_then(|(p, _)| assurance_target(metric, *p))
                .map(|t| t.value),
            screen_outliers: true,
        };
        let result = spc(&values, &rebase, &options);
        special += result.points.iter().filter(|p| p.kind.is_special()).count();
        with_value += usize::from(values.last().is_some_and(Option::is_some));
    }
    run.spc = ms(t);

    let errors = data.problems.iter().filter(|p| p.is_error()).count();
    Ok((
        run,
        Counts {
            series: data.series().len(),
            points: data.series().iter().map(|s| s.points.len()).sum(),
            errors,
            warnings: data.problems.len() - errors,
            pairs: timelines.len(),
            with_value,
            special,
        },
    ))
}
