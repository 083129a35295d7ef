//! Any bytes as an NHS England CSV file: the first byte picks the importer
//! (`Kind::ALL[byte % 6]`: ae, rtt, cancer, ambulance, talking-therapies,
//! workforce), the rest is the file. The import must not panic, must say
//! why for whatever it could not use, must only write what the validator
//! accepts, and its output must grow at most linearly with its input.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use llr_dashboard::import::{import, Input, Kind};
use llr_dashboard::load::{parse_catalogue, parse_extract, parse_geography, Problem};
use llr_dashboard::model::{Catalogue, Geography};

fn bundled() -> &'static (Geography, Catalogue) {
    static BUNDLED: OnceLock<(Geography, Catalogue)> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let (geography, _) =
            parse_geography("geography.json", include_str!("../../data/geography.json"));
        let (catalogue, _) =
            parse_catalogue("metrics.json", include_str!("../../data/metrics.json"));
        (geography, catalogue)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[first as usize % Kind::ALL.len()];
    // As `Input::read` decodes a file that is not UTF-8.
    let text = String::from_utf8_lossy(rest).into_owned();
    let n = text.len();
    let lines = text.bytes().filter(|b| *b == b'\n' || *b == b'\r').count() + 1;
    let (geography, catalogue) = bundled();
    let inputs = [Input::text("fuzz.csv", &text)];
    let imported = import(kind, "fuzz", "2025-01-09", &inputs, geography, catalogue);
    let report = &imported.report;

    assert_eq!(report.files.len(), 1);
    let stats = &report.files[0];
    assert!(stats.rows_used <= stats.rows_read && stats.rows_read <= lines);
    for u in &report.unusable {
        assert!(!u.reason.trim().is_empty(), "{u:?}");
        assert!(u.file.is_empty() || u.file == "fuzz.csv", "{u:?}");
        if let Some(line) = u.line {
            assert!(line >= 1 && line as usize <= lines + 1, "{u:?}");
        }
    }
    let report_bytes: usize = report.lines().iter().map(String::len).sum();
    assert!(report_bytes <= 64 * n + 16_384, "{report_bytes} from {n}");
    match &imported.extract {
        Some(extract) => {
            assert!(
                extract.len() <= 64 * n + 16_384,
                "{} from {n}",
                extract.len()
            );
            let parsed = parse_extract("extracts/fuzz.json", extract, geography, catalogue);
            assert!(parsed.info.is_some());
            assert!(!parsed.problems.iter().any(Problem::is_error));
        }
        None => {
            let ignored: usize = stats.ignored.values().sum();
            assert!(
                stats.error.is_some() || !report.unusable.is_empty() || ignored >= stats.rows_read,
                "nothing written and no reason: {report:?}"
            );
        }
    }
});
