//! `framing lexicon`: check, list, coverage and import of framing dictionaries.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use framing::frames::check::check_dir;
use framing::frames::import::to_toml;
use framing::frames::load::load_file;
use framing::frames::tokens::tokenize;
use framing::frames::Lexicon;
use framing::score::Scorer;

/// Options of `framing lexicon`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Validate every dictionary file: errors (file:line and the fix) exit 1; warnings exit 0.
    Check {
        /// Lexicon directory.
        #[arg(default_value = "lexicons/frames")]
        dir: PathBuf,
        /// Corpus whose vocabulary the broad-glob warning uses.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// List the categories with definition, parent and term count.
    List {
        /// Lexicon directory.
        #[arg(default_value = "lexicons/frames")]
        dir: PathBuf,
    },
    /// Per term: hits in the corpus and in how many articles; then the terms that never matched.
    Coverage {
        /// Lexicon directory.
        #[arg(long, default_value = "lexicons/frames")]
        lexicons: PathBuf,
        /// Corpus directory.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Convert a LIWC .dic or quanteda YAML dictionary into native category files.
    Import {
        /// The dictionary file (.dic, .yml or .yaml).
        file: PathBuf,
        /// Directory to write one .toml per category into (created if missing; existing files are kept).
        #[arg(long, default_value = "lexicons/frames")]
        out: PathBuf,
    },
}

/// Runs the chosen lexicon subcommand.
pub fn run(args: Args) -> anyhow::Result<()> {
    match args.command {
        Command::Check { dir, data } => check(&dir, &data),
        Command::List { dir } => list(&dir),
        Command::Coverage { lexicons, data } => coverage(&lexicons, &data),
        Command::Import { file, out } => import(&file, &out),
    }
}

/// Distinct token keys of the corpus's scored text, or none when the corpus cannot be read.
fn vocabulary(data: &Path) -> Option<BTreeSet<String>> {
    let articles = framing::corpus::load_dir(data).ok()?;
    let mut words = BTreeSet::new();
    for article in &articles {
        for unit in framing::segment::segment_article(article) {
            if unit.kind.is_scored() {
                words.extend(
                    tokenize(unit.text(&article.text))
                        .into_iter()
                        .map(|t| t.key.into_owned()),
                );
            }
        }
    }
    Some(words)
}

fn check(dir: &Path, data: &Path) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let vocabulary = vocabulary(data);
    let report = check_dir(dir, vocabulary.as_ref())?;
    for w in &report.warnings {
        writeln!(out, "warning: {w}")?;
    }
    for e in &report.errors {
        writeln!(out, "error: {e}")?;
    }
    if !report.errors.is_empty() {
        bail!("{} error(s) in {}", report.errors.len(), dir.display());
    }
    let n = report.lexicon.as_ref().map_or(0, |l| l.categories.len());
    writeln!(
        out,
        "ok: {n} categories in {}, {} warning(s){}",
        dir.display(),
        report.warnings.len(),
        if vocabulary.is_none() {
            " (no corpus vocabulary for the glob check)"
        } else {
            ""
        }
    )?;
    Ok(())
}

fn list(dir: &Path) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let lexicon = Lexicon::load_dir(dir)?;
    writeln!(
        out,
        "{:<24} {:<18} {:>6}  definition",
        "category", "parent", "terms"
    )?;
    for c in &lexicon.categories {
        writeln!(
            out,
            "{:<24} {:<18} {:>6}  {}",
            c.name,
            c.parent.as_deref().unwrap_or("-"),
            c.terms.len(),
            c.definition
        )?;
    }
    Ok(())
}

fn coverage(lexicons: &Path, data: &Path) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let lexicon = Lexicon::load_dir(lexicons)?;
    let articles = framing::corpus::load_dir(data)?;
    let scorer = Scorer::new(lexicon, framing::sentiment::DomainLayer::empty());
    let scored = framing::score_articles(&articles, &scorer);
    let lexicon = &scorer.lexicon;
    // (hits, articles seen in) per category, per term.
    let mut counts: Vec<Vec<(usize, BTreeSet<usize>)>> = lexicon
        .categories
        .iter()
        .map(|c| vec![(0, BTreeSet::new()); c.terms.len()])
        .collect();
    for s in &scored.sentences {
        for hit in &s.score.frames {
            let slot = &mut counts[hit.category][hit.term];
            slot.0 += 1;
            slot.1.insert(s.article);
        }
    }
    writeln!(
        out,
        "{:<24} {:<32} {:>6} {:>9}",
        "category", "term", "hits", "articles"
    )?;
    let mut never = Vec::new();
    for (c, category) in lexicon.categories.iter().enumerate() {
        for (t, term) in category.terms.iter().enumerate() {
            let (hits, seen) = &counts[c][t];
            if *hits == 0 {
                never.push(format!("{}:{}", category.name, term.text));
            } else {
                writeln!(
                    out,
                    "{:<24} {:<32} {:>6} {:>9}",
                    category.name,
                    term.text,
                    hits,
                    seen.len()
                )?;
            }
        }
    }
    let total: usize = lexicon.categories.iter().map(|c| c.terms.len()).sum();
    writeln!(
        out,
        "\n{} of {total} terms never matched in {} ({} articles):",
        never.len(),
        data.display(),
        articles.len()
    )?;
    for chunk in never.chunks(6) {
        writeln!(out, "  {}", chunk.join(", "))?;
    }
    Ok(())
}

fn import(file: &Path, out_dir: &Path) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let categories = load_file(file)?;
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("{}: cannot create directory", out_dir.display()))?;
    let mut written = 0;
    for category in &categories {
        let path = out_dir.join(format!("{}.toml", category.name));
        if path.exists() {
            eprintln!(
                "skipped {}: already exists (remove it to re-import)",
                path.display()
            );
            continue;
        }
        std::fs::write(&path, to_toml(category))
            .with_context(|| format!("{}: cannot write", path.display()))?;
        written += 1;
    }
    writeln!(
        out,
        "imported {written} of {} categories from {} into {}",
        categories.len(),
        file.display(),
        out_dir.display()
    )?;
    Ok(())
}
