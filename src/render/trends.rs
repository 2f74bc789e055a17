//! The trend charts: frame density per category over time (`frame_trends`) and sentiment and volume over
//! time (`sentiment_trends`), one line per group with its interval as a ribbon, drawn from the `trends`
//! table.

use std::path::Path;

use polars::prelude::DataFrame;

use super::charts::{write_chart, TimeLine, TimePanel, TimePanels};
use super::{numbers, strings};
use crate::aggregate::density_column;
use crate::aggregate::trends::{core_range, TAIL};
use crate::error::Result;
use crate::frames::Lexicon;
use crate::time::{Bin, UNDATED};

/// File names of the trend charts (drawn when the run has a trends table).
pub const TREND_CHARTS: [&str; 2] = ["frame_trends", "sentiment_trends"];

/// Panels at most in the frame chart; beyond, the categories with the highest density overall.
const MAX_PANELS: usize = 16;

/// What the charts read from the trends table.
struct Rows {
    group: Vec<String>,
    start: Vec<Option<i64>>,
    articles: Vec<f64>,
    tokens: Vec<f64>,
}

impl Rows {
    fn read(df: &DataFrame, bin: Bin) -> Result<Rows> {
        let labels = strings(df, "bin")?;
        Ok(Rows {
            group: strings(df, "group")?,
            start: labels
                .iter()
                .map(|l| (l != UNDATED).then(|| bin.start_of_label(l)).flatten())
                .collect(),
            articles: numbers(df, "articles")?
                .into_iter()
                .map(|v| v.unwrap_or(0.0))
                .collect(),
            tokens: numbers(df, "tokens")?
                .into_iter()
                .map(|v| v.unwrap_or(0.0))
                .collect(),
        })
    }

    /// The first and last bin start on the axis (the trends table's core range), and the dated
    /// articles outside it.
    fn axis(&self) -> Option<((i64, i64), u64)> {
        let mut per_bin: std::collections::BTreeMap<i64, f64> = Default::default();
        for (s, n) in self.start.iter().zip(&self.articles) {
            if let Some(s) = s {
                *per_bin.entry(*s).or_insert(0.0) += n;
            }
        }
        let bins: Vec<(i64, f64)> = per_bin.into_iter().filter(|b| b.1 > 0.0).collect();
        let (lo, hi) = core_range(&bins, TAIL)?;
        let outside: f64 = bins[..lo].iter().chain(&bins[hi + 1..]).map(|b| b.1).sum();
        Some(((bins[lo].0, bins[hi].0), outside as u64))
    }

    /// Per group, in row order, the lines of measure `column` (with its `_lower` and `_upper`).
    fn lines(&self, df: &DataFrame, column: &str, ribbons: bool) -> Result<Vec<TimeLine>> {
        let est = numbers(df, column)?;
        let (lower, upper) = if ribbons {
            (
                numbers(df, &format!("{column}_lower"))?,
                numbers(df, &format!("{column}_upper"))?,
            )
        } else {
            (est.clone(), est.clone())
        };
        let mut lines: Vec<TimeLine> = Vec::new();
        for i in 0..self.group.len() {
            let Some(start) = self.start[i] else { continue };
            if lines.last().is_none_or(|l| l.label != self.group[i]) {
                lines.push(TimeLine {
                    label: self.group[i].clone(),
                    points: Vec::new(),
                });
            }
            let value = est[i].map(|e| [e, lower[i].unwrap_or(e), upper[i].unwrap_or(e)]);
            if let Some(line) = lines.last_mut() {
                line.points.push((start, value));
            }
        }
        Ok(lines)
    }
}

/// Draws both trend charts from `trends` (binned by `bin`, intervals on `unit`).
pub fn draw_trend_charts(
    dir: &Path,
    trends: &DataFrame,
    lexicon: &Lexicon,
    bin: Bin,
    unit: &str,
) -> Result<()> {
    let rows = Rows::read(trends, bin)?;
    let Some((days, outside)) = rows.axis() else {
        return Ok(());
    };
    let undated: f64 = rows
        .start
        .iter()
        .zip(&rows.articles)
        .filter(|(s, _)| s.is_none())
        .map(|(_, n)| n)
        .sum();
    let left_out = format!(
        "Not drawn: {} article(s) with no usable date and {outside} dated outside the axis (the first and last {:.1}% of dated articles when they lie far out); trends.csv has every bin.",
        undated as u64,
        100.0 * TAIL
    );
    // The categories with the most hits per token overall, drawn in name order.
    let mut order: Vec<(usize, f64)> = Vec::new();
    for (k, c) in lexicon.categories.iter().enumerate() {
        let density = numbers(trends, &density_column(&c.name))?;
        let hits: f64 = density
            .iter()
            .zip(&rows.tokens)
            .map(|(d, t)| d.unwrap_or(0.0) * t)
            .sum();
        order.push((k, hits));
    }
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    order.truncate(MAX_PANELS);
    order.sort_by_key(|o| o.0);
    let mut panels = Vec::new();
    for (k, _) in &order {
        let name = &lexicon.categories[*k].name;
        panels.push(TimePanel {
            title: name.clone(),
            y_label: "Hits per 1,000 tokens".into(),
            lines: rows.lines(trends, &density_column(name), true)?,
            ribbons: true,
        });
    }
    let shown = if order.len() < lexicon.categories.len() {
        format!(
            "The {} categories with the most hits overall; the others are in trends.csv. ",
            order.len()
        )
    } else {
        String::new()
    };
    let caption = format!(
        "Line = each group's frame hits per 1,000 tokens of running text in each {bin}; ribbon = 95% interval with the {unit} as sampling unit (cluster-robust normal limit; none where a bin has fewer than two {unit}s). {shown}{left_out}"
    );
    write_chart(
        dir,
        &TimePanels {
            name: TREND_CHARTS[0].into(),
            title: format!("Frame density over time, per {bin}"),
            caption,
            columns: if panels.len() > 3 { 2 } else { 1 },
            panels,
            days,
        },
    )?;
    let volume = rows.lines(trends, "articles", false)?;
    let sentiment = rows.lines(trends, "compound_mean", true)?;
    write_chart(
        dir,
        &TimePanels {
            name: TREND_CHARTS[1].into(),
            title: format!("Sentiment and volume over time, per {bin}"),
            caption: format!(
                "Top: mean VADER compound of the running-text sentences in each {bin}, ribbon = 95% interval with the {unit} as sampling unit. Bottom: articles per {bin}. {left_out}"
            ),
            panels: vec![
                TimePanel {
                    title: "Mean sentence sentiment".into(),
                    y_label: "Mean VADER compound (−1 to +1)".into(),
                    lines: sentiment,
                    ribbons: true,
                },
                TimePanel {
                    title: format!("Articles per {bin}"),
                    y_label: "Articles".into(),
                    lines: volume,
                    ribbons: false,
                },
            ],
            columns: 1,
            days,
        },
    )?;
    Ok(())
}
