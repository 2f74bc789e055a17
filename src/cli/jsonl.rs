//! Shared JSON-lines plumbing for `score` and `segment`: read objects from a file or stdin, write one
//! object per line to stdout, and name the line of any malformed input.

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use serde_json::{Map, Value};

/// Calls `each` for every JSON object of the input (a file, or stdin when `input` is `None`) and writes
/// the object it returns as one line of stdout.
pub fn map_lines(
    input: Option<&PathBuf>,
    each: impl FnMut(Map<String, Value>, usize) -> anyhow::Result<Map<String, Value>>,
) -> anyhow::Result<()> {
    match input {
        Some(path) => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("{}: cannot open", path.display()))?;
            let reader = std::io::BufReader::new(file);
            map_reader(
                &path.display().to_string(),
                reader,
                std::io::stdout().lock(),
                each,
            )
        }
        None => map_reader(
            "stdin",
            std::io::stdin().lock(),
            std::io::stdout().lock(),
            each,
        ),
    }
}

/// [`map_lines`] over any reader (named `name` in messages), writing to `out`.
pub fn map_reader(
    name: &str,
    reader: impl BufRead,
    out: impl Write,
    mut each: impl FnMut(Map<String, Value>, usize) -> anyhow::Result<Map<String, Value>>,
) -> anyhow::Result<()> {
    let mut out = BufWriter::new(out);
    for (i, line) in reader.lines().enumerate() {
        let n = i + 1;
        let line = line.map_err(|e| {
            input_error(
                name,
                n,
                format!("cannot read line ({e}); input must be UTF-8"),
            )
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(&line).map_err(|e| {
            input_error(
                name,
                n,
                format!("not valid JSON ({e}); give one JSON object per line"),
            )
        })?;
        let Value::Object(object) = value else {
            return Err(input_error(
                name,
                n,
                "expected a JSON object such as {\"text\": \"...\"}".into(),
            )
            .into());
        };
        let result = each(object, n).map_err(|e| input_error(name, n, super::message(&e)))?;
        serde_json::to_writer(&mut out, &Value::Object(result))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

fn input_error(name: &str, line: usize, message: String) -> framing::Error {
    framing::Error::Input {
        source_name: name.to_string(),
        line,
        message,
    }
}

/// The string field `key` of `object`, or a message saying it is missing.
pub fn text_field<'a>(object: &'a Map<String, Value>, key: &str) -> anyhow::Result<&'a str> {
    match object.get(key) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => anyhow::bail!("field {key:?} must be a string"),
        None => anyhow::bail!("missing field {key:?}: each line needs {{\"{key}\": \"...\"}}"),
    }
}
