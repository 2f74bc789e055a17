//! `framing analyze`: the whole pipeline over a corpus directory.

use std::path::PathBuf;

use anyhow::Context;

/// Options of `framing analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus directory: corpus.toml plus the article files it lists.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// A corpus file instead: JSON lines (plain or .gz), CSV or Parquet, one article per record.
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Record field holding the article id (with --corpus).
    #[arg(long, default_value = "id")]
    id_field: String,
    /// Record field holding the text (with --corpus).
    #[arg(long, default_value = "text")]
    text_field: String,
    /// Record fields kept as metadata, comma-separated (with --corpus).
    #[arg(
        long,
        default_value = "outlet,bias,topic,date,title,url",
        value_delimiter = ','
    )]
    fields: Vec<String>,
    #[command(flatten)]
    paths: super::LexiconPaths,
    /// Output directory; replaced as a whole only when the run succeeds.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Metadata field whose values are compared (any corpus.toml key).
    #[arg(long, default_value = "genre")]
    group_by: String,
    /// Seed of the paragraph bootstrap (same seed, same intervals).
    #[arg(long, default_value_t = framing::Config::default().seed)]
    seed: u64,
    /// Bootstrap replicates.
    #[arg(long, default_value_t = framing::Config::default().replicates)]
    replicates: usize,
    /// Background corpus for the log-odds prior (JSON lines with a "text" field, plain or .gz), e.g.
    /// ../shared/corpora/article-bias-prediction/articles.jsonl.gz; the pooled corpus by default.
    #[arg(long)]
    background: Option<PathBuf>,
    /// Print nothing on success.
    #[arg(long)]
    quiet: bool,
}

/// Runs the analysis and reports where the output went.
pub fn run(args: Args) -> anyhow::Result<()> {
    let config = framing::Config {
        data: args.data,
        corpus: args.corpus,
        fields: framing::corpus::records::FieldMap {
            id: args.id_field,
            text: args.text_field,
            metadata: args.fields,
        },
        lexicons: args.paths.lexicons,
        sentiment: args.paths.sentiment_lexicons,
        out: args.out,
        group_by: args.group_by,
        seed: args.seed,
        replicates: args.replicates,
        background: args.background,
        command_line: std::env::args().collect(),
    };
    let summary =
        framing::run(&config).context("analysis failed; any previous output was left as it was")?;
    if args.quiet {
        return Ok(());
    }
    eprintln!(
        "analysed {} articles ({} scored sentences, {} framing categories); wrote {}",
        summary.articles,
        summary.sentences,
        summary.categories,
        summary.out.display()
    );
    if summary.rejected > 0 {
        eprintln!(
            "skipped {} corpus records: see {}",
            summary.rejected,
            summary.out.join("rejects.csv").display()
        );
    }
    Ok(())
}
