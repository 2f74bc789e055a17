//! `framing lexicon suggest CATEGORY`: candidate terms for a category, from the corpus (units the
//! lexicon marks against the rest) or from human labels (`--labels`), with their evidence; `--out`
//! writes a category file from the top suggestions.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use framing::frames::import::toml_string;
use framing::frames::{Lexicon, Matcher};
use framing::suggest::{self, Collector, Suggestions, UnitText};
use framing::validate::Marker;
use polars::prelude::*;
use rayon::prelude::*;

/// Options of `framing lexicon suggest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The category: one of the lexicon set's, or (with `--labels`) the name of the category to learn.
    category: String,
    /// Lexicon folder or built-in set. Terms it already matches are never suggested; without
    /// `--labels`, it decides which units carry the category (default: lexicons/frames).
    #[arg(long)]
    lexicons: Option<PathBuf>,
    #[command(flatten)]
    source: super::CorpusSource,
    /// Count sentences of the running text, or whole articles.
    #[arg(long, default_value = "sentence", value_parser = ["sentence", "article"])]
    unit: String,
    /// Learn from human labels instead: a labelled file (JSON lines or CSV, as `validate labels`
    /// reads), each text a unit.
    #[arg(long)]
    labels: Option<PathBuf>,
    /// The label whose texts carry the category (default: the category's name).
    #[arg(long)]
    label: Option<String>,
    #[command(flatten)]
    fields: super::LabelFieldArgs,
    /// Frequency floor: units carrying the category that contain the term.
    #[arg(long, default_value_t = suggest::Options::default().min_count)]
    min_count: u64,
    /// Lowest z-score listed.
    #[arg(long, default_value_t = suggest::Options::default().min_z)]
    min_z: f64,
    /// Longest phrase, in words.
    #[arg(long, default_value_t = suggest::Options::default().max_words)]
    max_words: usize,
    /// Terms in the TOML block and in `--out`: the highest z-scores, or with `--labels` the terms a
    /// greedy forward selection on F1 against the labels chooses, in the order chosen.
    #[arg(long, default_value_t = 40)]
    top: usize,
    /// Folder for the suggestions table (CSV and Parquet) and the TOML block (replaced whole).
    #[arg(long, default_value = "suggestions")]
    dir: PathBuf,
    /// Write a new category file with the chosen terms (refuses to overwrite a file).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Where the suggestions came from, for the files' headers.
struct Provenance {
    description: String,
    definition: String,
}

/// Runs `lexicon suggest`.
pub fn run(args: Args) -> anyhow::Result<()> {
    if let Some(out) = &args.out {
        if out.exists() {
            bail!(
                "{}: already exists; remove it or give another --out",
                out.display()
            );
        }
    }
    let options = suggest::Options {
        max_words: args.max_words.max(1),
        min_count: args.min_count.max(1),
        min_z: args.min_z,
        ..suggest::Options::default()
    };
    let lexicon = match (&args.lexicons, &args.labels) {
        (Some(dir), _) => Some(super::load_lexicon(dir)?),
        (None, None) => Some(super::load_lexicon(Path::new("lexicons/frames"))?),
        (None, Some(_)) => None,
    };
    let matcher = lexicon.as_ref().map(Matcher::new);
    let excluded = |term: &str| matcher.as_ref().is_some_and(|m| !m.find(term).is_empty());
    let (suggestions, provenance) = match &args.labels {
        Some(file) => from_labels(&args, file, options, excluded)?,
        None => from_corpus(&args, lexicon.as_ref(), options, excluded)?,
    };
    let (chosen, fit) = suggest::select_by_f1(&suggestions, args.top);
    let block = terms_block(&suggestions, &chosen);

    let staging = framing::output::Staging::prepare(&args.dir)?;
    let table = suggestion_table(&suggestions, &chosen)?;
    framing::render::write_table(staging.path(), "suggestions", &table)?;
    let block_path = staging.path().join("terms.toml");
    std::fs::write(&block_path, &block)
        .with_context(|| format!("{}: cannot write", block_path.display()))?;
    let dir = staging.commit()?;
    if let Some(out) = &args.out {
        write_category(out, &args.category, &provenance, &block)?;
    }

    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{}: {} units carry it, {} do not; {} candidates listed",
        provenance.description,
        suggestions.units_with,
        suggestions.units_without,
        suggestions.rows.len()
    )?;
    writeln!(
        stdout,
        "{:>4} {:<32} {:>7} {:>8} {:>7}",
        "rank", "term", "with", "without", "z"
    )?;
    for (i, row) in suggestions.rows.iter().take(args.top).enumerate() {
        writeln!(
            stdout,
            "{:>4} {:<32} {:>7} {:>8} {:>7.2}",
            i + 1,
            row.term,
            row.with,
            row.without,
            row.z
        )?;
    }
    if let Some(fit) = fit {
        writeln!(
            stdout,
            "\n{} terms chosen by F1 against the labels: in-sample F1 {:.3} ({} of {} labelled texts reached, {} others); \
             measure it on texts it was not chosen from with `framing validate labels`",
            chosen.len(),
            fit.f1(),
            fit.tp,
            fit.tp + fit.fn_,
            fit.fp
        )?;
    }
    writeln!(stdout, "\n{block}")?;
    writeln!(
        stdout,
        "table and TOML block: {}{}",
        dir.display(),
        args.out
            .as_ref()
            .map(|o| format!("; category file: {}", o.display()))
            .unwrap_or_default()
    )?;
    Ok(())
}

/// Supervised: each labelled text is a unit, carrying the category when people gave it the label.
fn from_labels(
    args: &Args,
    file: &Path,
    options: suggest::Options,
    excluded: impl Fn(&str) -> bool,
) -> anyhow::Result<(Suggestions, Provenance)> {
    let fields = args.fields.fields();
    let set = framing::validate::read_labelled(file, &fields)?;
    let label = args.label.as_deref().unwrap_or(&args.category);
    let units: Vec<UnitText> = set
        .records
        .iter()
        .map(|r| UnitText {
            parts: vec![r.text.as_str()],
            positive: r.labels.iter().any(|l| l == label),
        })
        .collect();
    if !units.iter().any(|u| u.positive) {
        let mut labels: Vec<&str> = set
            .records
            .iter()
            .flat_map(|r| r.labels.iter().map(String::as_str))
            .collect();
        labels.sort_unstable();
        labels.dedup();
        bail!(
            "{}: no text has the label {label:?}; its labels are {}. Give --label NAME",
            file.display(),
            labels.join(", ")
        );
    }
    let mut collector = Collector::new(options);
    collector.add(&units);
    let mut counter = collector.finish(excluded, true);
    counter.add(&units);
    let description = format!("{} (label {label})", file.display());
    Ok((
        counter.finish(),
        Provenance {
            definition: format!(
                "What people labelled {label} in {} (terms suggested by framing lexicon suggest; write your own definition).",
                file.display()
            ),
            description,
        },
    ))
}

/// Unsupervised: units of the corpus the lexicon marks with the category against the rest, in two
/// streamed passes (candidates from the marked units, then their counts everywhere).
fn from_corpus(
    args: &Args,
    lexicon: Option<&Lexicon>,
    options: suggest::Options,
    excluded: impl Fn(&str) -> bool,
) -> anyhow::Result<(Suggestions, Provenance)> {
    let lexicon = lexicon.context("no lexicon")?;
    let Some(c) = lexicon.index_of(&args.category) else {
        bail!(
            "category {:?} is not in the lexicon set (its categories: {}); give --labels FILE to learn a new category from human labels",
            args.category,
            lexicon.names().join(", ")
        );
    };
    let marker = Marker::new(lexicon);
    let whole = args.unit == "article";
    // Pass one marks every unit and keeps the marks (one flag per unit, in corpus order); pass two reads
    // the same units in the same order and reuses them instead of matching the lexicon again.
    let mut marks: Vec<bool> = Vec::new();
    let mut collector = Collector::new(options);
    args.source.for_each_batch(|batch| {
        let units = corpus_units(batch, whole, |parts| {
            marker.of(parts.iter().copied()).present[c]
        });
        marks.extend(units.iter().map(|u| u.positive));
        collector.add(&units);
    })?;
    let mut counter = collector.finish(excluded, false);
    let mut marks = marks.into_iter();
    args.source.for_each_batch(|batch| {
        let mut units = corpus_units(batch, whole, |_| false);
        for u in &mut units {
            u.positive = marks.next().unwrap_or(false);
        }
        counter.add(&units);
    })?;
    let category = &lexicon.categories[c];
    Ok((
        counter.finish(),
        Provenance {
            description: format!(
                "{} ({}s the category {} marks)",
                args.source.path().display(),
                args.unit,
                category.name
            ),
            definition: category.definition.clone(),
        },
    ))
}

/// A batch's running-text units (in corpus order), each marked with whether `carries` says it carries
/// the category.
fn corpus_units<'a>(
    batch: &'a [framing::corpus::Article],
    whole: bool,
    carries: impl Fn(&[&str]) -> bool + Sync,
) -> Vec<UnitText<'a>> {
    batch
        .par_iter()
        .flat_map_iter(|a| {
            framing::segment::running_units(a, whole)
                .into_iter()
                .map(|(_, parts)| UnitText {
                    positive: carries(&parts),
                    parts,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The chosen terms as a ready-to-paste `terms = [...]` block, each commented with its evidence.
fn terms_block(s: &Suggestions, chosen: &[usize]) -> String {
    let mut out = String::from("terms = [\n");
    for &r in chosen {
        let row = &s.rows[r];
        let example = row
            .contexts
            .first()
            .map(|c| format!("; e.g. {}", c.replace(['\n', '\r'], " ")))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {},  # in {} units that carry it, {} that do not; z {:.2}{example}\n",
            toml_string(&row.term),
            row.with,
            row.without,
            row.z
        ));
    }
    out.push_str("]\n");
    out
}

fn suggestion_table(s: &Suggestions, chosen: &[usize]) -> anyhow::Result<DataFrame> {
    let mut order = vec![None; s.rows.len()];
    for (k, &r) in chosen.iter().enumerate() {
        order[r] = Some(k as u32 + 1);
    }
    let share = |n: u64, of: u64| n as f64 / of.max(1) as f64;
    let context = |k: usize| -> Vec<String> {
        s.rows
            .iter()
            .map(|r| r.contexts.get(k).cloned().unwrap_or_default())
            .collect()
    };
    Ok(df![
        "rank" => (1..=s.rows.len() as u32).collect::<Vec<_>>(),
        "term" => s.rows.iter().map(|r| r.term.as_str()).collect::<Vec<_>>(),
        "words" => s.rows.iter().map(|r| r.term.split(' ').count() as u32).collect::<Vec<_>>(),
        "units_with" => s.rows.iter().map(|r| r.with).collect::<Vec<_>>(),
        "units_without" => s.rows.iter().map(|r| r.without).collect::<Vec<_>>(),
        "share_with" => s.rows.iter().map(|r| share(r.with, s.units_with)).collect::<Vec<_>>(),
        "share_without" => s.rows.iter().map(|r| share(r.without, s.units_without)).collect::<Vec<_>>(),
        "log_odds" => s.rows.iter().map(|r| r.delta).collect::<Vec<_>>(),
        "z" => s.rows.iter().map(|r| r.z).collect::<Vec<_>>(),
        "chosen" => order,
        "context_1" => context(0),
        "context_2" => context(1),
        "context_3" => context(2),
    ]?)
}

/// Writes a category file (to a temporary name first, so a failure leaves nothing half-written).
fn write_category(
    out: &Path,
    name: &str,
    provenance: &Provenance,
    block: &str,
) -> anyhow::Result<()> {
    let text = format!(
        "# Suggested by `framing lexicon suggest` from {}. Review every term before use.\n\
         name = {}\ndefinition = {}\n{block}",
        provenance.description.replace(['\n', '\r'], " "),
        toml_string(name),
        toml_string(&provenance.definition),
    );
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create directory", parent.display()))?;
    }
    let tmp = out.with_extension("toml.partial");
    std::fs::write(&tmp, text).with_context(|| format!("{}: cannot write", tmp.display()))?;
    std::fs::rename(&tmp, out).with_context(|| format!("{}: cannot write", out.display()))?;
    Ok(())
}
