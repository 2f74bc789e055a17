//! `framing segment`: typed units of each input text, with byte offsets into it.

use std::path::PathBuf;

use serde_json::Value;

use super::jsonl::{map_lines, text_field};
use framing::segment::unit_records;

/// Options of `framing segment`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON-lines file to read instead of stdin; each line an object with "id" and "text".
    #[arg(long)]
    input: Option<PathBuf>,
    /// Treat the first paragraph after the headline as a standfirst.
    #[arg(long)]
    standfirst: bool,
    /// Never take the first line as a headline (by default a short unpunctuated first line is one).
    #[arg(long)]
    no_headline: bool,
}

/// Segments every input line.
pub fn run(args: Args) -> anyhow::Result<()> {
    map_lines(args.input.as_ref(), |object, line| {
        segment_object(&object, line, args.standfirst, args.no_headline)
    })
}

/// The units of one input object (line `line`), with its id.
pub(super) fn segment_object(
    object: &serde_json::Map<String, Value>,
    line: usize,
    standfirst: bool,
    no_headline: bool,
) -> anyhow::Result<serde_json::Map<String, Value>> {
    let text = text_field(object, "text")?;
    let units = unit_records(text, standfirst, no_headline);
    let id = object
        .get("id")
        .cloned()
        .unwrap_or_else(|| Value::from(line));
    let mut result = serde_json::Map::new();
    result.insert("id".into(), id);
    result.insert("units".into(), serde_json::to_value(units)?);
    Ok(result)
}
