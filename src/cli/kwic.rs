//! `framing kwic`: keyword in context over the corpus, for one term or a whole category.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use framing::frames::tokens::tokenize;
use framing::frames::{parse_term, Category, Lexicon, Matcher};
use framing::segment::display_text;

/// Options of `framing kwic`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A term (word, `glob*` or phrase, as in a lexicon file) or the name of a category.
    pattern: String,
    /// Words of context on each side (within the sentence).
    #[arg(long, default_value_t = 5)]
    window: usize,
    /// Corpus directory.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// Lexicon folder or built-in set, where category names are looked up.
    #[arg(long, default_value = "lexicons/frames")]
    lexicons: PathBuf,
}

/// Prints every match with its context, one per line.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let categories = super::load_lexicon(&args.lexicons)
        .map(|l| l.categories)
        .unwrap_or_default();
    let category = match categories.into_iter().find(|c| c.name == args.pattern) {
        Some(c) => c,
        None => {
            let term = parse_term(&args.pattern)
                .map_err(anyhow::Error::msg)
                .with_context(|| {
                    format!("{:?} is neither a category nor a valid term", args.pattern)
                })?;
            Category {
                name: "pattern".into(),
                definition: String::new(),
                parent: None,
                function: None,
                color: None,
                terms: vec![term],
                exclude_negated: false,
                min_hits: 1.0,
                path: PathBuf::new(),
            }
        }
    };
    let lexicon = Lexicon {
        categories: vec![category],
    };
    let matcher = Matcher::new(&lexicon);
    let articles = framing::corpus::load_dir(&args.data)?;
    let mut n = 0;
    for article in &articles {
        let mut sentence = 0;
        for unit in framing::segment::segment_article(article) {
            if !unit.kind.is_scored() {
                continue;
            }
            let text = unit.text(&article.text);
            let tokens = tokenize(text);
            for hit in matcher.find_in_tokens(&tokens) {
                let first = tokens
                    .iter()
                    .position(|t| t.span.start == hit.span.start)
                    .unwrap_or(0);
                let last = tokens
                    .iter()
                    .position(|t| t.span.end == hit.span.end)
                    .unwrap_or(first);
                let left_start = tokens[first.saturating_sub(args.window)].span.start;
                let right_end = tokens[(last + args.window).min(tokens.len() - 1)].span.end;
                let term = &lexicon.categories[0].terms[hit.term].text;
                writeln!(
                    out,
                    "{}:{:<4} {:>50} [{}] {:<50}  ({}{})",
                    article.id,
                    sentence,
                    display_text(&text[left_start..hit.span.start]).trim(),
                    display_text(&text[hit.span.clone()]),
                    display_text(&text[hit.span.end..right_end]).trim(),
                    term,
                    if hit.negated { ", negated" } else { "" }
                )?;
                n += 1;
            }
            sentence += 1;
        }
    }
    eprintln!("{n} matches in {} articles", articles.len());
    Ok(())
}
