//! Reading JSON text into typed values while collecting every problem, each
//! with its file and JSON path.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::limit::check_size;
use super::problem::{join_path, Problem};

/// Parses text as JSON, or says where it stops being JSON. Text over
/// [`MAX_EXTRACT_BYTES`](super::MAX_EXTRACT_BYTES) is refused unparsed.
pub fn parse_text(file: &str, text: &str) -> Result<Value, Problem> {
    check_size(file, text.len() as u64)?;
    serde_json::from_str(text).map_err(|e| {
        Problem::error(
            file,
            "",
            format!(
                "not valid JSON (line {}, column {}): {}",
                e.line(),
                e.column(),
                strip_position(&e)
            ),
        )
    })
}

fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Deserialises one value, naming the path of the first thing wrong in it.
pub fn typed<T: DeserializeOwned>(file: &str, path: &str, value: Value) -> Result<T, Problem> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let at = if inner == "." { String::new() } else { inner };
        Problem::error(file, join_path(path, &at), e.into_inner().to_string())
    })
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
        other => Err(Problem::error(
            file,
            path,
            format!("expected a JSON object, found {}", kind_of(other)),
        )),
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

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
