//! `framing explain`: why a text scores as it does — its word tokens with every frame hit, then VADER's
//! working token by token (lexicon valence and which layer supplied it, every rule that changed it), ending
//! in the scores `framing score` gives for the same text.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context};
use framing::score::sentiment_text;
use framing::segment::{display_text, segment_article};

/// Options of `framing explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The text to explain (or use --article and --sentence).
    text: Option<String>,
    /// Explain a sentence of the corpus: the article's id ...
    #[arg(long, requires = "sentence", conflicts_with = "text")]
    article: Option<String>,
    /// ... and the sentence's number (the `sentence` column of sentences.csv).
    #[arg(long, requires = "article")]
    sentence: Option<usize>,
    /// Print the explanation as JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Corpus directory (with --article).
    #[arg(long, default_value = "data")]
    data: PathBuf,
    #[command(flatten)]
    paths: super::LexiconPaths,
}

/// Prints the explanation.
pub fn run(args: Args) -> anyhow::Result<()> {
    let scorer = args.paths.scorer()?;
    let mut out = std::io::stdout().lock();
    // The text VADER scores, the text frames are matched on, and a note on where they came from.
    let (sentiment_input, frame_input, note) = match (&args.text, &args.article, args.sentence) {
        (Some(text), None, None) => (text.clone(), text.clone(), None),
        (None, Some(id), Some(n)) => {
            let articles = framing::corpus::load_dir(&args.data)?;
            let article = articles
                .iter()
                .find(|a| &a.id == id)
                .with_context(|| format!("no article {id:?} in {}", args.data.display()))?;
            let units: Vec<_> = segment_article(article)
                .into_iter()
                .filter(|u| u.kind.is_scored())
                .collect();
            let unit = units.get(n).with_context(|| {
                format!(
                    "article {id:?} has {} scored sentences (0 to {})",
                    units.len(),
                    units.len().saturating_sub(1)
                )
            })?;
            let whole = unit.text(&article.text).to_string();
            let scored =
                framing::normalise::for_scoring(&sentiment_text(&article.text, unit)).into_owned();
            let a = &unit.attribution;
            let note = format!(
                "{id} sentence {n} ({}, voice {}{}){}",
                unit.kind.as_str(),
                a.voice.as_str(),
                a.speaker
                    .as_deref()
                    .map(|s| format!(", speaker {s}"))
                    .unwrap_or_default(),
                if scored != framing::normalise::for_scoring(&whole) {
                    "\nVADER scores the quoted words alone (curly quotes made ASCII), as `analyze` does"
                } else {
                    ""
                }
            );
            (scored, whole, Some(note))
        }
        _ => bail!("give a TEXT, or --article ID --sentence N"),
    };
    let plain = scorer.vader().explain(&sentiment_input, None);
    let layered = scorer
        .vader()
        .explain(&sentiment_input, Some(&scorer.domain));
    let hits = scorer.score_text(&frame_input).frames;
    if args.json {
        let frames: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                let c = &scorer.lexicon.categories[h.category];
                serde_json::json!({
                    "category": c.name, "term": c.terms[h.term].text, "matched": &frame_input[h.span.clone()],
                    "start": h.span.start, "end": h.span.end, "negated": h.negated,
                })
            })
            .collect();
        let value = serde_json::json!({
            "text": frame_input, "scored_text": sentiment_input, "frames": frames,
            "vader": plain, "vader_domain": layered,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    if let Some(note) = note {
        writeln!(out, "{note}")?;
    }
    writeln!(out, "text: {}\n", display_text(&frame_input))?;
    writeln!(out, "frame hits ({}):", hits.len())?;
    for h in &hits {
        let c = &scorer.lexicon.categories[h.category];
        writeln!(
            out,
            "  {:<24} {:<28} {:?} at {}..{}{}",
            c.name,
            c.terms[h.term].text,
            &frame_input[h.span.clone()],
            h.span.start,
            h.span.end,
            if h.negated { "  negated" } else { "" }
        )?;
    }
    writeln!(
        out,
        "\nVADER (vaderSentiment 3.3.2 rules) on: {sentiment_input}"
    )?;
    write!(out, "{}", plain.render())?;
    if layered.sentiment != plain.sentiment {
        writeln!(
            out,
            "\nwith the domain layer ({}):",
            scorer
                .domain
                .files()
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        write!(out, "{}", layered.render())?;
    } else {
        writeln!(
            out,
            "\ncompound_domain {} (no word of the domain layer)",
            layered.sentiment.compound
        )?;
    }
    Ok(())
}
