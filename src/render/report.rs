//! `report.html` and `report.md`: the corpus, the headline findings in plain words with their numbers and
//! intervals, every chart with its caption, the key tables, the methods with their formulas, and a run
//! manifest. Both files come from one [`Block`] list, so they carry the same content; `summary.md` is its
//! first part.

use std::path::Path;

use super::document::{to_html, to_markdown, Block};
use super::{numbers, strings, RenderInput, CHARTS};
use crate::aggregate::VOICES;
use crate::error::{Error, Result};

/// What the run was: tool version, command line, seed, and every input file with its SHA-256.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// The command line, as typed.
    pub command_line: Vec<String>,
    /// Bootstrap seed.
    pub seed: u64,
    /// Bootstrap replicates.
    pub replicates: usize,
    /// Background corpus of the log-odds prior, if any.
    pub background: Option<String>,
    /// (role, path, SHA-256) of every input file.
    pub inputs: Vec<(String, String, String)>,
}

/// SHA-256 of a file, as lower-case hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "cannot read", e))?;
    Ok(sha256_hex(&bytes))
}

/// SHA-256 of bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn fmt(v: Option<f64>, digits: usize) -> String {
    v.map(|v| format!("{:.digits$}", v + 0.0))
        .unwrap_or_else(|| "–".into())
}

fn signed(v: Option<f64>, digits: usize) -> String {
    v.map(|v| format!("{:+.digits$}", v + 0.0))
        .unwrap_or_else(|| "–".into())
}

/// "= 0.055", or "< 0.001" where three decimals would show zero.
fn p_value(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "< 0.001".into(),
        p => format!("= {}", fmt(p, 3)),
    }
}

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{:.0}%", v * 100.0))
        .unwrap_or_else(|| "–".into())
}

/// Romano et al.'s (2006) thresholds for Cliff's delta.
fn cliff_size(d: f64) -> &'static str {
    match d.abs() {
        x if x < 0.147 => "negligible",
        x if x < 0.33 => "small",
        x if x < 0.474 => "medium",
        _ => "large",
    }
}

fn interval(lo: Option<f64>, hi: Option<f64>, digits: usize) -> String {
    match (lo, hi) {
        (Some(lo), Some(hi)) => format!(
            "95% CI {} to {}",
            signed(Some(lo), digits),
            signed(Some(hi), digits)
        ),
        _ => "no interval".into(),
    }
}

fn excludes_zero(lo: Option<f64>, hi: Option<f64>) -> bool {
    matches!((lo, hi), (Some(lo), Some(hi)) if lo > 0.0 || hi < 0.0)
}

fn numeric(header: &[&str], text_columns: usize) -> Vec<bool> {
    (0..header.len()).map(|i| i >= text_columns).collect()
}

fn table(header: &[&str], rows: Vec<Vec<String>>, text_columns: usize) -> Block {
    Block::Table {
        header: header.iter().map(|h| h.to_string()).collect(),
        numeric: numeric(header, text_columns),
        rows,
    }
}

/// The corpus: one row per article with its metadata and size.
fn corpus(input: &RenderInput<'_>) -> Result<Vec<Block>> {
    let a = &input.corpus.tables.articles;
    let ids = strings(a, "article_id")?;
    let sentences = numbers(a, "sentences")?;
    let tokens = numbers(a, "tokens")?;
    let by_id: std::collections::HashMap<&str, &crate::corpus::Article> = input
        .corpus
        .articles
        .iter()
        .map(|x| (x.id.as_str(), x))
        .collect();
    let mut rows = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let article = by_id.get(id.as_str());
        let field = |name: &str| {
            article
                .map(|x| x.field(name).to_string())
                .unwrap_or_default()
        };
        rows.push(vec![
            id.clone(),
            field("outlet"),
            field("genre"),
            field("published"),
            field(input.corpus.group_by),
            fmt(sentences[i], 0),
            fmt(tokens[i], 0),
        ]);
    }
    let mut blocks = vec![Block::Heading(2, "Corpus".into())];
    if ids.len() > 40 {
        blocks.push(Block::Paragraph(format!(
            "{} articles; the per-article table is in `articles.csv`.",
            ids.len()
        )));
    } else {
        blocks.push(table(
            &[
                "article",
                "outlet",
                "genre",
                "published",
                &format!("group ({})", input.corpus.group_by),
                "sentences",
                "tokens",
            ],
            rows,
            5,
        ));
    }
    let skipped: Vec<&crate::corpus::records::Rejected> =
        crate::corpus::records::left_out(input.rejected).collect();
    if !skipped.is_empty() {
        // Every skipped record is listed in rejects.csv; the report names the first few.
        const SHOWN: usize = 10;
        let mut items: Vec<String> = skipped
            .iter()
            .take(SHOWN)
            .map(|r| {
                let id =
                    r.id.as_deref()
                        .map(|i| format!(" ({i})"))
                        .unwrap_or_default();
                format!("line {}{id}: {}", r.line, r.reason)
            })
            .collect();
        if skipped.len() > SHOWN {
            items.push(format!("… and {} more", skipped.len() - SHOWN));
        }
        blocks.push(Block::Paragraph(format!(
            "{} corpus record(s) were skipped; `rejects.csv` lists each with its line and reason:",
            skipped.len()
        )));
        blocks.push(Block::List(items));
    }
    blocks.extend(cleaning(input));
    Ok(blocks)
}

/// The size of a difference between two rates by their ratio a/b (the larger over the smaller):
/// small below 1.25, moderate below 2, large from 2; with the ratio itself (`None` when b is 0).
fn rate_ratio_size(a: Option<f64>, b: Option<f64>) -> (&'static str, Option<f64>) {
    let ratio = a.zip(b).and_then(|(a, b)| (b > 0.0).then(|| a / b));
    let larger = ratio.map_or(f64::INFINITY, |r| if r >= 1.0 { r } else { 1.0 / r });
    let size = if larger < 1.25 {
        "small"
    } else if larger < 2.0 {
        "moderate"
    } else {
        "large"
    };
    (size, ratio)
}

/// Leave one cluster out: per contrast, the category with the largest difference and the clusters
/// whose removal moves it most (from the `influence` table).
fn influence(input: &RenderInput<'_>) -> Result<Vec<Block>> {
    let t = &input.statistics.influence;
    if t.height() == 0 {
        return Ok(Vec::new());
    }
    let (contrast, measure, cluster, side) = (
        strings(t, "contrast")?,
        strings(t, "measure")?,
        strings(t, "cluster")?,
        strings(t, "side")?,
    );
    let (difference, without) = (numbers(t, "difference")?, numbers(t, "difference_without")?);
    let mut items = Vec::new();
    for c in input.statistics.contrasts.iter().map(|c| c.label()) {
        // The rate measure with the largest |difference| in this contrast.
        let Some(top) = (0..t.height())
            .filter(|&i| contrast[i] == c && measure[i].ends_with("_per_1000"))
            .max_by(|&i, &j| {
                let (x, y) = (
                    difference[i].unwrap_or(0.0).abs(),
                    difference[j].unwrap_or(0.0).abs(),
                );
                x.total_cmp(&y).then(measure[j].cmp(&measure[i]))
            })
        else {
            continue;
        };
        let rows: Vec<String> = (0..t.height())
            .filter(|&i| contrast[i] == c && measure[i] == measure[top])
            .map(|i| {
                format!(
                    "without {} ({}) {}",
                    cluster[i],
                    side[i],
                    signed(without[i], 2)
                )
            })
            .collect();
        items.push(format!(
            "{c}, {}: {}; {}",
            measure[top].trim_end_matches("_per_1000"),
            signed(difference[top], 2),
            rows.join(", ")
        ));
    }
    Ok(vec![
        Block::Heading(3, format!("Influence (leave one {} out)", input.corpus.summary.unit.label())),
        Block::Paragraph("For each contrast, the frame difference (hits per 1,000 tokens) that is largest, and the clusters whose removal moves it most; `influence.csv` has the three for every measure. A finding that one cluster drives is a finding about that cluster.".into()),
        Block::List(items),
    ])
}

/// The sampling unit of the intervals, why, and the warning when it is smaller than the outlet.
fn sampling_unit(input: &RenderInput<'_>) -> String {
    let summary = input.corpus.summary;
    let unit = summary.unit.label();
    let why = match &summary.unit {
        crate::aggregate::sums::ClusterUnit::Paragraph => format!("paragraphs, the default where a group has fewer than {} articles (articles of one text cannot be resampled; `--cluster-by` chooses another unit)", crate::MIN_ARTICLE_CLUSTERS),
        crate::aggregate::sums::ClusterUnit::Article => "whole articles, the default for a corpus whose groups each have enough of them (`--cluster-by` chooses another unit)".to_string(),
        crate::aggregate::sums::ClusterUnit::Field(f) => format!("the values of `{f}` (`--cluster-by {f}`): all the articles of one value in a group are drawn together"),
    };
    let mut text = format!("**Sampling unit.** Every interval resamples {why}; `ci_method` names the unit ({unit}). Where the groups are assigned at that level (articles, or a field each of whose values lies in one group), every difference also gets a test on it (`cluster_test`): a permutation test moving whole clusters between the sides, exact up to 20,000 splits, else {} seeded draws; beyond 1,000 clusters, or where the interval is the normal limit, the z-test of that limit. Mann–Whitney U and Cliff's delta treat sentences as independent and are descriptive beside it.", input.manifest.replicates);
    for w in crate::survey::sampling_warnings(
        &summary.notes,
        input.corpus.articles,
        input.corpus.group_by,
        &summary.unit,
    ) {
        text.push_str(&format!(" **Warning:** {w}."));
    }
    text
}

/// What the survey pass removed and flagged: page furniture per outlet, near-duplicates per group.
fn cleaning(input: &RenderInput<'_>) -> Vec<Block> {
    let summary = input.corpus.summary;
    let notes = &summary.notes;
    let mut blocks = Vec::new();
    if notes.furniture {
        let (removed, before) = summary.furniture.values().fold((0, 0), |(r, b), f| {
            (r + f.tokens_removed, b + f.tokens_removed + f.tokens_kept)
        });
        let with: u64 = summary.furniture.values().map(|f| f.articles_with).sum();
        let learned: u64 = notes.learned.values().sum();
        blocks.push(Block::Heading(3, "Page furniture".into()));
        blocks.push(Block::Paragraph(format!(
            "{removed} tokens ({} of the running text and furniture together) were removed as page furniture from {with} articles: built-in scraping artefacts (gallery captions and counters, video players, image credits, browser notices) and {learned} strings learned from the outlets' own articles (a line or sentence in at least 2% of an outlet's articles and in at least 5 of them), by the `{}` field. Furniture is never scored nor counted in tokens; `boilerplate.csv` lists every string per outlet, `boilerplate_outlets.csv` the share per outlet; `--furniture off` keeps it.",
            percent((before > 0).then(|| removed as f64 / before as f64)),
            notes.source_field
        )));
        let mut outlets: Vec<(&String, &crate::aggregate::sums::SourceFurniture)> = summary
            .furniture
            .iter()
            .filter(|(_, f)| f.tokens_removed > 0)
            .collect();
        let share = |f: &crate::aggregate::sums::SourceFurniture| {
            f.tokens_removed as f64 / (f.tokens_removed + f.tokens_kept).max(1) as f64
        };
        outlets.sort_by(|a, b| share(b.1).total_cmp(&share(a.1)).then(a.0.cmp(b.0)));
        let rows: Vec<Vec<String>> = outlets
            .iter()
            .take(10)
            .map(|(name, f)| {
                let top = f
                    .strings
                    .values()
                    .max_by(|a, b| a.tokens.cmp(&b.tokens).then(b.example.cmp(&a.example)));
                let example: String = top
                    .map(|t| {
                        crate::segment::display_text(&t.example)
                            .chars()
                            .take(90)
                            .collect()
                    })
                    .unwrap_or_default();
                vec![
                    (*name).clone(),
                    f.articles.to_string(),
                    percent(Some(share(f))),
                    example,
                ]
            })
            .collect();
        if !rows.is_empty() {
            blocks.push(table(
                &[
                    "outlet",
                    "articles",
                    "tokens removed",
                    "largest string (example)",
                ],
                rows,
                1,
            ));
        }
    }
    if let Some(d) = &notes.duplicates {
        let clusters = d.members.iter().map(|m| m.cluster).max().unwrap_or(0);
        let per_group = d.per_group();
        blocks.push(Block::Heading(3, "Near-duplicates".into()));
        blocks.push(Block::Paragraph(format!(
            "{clusters} clusters of near-duplicate articles (estimated Jaccard similarity of word 5-shingles at least {}, MinHash with locality-sensitive hashing), listed in `duplicates.csv`; the articles table's `duplicate_of` names each copy's first article in corpus order. Mode `{}`: {}.",
            d.threshold,
            d.mode,
            match d.mode.as_str() {
                "drop" => "one copy per cluster was analysed",
                "drop-within-group" => "one copy per cluster and group was analysed",
                _ => "every copy was analysed (`--near-duplicates drop-within-group` analyses one per cluster and group)",
            }
        )));
        let mut warned = Vec::new();
        let rows: Vec<Vec<String>> = per_group
            .iter()
            .map(|(g, (n, copies, dropped))| {
                let share = (*n > 0).then(|| *copies as f64 / *n as f64);
                if share.is_some_and(|s| s > 0.05) {
                    warned.push(g.to_string());
                }
                vec![
                    g.to_string(),
                    n.to_string(),
                    copies.to_string(),
                    percent(share),
                    dropped.to_string(),
                ]
            })
            .collect();
        blocks.push(table(
            &[
                "group",
                "articles",
                "copies of an earlier article",
                "share",
                "left out",
            ],
            rows,
            1,
        ));
        if !warned.is_empty() {
            blocks.push(Block::Paragraph(format!(
                "**Warning:** more than 5% of the articles of {} are near-duplicates of another article; their copies count more than once unless `--near-duplicates drop-within-group` (or `drop`) is given.",
                warned.join(", ")
            )));
        }
    }
    if notes.groups_nested_in_outlets() {
        blocks.push(Block::Paragraph(format!(
            "The groups are nested in the `{}` field (every outlet belongs to one group), so words that stand for outlets are marked `outlet_name` in `distinctive_words.csv` and `keyness.csv` and hidden in the distinctive-words chart.",
            notes.source_field
        )));
    }
    blocks
}

/// The headline findings in plain words, each with its numbers and interval.
fn findings(input: &RenderInput<'_>) -> Result<Vec<Block>> {
    let st = input.statistics;
    let mut blocks = vec![Block::Heading(2, "Findings".into())];
    if st.contrasts.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "All articles fall into one group of `{}`: there is nothing to compare. The tables and charts describe the corpus as a whole.",
            input.corpus.group_by
        )));
        return Ok(blocks);
    }
    let units = match &input.corpus.summary.unit {
        crate::aggregate::sums::ClusterUnit::Paragraph => {
            "paragraphs (sentences of one paragraph are not independent)".to_string()
        }
        crate::aggregate::sums::ClusterUnit::Article => "whole articles".to_string(),
        crate::aggregate::sums::ClusterUnit::Field(f) => format!("the values of `{f}`"),
    };
    blocks.push(Block::Paragraph(format!(
        "Differences are the first group minus the second. Intervals are 95% percentile bootstrap intervals that resample {units}, or beyond 5,000 clusters the bootstrap's normal-theory limit (cluster-robust variance; the tables' `ci_method` says which); a difference is called established only when its interval excludes zero. Frame differences are ranked by size, the ratio of the two rates: small below 1.25 (or above 0.8), moderate below 2 (above 0.5), large beyond; the ratio's 95% interval is exp(ln R ∓ 1.96 √(Var_a/R_a² + Var_b/R_b²)) from the same cluster-robust variances. Mann–Whitney p-values treat sentences as independent. With few articles per group these describe the texts, not their genres."
    )));
    let t = &st.sentiment_tests;
    let (c, voice, measure) = (
        strings(t, "contrast")?,
        strings(t, "voice")?,
        strings(t, "measure")?,
    );
    let (ma, mb, diff, lo, hi) = (
        numbers(t, "mean_a")?,
        numbers(t, "mean_b")?,
        numbers(t, "difference")?,
        numbers(t, "ci_lower")?,
        numbers(t, "ci_upper")?,
    );
    let (p, delta) = (numbers(t, "p_value")?, numbers(t, "cliffs_delta")?);
    let f = &st.frame_differences;
    let (fc, fv, fcat) = (
        strings(f, "contrast")?,
        strings(f, "voice")?,
        strings(f, "category")?,
    );
    let (fa, fb, fd, flo, fhi) = (
        numbers(f, "per_1000_a")?,
        numbers(f, "per_1000_b")?,
        numbers(f, "per_1000_difference")?,
        numbers(f, "per_1000_ci_lower")?,
        numbers(f, "per_1000_ci_upper")?,
    );
    let fp = numbers(f, "per_1000_p_value")?;
    let (rr_lo, rr_hi) = (
        numbers(f, "rate_ratio_ci_lower")?,
        numbers(f, "rate_ratio_ci_upper")?,
    );
    for contrast in &st.contrasts {
        let label = contrast.label();
        let mut items = Vec::new();
        // Sentiment, overall and by voice.
        for scope in ["all", "author", "quoted"] {
            let Some(i) = (0..c.len())
                .find(|&i| c[i] == label && voice[i] == scope && measure[i] == "compound")
            else {
                continue;
            };
            if ma[i].is_none() || mb[i].is_none() {
                let missing = if ma[i].is_none() {
                    &contrast.a
                } else {
                    &contrast.b
                };
                items.push(format!("**Sentiment ({scope} voice)**: {missing} has no such sentences, so there is nothing to compare."));
                continue;
            }
            let sure = match (excludes_zero(lo[i], hi[i]), p[i].is_some_and(|p| p < 0.05)) {
                (true, _) => "the interval excludes zero",
                (false, true) => "the interval includes zero, so the direction is not established, although Mann–Whitney, which treats sentences as independent, finds p below 0.05",
                (false, false) => "the interval includes zero, so the direction is not established",
            };
            let scope_text = match scope {
                "all" => "all running text".to_string(),
                s => format!("{s} sentences only"),
            };
            items.push(format!(
                "**Sentiment ({scope_text})**: mean VADER compound {} {} vs {} {}, difference {} ({}; {sure}); Mann–Whitney p {}, Cliff's delta {} ({}).",
                contrast.a,
                signed(ma[i], 3),
                contrast.b,
                signed(mb[i], 3),
                signed(diff[i], 3),
                interval(lo[i], hi[i], 3),
                p_value(p[i]),
                signed(delta[i], 2),
                delta[i].map(cliff_size).unwrap_or("–"),
            ));
        }
        // Frames whose interval excludes zero, the largest ratios first.
        let mut clear: Vec<(f64, String)> = Vec::new();
        let mut unclear = Vec::new();
        for i in (0..fc.len()).filter(|&i| fc[i] == label && fv[i] == "all") {
            let Some(d) = fd[i] else { continue };
            if excludes_zero(flo[i], fhi[i]) {
                let more = if d > 0.0 { &contrast.a } else { &contrast.b };
                let (size, ratio) = rate_ratio_size(fa[i], fb[i]);
                let disagree = match fp[i] {
                    Some(p) if p >= 0.05 => format!(
                        "; the test on the sampling unit disagrees, p {}",
                        p_value(Some(p))
                    ),
                    _ => String::new(),
                };
                clear.push((
                    ratio.map_or(f64::INFINITY, |r| r.ln().abs()),
                    format!(
                        "{more} leans more on **{}**, a {size} difference ({} vs {} hits per 1,000 tokens, ratio {}{}, difference {}, {}{disagree})",
                        fcat[i],
                        fmt(fa[i], 1),
                        fmt(fb[i], 1),
                        ratio.map_or("–".to_string(), |r| format!("{r:.2}")),
                        match (rr_lo[i], rr_hi[i]) {
                            (Some(lo), Some(hi)) => format!(" ({lo:.2} to {hi:.2})"),
                            _ => String::new(),
                        },
                        signed(Some(d), 1),
                        interval(flo[i], fhi[i], 1)
                    ),
                ));
            } else {
                unclear.push(fcat[i].clone());
            }
        }
        clear.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let clear: Vec<String> = clear.into_iter().map(|(_, text)| text).collect();
        if clear.is_empty() {
            items.push(
                "**Frames**: no category differs with an interval that excludes zero.".into(),
            );
        } else {
            items.push(format!("**Frames**: {}.", clear.join("; ")));
        }
        if !unclear.is_empty() {
            items.push(format!(
                "No clear difference (interval includes zero): {}.",
                unclear.join(", ")
            ));
        }
        blocks.push(Block::Heading(3, label.clone()));
        blocks.push(Block::List(items));
    }
    Ok(blocks)
}

/// Whose voice carries the text, per group and per article.
fn voices(input: &RenderInput<'_>) -> Result<Vec<Block>> {
    let g = &input.corpus.tables.groups;
    let names = strings(g, "group")?;
    let mut share = Vec::new();
    let mut mean = Vec::new();
    for v in VOICES {
        share.push(numbers(g, &format!("share_{}", v.as_str()))?);
        mean.push(numbers(g, &format!("compound_mean_{}", v.as_str()))?);
    }
    let rows = (0..names.len())
        .map(|i| {
            vec![
                names[i].clone(),
                percent(share[0][i]),
                percent(share[1][i]),
                percent(share[2][i]),
                signed(mean[0][i], 3),
                signed(mean[1][i], 3),
                signed(mean[2][i], 3),
            ]
        })
        .collect();
    let mut items = Vec::new();
    for i in 0..names.len() {
        let quoted = share[1][i].unwrap_or(0.0) + share[2][i].unwrap_or(0.0);
        let tone = |m: Option<f64>| match m {
            Some(m) if m <= -0.05 => "negative",
            Some(m) if m >= 0.05 => "positive",
            Some(_) => "neutral",
            None => "absent",
        };
        let others = if quoted > 0.0 {
            format!(
                "{} quote or report others ({} on average for direct quotes, {} for reported speech)",
                percent(Some(quoted)),
                signed(mean[1][i], 3),
                signed(mean[2][i], 3)
            )
        } else {
            "no sentence quotes or reports anyone".to_string()
        };
        items.push(format!(
            "**{}**: {} of sentences are the author's own ({} on average, {}); {others}.",
            names[i],
            percent(share[0][i]),
            tone(mean[0][i]),
            signed(mean[0][i], 3),
        ));
    }
    for name in &names {
        let mut counts: Vec<(String, u64)> = input
            .corpus
            .summary
            .groups
            .get(name)
            .map(|g| g.speakers.iter().map(|(s, n)| (s.clone(), *n)).collect())
            .unwrap_or_default();
        counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        if !counts.is_empty() {
            let list: Vec<String> = counts
                .iter()
                .take(8)
                .map(|(s, n)| format!("{s} ({n})"))
                .collect();
            items.push(format!("Speakers in {name}: {}.", list.join(", ")));
        }
    }
    Ok(vec![
        Block::Heading(2, "Whose voice carries the sentiment".into()),
        Block::Paragraph(
            "Every sentence is the author's, a direct quote (inside quotation marks; scored on the quoted words alone) or reported speech (attributed without quotation marks).".into(),
        ),
        table(
            &["group", "author", "direct quote", "reported", "compound (author)", "compound (direct)", "compound (reported)"],
            rows,
            1,
        ),
        Block::List(items),
    ])
}

/// Chart captions, by chart name; `unit` is the sampling unit's plural ("paragraphs", "articles",
/// "values of `outlet`").
fn caption(name: &str, unit: &str) -> String {
    let fixed = match name {
        "frame_density" => "Frame hits per 1,000 tokens of running text, per category and article.",
        "sentiment_trajectory" => "Each sentence's VADER compound against its position in the article, with a 5-sentence rolling mean.",
        "sentiment_distribution" => "Sentence compound per article: dots are sentences, the box the middle half, the thick line the median.",
        "frame_sentiment" => "Mean VADER compound of the sentences carrying each frame.",
        "voice" => "Share of each article's sentences in each voice, and each voice's mean compound.",
        "distinctive_words" => "Words most typical of each side of a contrast: log-odds z-scores with an informative Dirichlet prior; function words hidden.",
        "frame_differences" => "Difference in frame hits per 1,000 tokens between groups, with 95% paragraph-bootstrap intervals.",
        "cooccurrence" => "Running-text sentences carrying both categories; the diagonal counts sentences carrying the category.",
        "voice_by_group" => "Share of each group's sentences in each voice, and each voice's mean compound.",
        "frame_trends" => return format!("Each group's frame hits per 1,000 tokens per time bin, with 95% intervals resampling {unit} (cluster-robust normal limit)."),
        "sentiment_trends" => return format!("Each group's mean sentence compound per time bin, with 95% intervals resampling {unit}, and its articles per bin."),
        _ => "",
    };
    if name == "frame_differences" && unit != "paragraphs" {
        return format!("Difference in frame hits per 1,000 tokens between groups, with 95% intervals resampling {unit} (the bootstrap, or its normal-theory limit; `ci_method` says which).");
    }
    fixed.to_string()
}

/// The sampling unit's plural for the report's prose.
fn unit_words(unit: &crate::aggregate::sums::ClusterUnit) -> String {
    match unit {
        crate::aggregate::sums::ClusterUnit::Paragraph => "paragraphs".to_string(),
        crate::aggregate::sums::ClusterUnit::Article => "articles".to_string(),
        crate::aggregate::sums::ClusterUnit::Field(f) => format!("values of `{f}`"),
    }
}

/// A paragraph on the trends table: its bins, their range, and the articles without a usable date.
fn trends_note(input: &RenderInput<'_>) -> Option<Block> {
    let summary = input.corpus.summary;
    let spec = summary.trends.as_ref()?;
    let mut dated: std::collections::BTreeMap<i64, (&String, f64)> = Default::default();
    let (mut undated, mut articles) = (0u64, 0u64);
    for bins in summary.time_bins.values() {
        for (label, cell) in bins {
            articles += cell.articles;
            match spec.bin.start_of_label(label) {
                Some(start) => dated.entry(start).or_insert((label, 0.0)).1 += cell.articles as f64,
                None => undated += cell.articles,
            }
        }
    }
    let bins: Vec<(i64, f64)> = dated.iter().map(|(s, (_, n))| (*s, *n)).collect();
    let labels: Vec<&String> = dated.values().map(|(l, _)| *l).collect();
    let range = match crate::aggregate::trends::core_range(&bins, crate::aggregate::trends::TAIL) {
        Some((lo, hi)) => {
            let outside: Vec<String> = (0..bins.len())
                .filter(|&i| i < lo || i > hi)
                .map(|i| format!("{} ({})", labels[i], bins[i].1))
                .collect();
            let stray = match outside.len() {
                0 => String::new(),
                n if n <= 8 => format!(" and a few outside it: {}", outside.join(", ")),
                n => format!(" and {n} {}s outside it", spec.bin),
            };
            format!(
                "{} {}s with articles, the charts' axis from {} to {}{stray}",
                bins.len(),
                spec.bin,
                labels[lo],
                labels[hi]
            )
        }
        None => format!("no {} with a dated article", spec.bin),
    };
    Some(Block::Paragraph(format!(
        "**Over time.** Articles binned by `{}` per {}: {range}. {undated} of {articles} articles have no usable date: they count in every other table and are listed in `rejects.csv` with the reason; `trends.csv` has them as the bin `undated`.",
        spec.field, spec.bin
    )))
}

fn charts(dir: &Path, input: &RenderInput<'_>, inline: bool) -> Result<Vec<Block>> {
    let mut blocks = vec![Block::Heading(2, "Charts".into())];
    let unit = unit_words(&input.corpus.summary.unit);
    let trends = input.corpus.tables.trends.is_some() && input.corpus.summary.trends.is_some();
    let extra: &[&str] = if trends {
        &super::trends::TREND_CHARTS
    } else {
        &[]
    };
    for name in CHARTS.iter().chain(extra) {
        if *name == extra.first().copied().unwrap_or_default() {
            blocks.extend(trends_note(input));
        }
        let svg = if inline {
            let path = dir.join(format!("{name}.svg"));
            std::fs::read_to_string(&path).map_err(|e| Error::io(&path, "cannot read chart", e))?
        } else {
            String::new()
        };
        blocks.push(Block::Chart {
            name: name.to_string(),
            caption: caption(name, &unit),
            svg,
        });
    }
    Ok(blocks)
}

/// Key tables: sentiment tests, frame differences, distinctive words.
fn key_tables(input: &RenderInput<'_>) -> Result<Vec<Block>> {
    let st = input.statistics;
    let mut blocks = vec![Block::Heading(2, "Key tables".into())];
    if st.contrasts.is_empty() {
        blocks.push(Block::Paragraph("One group: no contrast tables.".into()));
        return Ok(blocks);
    }
    let t = &st.sentiment_tests;
    let cols = ["contrast", "voice", "measure"];
    let text: Vec<Vec<String>> = cols.iter().map(|c| strings(t, c)).collect::<Result<_>>()?;
    let nums = [
        "n_a",
        "n_b",
        "mean_a",
        "mean_b",
        "difference",
        "ci_lower",
        "ci_upper",
        "mann_whitney_u",
        "p_value",
        "cliffs_delta",
    ];
    let vals: Vec<Vec<Option<f64>>> = nums.iter().map(|c| numbers(t, c)).collect::<Result<_>>()?;
    let rows = (0..text[0].len())
        .map(|i| {
            let mut row: Vec<String> = text.iter().map(|c| c[i].clone()).collect();
            row.extend(
                vals.iter()
                    .enumerate()
                    .map(|(k, c)| fmt(c[i], if k < 2 { 0 } else { 3 })),
            );
            row
        })
        .collect();
    blocks.push(Block::Heading(3, "Sentiment tests".into()));
    blocks.push(table(&[&cols[..], &nums[..]].concat(), rows, 3));

    let f = &st.frame_differences;
    let fcols = ["contrast", "voice", "category"];
    let fnums = [
        "per_1000_a",
        "per_1000_b",
        "per_1000_difference",
        "per_1000_ci_lower",
        "per_1000_ci_upper",
        "share_difference",
        "share_ci_lower",
        "share_ci_upper",
    ];
    let text: Vec<Vec<String>> = fcols.iter().map(|c| strings(f, c)).collect::<Result<_>>()?;
    let vals: Vec<Vec<Option<f64>>> = fnums.iter().map(|c| numbers(f, c)).collect::<Result<_>>()?;
    let rows = (0..text[0].len())
        .map(|i| {
            let mut row: Vec<String> = text.iter().map(|c| c[i].clone()).collect();
            row.extend(
                vals.iter()
                    .enumerate()
                    .map(|(k, c)| fmt(c[i], if k < 5 { 1 } else { 3 })),
            );
            row
        })
        .collect();
    blocks.push(Block::Heading(
        3,
        "Frame differences (author vs quoted split included)".into(),
    ));
    blocks.push(table(&[&fcols[..], &fnums[..]].concat(), rows, 3));

    let w = &st.distinctive_words;
    let (wc, ws, ww, wz) = (
        strings(w, "contrast")?,
        strings(w, "side")?,
        strings(w, "word")?,
        numbers(w, "z")?,
    );
    let mut rows = Vec::new();
    for contrast in &st.contrasts {
        for side in [&contrast.a, &contrast.b] {
            let top: Vec<String> = (0..ww.len())
                .filter(|&i| wc[i] == contrast.label() && &ws[i] == side)
                .take(15)
                .map(|i| format!("{} ({})", ww[i], fmt(wz[i], 2)))
                .collect();
            rows.push(vec![contrast.label(), side.clone(), top.join(", ")]);
        }
    }
    blocks.extend(influence(input)?);
    blocks.push(Block::Heading(3, "Most distinctive words (z-score)".into()));
    blocks.push(table(
        &["contrast", "more typical of", "words (z)"],
        rows,
        3,
    ));
    Ok(blocks)
}

fn methods(input: &RenderInput<'_>, manifest: &Manifest) -> Vec<Block> {
    let mut lexicon_files: Vec<String> = manifest
        .inputs
        .iter()
        .filter(|(role, _, _)| role == "frame lexicon" || role == "sentiment layer")
        .map(|(role, path, hash)| format!("{role} `{path}` (SHA-256 {hash})"))
        .collect();
    lexicon_files.sort();
    let units = unit_words(&input.corpus.summary.unit);
    let mut blocks = vec![
        Block::Heading(2, "Methods".into()),
        Block::Paragraph("**Segmentation.** Paragraphs are blocks between blank lines. The headline (the manifest's title), datelines (\"QAH (Syria) (AFP) –\"), subheadings, bylines and publisher boilerplate are typed units kept out of the running text; boilerplate is never scored. Sentences come from a rule-based splitter for news text that passes all 52 English Golden Rules of pragmatic_segmenter.".into()),
        Block::Paragraph("**Voice.** Quotation marks (straight, curly, guillemets, single quotes used as quotes) are paired per paragraph, with quotes continuing across paragraphs by news convention; one-to-three-word quotes are scare quotes and stay the author's. A reporting verb (said, told, added, warned, accused, according to, ...) with a speaker beside it marks reported speech. Pronoun and description speakers resolve to the most recent named speaker. Direct quotes are scored on the quoted words alone.".into()),
        Block::Paragraph(format!(
            "**Sentiment.** VADER with the rules of vaderSentiment 3.3.2 (reimplemented; equal to the reference on 968 fixture texts and 23,703 human-rated sentences), on each sentence after curly quotes are made ASCII. `compound_domain` lays the domain valences of the sentiment layers over VADER's lexicon. Positive ≥ 0.05, negative ≤ −0.05. Bootstrap: {} replicates, seed {}.",
            manifest.replicates, manifest.seed
        )),
        Block::Paragraph(format!(
            "**Frames.** {} categories matched on word tokens (case-insensitive, `*` globs, phrases, longest phrase per category, hyphenated and possessive forms matched to their base), with negation marked when a negator stands within three tokens before a hit in its clause. Density = 1,000 × summed hit weights ÷ tokens.",
            input.corpus.lexicon.categories.len()
        )),
        Block::List(lexicon_files),
        Block::Paragraph(format!(
            "**Distinctive words.** Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), natural logs, prior from {}:",
            manifest.background.as_deref().map(|b| format!("the background corpus `{b}`")).unwrap_or_else(|| "the pooled counts of the two sides".into())
        )),
        Block::Code("δ_w = ln[(y_wi + α_w)/(n_i + α_0 − y_wi − α_w)] − ln[(y_wj + α_w)/(n_j + α_0 − y_wj − α_w)]\nσ²_w ≈ 1/(y_wi + α_w) + 1/(y_wj + α_w)        z_w = δ_w / σ_w".into()),
        Block::Paragraph("**Keyness** as quanteda's textstat_keyness: for the 2×2 table (a = word in target, b = word in reference, c and d the other words), signed chi-square with Yates' δ = 0.5 when |ad − bc| ≥ N/2 and an expected count is below 5, and signed G² with Williams' correction:".into()),
        Block::Code("χ² = N (|ad − bc| − Nδ)² / [(a+b)(c+d)(a+c)(b+d)]\nG² = 2 Σ x ln(x / E_x) / q,   q = 1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1) / (6N)\nsign + when a > E(a) = (a+b)(a+c)/N;   p = P(χ²₁ > |stat|)".into()),
        Block::Paragraph(format!("**Sentiment tests.** Difference in mean compound with a 95% percentile bootstrap interval resampling {units} within each group (above 5,000 {units} on both sides together, its normal-theory limit: the difference ± 1.96 √(Var_a + Var_b) with the cluster-robust variance of each side's ratio of sums, Var(R) = m/(m−1) · Σ(y_i − R x_i)² / (Σx)² over its m {units}; the `ci_method` column says which); Mann–Whitney U of the first group (mid-ranks, tie-corrected variance, continuity correction, two-sided normal p-value, as scipy's asymptotic method); Cliff's delta = (#(x > y) − #(x < y)) / (n_x n_y), magnitude after Romano et al. (2006).")),
        Block::Paragraph(sampling_unit(input)),
        Block::Code("σ_U = √(n₁n₂/12 · [(n+1) − Σ(t³ − t)/(n(n−1))])     z = (max(U₁, U₂) − n₁n₂/2 − ½)/σ_U     p = 2·P(Z > z)".into()),
        Block::Paragraph("**Groups.** With two groups the contrast is first − second (alphabetical); with three or more each group is compared with the rest.".into()),
        Block::Paragraph("**Many comparisons.** Every p-value has a Benjamini–Hochberg q-value beside it (`q_value`, `chi2_q`, `g2_q`), adjusted within its family: for keyness and the log-odds z-scores (two-sided normal p), every word of one contrast, not only the words listed; for the sentiment tests, the measures of one contrast and voice scope. q₍ᵢ₎ = min(1, min over j ≥ i of m·p₍ⱼ₎/j) over the m p-values sorted, as statsmodels' `multipletests(method=\"fdr_bh\")` computes it.".into()),
    ];
    if let Some(spec) = &input.corpus.summary.trends {
        blocks.push(Block::Paragraph(format!(
            "**Trends.** Dates are read from `{}` as written (ISO 8601 with or without a time, `YYYY/MM/DD`, dates with English month names; numeric dates whose day and month could be swapped, and two-digit years, are refused, not guessed) and binned by {} (weeks are ISO weeks, Monday to Sunday). In each (group, bin), density and share are ratios of sums over the bin's {units}, each with a 95% interval R ± 1.96 √Var(R) from the same cluster-robust variance as above, over the {units} of that bin, clipped to the measure's range (a rate at 0, a share at 0 and 1); with fewer than two there is no interval. Every bin between the first and last dated one is a row, so gaps show.",
            spec.field, spec.bin
        )));
    }
    blocks
}

fn run_manifest(manifest: &Manifest) -> Vec<Block> {
    let mut rows = vec![
        vec![
            "tool".to_string(),
            format!("framing {}", env!("CARGO_PKG_VERSION")),
        ],
        vec!["command line".into(), manifest.command_line.join(" ")],
        vec!["bootstrap seed".into(), manifest.seed.to_string()],
        vec![
            "bootstrap replicates".into(),
            manifest.replicates.to_string(),
        ],
    ];
    for (role, path, hash) in &manifest.inputs {
        rows.push(vec![format!("{role}: {path}"), format!("sha256 {hash}")]);
    }
    vec![
        Block::Heading(2, "Run manifest".into()),
        Block::Table {
            header: vec!["item".into(), "value".into()],
            rows,
            numeric: vec![false, false],
        },
    ]
}

/// The whole report, in document order. `inline` reads the charts' SVG for the HTML page.
pub fn build(
    dir: &Path,
    input: &RenderInput<'_>,
    manifest: &Manifest,
    inline: bool,
) -> Result<Vec<Block>> {
    let mut blocks = vec![
        Block::Heading(1, "Framing and sentiment report".into()),
        Block::Paragraph(format!(
            "{} articles compared by `{}`; {} framing categories; VADER sentiment (vaderSentiment 3.3.2 rules) on every sentence of running text.",
            input.corpus.articles.len(),
            input.corpus.group_by,
            input.corpus.lexicon.categories.len()
        )),
    ];
    blocks.extend(findings(input)?);
    blocks.extend(voices(input)?);
    blocks.extend(corpus(input)?);
    blocks.extend(charts(dir, input, inline)?);
    blocks.extend(key_tables(input)?);
    blocks.extend(methods(input, manifest));
    blocks.extend(run_manifest(manifest));
    Ok(blocks)
}

/// Writes `report.html`, `report.md` and `summary.md` (the findings, voices and charts) into `dir`,
/// whose charts are already drawn.
pub fn write(dir: &Path, input: &RenderInput<'_>, manifest: &Manifest) -> Result<()> {
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| Error::write_failed(&path, e))
    };
    // Three documents from the same blocks, each written by its own task.
    let html = || {
        let html = build(dir, input, manifest, true)?;
        write(
            "report.html",
            to_html("Framing and sentiment report", &html),
        )
    };
    let md = || {
        let md = build(dir, input, manifest, false)?;
        write("report.md", to_markdown(&md))
    };
    let summary = || {
        let mut summary = vec![Block::Heading(1, "Framing and sentiment summary".into())];
        summary.extend(findings(input)?);
        summary.extend(voices(input)?);
        summary.extend(corpus(input)?);
        summary.extend(charts(dir, input, false)?);
        summary.push(Block::Paragraph(
            "The full report, with the key tables, methods and run manifest, is `report.html` (also `report.md`).".into(),
        ));
        write("summary.md", to_markdown(&summary))
    };
    let (html, (md, summary)) = rayon::join(html, || rayon::join(md, summary));
    html.and(md).and(summary)
}
