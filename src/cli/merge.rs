//! `framing merge`: the tables, charts and report of one whole run, from the parts of `analyze --shard` runs.

use std::path::PathBuf;

use anyhow::Context;

/// Options of `framing merge`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The output directories of the shard runs.
    #[arg(required = true)]
    parts: Vec<PathBuf>,
    /// Output directory; replaced as a whole only when the merge succeeds.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    #[command(flatten)]
    paths: super::LexiconPaths,
    #[command(flatten)]
    stats: super::StatsArgs,
    /// Prefix CSV text cells that a spreadsheet would read as a formula with ' (as `analyze --csv-safe`).
    #[arg(long)]
    csv_safe: bool,
    /// Print nothing on success.
    #[arg(long)]
    quiet: bool,
}

/// Merges the parts and writes the output.
pub fn run(args: Args) -> anyhow::Result<()> {
    let config = framing::Config {
        lexicons: args.paths.lexicons,
        sentiment: args.paths.sentiment_lexicons,
        out: args.out,
        seed: args.stats.seed,
        replicates: args.stats.replicates,
        background: args.stats.background,
        all_words: args.stats.all_words,
        command_line: super::command_line(),
        csv_safe: args.csv_safe,
        ..Default::default()
    };
    let summary = framing::merge(&config, &args.parts)
        .context("merge failed; any previous output was left as it was")?;
    if !args.quiet {
        eprintln!(
            "merged {} shards: {} articles, {} sentences; wrote {}",
            args.parts.len(),
            summary.articles,
            summary.sentences,
            summary.out.display()
        );
    }
    Ok(())
}
