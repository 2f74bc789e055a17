//! Render stage: writes a run's tables (CSV and Parquet), charts (PNG and SVG) and `summary.md` into a
//! directory (the staging directory of [`crate::output`]).

pub mod charts;
pub mod document;
pub mod report;
pub mod trends;

use std::path::Path;

use polars::prelude::*;

use crate::aggregate::sums::{compound_units, Dist, Summary, COMPOUND_SCALE};
use crate::aggregate::{density_column, Tables, VOICES};
use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::frames::Lexicon;
use charts::{
    write_chart, Distribution, Diverging, DivergingPanel, DivergingRow, GroupedBars, Heatmap,
    Panels, Series, SpreadRow, Trajectory,
};

/// Everything the render stage draws from.
pub struct RenderInput<'a> {
    /// The corpus side: articles, lexicon, tables, sums, grouping field.
    pub corpus: CorpusView<'a>,
    /// The group comparison table.
    pub comparison: &'a DataFrame,
    /// The statistics tables.
    pub statistics: &'a crate::compare::contrast::Statistics,
    /// What the run was, for the report's manifest.
    pub manifest: &'a report::Manifest,
    /// Corpus records left out, with their line numbers.
    pub rejected: &'a [crate::corpus::records::Rejected],
}

/// The corpus side of a run, which the aggregate tables and the descriptive charts are drawn from:
/// everything but the statistics, so they can be written while the statistics are computed.
#[derive(Clone, Copy)]
pub struct CorpusView<'a> {
    /// The corpus, in manifest order.
    pub articles: &'a [Article],
    /// The framing categories.
    pub lexicon: &'a Lexicon,
    /// The tables of the run.
    pub tables: &'a Tables,
    /// The run's sums, for the group charts and the speakers.
    pub summary: &'a Summary,
    /// The metadata field the groups come from.
    pub group_by: &'a str,
}

/// File names of the tables (each written as .csv and .parquet; the first two only when the sentence
/// table is kept).
pub const TABLES: [&str; 19] = [
    "sentences",
    "frame_hits",
    "articles",
    "frames",
    "groups",
    "group_frames",
    "article_voices",
    "group_voices",
    "boilerplate",
    "boilerplate_outlets",
    "duplicates",
    "comparison",
    "sentiment_tests",
    "frame_differences",
    "distinctive_words",
    "keyness",
    "influence",
    "cooccurrence",
    "word_counts",
];

/// File names of the charts, in the order the summary shows them.
pub const CHARTS: [&str; 9] = [
    "frame_density",
    "sentiment_trajectory",
    "sentiment_distribution",
    "frame_sentiment",
    "voice",
    "distinctive_words",
    "frame_differences",
    "cooccurrence",
    "voice_by_group",
];

/// Writes the tables of the aggregate stage (articles, frames, groups, voices, and the sentence and
/// frame-hit tables when kept) and the descriptive charts into `dir`: they need no statistics, so a
/// run writes them while the statistics are computed. [`render`] writes the rest.
pub fn write_corpus_view(dir: &Path, c: &CorpusView<'_>) -> Result<()> {
    let t = c.tables;
    let mut tables: Vec<(&str, &DataFrame)> =
        [("sentences", &t.sentences), ("frame_hits", &t.frame_hits)]
            .into_iter()
            .filter_map(|(name, df)| df.as_ref().map(|df| (name, df)))
            .collect();
    tables.extend([
        ("articles", &t.articles),
        ("frames", &t.frames),
        ("groups", &t.groups),
        ("group_frames", &t.group_frames),
        ("article_voices", &t.article_voices),
        ("group_voices", &t.group_voices),
        ("boilerplate", &t.boilerplate),
        ("boilerplate_outlets", &t.boilerplate_outlets),
        ("duplicates", &t.duplicates),
    ]);
    if let Some(df) = &t.trends {
        tables.push(("trends", df));
    }
    let (written, drawn) = rayon::join(
        || write_tables(dir, &tables),
        || {
            draw_descriptive_charts(dir, c)?;
            match (&t.trends, &c.summary.trends) {
                (Some(df), Some(spec)) => {
                    trends::draw_trend_charts(dir, df, c.lexicon, spec.bin, c.summary.unit.label())
                }
                _ => Ok(()),
            }
        },
    );
    written.and(drawn)
}

/// Writes each `(name, table)` with [`write_table`], in parallel. Every file is written whole by
/// one task, so the files do not depend on the thread count.
fn write_tables(dir: &Path, tables: &[(&str, &DataFrame)]) -> Result<()> {
    use rayon::prelude::*;
    tables
        .par_iter()
        .try_for_each(|(name, df)| write_table(dir, name, df))
}

/// Writes the comparison and statistics tables, `rejects.csv`, the statistics charts and the report
/// into `dir`, after [`write_corpus_view`] wrote the rest.
pub fn render(dir: &Path, input: &RenderInput<'_>) -> Result<()> {
    let tables: [(&str, &DataFrame); 8] = [
        ("comparison", input.comparison),
        ("sentiment_tests", &input.statistics.sentiment_tests),
        ("frame_differences", &input.statistics.frame_differences),
        ("distinctive_words", &input.statistics.distinctive_words),
        ("keyness", &input.statistics.keyness),
        ("influence", &input.statistics.influence),
        ("cooccurrence", &input.statistics.cooccurrence),
        ("word_counts", &input.statistics.word_counts),
    ];
    // The report embeds the charts, so it follows them; it reads no table file.
    let (written, reported) = rayon::join(
        || write_tables(dir, &tables).and_then(|()| write_rejects(dir, input.rejected)),
        || statistics_charts(dir, input).and_then(|()| report::write(dir, input, input.manifest)),
    );
    written.and(reported)
}

/// Writes `rejects.csv`: the corpus records left out, with line, id and reason.
fn write_rejects(dir: &Path, rejected: &[crate::corpus::records::Rejected]) -> Result<()> {
    let df = crate::corpus::records::rejects_table(rejected).map_err(|source| Error::Table {
        table: "rejects".into(),
        source,
    })?;
    let path = dir.join("rejects.csv");
    let mut file =
        std::fs::File::create(&path).map_err(|e| Error::io(&path, "cannot create", e))?;
    CsvWriter::new(&mut file)
        .finish(&mut df.clone())
        .map_err(|e| Error::write_failed(&path, e))
}

/// Writes `df` as `<name>.csv` and `<name>.parquet`.
pub fn write_table(dir: &Path, name: &str, df: &DataFrame) -> Result<()> {
    // The two files are written independently: a few large tables dominate the writing, so
    // splitting each in two keeps both threads busy.
    let (csv, parquet) = rayon::join(
        || -> Result<()> {
            let path = dir.join(format!("{name}.csv"));
            let mut file =
                std::fs::File::create(&path).map_err(|e| Error::io(&path, "cannot create", e))?;
            CsvWriter::new(&mut file)
                .finish(&mut df.clone())
                .map_err(|e| Error::write_failed(&path, e))
        },
        || -> Result<()> {
            let path = dir.join(format!("{name}.parquet"));
            let file =
                std::fs::File::create(&path).map_err(|e| Error::io(&path, "cannot create", e))?;
            // The Parquet writer writes every page header and metadata field on its own (tens of
            // thousands of writes for the tables of one run), so it gets a buffer.
            let mut file = std::io::BufWriter::with_capacity(1 << 16, file);
            // Snappy, as pyarrow writes by default: every Parquet reader has it, and it is faster
            // to write than polars' default zstd (a sixth of the render stage on the 2k corpus).
            ParquetWriter::new(&mut file)
                .with_compression(ParquetCompression::Snappy)
                .finish(&mut df.clone())
                .map_err(|e| Error::write_failed(&path, e))?;
            std::io::Write::flush(&mut file).map_err(|e| Error::write_failed(&path, e))
        },
    );
    csv.and(parquet)
}

/// The chart's note on outlet names left out, if any were.
fn hidden_outlets_note(words: &[String], outlet_name: &[bool]) -> String {
    let mut hidden: Vec<&str> = words
        .iter()
        .zip(outlet_name)
        .filter(|(_, o)| **o)
        .map(|(w, _)| w.as_str())
        .collect();
    hidden.sort_unstable();
    hidden.dedup();
    if hidden.is_empty() {
        return String::new();
    }
    format!(
        " Groups are nested in outlets, so outlet names ({}) are hidden (marked in distinctive_words.csv).",
        hidden.join(", ")
    )
}

/// A boolean column (nulls as false).
pub fn flags(df: &DataFrame, name: &str) -> Result<Vec<bool>> {
    df.column(name)
        .and_then(|c| {
            c.bool()
                .map(|b| b.iter().map(|v| v.unwrap_or(false)).collect())
        })
        .map_err(|source| Error::Table {
            table: name.to_string(),
            source,
        })
}

/// A string column as owned strings (nulls as empty).
pub fn strings(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    df.column(name)
        .and_then(|c| {
            c.str()
                .map(|s| s.iter().map(|v| v.unwrap_or("").to_string()).collect())
        })
        .map_err(|source| Error::Table {
            table: name.to_string(),
            source,
        })
}

/// A numeric column as `f64`s (nulls as `None`).
pub fn numbers(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    df.column(name)
        .and_then(|c| c.cast(&DataType::Float64))
        .and_then(|c| c.f64().map(|f| f.iter().collect()))
        .map_err(|source| Error::Table {
            table: name.to_string(),
            source,
        })
}

/// Display label of an article: its id and its group value.
pub fn article_label(article: &Article, group_by: &str) -> String {
    format!("{} ({})", article.id, article.field(group_by))
}

/// Per-article charts compare at most this many articles; a larger corpus is charted by group.
pub const MAX_ARTICLES_CHARTED: usize = crate::aggregate::sums::TRACE_LIMIT;

/// What the per-unit charts compare: the articles of a small corpus, or the groups of a large one.
struct Units<'a> {
    /// "article" or "group", for titles.
    word: &'static str,
    /// The key column in the sentence table.
    key: &'static str,
    /// The unit ids, in table order.
    ids: Vec<String>,
    /// Their display labels.
    labels: Vec<String>,
    /// One row per unit (the articles or groups table).
    table: &'a DataFrame,
    /// One row per (unit, category) (the frames or group_frames table).
    frames: &'a DataFrame,
}

fn units<'a>(input: &CorpusView<'a>) -> Result<Units<'a>> {
    let t = input.tables;
    if input.articles.len() <= MAX_ARTICLES_CHARTED {
        let ids = strings(&t.articles, "article_id")?;
        let labels = ids
            .iter()
            .map(|id| {
                input
                    .articles
                    .iter()
                    .find(|a| &a.id == id)
                    .map(|a| article_label(a, input.group_by))
                    .unwrap_or_else(|| id.clone())
            })
            .collect();
        return Ok(Units {
            word: "article",
            key: "article_id",
            ids,
            labels,
            table: &t.articles,
            frames: &t.frames,
        });
    }
    let ids = strings(&t.groups, "group")?;
    let counts: Vec<usize> = ids
        .iter()
        .map(|g| {
            input
                .articles
                .iter()
                .filter(|a| a.field(input.group_by) == g)
                .count()
        })
        .collect();
    let labels = ids
        .iter()
        .zip(&counts)
        .map(|(g, n)| format!("{g} ({n} articles)"))
        .collect();
    Ok(Units {
        word: "group",
        key: "group",
        ids,
        labels,
        table: &t.groups,
        frames: &t.group_frames,
    })
}

/// The charts of the corpus side: frame density, sentiment trajectory and distribution, frame
/// sentiment, voices, voices by group.
fn draw_descriptive_charts(dir: &Path, input: &CorpusView<'_>) -> Result<()> {
    let t = input.tables;
    let categories: Vec<String> = input
        .lexicon
        .names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let u = units(input)?;
    let labels = u.labels.clone();

    // (1) frame density per unit
    let columns: Vec<Vec<Option<f64>>> = categories
        .iter()
        .map(|c| numbers(u.table, &density_column(c)))
        .collect::<Result<_>>()?;
    let density = labels
        .iter()
        .enumerate()
        .map(|(a, label)| Series {
            label: label.clone(),
            intervals: Vec::new(),
            values: columns.iter().map(|col| col[a]).collect(),
        })
        .collect();
    write_chart(
        dir,
        &GroupedBars {
            name: CHARTS[0].into(),
            title: format!("Frame density by {}", u.word),
            caption: format!("Longer bar = the {} uses more of that category's terms per 1,000 words of running text.", u.word),
            x_label: "Frame hits per 1,000 tokens".into(),
            rows: categories.clone(),
            series: density,
            symmetric: false,
            decimals: 1,
        },
    )?;

    // (2) and (3): each article's sentence scores, or each group's sums
    let spread = |label: &str, dist: &Dist| SpreadRow {
        label: label.to_string(),
        n: dist.n(),
        quartiles: dist
            .quantile(0.25)
            .zip(dist.median())
            .zip(dist.quantile(0.75))
            .map(|((q1, med), q3)| [q1, med, q3]),
        dots: dist.sample(300),
    };
    let mut lines = Vec::new();
    let mut rows = Vec::new();
    for (id, label) in u.ids.iter().zip(&labels) {
        if u.word == "article" {
            let points = input
                .summary
                .traces
                .as_ref()
                .and_then(|t| t.get(id))
                .cloned()
                .unwrap_or_default();
            let mut dist = Dist::default();
            for p in &points {
                dist.add(compound_units(p.1));
            }
            rows.push(spread(label, &dist));
            lines.push((label.clone(), points));
        } else {
            let group = input.summary.groups.get(id);
            // Many articles: the mean compound of each twentieth of the articles' length.
            let line = group
                .map(|g| {
                    g.positions
                        .iter()
                        .enumerate()
                        .filter(|(_, (_, n))| *n > 0)
                        .map(|(b, (sum, n))| {
                            (
                                (b as f64 + 0.5) / g.positions.len() as f64,
                                *sum as f64 / COMPOUND_SCALE / *n as f64,
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let dist = group
                .map(|g| g.scopes[0].compound.clone())
                .unwrap_or_default();
            rows.push(spread(label, &dist));
            lines.push((label.clone(), line));
        }
    }
    let per_article = u.word == "article";
    write_chart(
        dir,
        &Trajectory {
            name: CHARTS[1].into(),
            title: format!(
                "Sentence sentiment through each {}",
                if per_article {
                    "article"
                } else {
                    "group's articles"
                }
            ),
            caption: if per_article {
                "Each dot is a sentence; the line is a 5-sentence rolling mean. Above 0 = positive, below = negative.".into()
            } else {
                "Each dot is the mean compound of the sentences in one twentieth of the articles' length. Above 0 = positive.".into()
            },
            lines,
            window: if per_article { 5 } else { 1 },
        },
    )?;
    write_chart(
        dir,
        &Distribution {
            name: CHARTS[2].into(),
            title: format!("Distribution of sentence sentiment by {}", u.word),
            caption: "Dots are sentences (at most 300 per row, at evenly spaced ranks); the box spans the middle half, the thick line is the median.".into(),
            rows,
        },
    )?;

    // (4) mean compound of the sentences that carry each frame
    let f_key = strings(u.frames, u.key)?;
    let f_category = strings(u.frames, "category")?;
    let f_mean = numbers(u.frames, "mean_compound_with_frame")?;
    let lookup: std::collections::HashMap<(&str, &str), Option<f64>> = (0..f_key.len())
        .map(|i| ((f_key[i].as_str(), f_category[i].as_str()), f_mean[i]))
        .collect();
    let series = u
        .ids
        .iter()
        .zip(&labels)
        .map(|(id, label)| Series {
            label: label.clone(),
            intervals: Vec::new(),
            values: categories
                .iter()
                .map(|c| lookup.get(&(id.as_str(), c.as_str())).copied().flatten())
                .collect(),
        })
        .collect();
    write_chart(
        dir,
        &GroupedBars {
            name: CHARTS[3].into(),
            title: "Sentiment of the sentences carrying each frame".into(),
            caption: "Bar = mean VADER compound of the sentences with at least one hit of the category; no bar = no such sentence.".into(),
            x_label: "Mean VADER compound (−1 to +1)".into(),
            rows: categories,
            series,
            symmetric: true,
            decimals: 2,
        },
    )?;

    // (5) voices: whose words each article carries, and their tone
    write_chart(
        dir,
        &voice_chart(
            CHARTS[4],
            "Whose voice: the author, direct quotes, reported speech",
            "Left: share of sentences in each voice. Right: their mean VADER compound (direct quotes scored on the quoted words alone).",
            u.table,
            &labels,
        )?,
    )?;
    let groups = strings(&t.groups, "group")?;
    write_chart(
        dir,
        &voice_chart(
            CHARTS[8],
            &format!("Voices by {}", input.group_by),
            "Left: share of each group's sentences in each voice. Right: mean VADER compound of each voice in each group.",
            &t.groups,
            &groups,
        )?,
    )
}

/// Two panels, share of sentences per voice and mean compound per voice, one row per line of `table`.
fn voice_chart(
    name: &str,
    title: &str,
    caption: &str,
    table: &DataFrame,
    rows: &[String],
) -> Result<Panels> {
    let series = |prefix: &str| -> Result<Vec<Series>> {
        VOICES
            .iter()
            .map(|v| {
                Ok(Series {
                    label: v.as_str().replace('_', " "),
                    intervals: Vec::new(),
                    values: numbers(table, &format!("{prefix}{}", v.as_str()))?,
                })
            })
            .collect()
    };
    let panel = |title: &str, x_label: &str, series: Vec<Series>, symmetric: bool| GroupedBars {
        name: String::new(),
        title: title.into(),
        caption: String::new(),
        x_label: x_label.into(),
        rows: rows.to_vec(),
        series,
        symmetric,
        decimals: 2,
    };
    Ok(Panels {
        name: name.into(),
        title: title.into(),
        caption: caption.into(),
        panels: vec![
            panel(
                "Share of sentences",
                "Share of running-text sentences (0 to 1)",
                series("share_")?,
                false,
            ),
            panel(
                "Mean sentiment",
                "Mean VADER compound (−1 to +1)",
                series("compound_mean_")?,
                true,
            ),
        ],
    })
}

/// Words hidden from the distinctive-words chart (never from the counts): function words that carry no
/// framing.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
    "just", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not", "of",
    "on", "once", "only", "or", "other", "our", "out", "over", "own", "s", "said", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your",
];

/// Words shown per side of each contrast in the distinctive-words chart.
const WORDS_PER_SIDE: usize = 12;

fn statistics_charts(dir: &Path, input: &RenderInput<'_>) -> Result<()> {
    let st = input.statistics;
    let contrasts: Vec<String> = st.contrasts.iter().map(|c| c.label()).collect();
    let side_colours = [charts::PALETTE[0], charts::PALETTE[1]];

    // (6) distinctive words
    let w = &st.distinctive_words;
    let (w_contrast, w_side, w_word, w_z) = (
        strings(w, "contrast")?,
        strings(w, "side")?,
        strings(w, "word")?,
        numbers(w, "z")?,
    );
    let outlet_name = flags(w, "outlet_name")?;
    let mut panels = Vec::new();
    for c in &st.contrasts {
        let mut rows = Vec::new();
        for (side, colour) in [(&c.a, side_colours[0]), (&c.b, side_colours[1])] {
            let mut picked: Vec<DivergingRow> = (0..w_word.len())
                .filter(|&i| w_contrast[i] == c.label() && &w_side[i] == side)
                .filter(|&i| !STOP_WORDS.contains(&w_word[i].as_str()) && !outlet_name[i])
                .filter_map(|i| {
                    Some(DivergingRow {
                        label: w_word[i].clone(),
                        value: w_z[i]?,
                        interval: None,
                        colour,
                    })
                })
                .take(WORDS_PER_SIDE)
                .collect();
            if side == &c.b {
                picked.reverse();
            }
            rows.extend(picked);
        }
        panels.push(DivergingPanel {
            title: c.label(),
            rows,
        });
    }
    let legend = match st.contrasts.first() {
        Some(c) if st.contrasts.len() == 1 => vec![
            (format!("more typical of {}", c.a), side_colours[0]),
            (format!("more typical of {}", c.b), side_colours[1]),
        ],
        _ => vec![
            ("more typical of the group".to_string(), side_colours[0]),
            ("more typical of the rest".to_string(), side_colours[1]),
        ],
    };
    write_chart(
        dir,
        &Diverging {
            name: CHARTS[5].into(),
            title: "Distinctive words".into(),
            caption: format!(
                "Log-odds z-score with an informative Dirichlet prior (Monroe et al. 2008); |z| > 1.96 is conventionally distinctive. Function words hidden.{}",
                hidden_outlets_note(&w_word, &outlet_name)
            ),
            x_label: "z-score of the log-odds ratio".into(),
            legend: if contrasts.is_empty() { Vec::new() } else { legend },
            panels,
            decimals: 2,
        },
    )?;

    // (7) frame differences with their intervals
    let colours = charts::category_colours(
        &input
            .corpus
            .lexicon
            .categories
            .iter()
            .map(|c| c.color.clone())
            .collect::<Vec<_>>(),
    );
    let f = &st.frame_differences;
    let (f_contrast, f_scope, f_category) = (
        strings(f, "contrast")?,
        strings(f, "voice")?,
        strings(f, "category")?,
    );
    let (f_diff, f_lo, f_hi) = (
        numbers(f, "per_1000_difference")?,
        numbers(f, "per_1000_ci_lower")?,
        numbers(f, "per_1000_ci_upper")?,
    );
    let panels = contrasts
        .iter()
        .map(|label| DivergingPanel {
            title: label.clone(),
            rows: (0..f_category.len())
                .filter(|&i| &f_contrast[i] == label && f_scope[i] == "all")
                .filter_map(|i| {
                    let k = input.corpus.lexicon.index_of(&f_category[i])?;
                    Some(DivergingRow {
                        label: f_category[i].clone(),
                        value: f_diff[i]?,
                        interval: f_lo[i].zip(f_hi[i]),
                        colour: colours[k],
                    })
                })
                .collect(),
        })
        .collect();
    write_chart(
        dir,
        &Diverging {
            name: CHARTS[6].into(),
            title: "Frame differences between groups".into(),
            caption: "Bar = difference in frame hits per 1,000 tokens (first group − second); whiskers = 95% interval (paragraph bootstrap; its normal limit for large samples).".into(),
            x_label: "Difference in hits per 1,000 tokens".into(),
            legend: Vec::new(),
            panels,
            decimals: 1,
        },
    )?;

    // (8) co-occurrence
    let co = &st.cooccurrence;
    let (a, b, both) = (
        strings(co, "category_a")?,
        strings(co, "category_b")?,
        numbers(co, "sentences_with_both")?,
    );
    let labels: Vec<String> = input
        .corpus
        .lexicon
        .names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut values = vec![vec![0.0; labels.len()]; labels.len()];
    for i in 0..a.len() {
        if let (Some(r), Some(c)) = (
            input.corpus.lexicon.index_of(&a[i]),
            input.corpus.lexicon.index_of(&b[i]),
        ) {
            values[r][c] = both[i].unwrap_or(0.0);
        }
    }
    write_chart(
        dir,
        &Heatmap {
            name: CHARTS[7].into(),
            title: "Frames that occur together".into(),
            caption: "Cell = running-text sentences carrying both categories; the diagonal counts sentences carrying that category at all.".into(),
            labels,
            values,
        },
    )
}
