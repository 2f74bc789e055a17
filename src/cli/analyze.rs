//! `framing analyze`: the whole pipeline over a corpus directory.

use std::path::PathBuf;

use std::io::IsTerminal;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use framing::progress::Progress;

/// Options of `framing analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus directory: corpus.toml plus the article files it lists, or a folder of .txt files (one
    /// article each, metadata from an optional metadata.csv or from --name-fields).
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
    #[command(flatten)]
    stats: super::StatsArgs,
    /// Analyse only shard I of N (records whose position modulo N is I, from 0) and write its parts for
    /// `framing merge` instead of tables.
    #[arg(long, value_parser = parse_shard)]
    shard: Option<(usize, usize)>,
    /// Only survey the corpus file (page furniture, near-duplicates, duplicate ids) and write the survey to
    /// FILE, for `--shard` runs to share with `--survey FILE` instead of each surveying the whole corpus.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["survey", "shard"])]
    survey_out: Option<PathBuf>,
    /// Use the survey that `--survey-out` wrote over the same corpus file instead of surveying it again.
    #[arg(long, value_name = "FILE")]
    survey: Option<PathBuf>,
    /// Write the sentence and frame-hit tables (one row per sentence and per hit). On by default for a
    /// corpus directory, off for a corpus file, where they grow with the corpus.
    #[arg(long, conflicts_with = "no_sentences")]
    sentences: bool,
    /// Do not write the sentence and frame-hit tables.
    #[arg(long)]
    no_sentences: bool,
    /// Page furniture (gallery captions, video players, newsletter pitches, credit lines): `on` removes
    /// the built-in scraping artefacts and the strings learned per outlet in a first pass; `off` keeps all.
    #[arg(long, default_value = "on", value_parser = ["on", "off"])]
    furniture: String,
    /// Metadata field naming each article's outlet, whose articles furniture is learned from.
    #[arg(long, default_value = "outlet")]
    source_field: String,
    /// Near-duplicate articles (syndicated copies, republished updates): `flag` lists them
    /// (duplicates.csv, the articles table's duplicate_of) and analyses all; `drop-within-group`
    /// analyses one copy per cluster and group; `drop` one per cluster; `off` does not look.
    #[arg(long, default_value = "flag", value_parser = ["flag", "drop-within-group", "drop", "off"])]
    near_duplicates: String,
    /// Estimated Jaccard similarity of word 5-shingles from which two articles count as near-duplicates.
    #[arg(long, default_value_t = 0.8, value_parser = parse_share)]
    duplicate_threshold: f64,
    /// The sampling unit of every interval: `paragraph`, `article`, or a metadata field whose values
    /// are resampled whole (e.g. `outlet`). Default: articles, or paragraphs when a group has fewer than
    /// 20 articles (as in the two-article default corpus).
    #[arg(long)]
    cluster_by: Option<String>,
    /// Metadata field holding each article's date (e.g. `date`): adds the `trends` table and the
    /// trend charts. Articles whose date is missing or unreadable stay in every other table and are
    /// listed in rejects.csv.
    #[arg(long)]
    time_field: Option<String>,
    /// Width of the trends table's time bins (with --time-field; default month).
    #[arg(long, requires = "time_field", value_parser = ["week", "month", "quarter", "year"])]
    time_bin: Option<String>,
    /// For a --data folder of .txt files (no corpus.toml): the fields each file name holds, split on
    /// `_`, e.g. `outlet,date,id` for bbc_2020-01-03_x1.txt (`id` sets the id; default: the name).
    #[arg(long, value_delimiter = ',')]
    name_fields: Vec<String>,
    /// Prefix CSV text cells that begin with = + - @ (a formula to a spreadsheet) with ', for
    /// opening the tables in Excel or LibreOffice; numbers and the Parquet files are never altered.
    #[arg(long)]
    csv_safe: bool,
    /// Print nothing on success.
    #[arg(long)]
    quiet: bool,
    /// Print the wall time of each stage on stderr (even with --quiet).
    #[arg(long)]
    timings: bool,
}

/// Runs the analysis and reports where the output went.
pub fn run(args: Args) -> anyhow::Result<()> {
    let surveyed_only = args.survey_out.is_some();
    let config = framing::Config {
        csv_safe: args.csv_safe,
        name_fields: args.name_fields,
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
        seed: args.stats.seed,
        replicates: args.stats.replicates,
        background: args.stats.background,
        all_words: args.stats.all_words,
        shard: args.shard,
        survey_out: args.survey_out.clone(),
        survey_in: args.survey,
        command_line: super::command_line(),
        progress: Default::default(),
        sentence_table: match (args.sentences, args.no_sentences) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        furniture: framing::furniture::Options {
            enabled: args.furniture == "on",
            source_field: args.source_field,
            ..Default::default()
        },
        near_duplicates: match args.near_duplicates.as_str() {
            "drop-within-group" => Some(framing::duplicates::Mode::DropWithinGroup),
            "drop" => Some(framing::duplicates::Mode::Drop),
            "off" => None,
            _ => Some(framing::duplicates::Mode::Flag),
        },
        duplicate_threshold: args.duplicate_threshold,
        cluster_by: args.cluster_by,
        trends: match args.time_field {
            Some(field) => Some(framing::time::Trends {
                field,
                bin: args
                    .time_bin
                    .as_deref()
                    .unwrap_or("month")
                    .parse()
                    .map_err(anyhow::Error::msg)?,
            }),
            None => None,
        },
    };
    let display = (!args.quiet && std::io::stderr().is_terminal())
        .then(|| show_progress(config.progress.clone()));
    let result = framing::run(&config);
    if let Some((done, handle)) = display {
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = handle.join();
    }
    let summary = result.context("analysis failed; any previous output was left as it was")?;
    if args.timings {
        if let Ok(stages) = config.progress.stages.lock() {
            for (stage, took) in stages.iter() {
                eprintln!("timing: {stage}: {:.3} s", took.as_secs_f64());
            }
        }
    }
    for warning in &summary.warnings {
        eprintln!("warning: {warning}");
    }
    if args.quiet {
        return Ok(());
    }
    if surveyed_only {
        eprintln!(
            "surveyed {} articles ({} more records repeat an earlier id); wrote {}: give it to every shard with --survey",
            summary.articles,
            summary.rejected,
            summary.out.display()
        );
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

/// Draws one progress line on stderr four times a second until `done` is set: the phase, articles and
/// sentences done, the rate and the time left.
fn show_progress(progress: Arc<Progress>) -> (Arc<AtomicBool>, std::thread::JoinHandle<()>) {
    let done = Arc::new(AtomicBool::new(false));
    let flag = done.clone();
    let handle = std::thread::spawn(move || {
        let start = Instant::now();
        let mut drawn = false;
        while !flag.load(std::sync::atomic::Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(250));
            let total = Progress::get(&progress.articles_total);
            if total == 0 {
                continue;
            }
            let segmented = Progress::get(&progress.articles_segmented);
            let (units, scored) = (
                Progress::get(&progress.units_total),
                Progress::get(&progress.units_scored),
            );
            let secs = start.elapsed().as_secs_f64().max(1e-3);
            let line = if units == 0 {
                format!(
                    "segmenting: {segmented}/{total} articles, {:.0} articles/s",
                    segmented as f64 / secs
                )
            } else if scored < units {
                let rate = scored as f64 / secs;
                let left = (units - scored) as f64 / rate.max(1.0);
                format!("scoring: {total} articles, {scored}/{units} sentences, {rate:.0} sentences/s, ~{left:.0} s left")
            } else {
                format!("tables, statistics and charts for {total} articles, {units} sentences ({secs:.0} s so far)")
            };
            eprint!("\r\x1b[2K{line}");
            drawn = true;
        }
        if drawn {
            eprint!("\r\x1b[2K");
        }
    });
    (done, handle)
}

/// Parses a number between 0 and 1.
fn parse_share(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "{text:?} is not a number between 0 and 1, e.g. 0.8"
        )),
    }
}

/// Parses `I/N` with I < N.
fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let (i, n) = text
        .split_once('/')
        .ok_or("write the shard as I/N, e.g. 0/4")?;
    let i: usize = i
        .trim()
        .parse()
        .map_err(|_| format!("shard index {i:?} is not a number"))?;
    let n: usize = n
        .trim()
        .parse()
        .map_err(|_| format!("shard count {n:?} is not a number"))?;
    if n == 0 || i >= n {
        return Err(format!(
            "shard {i}/{n}: the index must be below the count (0/{n} to {}/{n})",
            n.max(1) - 1
        ));
    }
    Ok((i, n))
}
