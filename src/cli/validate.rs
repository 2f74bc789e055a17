//! `framing validate labels`: a lexicon against human frame labels — per-label precision, recall, F1 and
//! AUC with bootstrap intervals, every false positive and negative, as tables and a report page.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use framing::render::document::{to_html, to_markdown, Block};
use framing::validate::{self, Estimate, Evaluation, LabelMap, LabelledSet, TextMatches};
use polars::prelude::*;

/// Options of `framing validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Measure a lexicon against a human-labelled file (JSON lines or CSV).
    Labels(LabelsArgs),
    /// Draw a stratified, seeded sample of running-text units for blind human coding: sheet.csv for the
    /// coders, sample.json for the report.
    Sample(super::coding::SampleArgs),
    /// Agreement among coders (Krippendorff's alpha) and the lexicon's precision, recall and F1
    /// against them, design-weighted for the corpus, from the coders' filled sheets.
    Report(super::coding::ReportArgs),
}

#[derive(Debug, clap::Args)]
struct LabelsArgs {
    /// The labelled file: JSON lines (plain or .gz) or CSV, one text and its labels per record.
    file: PathBuf,
    /// Lexicon folder or built-in set (frames, generic, policy).
    #[arg(long, default_value = "lexicons/frames")]
    lexicons: PathBuf,
    /// Which categories stand for each label: label=category[+category],... (label=- leaves one out),
    /// or a file of such lines. Unmapped labels map to the category of the same name.
    #[arg(long)]
    map: Option<String>,
    /// Match the whole text (`text`, as `framing score` does) or its sentences (`sentence`: segmented as
    /// an article; presence needs one sentence to reach the category's min_hits).
    #[arg(long, default_value = "text", value_parser = ["text", "sentence"])]
    unit: String,
    #[command(flatten)]
    fields: super::LabelFieldArgs,
    /// Also score multi-label data as single-label, taking each record's first label (dominant first).
    #[arg(long)]
    primary: bool,
    /// Tune each label's threshold on the records whose FIELD equals VALUE, and score the rest.
    #[arg(long, value_name = "FIELD=VALUE", value_parser = parse_tune_on)]
    tune_on: Option<(String, String)>,
    /// Seed of the bootstrap over texts.
    #[arg(long, default_value_t = validate::Options::default().seed)]
    seed: u64,
    /// Bootstrap replicates.
    #[arg(long, default_value_t = validate::Options::default().replicates)]
    replicates: usize,
    /// Output directory (replaced as a whole when the run succeeds).
    #[arg(long, default_value = "validation")]
    out: PathBuf,
}

fn parse_tune_on(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(f, v)| (f.trim().to_string(), v.trim().to_string()))
        .filter(|(f, _)| !f.is_empty())
        .ok_or_else(|| format!("{s:?} is not FIELD=VALUE (e.g. fold=0)"))
}

/// Runs the chosen validate subcommand.
pub fn run(args: Args) -> anyhow::Result<()> {
    match args.command {
        Command::Labels(args) => labels(args),
        Command::Sample(args) => super::coding::sample(args),
        Command::Report(args) => super::coding::report(args),
    }
}

fn labels(args: LabelsArgs) -> anyhow::Result<()> {
    let lexicon_dir = framing::lexicons::resolve(&args.lexicons)?;
    let lexicon = framing::frames::Lexicon::load_dir(&lexicon_dir)?;
    let fields = args.fields.fields();
    let set = validate::read_labelled(&args.file, &fields)?;
    let map = match &args.map {
        Some(spec) => LabelMap::parse(spec)?,
        None => LabelMap::default(),
    };
    let labels = map.resolve(&set, &lexicon)?;
    let unit = match args.unit.as_str() {
        "sentence" => validate::Unit::Sentence,
        _ => validate::Unit::Text,
    };
    let matches = validate::score_texts(&set, &lexicon, unit);
    let options = validate::Options {
        replicates: args.replicates,
        seed: args.seed,
        tune_on: args.tune_on.clone(),
        primary: args.primary,
    };
    let evaluation = validate::evaluate(&set, labels, &lexicon, &matches, &options)?;

    let staging = framing::output::Staging::prepare(&args.out)?;
    let dir = staging.path();
    let tables = [
        ("labels", label_table(&evaluation)),
        ("overall", overall_table(&evaluation)),
        ("errors", error_table(&set, &lexicon, &matches, &evaluation)),
        ("predictions", prediction_table(&set, &matches, &evaluation)),
    ];
    for (name, df) in &tables {
        let df = df
            .as_ref()
            .map_err(|e| anyhow::anyhow!("table {name}: {e}"))?;
        framing::render::write_table(dir, name, df)?;
    }
    if let Some(confusion) = &evaluation.confusion {
        let df = df![
            "gold" => confusion.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
            "predicted" => confusion.iter().map(|c| c.1.as_str()).collect::<Vec<_>>(),
            "texts" => confusion.iter().map(|c| c.2 as u64).collect::<Vec<_>>(),
        ]?;
        framing::render::write_table(dir, "confusion", &df)?;
    }
    let blocks = report(&args, &lexicon_dir, &set, &evaluation);
    let write = |name: &str, text: String| -> anyhow::Result<()> {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("{}: cannot write", path.display()))
    };
    write("report.md", to_markdown(&blocks))?;
    write("report.html", to_html("Lexicon validation", &blocks))?;
    let out = staging.commit()?;

    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", to_markdown(&blocks[..summary_end(&blocks)]))?;
    writeln!(
        stdout,
        "tables, every false positive and negative, and report.html: {}",
        out.display()
    )?;
    Ok(())
}

/// The blocks printed on the terminal: the report up to its error lists.
fn summary_end(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(2, h) if h.starts_with("Method")))
        .unwrap_or(blocks.len())
}

/// A figure to three decimals, or a dash where there is none.
pub(super) fn fmt(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.3}"))
}

/// A figure and its interval, "0.512 (0.401–0.623)", or the figure alone where the interval is missing.
pub(super) fn value_with_interval(v: Option<f64>, interval: Option<(f64, f64)>) -> String {
    match (v, interval) {
        (Some(v), Some((lo, hi))) => format!("{v:.3} ({lo:.3}–{hi:.3})"),
        (v, _) => fmt(v),
    }
}

fn with_interval(e: &Estimate) -> String {
    value_with_interval(e.value, e.lo.zip(e.hi))
}

/// A titled table whose columns from `first_numeric` on hold numbers.
pub(super) fn section(
    blocks: &mut Vec<Block>,
    title: &str,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    first_numeric: usize,
) {
    blocks.push(Block::Heading(2, title.into()));
    blocks.push(Block::Table {
        numeric: (0..header.len()).map(|i| i >= first_numeric).collect(),
        header,
        rows,
    });
}

fn report(args: &LabelsArgs, lexicon: &Path, set: &LabelledSet, e: &Evaluation) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading(1, "Lexicon validation".into()),
        Block::Paragraph(format!(
            "{} texts of {} ({} scored{}), lexicon {}, unit {}, {}.",
            set.records.len(),
            set.path.display(),
            e.scored.len(),
            match &args.tune_on {
                Some((f, v)) => format!(
                    "; thresholds tuned on the {} with {f} = {v}",
                    set.records.len() - e.scored.len()
                ),
                None => String::new(),
            },
            lexicon.display(),
            args.unit,
            if set.single {
                "single-label"
            } else if args.primary {
                "multi-label, also scored single-label on the first label"
            } else {
                "multi-label"
            }
        )),
    ];
    let header: Vec<String> = [
        "label",
        "categories",
        "texts",
        "with label",
        "predicted",
        "precision (95% CI)",
        "recall (95% CI)",
        "F1 (95% CI)",
        "AUC (95% CI)",
    ]
    .map(String::from)
    .to_vec();
    let rows = e
        .rows
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                match r.threshold {
                    Some(t) => format!("{} (≥ {t:.2})", r.categories),
                    None => r.categories.clone(),
                },
                r.n.to_string(),
                r.positives.to_string(),
                (r.tp + r.fp).to_string(),
                with_interval(&r.precision),
                with_interval(&r.recall),
                with_interval(&r.f1),
                with_interval(&r.auc),
            ]
        })
        .collect();
    section(&mut blocks, "Per label", header, rows, 2);
    let rows = e
        .overall
        .iter()
        .map(|(name, est)| vec![name.replace('_', " "), with_interval(est)])
        .collect();
    let header = vec!["figure".into(), "value (95% CI)".into()];
    section(&mut blocks, "Overall", header, rows, 1);
    if e.unmapped_single > 0 {
        blocks.push(Block::Paragraph(format!(
            "{} texts whose (first) label is left out of the map take no part in the single-label figures.",
            e.unmapped_single
        )));
    }
    if let Some(confusion) = &e.confusion {
        let mut names: Vec<String> = e.labels.iter().map(|l| l.0.clone()).collect();
        names.push("none".into());
        let count = |g: &str, p: &str| {
            confusion
                .iter()
                .find(|c| c.0 == g && c.1 == p)
                .map_or(0, |c| c.2)
        };
        let mut header = vec!["gold \\ predicted".to_string()];
        header.extend(names.iter().cloned());
        let rows = names
            .iter()
            .filter(|g| confusion.iter().any(|c| &c.0 == *g))
            .map(|g| {
                let mut row = vec![g.clone()];
                row.extend(names.iter().map(|p| count(g, p).to_string()));
                row
            })
            .collect();
        section(&mut blocks, "Confusion (single label)", header, rows, 1);
    }
    blocks.push(Block::Heading(2, "Method".into()));
    blocks.push(Block::List(vec![
        format!("Presence rule: {}.", match &args.tune_on {
            None => "a label is predicted when one of its categories reaches its min_hits weighted hits (1 unless the category file sets it) in the text, or with --unit sentence in one sentence; fixed, not tuned on these labels",
            Some(_) => "per label, the weighted-hit threshold that maximises F1 on the tuning split, applied to the other texts",
        }),
        "AUC: of the label's weighted hits per 1,000 tokens, ties counted a half; needs no threshold.".into(),
        "Precision is undefined (–) when nothing is predicted; F1 is then 0, as scikit-learn's zero_division=0. Macro-F1 is the mean of the labels' F1, micro-F1 pools their counts.".into(),
        "Single label: the label with the most weighted hits (ties to the first label by name; none when nothing matched).".into(),
        format!("Intervals: 2.5th and 97.5th percentiles of {} bootstrap resamples of the texts, seed {}.", args.replicates, args.seed),
        "errors.csv lists every false positive with the terms that matched, and every false negative with its text; predictions.csv every text-label pair.".into(),
    ]));
    blocks
}

fn estimate_columns(name: &str, values: Vec<&Estimate>) -> Vec<Column> {
    vec![
        Column::new(
            name.into(),
            values.iter().map(|e| e.value).collect::<Vec<_>>(),
        ),
        Column::new(
            format!("{name}_lo").into(),
            values.iter().map(|e| e.lo).collect::<Vec<_>>(),
        ),
        Column::new(
            format!("{name}_hi").into(),
            values.iter().map(|e| e.hi).collect::<Vec<_>>(),
        ),
    ]
}

fn label_table(e: &Evaluation) -> PolarsResult<DataFrame> {
    let r = &e.rows;
    let count = |name: &str, f: &dyn Fn(&validate::LabelRow) -> usize| {
        Column::new(
            name.into(),
            r.iter().map(|x| f(x) as u64).collect::<Vec<_>>(),
        )
    };
    let mut columns = vec![
        Column::new(
            "label".into(),
            r.iter().map(|x| x.label.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "categories".into(),
            r.iter().map(|x| x.categories.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "threshold".into(),
            r.iter().map(|x| x.threshold).collect::<Vec<_>>(),
        ),
        count("texts", &|x| x.n),
        count("positives", &|x| x.positives),
        count("tp", &|x| x.tp),
        count("fp", &|x| x.fp),
        count("fn", &|x| x.fn_),
        count("tn", &|x| x.tn),
    ];
    columns.extend(estimate_columns(
        "precision",
        r.iter().map(|x| &x.precision).collect(),
    ));
    columns.extend(estimate_columns(
        "recall",
        r.iter().map(|x| &x.recall).collect(),
    ));
    columns.extend(estimate_columns("f1", r.iter().map(|x| &x.f1).collect()));
    columns.extend(estimate_columns("auc", r.iter().map(|x| &x.auc).collect()));
    DataFrame::new(r.len(), columns)
}

fn overall_table(e: &Evaluation) -> PolarsResult<DataFrame> {
    let mut columns = vec![Column::new(
        "figure".into(),
        e.overall.iter().map(|o| o.0.as_str()).collect::<Vec<_>>(),
    )];
    columns.extend(estimate_columns(
        "value",
        e.overall.iter().map(|o| &o.1).collect(),
    ));
    DataFrame::new(e.overall.len(), columns)
}

fn error_table(
    set: &LabelledSet,
    lexicon: &framing::frames::Lexicon,
    matches: &[TextMatches],
    e: &Evaluation,
) -> PolarsResult<DataFrame> {
    let mut rows: Vec<(&str, u64, &str, &str, f64, String, &str)> = Vec::new();
    for p in e.predictions.iter().filter(|p| p.gold != p.predicted) {
        let record = &set.records[p.record];
        let (label, cats) = &e.labels[p.label];
        let terms = cats
            .iter()
            .flat_map(|&c| {
                matches[p.record].terms[c]
                    .iter()
                    .map(move |(t, k)| format!("{t} ×{k} ({})", lexicon.categories[c].name))
            })
            .collect::<Vec<_>>()
            .join("; ");
        rows.push((
            &record.id,
            record.line as u64,
            label,
            if p.predicted {
                "false_positive"
            } else {
                "false_negative"
            },
            p.weighted,
            terms,
            &record.text,
        ));
    }
    df![
        "id" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "line" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
        "label" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
        "error" => rows.iter().map(|r| r.3).collect::<Vec<_>>(),
        "weighted_hits" => rows.iter().map(|r| r.4).collect::<Vec<_>>(),
        "terms" => rows.iter().map(|r| r.5.as_str()).collect::<Vec<_>>(),
        "text" => rows.iter().map(|r| r.6).collect::<Vec<_>>(),
    ]
}

fn prediction_table(
    set: &LabelledSet,
    matches: &[TextMatches],
    e: &Evaluation,
) -> PolarsResult<DataFrame> {
    let p = &e.predictions;
    df![
        "id" => p.iter().map(|x| set.records[x.record].id.as_str()).collect::<Vec<_>>(),
        "label" => p.iter().map(|x| e.labels[x.label].0.as_str()).collect::<Vec<_>>(),
        "gold" => p.iter().map(|x| x.gold as u32).collect::<Vec<_>>(),
        "weighted_hits" => p.iter().map(|x| x.weighted).collect::<Vec<_>>(),
        "tokens" => p.iter().map(|x| matches[x.record].tokens as u64).collect::<Vec<_>>(),
        "per_1000" => p.iter().map(|x| x.per_1000).collect::<Vec<_>>(),
        "predicted" => p.iter().map(|x| x.predicted as u32).collect::<Vec<_>>(),
    ]
}
