//! The `trends` table: per group and time bin, how many articles, how much framing and what sentiment,
//! each measure with a 95% interval on the run's sampling unit.
//!
//! Intervals are the normal-theory (cluster-robust, linearisation) limit of the cluster bootstrap, from the
//! clusters of each (group, bin): a bin of a few outlets gets the wide interval it deserves, and the
//! `clusters` column says how many there were. Bounds are clipped to the measure's range (rates at 0,
//! shares at 0 and 1, compound at ±1). Every bin of the range that holds the dated articles is a row, for
//! every group, so gaps show as rows with no articles (a few stray dates far outside it are rows of their
//! own); articles without a usable date are one more row per group, bin `undated` (and each is listed in
//! `rejects.csv`).

use polars::prelude::*;

use super::sums::{ClusterMoments, Summary};
use super::{cells_frame, density_column, share_column, table_err, Cell};
use crate::error::Result;
use crate::frames::Lexicon;
use crate::stats::{normal_ratio_interval, RatioMoments};
use crate::time::{iso_date, UNDATED};

/// Confidence of the trends table's intervals.
pub const CONFIDENCE: f64 = 0.95;

/// Share of the dated articles that may lie outside the filled range at each end: a stray 2050 (or a
/// 2001 in a corpus of 2012 to 2020) is a row of its own, not the end of forty years of empty months.
pub const TAIL: f64 = 0.005;

/// The core of a time range: given (bin start, articles) in time order, the first and last index left
/// once at most `tail` of the articles are cut from each end (bins with articles only).
pub fn core_range(bins: &[(i64, f64)], tail: f64) -> Option<(usize, usize)> {
    let total: f64 = bins.iter().map(|b| b.1).sum();
    let cut = tail * total;
    let (mut lo, mut hi) = (0, bins.len().checked_sub(1)?);
    let mut low = 0.0;
    while lo < hi && low + bins[lo].1 <= cut {
        low += bins[lo].1;
        lo += 1;
    }
    let mut high = 0.0;
    while hi > lo && high + bins[hi].1 <= cut {
        high += bins[hi].1;
        hi -= 1;
    }
    Some((lo, hi))
}

/// The columns of the trends table.
pub fn trend_columns(lexicon: &Lexicon) -> Vec<String> {
    let mut names: Vec<String> = [
        "group",
        "bin",
        "bin_start",
        "articles",
        "clusters",
        "sentences",
        "tokens",
    ]
    .map(String::from)
    .to_vec();
    let mut measure = |name: String| {
        let (lower, upper) = (format!("{name}_lower"), format!("{name}_upper"));
        names.extend([name, lower, upper]);
    };
    measure("compound_mean".into());
    for c in &lexicon.categories {
        measure(density_column(&c.name));
        measure(share_column(&c.name));
    }
    names.push("ci_method".into());
    names
}

/// A measure and its interval, the bounds clipped to the measure's range (`range`): a rate cannot be
/// below 0, a share above 1, so the symmetric normal interval of a small bin is cut at the edge.
fn interval_cells(m: &RatioMoments, per: f64, z: f64, range: (f64, f64)) -> [Cell; 3] {
    let (estimate, bounds) = normal_ratio_interval(m, per, z);
    let clip = |v: f64| v.clamp(range.0, range.1);
    [
        Cell::F64(estimate),
        Cell::F64(bounds.map(|b| clip(b.0))),
        Cell::F64(bounds.map(|b| clip(b.1))),
    ]
}

/// The bin labels of the rows: every bin of the core range ([`core_range`]: where all but the first and
/// last [`TAIL`] of the dated articles lie), the bins with articles outside it, then `undated` if any.
fn row_bins(summary: &Summary, bin: crate::time::Bin) -> Vec<(String, Option<i64>)> {
    let mut counts: std::collections::BTreeMap<i64, f64> = Default::default();
    for (label, cell) in summary.time_bins.values().flat_map(|b| b.iter()) {
        if let Some(start) = bin.start_of_label(label) {
            *counts.entry(start).or_insert(0.0) += cell.articles as f64;
        }
    }
    let seen: Vec<(i64, f64)> = counts.into_iter().collect();
    let mut starts = Vec::new();
    if let Some((lo, hi)) = core_range(&seen, TAIL) {
        starts.extend(seen[..lo].iter().map(|b| b.0));
        let mut start = seen[lo].0;
        while start <= seen[hi].0 {
            starts.push(start);
            start = bin.next(start);
        }
        starts.extend(seen[hi + 1..].iter().map(|b| b.0));
    }
    let mut rows: Vec<(String, Option<i64>)> = starts
        .into_iter()
        .map(|s| (bin.label(s), Some(s)))
        .collect();
    if summary.time_bins.values().any(|b| b.contains_key(UNDATED)) {
        rows.push((UNDATED.to_string(), None));
    }
    rows
}

/// The trends table, when the run makes one: one row per (group, bin), groups in name order, bins in
/// time order, `undated` last.
pub fn trends_table(summary: &Summary, lexicon: &Lexicon) -> Result<Option<DataFrame>> {
    let Some(trends) = &summary.trends else {
        return Ok(None);
    };
    let bins = row_bins(summary, trends.bin);
    let method = format!("normal (cluster-robust, {})", summary.unit.label());
    let empty = super::sums::TrendSums::default();
    let z = crate::stats::normal_quantile(0.5 + CONFIDENCE / 2.0).unwrap_or(1.959_963_984_540_054);
    let mut rows = Vec::new();
    for group in summary.groups.keys() {
        let cells = summary.time_bins.get(group);
        for (label, start) in &bins {
            let cell = cells.and_then(|c| c.get(label)).unwrap_or(&empty);
            let c: &ClusterMoments = &cell.clusters;
            let mut row = vec![
                Cell::Str(group.clone()),
                Cell::Str(label.clone()),
                Cell::Str(start.map(iso_date).unwrap_or_default()),
                Cell::U64(Some(cell.articles)),
                Cell::U64(Some(c.m)),
                Cell::U64(Some(c.sentences.sx as u64)),
                Cell::U64(Some(c.tokens.sx as u64)),
            ];
            row.extend(interval_cells(&c.sentiment(false), 1.0, z, (-1.0, 1.0)));
            for k in 0..lexicon.categories.len() {
                row.extend(interval_cells(&c.rate(k), 1000.0, z, (0.0, f64::INFINITY)));
                row.extend(interval_cells(&c.share(k), 1.0, z, (0.0, 1.0)));
            }
            row.push(Cell::Str(method.clone()));
            rows.push(row);
        }
    }
    cells_frame(&trend_columns(lexicon), rows)
        .map(Some)
        .map_err(table_err("trends"))
}
