//! Reading JSON text into typed values while collecting every problem, each
//! with its file and JSON path.

use serde::de::{Deserialize, DeserializeOwned};
use serde_json::value::RawValue;
use serde_json::Value;

use super::limit::check_size;
use super::problem::{join_path, Problem};

/// A file's bytes as text, decoded as a browser's `Response.text()` does:
/// UTF-8 without its byte-order mark (which some Windows editors write and
/// JSON parsers refuse), and any invalid bytes as U+FFFD. Valid UTF-8, the
/// usual case, is not copied.
pub fn decode_text(mut bytes: Vec<u8>) -> String {
    drop_byte_order_mark(&mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Drops a UTF-8 byte-order mark, which some Windows editors write and JSON
/// parsers refuse (the browser's `Response.text()` drops it too).
pub(crate) fn drop_byte_order_mark(bytes: &mut Vec<u8>) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
}

/// Parses text as JSON (any value), or says where it stops being JSON. Text
/// over [`MAX_EXTRACT_BYTES`](super::MAX_EXTRACT_BYTES) is refused unparsed.
pub fn parse_text(file: &str, text: &str) -> Result<Value, Problem> {
    parse_fields(file, text)
}

/// A serde_json error's message without its " at line L column C".
pub fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Deserialises one value, naming the path of the first thing wrong in it.
/// Read from the value's text, so a problem has a position to find its path
/// from (these values are small: manifest, header, areas, metrics).
pub fn typed<T: DeserializeOwned>(file: &str, path: &str, value: Value) -> Result<T, Problem> {
    let text = value.to_string();
    from_text(&text).map_err(|(at, reason)| Problem::error(file, join_path(path, &at), reason))
}

/// Deserialises one JSON object from its own text (a part of a file already
/// known to be JSON), naming the path of the first thing wrong in it. `path`
/// is made only for a problem, so a million good points cost no path strings.
/// Anything but an object is refused, as [`require_object`] does (serde would
/// read a list of field values into a struct).
pub fn typed_text<'de, T: Deserialize<'de>>(
    file: &str,
    path: impl FnOnce() -> String,
    raw: &'de RawValue,
) -> Result<T, Problem> {
    let text = raw.get();
    if !text.starts_with('{') {
        return Err(not_an_object(file, path(), text));
    }
    from_text(text).map_err(|(at, reason)| Problem::error(file, join_path(&path(), &at), reason))
}

/// `T` from JSON text, or the path within the text of the first thing wrong
/// and why.
fn from_text<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, (String, String)> {
    serde_json::from_str(text).map_err(|e| {
        // The text is known to be JSON, so "expected value" can only be an
        // enum (provenance, kind, ...) given a list, number or null, which
        // serde_json reports one byte past the start of the value.
        let reason = strip_position(&e);
        let (reason, back) = if e.is_syntax() && reason == "expected value" {
            let why = "invalid type: expected text naming one of the allowed values";
            (why.to_string(), 1)
        } else {
            (reason, 0)
        };
        (path_at(text, &e, &reason, back), reason)
    })
}

/// The JSON path (`series[2].points[5].period`) at the place in `text` where
/// serde_json stopped with `error` (less `back` bytes): the keys and indexes
/// of the objects and lists still open there. This needs every error raised
/// where the reader is, which serde's derives do; a hand-written
/// `Deserialize` must refuse from its visitor (see `Period`), not after it. A missing, unknown or duplicate field is a problem
/// of its object, so it gets the object's path. (This is what
/// serde_path_to_error did, found from the error's position instead of by
/// wrapping every deserializer, which cost 15 KB gzip of wasm.)
fn path_at(text: &str, error: &serde_json::Error, reason: &str, back: usize) -> String {
    enum Segment {
        Key(Option<String>),
        Index(usize),
    }
    // serde_json counts lines from 1 and, within a line, the bytes before
    // the error's position.
    let line_start: usize = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let end = (line_start + error.column())
        .saturating_sub(back)
        .min(text.len());
    let bytes = &text.as_bytes()[..end];
    let mut stack: Vec<Segment> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                stack.push(Segment::Key(None));
                expect_key = true;
            }
            b'[' => stack.push(Segment::Index(0)),
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Segment::Index(n)) => *n += 1,
                Some(Segment::Key(key)) => {
                    *key = None;
                    expect_key = true;
                }
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expect_key {
                    if let (Some(Segment::Key(key)), Some(raw)) =
                        (stack.last_mut(), text.get(start..=i.min(text.len() - 1)))
                    {
                        *key = Some(serde_json::from_str::<String>(raw).unwrap_or_default());
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // An unknown or duplicate field is found just after its key, inside its
    // object; a missing one after the object's closing brace, outside it.
    let of_object = ["unknown field", "duplicate field"]
        .iter()
        .any(|start| reason.starts_with(start));
    if of_object {
        if let Some(Segment::Key(_)) = stack.last() {
            stack.pop();
        }
    }
    let mut path = String::new();
    for segment in &stack {
        match segment {
            Segment::Key(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Segment::Key(None) => {}
            Segment::Index(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
}

/// Reads a whole file's text as `T` (any [`Value`], or a JSON object read in
/// one pass with its parts left as their own text to be read on their own),
/// or says where it stops being JSON or that it is not the object `T` wants. Text over
/// [`MAX_EXTRACT_BYTES`](super::MAX_EXTRACT_BYTES) is refused unparsed.
pub fn parse_fields<'t, T: Deserialize<'t>>(file: &str, text: &'t str) -> Result<T, Problem> {
    check_size(file, text.len() as u64)?;
    serde_json::from_str(text).map_err(|e| {
        // Valid JSON of the wrong shape is a data error; check the rest is JSON.
        match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) if e.is_data() => Problem::error(file, "", "expected a JSON object"),
            Ok(_) => not_json(file, &e),
            Err(syntax) => not_json(file, &syntax),
        }
    })
}

/// Reads `T` only from a JSON object: serde would otherwise read a list of
/// field values into a struct's fields in order, which a file must not do.
pub struct Obj<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectOnly<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ObjectOnly<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer
            .deserialize_map(ObjectOnly(std::marker::PhantomData))
            .map(Obj)
    }
}

fn not_json(file: &str, e: &serde_json::Error) -> Problem {
    Problem::error(
        file,
        "",
        format!(
            "not valid JSON (line {}, column {}): {}",
            e.line(),
            e.column(),
            strip_position(e)
        ),
    )
}

/// Takes a required field out of a JSON object.
pub fn take_field(file: &str, path: &str, object: &mut Value, key: &str) -> Result<Value, Problem> {
    match object {
        Value::Object(map) => map
            .remove(key)
            .ok_or_else(|| Problem::error(file, path, format!("missing field `{key}`"))),
        _ => Err(Problem::error(file, path, "expected a JSON object")),
    }
}

/// Takes an array field and deserialises each element on its own, so one bad
/// element does not hide the others: good ones come back with their index in
/// the file (for later problem paths), bad ones become problems.
pub fn typed_list<T: DeserializeOwned>(
    file: &str,
    object: &mut Value,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, T)> {
    let items = match take_field(file, "", object, key) {
        Ok(Value::Array(items)) => items,
        Ok(_) => {
            problems.push(Problem::error(file, key, "expected a list"));
            return Vec::new();
        }
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    items
        .into_iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let path = format!("{key}[{i}]");
            if let Err(p) = require_object(file, &path, &item) {
                problems.push(p);
                return None;
            }
            typed(file, &path, item)
                .map(|t| (i, t))
                .map_err(|p| problems.push(p))
                .ok()
        })
        .collect()
}

/// Checks `schema_version` is 1.
pub fn check_version(file: &str, object: &mut Value) -> Result<(), Problem> {
    match take_field(file, "", object, "schema_version")? {
        Value::Number(n) if n.as_u64() == Some(1) => Ok(()),
        other => Err(Problem::error(
            file,
            "schema_version",
            format!("unsupported schema_version {other}: this app reads version 1"),
        )),
    }
}

/// A JSON object, not (say) a list of field values, which serde would
/// otherwise read into a struct in field order.
pub fn require_object(file: &str, path: &str, value: &Value) -> Result<(), Problem> {
    match value {
        Value::Object(_) => Ok(()),
        other => Err(not_an_object(file, path.to_string(), &other.to_string())),
    }
}

/// Every field left in `object` after the known ones were taken is an error.
pub fn reject_unknown(file: &str, object: &Value, problems: &mut Vec<Problem>) -> bool {
    match object {
        Value::Object(rest) if !rest.is_empty() => {
            problems.extend(
                rest.keys()
                    .map(|k| Problem::error(file, k.as_str(), format!("unknown field `{k}`"))),
            );
            false
        }
        _ => true,
    }
}

/// The problem with a value (given as its JSON text) that should have been
/// an object, naming what it is instead.
fn not_an_object(file: &str, path: String, text: &str) -> Problem {
    let kind = match text.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'n') => "null",
        Some(b't' | b'f') => "a true/false value",
        Some(b'"') => "text",
        Some(b'[') => "a list",
        _ => "a number",
    };
    Problem::error(file, path, format!("expected a JSON object, found {kind}"))
}

#[cfg(test)]
mod tests {
    use super::{decode_text, from_text};
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
        #[serde(default)]
        n: Option<f64>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        id: String,
        inner: Inner,
        #[serde(default)]
        list: Vec<Inner>,
        #[serde(default)]
        map: BTreeMap<String, f64>,
    }

    #[test]
    fn names_the_path_of_the_first_thing_wrong() {
        let ok = r#"{"id": "a", "inner": {"name": "x"}"#;
        let cases = [
            (r#"{"id": 1, "inner": {"name": "x"}}"#, "id", "invalid type"),
            (r#"{"id": "a", "inner": {"name": 2}}"#, "inner.name", "invalid type"),
            (r#"{"id": "a", "inner": {"n": 1}}"#, "inner", "missing field "),
            (r#"{"id": "a", "inner": {"name": "x", "bogus": 1}}"#, "inner", "unknown field "),
            (r#"{"id": "a", "inner": {"name": "x", "name": "y"}}"#, "inner", "duplicate field "),
            (
                r#"{"id": "a", "inner": {"name": "x"}, "list": [{"name": "p"}, {"name": "q", "n": "7"}]}"#,
                "list[1].n",
                "invalid type",
            ),
            (r#"{"id": "a", "inner": {"name": "x"}, "list": [{"name": "p"}, {}]}"#, "list[1]", "missing field "),
            (r#"{"id": "a", "inner": {"name": "x"}, "map": {"k\"ey": "v"}}"#, "map.k\"ey", "invalid type"),
            // Commas and braces inside strings are text, not structure.
            (r#"{"id": "a,}]", "inner": {"name": "x, {"}, "list": [{"name": "[,"}, 5]}"#, "list[1]", "invalid type"),
            // Over several lines, as analysts' files are.
            ("{\n  \"id\": \"a\",\n  \"inner\": {\n    \"name\": \"x\",\n    \"n\": true\n  }\n}", "inner.n", "invalid type"),
        ];
        for (text, path, reason) in cases {
            let (at, why) = from_text::<Outer>(text).unwrap_err();
            assert_eq!(at, path, "{text}: {why}");
            assert!(why.starts_with(reason), "{text}: {why}");
        }
        assert!(from_text::<Outer>(&format!("{ok}}}")).is_ok());
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Dated {
        #[serde(default)]
        rebase: Vec<crate::model::Period>,
        #[serde(default)]
        provenance: Option<crate::model::Provenance>,
        period: crate::model::Period,
    }

    /// Values refused by a hand-written reader (a period) or an enum are named
    /// where they are, even as the last field or the last list element.
    #[test]
    fn names_the_path_of_a_bad_period_or_enum_anywhere() {
        let cases = [
            (r#"{"period": "2025-13"}"#, "period", "2025-13"),
            (
                r#"{"rebase": [], "period": "2025-13"}"#,
                "period",
                "2025-13",
            ),
            (
                r#"{"period": "2025-01", "rebase": ["2025-13", "2025-01"]}"#,
                "rebase[0]",
                "2025-13",
            ),
            (
                r#"{"period": "2025-01", "rebase": ["2025-01", "2025-13"]}"#,
                "rebase[1]",
                "2025-13",
            ),
            (
                r#"{"period": "2025-01", "rebase": ["2025-13"]}"#,
                "rebase[0]",
                "2025-13",
            ),
            (
                r#"{"period": "2025-01", "provenance": ["published"]}"#,
                "provenance",
                "invalid type",
            ),
            (
                r#"{"period": "2025-01", "provenance": 5}"#,
                "provenance",
                "invalid type",
            ),
            (
                r#"{"period": "2025-01", "provenance": "guessed"}"#,
                "provenance",
                "unknown variant",
            ),
        ];
        for (text, path, reason) in cases {
            let (at, why) = from_text::<Dated>(text).unwrap_err();
            assert_eq!(at, path, "{text}: {why}");
            assert!(why.contains(reason), "{text}: {why}");
        }
        // A manifest entry that is neither a file name nor an object.
        let (at, why) = from_text::<crate::load::Manifest>(
            r#"{"schema_version": 1, "title": "t", "geography": "g", "metrics": "m", "extracts": ["a.json", 5, "b.json"]}"#,
        )
        .unwrap_err();
        assert_eq!(at, "extracts[1]", "{why}");
        assert!(why.contains("a file name"), "{why}");
    }

    #[test]
    fn decodes_like_a_browser() {
        assert_eq!(decode_text(b"{\"a\": 1}".to_vec()), "{\"a\": 1}");
        // The byte-order mark goes; one in the middle is text and stays.
        assert_eq!(decode_text(b"\xEF\xBB\xBF{}".to_vec()), "{}");
        assert_eq!(decode_text(b"x\xEF\xBB\xBF".to_vec()), "x\u{FEFF}");
        // Invalid bytes become U+FFFD; the rest is kept.
        assert_eq!(
            decode_text(b"\"Leic\xFFester\"".to_vec()),
            "\"Leic\u{FFFD}ester\""
        );
        assert_eq!(decode_text(Vec::new()), "");
    }
}
