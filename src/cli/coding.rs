//! `framing validate sample` and `framing validate report`: a blind coding sheet drawn from the corpus,
//! and the agreement and accuracy that the coders' filled sheets give.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context};
use framing::coding::{self, CategoryReport, Design, SampleOptions, Sampler};
use framing::render::charts::{write_chart, GroupedBars, Series};
use framing::render::document::{to_html, to_markdown, Block};
use polars::prelude::*;

use super::validate::{fmt, section, value_with_interval as with_interval};

/// Options of `framing validate sample`.
#[derive(Debug, clap::Args)]
pub struct SampleArgs {
    #[command(flatten)]
    source: super::CorpusSource,
    /// Lexicon folder or built-in set whose marks stratify the sample.
    #[arg(long, default_value = "lexicons/frames")]
    lexicons: PathBuf,
    /// Categories to code, comma-separated (default: every category of the set).
    #[arg(long, value_delimiter = ',')]
    categories: Vec<String>,
    /// Units to draw.
    #[arg(long, default_value_t = 200)]
    n: usize,
    /// Code sentences of the running text, or whole articles.
    #[arg(long, default_value = "sentence", value_parser = ["sentence", "article"])]
    unit: String,
    /// Seed of the draw (same corpus, lexicon and seed: same sample).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The sample directory: sheet.csv for the coders, sample.json for the report (replaced whole).
    #[arg(long, default_value = "coding")]
    out: PathBuf,
}

/// Options of `framing validate report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The coders' filled sheets (CSV), one per coder; each coder is named by the file's name.
    #[arg(required = true)]
    sheets: Vec<PathBuf>,
    /// The sample directory `validate sample` wrote.
    #[arg(long, default_value = "coding")]
    sample: PathBuf,
    /// Compare the lexicon with this coder instead of the coders' majority.
    #[arg(long)]
    gold: Option<String>,
    /// Bootstrap resamples of units for alpha's interval.
    #[arg(long, default_value_t = 1000)]
    draws: usize,
    /// Output directory (replaced whole when the run succeeds).
    #[arg(long, default_value = "coding-report")]
    out: PathBuf,
}

const CODER_NOTE: &str = "How to code this sheet\n\
\n\
1. Copy sheet.csv to a file named after yourself (for example ana.csv) and open it in a spreadsheet.\n\
2. For every row, read `text` (with `before` and `after` as context) and put 1 in a category's column when\n\
   the text itself carries that category as the codebook defines it, 0 when it does not. Leave a cell empty\n\
   only if you cannot decide. Use `note` for anything worth telling. Do not change unit_id or delete rows.\n\
3. Save as CSV (comma-separated, UTF-8) and hand the file back. Code alone: do not compare with others.\n\
\n\
sample.json holds the design and what the lexicon found; it is for the report, not for coders.\n";

/// Runs `validate sample`.
pub fn sample(args: SampleArgs) -> anyhow::Result<()> {
    let lexicon = super::load_lexicon(&args.lexicons)?;
    let categories = if args.categories.is_empty() {
        (0..lexicon.categories.len()).collect()
    } else {
        args.categories
            .iter()
            .map(|name| {
                lexicon.index_of(name.trim()).with_context(|| {
                    format!(
                        "--categories: {name:?} is not in {} (its categories: {})",
                        args.lexicons.display(),
                        lexicon.names().join(", ")
                    )
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?
    };
    if args.n == 0 {
        bail!("--n 0: draw at least one unit");
    }
    let options = SampleOptions {
        n: args.n,
        seed: args.seed,
        whole: args.unit == "article",
        categories,
    };
    let mut sampler = Sampler::new(&lexicon, options)?;
    args.source.for_each_batch(|batch| sampler.survey(batch))?;
    let mut plan = sampler.plan();
    args.source.for_each_batch(|batch| plan.collect(batch))?;
    let (design, rows) = plan.finish(
        &args.source.path().display().to_string(),
        &args.lexicons.display().to_string(),
    );
    let staging = framing::output::Staging::prepare(&args.out)?;
    let write = |name: &str, text: &str| -> anyhow::Result<()> {
        let path = staging.path().join(name);
        std::fs::write(&path, text).with_context(|| format!("{}: cannot write", path.display()))
    };
    write("sheet.csv", &coding::sheet_csv(&design, &rows))?;
    write("sample.json", &serde_json::to_string_pretty(&design)?)?;
    write("CODING.txt", CODER_NOTE)?;
    let out = staging.commit()?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{} of {} {}s drawn (seed {}):",
        design.units.len(),
        design.population,
        design.unit,
        design.seed
    )?;
    writeln!(
        stdout,
        "{:<36} {:>10} {:>8} {:>12}",
        "stratum", "units", "drawn", "probability"
    )?;
    for s in &design.strata {
        writeln!(
            stdout,
            "{:<36} {:>10} {:>8} {:>12.6}",
            s.name, s.population, s.sampled, s.probability
        )?;
    }
    writeln!(
        stdout,
        "give each coder {}/sheet.csv (blind: it shows no lexicon hits; see CODING.txt); then\n  framing validate report --sample {} CODER1.csv CODER2.csv ...",
        out.display(),
        out.display()
    )?;
    Ok(())
}

/// Runs `validate report`.
pub fn report(args: ReportArgs) -> anyhow::Result<()> {
    let design = coding::read_design(&args.sample)?;
    let mut sheets = Vec::new();
    for path in &args.sheets {
        let sheet = coding::read_sheet(path, &design)?;
        if let Some(other) = sheets
            .iter()
            .find(|s: &&coding::Sheet| s.coder == sheet.coder)
        {
            bail!(
                "{} and {}: two sheets for the coder {:?} (coders are named by the file name); rename one",
                other.path.display(),
                path.display(),
                sheet.coder
            );
        }
        sheets.push(sheet);
    }
    let reports = coding::evaluate(
        &design,
        &sheets,
        args.gold.as_deref(),
        args.draws,
        design.seed,
    )?;
    let staging = framing::output::Staging::prepare(&args.out)?;
    let dir = staging.path();
    framing::render::write_table(dir, "agreement", &agreement_table(&reports)?)?;
    framing::render::write_table(dir, "accuracy", &accuracy_table(&reports)?)?;
    framing::render::write_table(dir, "disagreements", &disagreement_table(&reports)?)?;
    let chart = accuracy_chart(&reports);
    write_chart(dir, &chart)?;
    let svg = std::fs::read_to_string(dir.join("accuracy.svg")).unwrap_or_default();
    let blocks = report_blocks(&args, &design, &sheets, &reports, &chart.caption, svg);
    let write = |name: &str, text: String| -> anyhow::Result<()> {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("{}: cannot write", path.display()))
    };
    write("report.md", to_markdown(&blocks))?;
    write("report.html", to_html("Human coding", &blocks))?;
    let out = staging.commit()?;
    let mut stdout = std::io::stdout().lock();
    let end = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(2, h) if h.starts_with("Disagreements")))
        .unwrap_or(blocks.len());
    writeln!(stdout, "{}", to_markdown(&blocks[..end]))?;
    writeln!(
        stdout,
        "tables, every disagreement, chart and report.html: {}",
        out.display()
    )?;
    Ok(())
}

fn lo(i: Option<(f64, f64)>) -> Option<f64> {
    i.map(|i| i.0)
}

fn hi(i: Option<(f64, f64)>) -> Option<f64> {
    i.map(|i| i.1)
}

fn agreement_table(reports: &[CategoryReport]) -> anyhow::Result<DataFrame> {
    let col = |f: fn(&CategoryReport) -> Option<f64>| reports.iter().map(f).collect::<Vec<_>>();
    Ok(df![
        "category" => reports.iter().map(|r| r.category.as_str()).collect::<Vec<_>>(),
        "pairable_units" => reports.iter().map(|r| r.pairable as u32).collect::<Vec<_>>(),
        "alpha" => col(|r| r.alpha),
        "alpha_lo" => col(|r| lo(r.alpha_interval)),
        "alpha_hi" => col(|r| hi(r.alpha_interval)),
        "percent_agreement" => col(|r| r.agreement),
        "alpha_with_lexicon" => col(|r| r.alpha_with_lexicon),
    ]?)
}

fn accuracy_table(reports: &[CategoryReport]) -> anyhow::Result<DataFrame> {
    let col = |f: fn(&CategoryReport) -> Option<f64>| reports.iter().map(f).collect::<Vec<_>>();
    let count = |k: usize| {
        reports
            .iter()
            .map(|r| r.counts[k] as u32)
            .collect::<Vec<_>>()
    };
    Ok(df![
        "category" => reports.iter().map(|r| r.category.as_str()).collect::<Vec<_>>(),
        "compared" => reports.iter().map(|r| r.compared as u32).collect::<Vec<_>>(),
        "ties" => reports.iter().map(|r| r.ties.len() as u32).collect::<Vec<_>>(),
        "tp" => count(0),
        "fp" => count(1),
        "fn" => count(2),
        "tn" => count(3),
        "precision" => col(|r| r.weighted.precision),
        "precision_lo" => col(|r| lo(r.intervals.precision)),
        "precision_hi" => col(|r| hi(r.intervals.precision)),
        "recall" => col(|r| r.weighted.recall),
        "recall_lo" => col(|r| lo(r.intervals.recall)),
        "recall_hi" => col(|r| hi(r.intervals.recall)),
        "f1" => col(|r| r.weighted.f1),
        "f1_lo" => col(|r| lo(r.intervals.f1)),
        "f1_hi" => col(|r| hi(r.intervals.f1)),
        "sample_precision" => col(|r| r.unweighted.precision),
        "sample_recall" => col(|r| r.unweighted.recall),
        "sample_f1" => col(|r| r.unweighted.f1),
    ]?)
}

fn disagreement_table(reports: &[CategoryReport]) -> anyhow::Result<DataFrame> {
    let rows: Vec<(&str, &coding::Disagreement)> = reports
        .iter()
        .flat_map(|r| r.disagreements.iter().map(|d| (r.category.as_str(), d)))
        .collect();
    Ok(df![
        "category" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "unit_id" => rows.iter().map(|r| r.1.unit.as_str()).collect::<Vec<_>>(),
        "kind" => rows.iter().map(|r| if r.1.lexicon { "false positive" } else { "false negative" }).collect::<Vec<_>>(),
        "terms" => rows.iter().map(|r| r.1.terms.join("; ")).collect::<Vec<_>>(),
        "text" => rows.iter().map(|r| r.1.text.as_str()).collect::<Vec<_>>(),
    ]?)
}

/// A measure and its interval.
type Estimate = (Option<f64>, Option<(f64, f64)>);

fn accuracy_chart(reports: &[CategoryReport]) -> GroupedBars {
    let series = |label: &str, value: fn(&CategoryReport) -> Estimate| Series {
        label: label.to_string(),
        intervals: reports.iter().map(|r| value(r).1).collect(),
        values: reports.iter().map(|r| value(r).0).collect(),
    };
    GroupedBars {
        name: "accuracy".into(),
        title: "Lexicon against human coders, per category".into(),
        caption: "Design-weighted estimates for the corpus; whiskers: 95% linearisation intervals."
            .into(),
        x_label: "precision / recall (share, 0–1)".into(),
        rows: reports.iter().map(|r| r.category.clone()).collect(),
        series: vec![
            series("precision", |r| {
                (r.weighted.precision, r.intervals.precision)
            }),
            series("recall", |r| (r.weighted.recall, r.intervals.recall)),
        ],
        symmetric: false,
        decimals: 2,
    }
}

fn report_blocks(
    args: &ReportArgs,
    design: &Design,
    sheets: &[coding::Sheet],
    reports: &[CategoryReport],
    caption: &str,
    svg: String,
) -> Vec<Block> {
    let coders: Vec<&str> = sheets.iter().map(|s| s.coder.as_str()).collect();
    let reference = match &args.gold {
        Some(g) => format!("the coder {g}"),
        None => "the coders' majority (ties left out)".to_string(),
    };
    let mut blocks = vec![
        Block::Heading(1, "Human coding: agreement and accuracy".into()),
        Block::Paragraph(format!(
            "{} {}s of {} ({} in the corpus), seed {}, lexicon {}; coders: {}. The lexicon is compared with {reference}.",
            design.units.len(),
            design.unit,
            design.corpus,
            design.population,
            design.seed,
            design.lexicons,
            coders.join(", ")
        )),
    ];
    let mut missing: Vec<String> = sheets
        .iter()
        .filter(|s| !s.missing.is_empty())
        .map(|s| format!("{} lacks {} of the sample's rows", s.coder, s.missing.len()))
        .collect();
    // The marks in sample.json are the lexicon's as it was when the sample was drawn.
    let now = super::load_lexicon(std::path::Path::new(&design.lexicons))
        .map(|l| coding::lexicon_hash(&l));
    if now.is_ok_and(|h| h != design.lexicon_hash) {
        missing.push(format!(
            "the lexicon {} has changed since the sample was drawn: these figures describe it as it was then; draw a new sample (or code this one again) to measure the new version",
            design.lexicons
        ));
    }
    if !missing.is_empty() {
        blocks.push(Block::List(missing));
    }
    section(
        &mut blocks,
        "Agreement among the coders",
        [
            "category",
            "units coded twice or more",
            "Krippendorff's alpha (95% CI)",
            "percent agreement",
            "alpha with the lexicon as a coder",
        ]
        .map(String::from)
        .to_vec(),
        reports
            .iter()
            .map(|r| {
                vec![
                    r.category.clone(),
                    r.pairable.to_string(),
                    with_interval(r.alpha, r.alpha_interval),
                    fmt(r.agreement),
                    fmt(r.alpha_with_lexicon),
                ]
            })
            .collect(),
        1,
    );
    section(
        &mut blocks,
        "The lexicon against people",
        [
            "category",
            "compared",
            "ties",
            "TP / FP / FN / TN",
            "precision (95% CI)",
            "recall (95% CI)",
            "F1 (95% CI)",
            "sample P / R / F1",
        ]
        .map(String::from)
        .to_vec(),
        reports
            .iter()
            .map(|r| {
                let [tp, fp, fn_, tn] = r.counts;
                vec![
                    r.category.clone(),
                    r.compared.to_string(),
                    r.ties.len().to_string(),
                    format!("{tp} / {fp} / {fn_} / {tn}"),
                    with_interval(r.weighted.precision, r.intervals.precision),
                    with_interval(r.weighted.recall, r.intervals.recall),
                    with_interval(r.weighted.f1, r.intervals.f1),
                    format!(
                        "{} / {} / {}",
                        fmt(r.unweighted.precision),
                        fmt(r.unweighted.recall),
                        fmt(r.unweighted.f1)
                    ),
                ]
            })
            .collect(),
        1,
    );
    let mut notes = Vec::new();
    for r in reports {
        if r.counts[2] < 5 {
            notes.push(format!(
                "{}: only {} false negatives in the sample, so the recall interval rests on very few units; code more units the lexicon does not mark (a larger --n).",
                r.category, r.counts[2]
            ));
        }
        if !r.ties.is_empty() {
            notes.push(format!(
                "{}: {} tied units left out: {}",
                r.category,
                r.ties.len(),
                r.ties.join(", ")
            ));
        }
    }
    if !notes.is_empty() {
        blocks.push(Block::List(notes));
    }
    blocks.push(Block::Chart {
        name: "accuracy".into(),
        caption: caption.to_string(),
        svg,
    });
    blocks.push(Block::Heading(2, "Method".into()));
    blocks.push(Block::List(vec![
        "Sample: stratified by the lexicon's marks (a unit in the stratum of the rarest category that marks it, or `unmarked`; half the units from the marked strata), a simple random sample within each stratum by seeded SHA-256 keys; sample.json records every stratum's size and inclusion probability.".into(),
        "Alpha: Krippendorff's alpha for nominal codes, missing codes allowed, over the units at least two coders coded; the interval is the 2.5th and 97.5th percentile of alpha over bootstrap resamples of units.".into(),
        "Precision, recall, F1: each compared unit weighted by N_h / (units compared in its stratum), so the figures estimate the whole corpus rather than the sample (Horvitz–Thompson totals); 95% intervals from the linearisation variance of a ratio under stratified sampling without replacement, with finite-population correction. The sample columns are the unweighted figures, which overstate recall when marked units are over-sampled.".into(),
    ]));
    blocks.push(Block::Heading(2, "Disagreements".into()));
    for r in reports {
        if r.disagreements.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(3, r.category.clone()));
        blocks.push(Block::Table {
            header: [
                "unit",
                "kind",
                "matched terms (false positive) or text (false negative)",
            ]
            .map(String::from)
            .to_vec(),
            rows: r
                .disagreements
                .iter()
                .map(|d| {
                    vec![
                        d.unit.clone(),
                        if d.lexicon {
                            "false positive"
                        } else {
                            "false negative"
                        }
                        .into(),
                        if d.lexicon {
                            d.terms.join(", ")
                        } else {
                            d.text.clone()
                        },
                    ]
                })
                .collect(),
            numeric: vec![false, false, false],
        });
    }
    blocks
}
