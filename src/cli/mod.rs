//! Subcommand definitions and dispatch. Each subcommand lives in its own file.

mod analyze;
mod explain;
mod jsonl;
mod kwic;
mod lexicon;
mod score;
mod segment;

use clap::{Parser, Subcommand};

/// Comparative framing and sentiment analysis of news.
#[derive(Debug, Parser)]
#[command(name = "framing", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyse a corpus: segment, score, aggregate, compare and write tables, charts and a summary.
    Analyze(analyze::Args),
    /// Score JSON lines {"text": ...} with VADER and the framing lexicons.
    Score(score::Args),
    /// Segment JSON lines {"id": ..., "text": ...} into typed units.
    Segment(segment::Args),
    /// Check, list, measure coverage of, and import framing dictionaries.
    Lexicon(lexicon::Args),
    /// Keyword in context over the corpus, for a term or a whole category.
    Kwic(kwic::Args),
    /// Show why a text scores as it does: frame hits and VADER's working, rule by rule.
    Explain(explain::Args),
}

/// Parses the command line and runs the chosen subcommand.
pub fn run() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Analyze(args) => analyze::run(args),
        Command::Score(args) => score::run(args),
        Command::Segment(args) => segment::run(args),
        Command::Lexicon(args) => lexicon::run(args),
        Command::Kwic(args) => kwic::run(args),
        Command::Explain(args) => explain::run(args),
    }
}
