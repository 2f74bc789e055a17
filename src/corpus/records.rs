//! Corpora stored as records, one article per line of JSON (plain or gzip-compressed): reading them
//! line by line, so memory does not grow with the file.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// Opens `path` for reading, decompressing it when its name ends in `.gz`.
pub fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, "cannot open", e))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|x| x == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

/// Why a record could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reject {
    /// The line is not valid UTF-8.
    NotUtf8,
    /// The line is not a JSON object.
    Malformed(String),
}

/// Calls `each` with the 1-based line number and the parsed object (or why it could not be parsed) of
/// every non-blank line of a JSON-lines file.
pub fn for_each_record(
    path: &Path,
    mut each: impl FnMut(usize, std::result::Result<Map<String, Value>, Reject>),
) -> Result<()> {
    let mut reader = open(path)?;
    let mut buf = Vec::new();
    let mut line = 0;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::io(path, "cannot read (is the file truncated or not gzip?)", e))?;
        if n == 0 {
            return Ok(());
        }
        line += 1;
        let Ok(text) = std::str::from_utf8(&buf) else {
            each(line, Err(Reject::NotUtf8));
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => each(line, Ok(map)),
            Ok(_) => each(line, Err(Reject::Malformed("not a JSON object".into()))),
            Err(e) => each(line, Err(Reject::Malformed(e.to_string()))),
        }
    }
}
