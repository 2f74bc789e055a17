//! Render stage: writes a run's tables (CSV and Parquet), charts (PNG and SVG) and `summary.md` into a
//! directory (the staging directory of [`crate::output`]).

pub mod charts;
pub mod summary;

use std::path::Path;

use polars::prelude::*;

use crate::aggregate::{density_column, Tables, VOICES};
use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::frames::Lexicon;
use charts::{write_chart, Distribution, GroupedBars, Panels, Series, Trajectory};

/// Everything the render stage draws from.
pub struct RenderInput<'a> {
    /// The corpus, in manifest order.
    pub articles: &'a [Article],
    /// The framing categories.
    pub lexicon: &'a Lexicon,
    /// The tables of the run.
    pub tables: &'a Tables,
    /// The group comparison table.
    pub comparison: &'a DataFrame,
    /// The metadata field the groups come from.
    pub group_by: &'a str,
}

/// File names of the charts, in the order the summary shows them.
pub const CHARTS: [&str; 5] = [
    "frame_density",
    "sentiment_trajectory",
    "sentiment_distribution",
    "frame_sentiment",
    "voice",
];

/// Writes every table, chart and the summary into `dir`.
pub fn render(dir: &Path, input: &RenderInput<'_>) -> Result<()> {
    let t = input.tables;
    for (name, df) in [
        ("sentences", &t.sentences),
        ("frame_hits", &t.frame_hits),
        ("articles", &t.articles),
        ("frames", &t.frames),
        ("groups", &t.groups),
        ("group_frames", &t.group_frames),
        ("article_voices", &t.article_voices),
        ("group_voices", &t.group_voices),
        ("comparison", input.comparison),
    ] {
        write_table(dir, name, df)?;
    }
    draw_charts(dir, input)?;
    summary::write(dir, input)
}

/// Writes `df` as `<name>.csv` and `<name>.parquet`.
pub fn write_table(dir: &Path, name: &str, df: &DataFrame) -> Result<()> {
    let wrap = |source| Error::Table {
        table: name.to_string(),
        source,
    };
    let mut df = df.clone();
    let csv_path = dir.join(format!("{name}.csv"));
    let mut file =
        std::fs::File::create(&csv_path).map_err(|e| Error::io(&csv_path, "cannot create", e))?;
    CsvWriter::new(&mut file).finish(&mut df).map_err(wrap)?;
    let pq_path = dir.join(format!("{name}.parquet"));
    let file =
        std::fs::File::create(&pq_path).map_err(|e| Error::io(&pq_path, "cannot create", e))?;
    ParquetWriter::new(file).finish(&mut df).map_err(wrap)?;
    Ok(())
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

fn draw_charts(dir: &Path, input: &RenderInput<'_>) -> Result<()> {
    let t = input.tables;
    let categories: Vec<String> = input
        .lexicon
        .names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let article_ids = strings(&t.articles, "article_id")?;
    let labels: Vec<String> = article_ids
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

    // (1) frame density per article
    let mut density = Vec::new();
    for (a, label) in labels.iter().enumerate() {
        let mut values = Vec::new();
        for c in &categories {
            values.push(numbers(&t.articles, &density_column(c))?[a]);
        }
        density.push(Series {
            label: label.clone(),
            values,
        });
    }
    write_chart(
        dir,
        &GroupedBars {
            name: CHARTS[0].into(),
            title: "Frame density by article".into(),
            caption: "Longer bar = the article uses more of that category's terms per 1,000 words of running text.".into(),
            x_label: "Frame hits per 1,000 tokens".into(),
            rows: categories.clone(),
            series: density,
            symmetric: false,
            decimals: 1,
        },
    )?;

    // (2) and (3) from the running-text sentences
    let running = t
        .sentences
        .clone()
        .lazy()
        .filter(col("running_text"))
        .collect()
        .map_err(|source| Error::Table {
            table: "sentences".into(),
            source,
        })?;
    let s_article = strings(&running, "article_id")?;
    let s_position = numbers(&running, "position")?;
    let s_compound = numbers(&running, "compound")?;
    let mut lines = Vec::new();
    let mut rows = Vec::new();
    for (id, label) in article_ids.iter().zip(&labels) {
        let points: Vec<(f64, f64)> = (0..s_article.len())
            .filter(|&i| &s_article[i] == id)
            .filter_map(|i| Some((s_position[i]?, s_compound[i]?)))
            .collect();
        rows.push((label.clone(), points.iter().map(|p| p.1).collect()));
        lines.push((label.clone(), points));
    }
    write_chart(
        dir,
        &Trajectory {
            name: CHARTS[1].into(),
            title: "Sentence sentiment through each article".into(),
            caption: "Each dot is a sentence; the line is a 5-sentence rolling mean. Above 0 = positive, below = negative.".into(),
            lines,
            window: 5,
        },
    )?;
    write_chart(
        dir,
        &Distribution {
            name: CHARTS[2].into(),
            title: "Distribution of sentence sentiment by article".into(),
            caption: "Dots are sentences; the box spans the middle half, the thick line is the median. |compound| < 0.05 is neutral.".into(),
            rows,
        },
    )?;

    // (4) mean compound of the sentences that carry each frame
    let f_article = strings(&t.frames, "article_id")?;
    let f_category = strings(&t.frames, "category")?;
    let f_mean = numbers(&t.frames, "mean_compound_with_frame")?;
    let series = article_ids
        .iter()
        .zip(&labels)
        .map(|(id, label)| Series {
            label: label.clone(),
            values: categories
                .iter()
                .map(|c| {
                    (0..f_article.len())
                        .find(|&i| &f_article[i] == id && &f_category[i] == c)
                        .and_then(|i| f_mean[i])
                })
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
    let voice_series = |prefix: &str| -> Result<Vec<Series>> {
        VOICES
            .iter()
            .map(|v| {
                Ok(Series {
                    label: v.as_str().replace('_', " "),
                    values: numbers(&t.articles, &format!("{prefix}{}", v.as_str()))?,
                })
            })
            .collect()
    };
    write_chart(
        dir,
        &Panels {
            name: CHARTS[4].into(),
            title: "Whose voice: the author, direct quotes, reported speech".into(),
            caption: "Left: share of each article's sentences in each voice. Right: their mean VADER compound (direct quotes scored on the quoted words alone).".into(),
            panels: vec![
                GroupedBars {
                    name: String::new(),
                    title: "Share of sentences".into(),
                    caption: String::new(),
                    x_label: "Share of running-text sentences (0 to 1)".into(),
                    rows: labels.clone(),
                    series: voice_series("share_")?,
                    symmetric: false,
                    decimals: 2,
                },
                GroupedBars {
                    name: String::new(),
                    title: "Mean sentiment".into(),
                    caption: String::new(),
                    x_label: "Mean VADER compound (−1 to +1)".into(),
                    rows: labels.clone(),
                    series: voice_series("compound_mean_")?,
                    symmetric: true,
                    decimals: 2,
                },
            ],
        },
    )
}
