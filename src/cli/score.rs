//! `framing score`: the public interface to the scorer. Each input line's text is scored exactly as given
//! (no normalisation), so the sentiment fields equal vaderSentiment 3.3.2's `polarity_scores`.

use std::path::PathBuf;

use serde_json::{json, Map, Value};

use super::jsonl::{map_lines, text_field};

/// Options of `framing score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON-lines file to read instead of stdin; each line an object with a "text" field.
    #[arg(long)]
    input: Option<PathBuf>,
    #[command(flatten)]
    paths: super::LexiconPaths,
}

/// Scores every input line and writes the line's fields plus the scores.
pub fn run(args: Args) -> anyhow::Result<()> {
    let scorer = args.paths.scorer()?;
    map_lines(args.input.as_ref(), |object, _| {
        score_object(&scorer, object)
    })
}

/// One input object with its scores added.
pub(super) fn score_object(
    scorer: &framing::score::Scorer,
    mut object: Map<String, Value>,
) -> anyhow::Result<Map<String, Value>> {
    let score = scorer.score_text(text_field(&object, "text")?);
    let s = score.sentiment;
    let mut frames = Map::new();
    let hits = score.hits_per_category(scorer.lexicon.categories.len());
    for (category, hits) in scorer.lexicon.categories.iter().zip(hits) {
        frames.insert(category.name.clone(), Value::from(hits));
    }
    object.insert("neg".into(), json!(s.neg));
    object.insert("neu".into(), json!(s.neu));
    object.insert("pos".into(), json!(s.pos));
    object.insert("compound".into(), json!(s.compound));
    object.insert(
        "compound_domain".into(),
        json!(score.sentiment_domain.compound),
    );
    object.insert("frames".into(), Value::Object(frames));
    object.insert("tokens".into(), json!(score.tokens));
    Ok(object)
}
