//! `framing`: comparative framing and sentiment analysis of news, as a library.
//!
//! The pipeline is a chain of stages, each a module with plain input and output types:
//!
//! ```text
//! corpus (directory or file) ─▶ batches of Article ─▶ per article (rayon): segment::segment_article
//!   ─▶ score::score_article ─▶ aggregate::Accumulator (article rows + mergeable sums)
//!   ─▶ aggregate::tables_from_parts (polars) ─▶ Tables ─▶ compare ─▶ render::render ─▶ output directory
//! ```
//!
//! [`run`] chains them for `framing analyze`; other programs can call the stages one by one. See
//! ARCHITECTURE.md for the invariants between stages.

// The command line lives in the library so that bindings (the Python package) run the very same
// commands, with the same messages; its files call the library by name, as a separate crate would.
extern crate self as framing;

pub mod aggregate;
pub mod bindings;
pub mod cli;
pub mod coding;
pub mod compare;
pub mod corpus;
pub mod csv_safe;
pub mod duplicates;
pub mod error;
pub mod frames;
pub mod furniture;
pub mod lexicons;
pub mod normalise;
pub mod output;
pub mod progress;
pub mod render;
pub mod score;
pub mod segment;
pub mod sentiment;
pub mod shard;
pub mod stats;
pub mod suggest;
pub mod survey;
pub mod time;
pub mod validate;

use std::path::PathBuf;

pub use error::{Error, Result};

/// What `framing analyze` needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    /// Corpus directory holding `corpus.toml` and the article files.
    pub data: PathBuf,
    /// A corpus file of records (JSON lines, plain or .gz) to read instead of `data`.
    pub corpus: Option<PathBuf>,
    /// Which record fields hold the id, text and metadata (with `corpus`).
    pub fields: corpus::records::FieldMap,
    /// Directory of framing category files, or a built-in set (see [`lexicons::resolve`]).
    pub lexicons: PathBuf,
    /// Directory of domain sentiment layers (`*.tsv`) for `compound_domain`, or a built-in set.
    pub sentiment: PathBuf,
    /// Output directory, replaced as a whole when the run succeeds.
    pub out: PathBuf,
    /// Article metadata field whose values form the compared groups.
    pub group_by: String,
    /// Seed of the bootstrap.
    pub seed: u64,
    /// Bootstrap replicates.
    pub replicates: usize,
    /// Background corpus (JSON lines, plain or .gz) for the log-odds prior; the pooled corpus when `None`.
    pub background: Option<PathBuf>,
    /// List pure numbers and single letters among the distinctive and key words too.
    pub all_words: bool,
    /// The command line that started the run, for the report's manifest.
    pub command_line: Vec<String>,
    /// Counters the run updates as it goes, for a progress display.
    pub progress: std::sync::Arc<progress::Progress>,
    /// `Some((i, n))`: analyse only shard i of n (records whose position modulo n is i) and write its
    /// parts for `framing merge` instead of tables.
    pub shard: Option<(usize, usize)>,
    /// Survey the corpus file (furniture, near-duplicates, duplicate ids) into this file and stop, for
    /// shard runs to share through `survey_in` instead of each surveying the whole corpus.
    pub survey_out: Option<PathBuf>,
    /// A survey written by `survey_out` over the same corpus file, used instead of surveying again.
    pub survey_in: Option<PathBuf>,
    /// Whether to write the sentence and frame-hit tables (they grow with the corpus); `None` writes
    /// them for a corpus directory and not for a corpus file.
    pub sentence_table: Option<bool>,
    /// Page furniture: on or off, the outlet field, the thresholds.
    pub furniture: furniture::Options,
    /// Near-duplicates: what to do with them, or `None` not to look for them.
    pub near_duplicates: Option<duplicates::Mode>,
    /// Estimated Jaccard similarity of word 5-shingles from which two articles are near-duplicates.
    pub duplicate_threshold: f64,
    /// The sampling unit of the intervals: `paragraph`, `article` or a metadata field; `None` picks
    /// articles, or paragraphs where a group has fewer than [`MIN_ARTICLE_CLUSTERS`] articles.
    pub cluster_by: Option<String>,
    /// The trends table: the date field and the bin width (`--time-field`, `--time-bin`); none without.
    pub trends: Option<time::Trends>,
    /// Prefix CSV text cells that a spreadsheet would read as a formula (see [`csv_safe`]).
    pub csv_safe: bool,
    /// For a `data` folder of `.txt` files: the fields their names hold, split on `_`
    /// (see [`corpus::folder`]).
    pub name_fields: Vec<String>,
}

/// Articles every group needs for articles to be the default sampling unit; below, paragraphs.
pub const MIN_ARTICLE_CLUSTERS: u64 = 20;

impl Config {
    /// The same configuration with both lexicon paths resolved to a folder or a built-in set.
    pub fn resolved(&self) -> Result<Config> {
        Ok(Config {
            lexicons: lexicons::resolve(&self.lexicons)?,
            sentiment: lexicons::resolve(&self.sentiment)?,
            ..self.clone()
        })
    }
}

/// Articles segmented and scored together; the batch is the unit of streaming (memory holds about two
/// batches of text besides the sums).
pub const BATCH: usize = 2048;

impl Default for Config {
    fn default() -> Self {
        Config {
            data: PathBuf::from("data"),
            corpus: None,
            fields: corpus::records::FieldMap::default(),
            lexicons: PathBuf::from("lexicons/frames"),
            sentiment: PathBuf::from("lexicons/sentiment"),
            out: PathBuf::from("output"),
            group_by: "genre".into(),
            seed: stats::BootstrapOptions::default().seed,
            replicates: stats::BootstrapOptions::default().replicates,
            background: None,
            all_words: false,
            command_line: Vec::new(),
            progress: Default::default(),
            shard: None,
            survey_out: None,
            survey_in: None,
            sentence_table: None,
            furniture: furniture::Options::default(),
            near_duplicates: Some(duplicates::Mode::Flag),
            duplicate_threshold: 0.8,
            cluster_by: None,
            trends: None,
            csv_safe: false,
            name_fields: Vec::new(),
        }
    }
}

/// A corpus segmented and scored: what `analyze`, `lexicon coverage`, `kwic` and `explain` start from.
#[derive(Debug, Clone)]
pub struct Scored {
    /// Each article's units, in corpus order.
    pub units: Vec<Vec<segment::Unit>>,
    /// Every scored unit, ordered by article then position.
    pub sentences: Vec<score::ScoredSentence>,
}

/// Segments and scores every article, in parallel, keeping every unit (for `score`, `kwic`, `explain` and
/// `lexicon coverage`; `analyze` streams instead).
pub fn score_articles(articles: &[corpus::Article], scorer: &score::Scorer) -> Scored {
    use rayon::prelude::*;
    let units: Vec<Vec<segment::Unit>> =
        articles.par_iter().map(segment::segment_article).collect();
    let sentences = score::score_corpus(articles, &units, scorer, &progress::Progress::default());
    Scored { units, sentences }
}

/// What a finished run reports.
#[derive(Debug, Clone)]
pub struct RunSummary {
    /// Number of articles analysed.
    pub articles: usize,
    /// Number of scored units (sentences, headlines, headings).
    pub sentences: usize,
    /// Number of framing categories.
    pub categories: usize,
    /// Number of corpus records left out (see `rejects.csv`).
    pub rejected: usize,
    /// Where the output was written.
    pub out: PathBuf,
    /// What the user should know about the run (each also in the report).
    pub warnings: Vec<String>,
}

/// Runs the whole pipeline: load, segment, score, aggregate, compare, render, then swap the output in.
/// Corpus files stream through in batches of [`BATCH`] articles.
pub fn run(config: &Config) -> Result<RunSummary> {
    let start = std::time::Instant::now();
    let config = &config.resolved()?;
    let lexicon = frames::Lexicon::load_dir(&config.lexicons)?;
    let domain = sentiment::DomainLayer::load_dir(&config.sentiment)?;
    let scorer = score::Scorer::new(lexicon, domain);
    let clock = config.progress.stage("lexicons", start);
    let sentence_table = config.sentence_table.unwrap_or(config.corpus.is_none());
    let mut fields = config.fields.clone();
    let source_field = &config.furniture.source_field;
    let time_field = config.trends.as_ref().map(|t| &t.field);
    for field in std::iter::once(source_field)
        .chain(config.cluster_by.as_ref())
        .chain(time_field)
    {
        if !fields.metadata.contains(field) && !["paragraph", "article"].contains(&field.as_str()) {
            fields.metadata.push(field.clone());
        }
    }
    let (mut directory, folder_rejected) = match &config.corpus {
        Some(_) => (None, Vec::new()),
        None => {
            let options = corpus::folder::Options {
                name_fields: config.name_fields.clone(),
            };
            let (articles, rejected) = corpus::load_dir_with(&config.data, &options)?;
            (Some(articles), rejected)
        }
    };
    // Shards split the corpus by source position, so every record lands in exactly one shard.
    let keep = |line: usize| config.shard.is_none_or(|(i, n)| (line.max(1) - 1) % n == i);
    if let Some(path) = &config.survey_out {
        return write_survey(config, &fields, path, &scorer);
    }
    let (survey, mut cached, known_duplicates) = match &config.survey_in {
        Some(path) => {
            let file = read_survey(config, path)?;
            let lines = file.duplicate_lines.into_iter().collect();
            (file.survey, None, Some(lines))
        }
        None => {
            let surveyed = survey_corpus(config, &fields, directory.as_deref(), &keep, false)?;
            (surveyed.0, surveyed.1, None)
        }
    };
    let clock = config
        .progress
        .stage("survey (furniture, near-duplicates)", clock);
    let dropped = survey
        .notes
        .duplicates
        .as_ref()
        .map(duplicates::Found::dropped)
        .unwrap_or_default();
    let unit = cluster_unit(config, &survey.notes.group_articles, directory.as_deref());
    let mut acc = aggregate::Accumulator::new(&scorer, &config.group_by, sentence_table)
        .with_survey(&survey, source_field)
        .with_cluster_unit(unit.clone())
        .with_trends(config.trends.clone());
    let mut staging = None;
    let mut add = |mut batch: Vec<corpus::Article>| -> Result<()> {
        if !dropped.is_empty() {
            batch.retain(|a| !dropped.contains(a.id.as_str()));
            if batch.is_empty() {
                return Ok(());
            }
        }
        if staging.is_none() {
            check_group_field(&batch, config)?;
            check_cluster_field(&batch, config)?;
            check_time_field(&batch, config)?;
            staging = Some(output::Staging::prepare(&config.out)?);
        }
        acc.add(batch, &config.progress)
    };
    let rejected = match (&config.corpus, directory.take()) {
        (Some(_), _) if cached.is_some() => {
            let (articles, rejected) = cached.take().unwrap_or_default();
            let mut rest = articles.into_iter().peekable();
            while rest.peek().is_some() {
                add(rest.by_ref().take(BATCH).collect())?;
            }
            rejected
        }
        (Some(file), _) => {
            let duplicates = match &known_duplicates {
                Some(lines) => corpus::records::Duplicates::Known(lines),
                None => corpus::records::Duplicates::Find,
            };
            corpus::records::stream_file_with(file, &fields, BATCH, keep, duplicates, &mut add)?
        }
        (None, articles) => {
            let mut articles = articles.unwrap_or_default();
            articles.retain(|a| keep(a.line));
            if !articles.is_empty() {
                add(articles)?;
            }
            // Files of a text folder that could not be read, in this shard's share.
            folder_rejected
                .into_iter()
                .filter(|r| keep(r.line))
                .collect()
        }
    };
    let clock = config.progress.stage("read, segment, score and sum", clock);
    if acc.articles() == 0 && config.shard.is_none() {
        return Err(Error::CorpusNotFound {
            path: config.corpus.clone().unwrap_or_else(|| config.data.clone()),
            hint: format!("no usable article ({} records rejected)", rejected.len()),
        });
    }
    let staging = match staging {
        Some(s) => s,
        None => output::Staging::prepare(&config.out)?,
    };
    let (articles, sentences) = (acc.articles(), acc.sentences());
    let article_files = match config.corpus {
        Some(_) => Vec::new(),
        None => acc.article_files(),
    };
    // Hashing the inputs for the manifest overlaps the merging of the sums.
    let (finished, manifest) = rayon::join(
        || acc.finish(),
        || {
            config
                .shard
                .is_none()
                .then(|| run_manifest(config, &article_files))
                .transpose()
        },
    );
    let (parts, metadata) = finished?;
    let mut warnings = survey::sampling_warnings(&survey.notes, &metadata, &config.group_by, &unit);
    let mut rejected = rejected;
    if let Some(trends) = &config.trends {
        let before = rejected.len();
        rejected.extend(undated(&metadata, trends));
        if rejected.len() > before {
            warnings.push(format!(
                "{} of {} articles have no usable date in `{}`: they count in every table but `trends` and are listed in rejects.csv (left_out_of = trends) with the reason",
                rejected.len() - before,
                metadata.len(),
                trends.field
            ));
        }
    }
    let manifest = manifest?;
    config.progress.stage("article tables and manifest", clock);
    match manifest {
        None => shard::write_parts(
            staging.path(),
            &parts,
            &rejected,
            &shard::ShardInfo {
                group_by: config.group_by.clone(),
                shard: config.shard.unwrap_or((0, 1)),
                lexicons: lexicon_fingerprint(config)?,
            },
        )?,
        Some(manifest) => finish(
            staging.path(),
            config,
            parts,
            &metadata,
            &rejected,
            &scorer.lexicon,
            &manifest,
        )?,
    }
    let clock = std::time::Instant::now();
    if config.csv_safe {
        csv_safe::make_dir_safe(staging.path())?;
    }
    let out = staging.commit()?;
    config.progress.stage("commit", clock);
    config.progress.stage("total", start);
    Ok(RunSummary {
        articles,
        sentences,
        categories: scorer.lexicon.categories.len(),
        rejected: corpus::records::left_out(&rejected).count(),
        out,
        warnings,
    })
}

/// Text kept from the survey pass for the main pass, at most: a corpus file whose texts (of the records
/// this run analyses) fit is read once; a larger one is read again, so memory stays bounded.
const SURVEY_CACHE_BYTES: usize = 256 << 20;

/// A corpus file's articles and rejects, kept by the survey for the main pass.
type Cached = (Vec<corpus::Article>, Vec<corpus::records::Rejected>);

/// The survey pass ([`survey`]) over the whole corpus: the file, read once more unless its kept records
/// fit in [`SURVEY_CACHE_BYTES`] (then they come back with it), or the directory's articles. Every shard
/// surveys every record, so all shards remove the same furniture and agree on the near-duplicate clusters.
fn survey_corpus(
    config: &Config,
    fields: &corpus::records::FieldMap,
    directory: Option<&[corpus::Article]>,
    keep: &(dyn Fn(usize) -> bool + Sync),
    always: bool,
) -> Result<(survey::Survey, Option<Cached>, Vec<usize>)> {
    let options = survey::Options {
        furniture: config.furniture.clone(),
        near_duplicates: config.near_duplicates,
        duplicate_threshold: config.duplicate_threshold,
        group_by: config.group_by.clone(),
    };
    let mut surveyor = survey::Surveyor::new(&options);
    if !always && !config.furniture.enabled && config.near_duplicates.is_none() {
        return Ok((surveyor.finish(), None, Vec::new()));
    }
    let mut cache = Some((Vec::new(), 0usize));
    let rejected = match (&config.corpus, directory) {
        (Some(file), _) => corpus::records::stream_file(
            file,
            fields,
            BATCH,
            |_| true,
            |batch| {
                surveyor.add(&batch);
                if let Some((kept, bytes)) = &mut cache {
                    for a in batch.into_iter().filter(|a| keep(a.line)) {
                        *bytes += a.text.len();
                        kept.push(a);
                    }
                    if *bytes > SURVEY_CACHE_BYTES {
                        cache = None;
                    }
                }
                Ok(())
            },
        )?,
        (None, articles) => {
            surveyor.add(articles.unwrap_or_default());
            cache = None;
            Vec::new()
        }
    };
    let duplicate_lines = rejected
        .iter()
        .filter(|r| r.reason == corpus::records::DUPLICATE_ID)
        .map(|r| r.line)
        .collect();
    let cached = cache.map(|(articles, _)| {
        let rejected = rejected.into_iter().filter(|r| keep(r.line)).collect();
        (articles, rejected)
    });
    Ok((surveyor.finish(), cached, duplicate_lines))
}

/// The `format` of a survey file this version reads and writes.
const SURVEY_FORMAT: &str = "framing survey 1";

/// What `analyze --survey-out` writes: the survey of a whole corpus file, for its shard runs.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct SurveyFile {
    format: String,
    /// The corpus file surveyed, as given.
    corpus: PathBuf,
    survey: survey::Survey,
    /// Lines whose id an earlier line already has.
    duplicate_lines: Vec<usize>,
}

/// Surveys the whole corpus file and writes it to `path` (to a temporary name first, then renamed).
fn write_survey(
    config: &Config,
    fields: &corpus::records::FieldMap,
    path: &std::path::Path,
    scorer: &score::Scorer,
) -> Result<RunSummary> {
    let Some(corpus) = &config.corpus else {
        return Err(Error::Output {
            path: path.to_path_buf(),
            message: "--survey-out needs a corpus file (--corpus FILE); a corpus directory is read whole by every run".into(),
        });
    };
    let (survey, _, duplicate_lines) = survey_corpus(config, fields, None, &|_| false, true)?;
    let file = SurveyFile {
        format: SURVEY_FORMAT.into(),
        corpus: corpus.clone(),
        survey,
        duplicate_lines,
    };
    let json = serde_json::to_vec(&file).map_err(|e| Error::Output {
        path: path.to_path_buf(),
        message: format!("cannot encode the survey: {e}"),
    })?;
    let partial = path.with_extension("partial");
    std::fs::write(&partial, json).map_err(|e| Error::io(&partial, "cannot write", e))?;
    std::fs::rename(&partial, path).map_err(|e| Error::io(path, "cannot write", e))?;
    Ok(RunSummary {
        articles: file.survey.notes.articles as usize,
        sentences: 0,
        categories: scorer.lexicon.categories.len(),
        rejected: file.duplicate_lines.len(),
        out: path.to_path_buf(),
        warnings: Vec::new(),
    })
}

/// Reads a survey file and checks that it surveyed this corpus file with this run's options.
fn read_survey(config: &Config, path: &std::path::Path) -> Result<SurveyFile> {
    let bad = |message: String| Error::Output {
        path: path.to_path_buf(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "cannot read", e))?;
    let file: SurveyFile = serde_json::from_slice(&bytes).map_err(|e| {
        bad(format!(
            "not a survey written by `framing analyze --survey-out` ({e})"
        ))
    })?;
    if file.format != SURVEY_FORMAT {
        return Err(bad(format!(
            "survey format {:?}, but this version reads {SURVEY_FORMAT:?}: survey the corpus again",
            file.format
        )));
    }
    if config.corpus.as_ref() != Some(&file.corpus) {
        return Err(bad(format!(
            "surveys {}, not this run's corpus: give the same --corpus to the survey and to every shard",
            file.corpus.display()
        )));
    }
    let notes = &file.survey.notes;
    let same = notes.source_field == config.furniture.source_field
        && notes.furniture == config.furniture.enabled
        && notes
            .duplicates
            .as_ref()
            .map(|d| (d.mode.as_str(), d.threshold))
            == config
                .near_duplicates
                .map(|m| (m.as_str(), config.duplicate_threshold));
    if !same {
        return Err(bad(
            "surveyed with other options: give the survey run and every shard the same --furniture, --source-field, --near-duplicates, --duplicate-threshold and --group-by".into(),
        ));
    }
    Ok(file)
}

/// From the parts to the output: tables, comparison, statistics, charts, report.
fn finish(
    dir: &std::path::Path,
    config: &Config,
    parts: aggregate::Parts,
    articles: &[corpus::Article],
    rejected: &[corpus::records::Rejected],
    lexicon: &frames::Lexicon,
    manifest: &render::report::Manifest,
) -> Result<()> {
    let clock = std::time::Instant::now();
    let (tables, summary) = aggregate::tables_from_parts(parts, lexicon)?;
    let clock = config.progress.stage("group tables", clock);
    let diffs = compare::differences(&tables)?;
    let comparison = compare::comparison_table(&diffs)?;
    let background = match &config.background {
        Some(path) => Some(compare::contrast::background_counts(path)?),
        None => None,
    };
    let options = compare::contrast::Options {
        bootstrap: stats::BootstrapOptions {
            replicates: config.replicates,
            seed: config.seed,
            ..Default::default()
        },
        outlet_names: summary.notes.outlet_names(|w| {
            summary
                .groups
                .values()
                .map(|g| g.words.get(w).copied().unwrap_or(0))
                .sum()
        }),
        background,
        all_words: config.all_words,
        ..Default::default()
    };
    let groups = render::strings(&tables.groups, "group")?;
    let corpus = render::CorpusView {
        articles,
        lexicon,
        tables: &tables,
        summary: &summary,
        group_by: &config.group_by,
    };
    let (statistics, written) = rayon::join(
        || compare::contrast::statistics(&summary, lexicon, &groups, &options),
        || render::write_corpus_view(dir, &corpus),
    );
    let statistics = statistics?;
    written?;
    let clock = config
        .progress
        .stage("statistics, aggregate tables and charts", clock);
    render::render(
        dir,
        &render::RenderInput {
            corpus,
            comparison: &comparison,
            statistics: &statistics,
            manifest,
            rejected,
        },
    )?;
    config.progress.stage("render", clock);
    Ok(())
}

/// `framing merge`: the output of one whole run, from the parts that `--shard I/N` runs wrote.
pub fn merge(config: &Config, part_dirs: &[PathBuf]) -> Result<RunSummary> {
    let config = &config.resolved()?;
    let lexicon = frames::Lexicon::load_dir(&config.lexicons)?;
    let (parts, mut rejected, group_by) =
        shard::read_parts(part_dirs, &lexicon_fingerprint(config)?)?;
    // Records left out of everything first, then those left out of the trends, each in corpus order:
    // as a whole run lists them.
    rejected.sort_by_key(|r| (r.scope != corpus::records::RejectScope::Analysis, r.line));
    let articles = aggregate::articles_from_meta(&parts.meta)?;
    let sentences = parts.summary.units as usize;
    let staging = output::Staging::prepare(&config.out)?;
    let mut inputs = Vec::new();
    for dir in part_dirs {
        for name in shard::PART_FILES.iter().chain(&shard::ROW_PART_FILES) {
            let path = dir.join(name);
            if !path.exists() {
                continue;
            }
            inputs.push((
                "part".to_string(),
                path.display().to_string(),
                render::report::sha256_file(&path)?,
            ));
        }
    }
    let manifest = render::report::Manifest {
        command_line: config.command_line.clone(),
        seed: config.seed,
        replicates: config.replicates,
        background: config.background.as_ref().map(|p| p.display().to_string()),
        inputs,
    };
    let config = Config {
        group_by,
        ..config.clone()
    };
    finish(
        staging.path(),
        &config,
        parts,
        &articles,
        &rejected,
        &lexicon,
        &manifest,
    )?;
    if config.csv_safe {
        csv_safe::make_dir_safe(staging.path())?;
    }
    let out = staging.commit()?;
    Ok(RunSummary {
        articles: articles.len(),
        sentences,
        categories: lexicon.categories.len(),
        rejected: corpus::records::left_out(&rejected).count(),
        out,
        warnings: Vec::new(),
    })
}

/// The frame lexicon and sentiment layer files of a run: (role, path), in a stable order.
fn lexicon_files(config: &Config) -> Result<Vec<(&'static str, PathBuf)>> {
    let is_tsv = |p: &std::path::Path| p.extension().is_some_and(|x| x == "tsv");
    let mut files = Vec::new();
    for (role, dir) in [
        ("frame lexicon", &config.lexicons),
        ("sentiment layer", &config.sentiment),
    ] {
        for f in lexicons::list(dir, |p| frames::load::is_dictionary_file(p) || is_tsv(p))? {
            files.push((role, f));
        }
    }
    Ok(files)
}

/// One SHA-256 of the lexicons a run scores with: of every file's role, name and bytes, so that the
/// same files in another folder (or built in) give the same fingerprint. Shards and their merge must
/// agree on it.
fn lexicon_fingerprint(config: &Config) -> Result<String> {
    let mut all = Vec::new();
    for (role, path) in lexicon_files(config)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let hash = render::report::sha256_hex(&lexicons::read(&path)?);
        all.extend_from_slice(format!("{role}\t{}\t{hash}\n", name.unwrap_or_default()).as_bytes());
    }
    Ok(render::report::sha256_hex(&all))
}

/// The run's manifest: command line, seed, and every input file with its SHA-256.
/// `article_files` are the article files of a `data/` corpus (none for a corpus file).
fn run_manifest(config: &Config, article_files: &[PathBuf]) -> Result<render::report::Manifest> {
    let mut inputs = Vec::new();
    // A built-in lexicon file is hashed as embedded, under its `built-in:SET/FILE` path.
    let mut add = |role: &str, path: &std::path::Path| -> Result<()> {
        inputs.push((
            role.to_string(),
            path.display().to_string(),
            render::report::sha256_hex(&lexicons::read(path)?),
        ));
        Ok(())
    };
    match &config.corpus {
        Some(file) => add("corpus", file)?,
        None => {
            // A folder of .txt files has no manifest, and maybe a metadata.csv.
            let manifest = config.data.join(corpus::MANIFEST);
            let metadata = config.data.join(corpus::folder::METADATA);
            if manifest.is_file() {
                add("corpus manifest", &manifest)?;
            } else if metadata.is_file() {
                add("corpus metadata", &metadata)?;
            }
            for path in article_files {
                add("article", path)?;
            }
        }
    }
    for (role, path) in lexicon_files(config)? {
        add(role, &path)?;
    }
    if let Some(background) = &config.background {
        add("background corpus", background)?;
    }
    Ok(render::report::Manifest {
        command_line: config.command_line.clone(),
        seed: config.seed,
        replicates: config.replicates,
        background: config.background.as_ref().map(|p| p.display().to_string()),
        inputs,
    })
}

/// The sampling unit: as `--cluster-by` names it, else articles when every group has at least
/// [`MIN_ARTICLE_CLUSTERS`] of them (counted by the survey, or in the directory), else paragraphs.
fn cluster_unit(
    config: &Config,
    surveyed: &std::collections::BTreeMap<String, u64>,
    directory: Option<&[corpus::Article]>,
) -> aggregate::sums::ClusterUnit {
    use aggregate::sums::ClusterUnit;
    match config.cluster_by.as_deref() {
        Some("paragraph") => return ClusterUnit::Paragraph,
        Some("article") => return ClusterUnit::Article,
        Some(field) => return ClusterUnit::Field(field.to_string()),
        None => {}
    }
    let mut counts = surveyed.clone();
    if let Some(articles) = directory {
        counts.clear();
        for a in articles {
            *counts
                .entry(a.field(&config.group_by).to_string())
                .or_insert(0) += 1;
        }
    }
    // A corpus file not surveyed (furniture and near-duplicates off) is taken to be large.
    if counts.is_empty() && config.corpus.is_some() {
        return ClusterUnit::Article;
    }
    if !counts.is_empty() && counts.values().all(|&n| n >= MIN_ARTICLE_CLUSTERS) {
        ClusterUnit::Article
    } else {
        ClusterUnit::Paragraph
    }
}

fn check_cluster_field(articles: &[corpus::Article], config: &Config) -> Result<()> {
    match config.cluster_by.as_deref() {
        None | Some("paragraph" | "article") => Ok(()),
        // With --corpus the field is read into every article, empty where the record lacks it.
        Some(field) => check_field(
            articles,
            config,
            (field, "--cluster-by"),
            " (or `paragraph`, `article`)",
            |a| !a.field(field).is_empty(),
        ),
    }
}

fn check_time_field(articles: &[corpus::Article], config: &Config) -> Result<()> {
    match &config.trends {
        None => Ok(()),
        Some(t) => check_field(articles, config, (&t.field, "--time-field"), "", |a| {
            !a.field(&t.field).is_empty()
        }),
    }
}

/// The articles the trends table cannot place in a bin, as rejects that leave them in every other table.
fn undated<'a>(
    articles: &'a [corpus::Article],
    trends: &'a time::Trends,
) -> impl Iterator<Item = corpus::records::Rejected> + 'a {
    articles.iter().filter_map(|a| {
        let why = time::bin_of(a.field(&trends.field), trends.bin).err()?;
        Some(corpus::records::Rejected {
            line: a.line,
            id: Some(a.id.clone()),
            reason: format!("`{}`: {why}", trends.field),
            scope: corpus::records::RejectScope::Trends,
        })
    })
}

fn check_group_field(articles: &[corpus::Article], config: &Config) -> Result<()> {
    let field = &config.group_by;
    check_field(articles, config, (field, "--group-by"), "", |a| {
        a.fields.contains_key(field)
    })
}

/// An error naming `field` (given by `flag`) and the fields the articles do have (and the flag's
/// `alternatives`), unless some article `has` it.
fn check_field(
    articles: &[corpus::Article],
    config: &Config,
    (field, flag): (&str, &str),
    alternatives: &str,
    has: impl Fn(&corpus::Article) -> bool,
) -> Result<()> {
    if articles.iter().any(has) {
        return Ok(());
    }
    let mut known: Vec<&str> = articles
        .iter()
        .flat_map(|a| a.fields.keys().map(String::as_str))
        .collect();
    known.sort_unstable();
    known.dedup();
    let manifest = config.data.join(corpus::MANIFEST);
    let (path, how) = match &config.corpus {
        Some(file) => (file.clone(), "with --corpus, list it in --fields"),
        None if manifest.is_file() => (manifest, "or add the key to the corpus.toml entries"),
        // A folder of .txt files: its fields come from metadata.csv or the file names.
        None => (
            config.data.clone(),
            "or give the texts that field in a metadata.csv beside them, or in their names with --name-fields",
        ),
    };
    Err(Error::Manifest {
        path,
        line: None,
        message: format!(
            "no article has the field {field:?} named by {flag}: use one of {}{alternatives} ({how})",
            known.join(", ")
        ),
    })
}
