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
        /// Lexicon folder or built-in set.
        #[arg(default_value = "lexicons/frames")]
        dir: PathBuf,
        /// Corpus whose vocabulary the broad-glob warning uses.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Without an argument, the built-in sets; with a folder or set, its categories with definition,
    /// parent and term count.
    List {
        /// Lexicon folder or built-in set.
        dir: Option<PathBuf>,
    },
    /// Per category, the share of articles it matches in; per term, its hits and articles; then the
    /// terms that never matched.
    Coverage {
        /// Lexicon folder or built-in set.
        #[arg(long, default_value = "lexicons/frames")]
        lexicons: PathBuf,
        #[command(flatten)]
        source: super::CorpusSource,
    },
    /// Candidate terms for a category from the corpus (units the lexicon marks against the rest) or
    /// from human labels (`--labels`): counts, z-score and keyword-in-context lines, as CSV and as a
    /// TOML block; `--out` writes a new category file from the top suggestions.
    Suggest(Box<super::suggest::Args>),
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
        Command::List { dir: None } => list_sets(),
        Command::List { dir: Some(dir) } => list(&dir),
        Command::Coverage { lexicons, source } => coverage(&lexicons, &source),
        Command::Suggest(args) => super::suggest::run(*args),
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
    let dir = &framing::lexicons::resolve(dir)?;
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

/// The built-in sets: name, categories, and the folder that would be read instead if present here.
fn list_sets() -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:<12} {:>10}  categories", "set", "files")?;
    for set in framing::lexicons::sets() {
        let dir = framing::lexicons::built_in_dir(set);
        let files = framing::lexicons::list(&dir, |_| true)?;
        let names: Vec<String> = files
            .iter()
            .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        writeln!(out, "{set:<12} {:>10}  {}", files.len(), names.join(", "))?;
    }
    writeln!(
        out,
        "\nbuilt into this binary; `--lexicons NAME` uses one (a folder of that name, or lexicons/NAME when the\n\
         default is given, wins where it exists). `framing lexicon list NAME` shows a set's definitions."
    )?;
    Ok(())
}

fn list(dir: &Path) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let lexicon = super::load_lexicon(dir)?;
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

/// Hits and articles of every term, and the articles each category matches in.
struct Coverage {
    /// (hits, articles seen in) per category, per term.
    terms: Vec<Vec<(usize, BTreeSet<usize>)>>,
    /// Articles with at least one hit, per category.
    categories: Vec<BTreeSet<usize>>,
    articles: usize,
}

impl Coverage {
    fn new(lexicon: &Lexicon) -> Self {
        Coverage {
            terms: lexicon
                .categories
                .iter()
                .map(|c| vec![(0, BTreeSet::new()); c.terms.len()])
                .collect(),
            categories: vec![BTreeSet::new(); lexicon.categories.len()],
            articles: 0,
        }
    }

    /// Counts the hits of every scored unit of a batch of articles.
    fn add(&mut self, articles: &[framing::corpus::Article], scorer: &Scorer) {
        let scored = framing::score_articles(articles, scorer);
        for s in &scored.sentences {
            let article = self.articles + s.article;
            for hit in &s.score.frames {
                let slot = &mut self.terms[hit.category][hit.term];
                slot.0 += 1;
                slot.1.insert(article);
                self.categories[hit.category].insert(article);
            }
        }
        self.articles += articles.len();
    }
}

fn coverage(lexicons: &Path, source: &super::CorpusSource) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let lexicon = super::load_lexicon(lexicons)?;
    let scorer = Scorer::new(lexicon, framing::sentiment::DomainLayer::empty());
    let mut counts = Coverage::new(&scorer.lexicon);
    source.for_each_batch(|batch| counts.add(batch, &scorer))?;
    let source = source.path();
    let lexicon = &scorer.lexicon;
    let n = counts.articles;
    writeln!(out, "{:<28} {:>9} {:>8}", "category", "articles", "share")?;
    for (c, category) in lexicon.categories.iter().enumerate() {
        let seen = counts.categories[c].len();
        writeln!(
            out,
            "{:<28} {:>9} {:>7.1}%",
            category.name,
            seen,
            100.0 * seen as f64 / n.max(1) as f64
        )?;
    }
    writeln!(
        out,
        "\n{:<24} {:<32} {:>6} {:>9}",
        "category", "term", "hits", "articles"
    )?;
    let mut never = Vec::new();
    for (c, category) in lexicon.categories.iter().enumerate() {
        for (t, term) in category.terms.iter().enumerate() {
            let (hits, seen) = &counts.terms[c][t];
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
        "\n{} of {total} terms never matched in {} ({n} articles):",
        never.len(),
        source.display(),
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
