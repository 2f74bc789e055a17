//! `framing segment`: typed units of each input text, with byte offsets into it.

use std::path::PathBuf;

use serde_json::{json, Value};

use super::jsonl::{map_lines, text_field};
use framing::segment::{display_text, segment, Headline, Options};

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
    // A line comes without its outlet's other articles, so only the built-in artefacts are furniture.
    let furniture = framing::furniture::Furniture::artefacts_only();
    map_lines(args.input.as_ref(), |object, line| {
        let text = text_field(&object, "text")?;
        let ranges = furniture.ranges("", text);
        let options = Options {
            headline: if args.no_headline {
                Headline::Absent
            } else {
                Headline::Detect
            },
            standfirst: args.standfirst,
            furniture: &ranges,
        };
        let units: Vec<Value> = segment(text, &options)
            .iter()
            .map(|u| {
                let a = &u.attribution;
                let scored = u.kind.is_scored();
                let spans = |spans: &[std::ops::Range<usize>]| -> Vec<String> {
                    spans
                        .iter()
                        .map(|r| display_text(&text[r.clone()]).into_owned())
                        .collect()
                };
                json!({
                    "kind": u.kind.as_str(),
                    "paragraph": u.paragraph,
                    "text": display_text(u.text(text)),
                    "start": u.start,
                    "end": u.end,
                    "voice": scored.then(|| a.voice.as_str()),
                    "speaker": a.speaker,
                    "speaker_mention": a.mention,
                    "reporting_verb": a.reporting_verb,
                    "quotes": spans(&a.quotes),
                    "scare_quotes": spans(&a.scare_quotes),
                })
            })
            .collect();
        let id = object
            .get("id")
            .cloned()
            .unwrap_or_else(|| Value::from(line));
        let mut result = serde_json::Map::new();
        result.insert("id".into(), id);
        result.insert("units".into(), Value::Array(units));
        Ok(result)
    })
}
