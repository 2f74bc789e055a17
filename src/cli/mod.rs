//! Subcommand definitions and dispatch. Each subcommand lives in its own file.

mod analyze;
mod coding;
mod explain;
mod jsonl;
mod kwic;
mod lexicon;
mod merge;
mod score;
mod segment;
mod suggest;
mod validate;

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
    Analyze(Box<analyze::Args>),
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
    /// Merge the parts written by `analyze --shard I/N` runs into the output of one whole run.
    Merge(merge::Args),
    /// Measure a lexicon against human frame labels: precision, recall, F1 and AUC per label.
    Validate(validate::Args),
}

/// Where the lexicons live: options shared by the subcommands that score text.
#[derive(Debug, Clone, clap::Args)]
pub struct LexiconPaths {
    /// Folder of framing category files (*.toml, *.dic, *.yml), or a built-in set: frames, generic,
    /// policy (`framing lexicon list`). A folder wins over a built-in set of the same name; without
    /// lexicons/frames here, the built-in frames set is used.
    #[arg(long, default_value = "lexicons/frames")]
    pub lexicons: std::path::PathBuf,
    /// Folder of domain sentiment layers (*.tsv) behind `compound_domain`, or the built-in `sentiment`.
    #[arg(long, default_value = "lexicons/sentiment")]
    pub sentiment_lexicons: std::path::PathBuf,
}

impl LexiconPaths {
    /// Loads both lexicons into a scorer.
    pub fn scorer(&self) -> anyhow::Result<framing::score::Scorer> {
        let lexicon = load_lexicon(&self.lexicons)?;
        let domain = framing::sentiment::DomainLayer::load_dir(&framing::lexicons::resolve(
            &self.sentiment_lexicons,
        )?)?;
        Ok(framing::score::Scorer::new(lexicon, domain))
    }
}

/// Loads the framing lexicon a `--lexicons` argument names: a folder, or a built-in set.
pub fn load_lexicon(arg: &std::path::Path) -> anyhow::Result<framing::frames::Lexicon> {
    Ok(framing::frames::Lexicon::load_dir(
        &framing::lexicons::resolve(arg)?,
    )?)
}

/// The fields of a labelled file (`validate labels`, `lexicon suggest --labels`).
#[derive(Debug, Clone, clap::Args)]
pub struct LabelFieldArgs {
    /// Record field holding the id.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// Record field holding the text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// Record field holding the labels (default: `frames`, else `frame`).
    #[arg(long)]
    pub label_field: Option<String>,
}

impl LabelFieldArgs {
    /// The fields as the library names them.
    pub fn fields(&self) -> framing::validate::LabelFields {
        framing::validate::LabelFields {
            id: self.id_field.clone(),
            text: self.text_field.clone(),
            labels: self.label_field.clone(),
        }
    }
}

/// Where a subcommand reads its corpus: a corpus directory, or a corpus file streamed in batches.
#[derive(Debug, Clone, clap::Args)]
pub struct CorpusSource {
    /// Corpus directory (a `corpus.toml` manifest and its texts).
    #[arg(long, default_value = "data")]
    pub data: std::path::PathBuf,
    /// A corpus file instead (JSON lines, plain or .gz, CSV or Parquet; fields `id` and `text`).
    #[arg(long)]
    pub corpus: Option<std::path::PathBuf>,
}

impl CorpusSource {
    /// The path read: the file when one is given, else the directory.
    pub fn path(&self) -> &std::path::Path {
        self.corpus.as_deref().unwrap_or(&self.data)
    }

    /// Calls `each` with the corpus in batches, in corpus order: a file streamed, a directory at once.
    /// Records that cannot be read are reported on stderr and left out, as `analyze` leaves them out.
    pub fn for_each_batch(
        &self,
        mut each: impl FnMut(&[framing::corpus::Article]),
    ) -> anyhow::Result<()> {
        match &self.corpus {
            Some(file) => {
                let fields = framing::corpus::records::FieldMap::default();
                let rejected = framing::corpus::records::stream_file(
                    file,
                    &fields,
                    framing::BATCH,
                    |_| true,
                    |batch| {
                        each(&batch);
                        Ok(())
                    },
                )?;
                if !rejected.is_empty() {
                    eprintln!(
                        "{} records of {} left out (unreadable or empty)",
                        rejected.len(),
                        file.display()
                    );
                }
            }
            None => each(&framing::corpus::load_dir(&self.data)?),
        }
        Ok(())
    }
}

/// Options of the group statistics, shared by `analyze` and `merge`.
#[derive(Debug, Clone, clap::Args)]
pub struct StatsArgs {
    /// Seed of the paragraph bootstrap (same seed, same intervals).
    #[arg(long, default_value_t = framing::Config::default().seed)]
    pub seed: u64,
    /// Bootstrap replicates.
    #[arg(long, default_value_t = framing::Config::default().replicates)]
    pub replicates: usize,
    /// Background corpus for the log-odds prior (JSON lines with a "text" field, plain or .gz), e.g.
    /// ../shared/corpora/article-bias-prediction/articles.jsonl.gz; the pooled corpus by default.
    #[arg(long)]
    pub background: Option<std::path::PathBuf>,
    /// List pure numbers and single letters among the distinctive and key words too (they are always in
    /// word_counts).
    #[arg(long)]
    pub all_words: bool,
}

/// The message of a failed command as `framing` prints it: the error and its causes, each cause
/// only when its text is not already in what comes before (a library error names its cause in its own
/// message, so `{:#}` would print the operating system's words twice).
pub fn message(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// `framing score` over the JSON lines of `reader` (named `name` in messages), written to `out`: the
/// command's own code, for embedding and for the fuzz targets in `fuzz/`.
pub fn score_reader(
    scorer: &framing::score::Scorer,
    name: &str,
    reader: impl std::io::BufRead,
    out: impl std::io::Write,
) -> anyhow::Result<()> {
    jsonl::map_reader(name, reader, out, |object, _| {
        score::score_object(scorer, object)
    })
}

/// `framing segment` over the JSON lines of `reader`, written to `out` (see [`score_reader`]).
pub fn segment_reader(
    name: &str,
    reader: impl std::io::BufRead,
    out: impl std::io::Write,
    standfirst: bool,
    no_headline: bool,
) -> anyhow::Result<()> {
    jsonl::map_reader(name, reader, out, |object, line| {
        segment::segment_object(&object, line, standfirst, no_headline)
    })
}

/// Parses the command line and runs the chosen subcommand.
pub fn run() -> anyhow::Result<()> {
    dispatch(Cli::parse().command)
}

/// Runs one command given as its arguments (without the program name), as `framing ARGS...` would;
/// a usage error is returned with clap's message instead of exiting the process.
pub fn run_args<I, T>(args: I) -> anyhow::Result<()>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = std::iter::once("framing".into())
        .chain(args.into_iter().map(Into::into))
        .collect();
    let cli = Cli::try_parse_from(&args)
        .map_err(|e| anyhow::anyhow!("{}", e.render().to_string().trim_end()))?;
    COMMAND_LINE.with(|c| {
        *c.borrow_mut() = Some(
            args.iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
        )
    });
    let result = dispatch(cli.command);
    COMMAND_LINE.with(|c| *c.borrow_mut() = None);
    result
}

thread_local! {
    /// The arguments of the command [`run_args`] is running on this thread, for the report's manifest
    /// (the process's own arguments are those of its host, such as Python's).
    static COMMAND_LINE: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// The command line the report records: the arguments given to [`run_args`], else the process's.
pub fn command_line() -> Vec<String> {
    COMMAND_LINE
        .with(|c| c.borrow().clone())
        .unwrap_or_else(|| std::env::args().collect())
}

fn dispatch(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Analyze(args) => analyze::run(*args),
        Command::Score(args) => score::run(args),
        Command::Segment(args) => segment::run(args),
        Command::Lexicon(args) => lexicon::run(args),
        Command::Kwic(args) => kwic::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Validate(args) => validate::run(args),
    }
}
