//! How big a data file may be before it is refused unread.
//!
//! Parsing JSON builds a tree several times the size of the text, all at
//! once, and in a browser tab on a tablet that tree is what runs out of
//! memory or freezes the page. A file far bigger than any real extract is
//! almost always the wrong file (a raw NHS England CSV of about 100 MB, a
//! runaway export), so it is refused with its size and the limit before
//! any of it is parsed, like any other bad extract (SPEC §7).

use super::problem::Problem;

/// The largest data file (extract, manifest, geography or catalogue) that is
/// parsed: 20 MiB (20,971,520 bytes).
///
/// The biggest bundled extract is about 140 KB. SPEC §8's scale set (ten
/// years monthly, 40 metrics x 300 areas) written in the bundled layout is
/// about 17 MB for one domain's extract of 7 metrics, so it fits with one
/// extract per domain; a bigger set is split into more extracts (the
/// manifest takes any number). The browser checks the same constant.
pub const MAX_EXTRACT_BYTES: usize = 20 * 1024 * 1024;

/// Refuses a file of `bytes` bytes when it is over [`MAX_EXTRACT_BYTES`],
/// naming the file, its size and the limit.
pub fn check_size(file: &str, bytes: u64) -> Result<(), Problem> {
    if bytes > MAX_EXTRACT_BYTES as u64 {
        Err(Problem::error(file, "", too_large(bytes, false)))
    } else {
        Ok(())
    }
}

/// Why a file of `bytes` bytes is refused; `at_least` when only the first
/// `bytes` were read (a stream of unknown length).
pub(crate) fn too_large(bytes: u64, at_least: bool) -> String {
    format!(
        "the file is {}{}, more than the limit of {} for a data file: refused without \
         reading it as JSON (is it the right file? split a big extract into several)",
        if at_least { "at least " } else { "" },
        size(bytes),
        size(MAX_EXTRACT_BYTES as u64)
    )
}

/// "104,857,600 bytes (100.0 MB)", with MB meaning 1,048,576 bytes.
fn size(bytes: u64) -> String {
    let digits = bytes.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!(
        "{grouped} bytes ({:.1} MB)",
        bytes as f64 / (1024.0 * 1024.0)
    )
}

/// Reads a file from disk for the loader, refusing it unread when its size
/// is over the limit and never reading more than the limit (a named pipe or
/// a device has no size to check first).
pub(crate) fn read_limited(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read;
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let file = std::fs::File::open(path).map_err(cannot)?;
    let len = file.metadata().map_err(cannot)?.len();
    if len > MAX_EXTRACT_BYTES as u64 {
        return Err(too_large(len, false));
    }
    let mut bytes = Vec::new();
    file.take(MAX_EXTRACT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > MAX_EXTRACT_BYTES {
        return Err(too_large(bytes.len() as u64, true));
    }
    // A byte-order mark is dropped, as in the browser; invalid UTF-8 is an
    // error here, for the analyst to fix, where the browser shows U+FFFD.
    super::json::drop_byte_order_mark(&mut bytes);
    String::from_utf8(bytes).map_err(|_| {
        format!(
            "cannot read {}: stream did not contain valid UTF-8",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_grouped_in_thousands() {
        assert_eq!(size(0), "0 bytes (0.0 MB)");
        assert_eq!(size(999), "999 bytes (0.0 MB)");
        assert_eq!(size(1000), "1,000 bytes (0.0 MB)");
        assert_eq!(size(104_857_600), "104,857,600 bytes (100.0 MB)");
    }

    #[test]
    fn the_limit_itself_is_allowed() {
        assert!(check_size("f.json", MAX_EXTRACT_BYTES as u64).is_ok());
        let p = check_size("f.json", MAX_EXTRACT_BYTES as u64 + 1).unwrap_err();
        assert_eq!(p.file, "f.json");
        assert!(p.reason.contains("20,971,521 bytes"), "{}", p.reason);
        assert!(
            p.reason.contains("20,971,520 bytes (20.0 MB)"),
            "{}",
            p.reason
        );
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_bad_utf8_refused() {
        let dir = std::env::temp_dir().join(format!("llr-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (bom, bad) = (dir.join("bom.json"), dir.join("bad.json"));
        std::fs::write(&bom, b"\xEF\xBB\xBF{\"a\": 1}").unwrap();
        std::fs::write(&bad, b"{\"a\": \"\xFF\"}").unwrap();
        assert_eq!(read_limited(&bom).unwrap(), "{\"a\": 1}");
        assert!(read_limited(&bad).unwrap_err().contains("valid UTF-8"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
