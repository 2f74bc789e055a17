//! Compare stage: differences between groups of articles (by default, genre: opinion − wire) on every
//! measure of the group table.
//!
//! Groups are ordered by name and each pair (a, b) with a before b gives a row `a − b` per measure, so the
//! default corpus reads as "opinion − wire". Statistics with uncertainty build on this in later stages.

pub mod contrast;

use polars::prelude::*;

use crate::aggregate::{Tables, VOICES};
use crate::error::{Error, Result};

/// One measure compared between two groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The measure's column name in the group table.
    pub measure: String,
    /// The first group (the minuend).
    pub group_a: String,
    /// The second group (the subtrahend).
    pub group_b: String,
    /// The measure in group a.
    pub value_a: Option<f64>,
    /// The measure in group b.
    pub value_b: Option<f64>,
}

impl Difference {
    /// `value_a − value_b`, when both exist.
    pub fn difference(&self) -> Option<f64> {
        Some(self.value_a? - self.value_b?)
    }
}

/// Every measure of `tables.groups` for every pair of groups, then the same within each voice side
/// (`author:compound_mean`, `quoted:compound_mean`, ...) from `tables.group_voices`.
pub fn differences(tables: &Tables) -> Result<Vec<Difference>> {
    let mut out = pairwise(&tables.groups, "", |_| true)?;
    for side in ["author", "quoted"] {
        // Every group keeps its row (nulls where it has no sentence of this side), so pairs line up.
        let voices = &tables.group_voices;
        let rows = voices
            .column("voice_side")
            .and_then(|c| c.str().map(|sides| sides.equal(side)))
            .and_then(|this_side| voices.filter(&this_side))
            .and_then(|side_rows| side_rows.drop("voice_side"))
            .and_then(|side_rows| {
                tables
                    .groups
                    .select(["group"])?
                    .left_join(&side_rows, ["group"], ["group"])
            })
            .and_then(|rows| rows.sort(["group"], SortMultipleOptions::default()))
            .map_err(wrap)?;
        // Within one side, the per-voice columns say nothing new.
        let per_voice = |name: &str| VOICES.iter().any(|v| name.ends_with(v.as_str()));
        out.extend(pairwise(&rows, &format!("{side}:"), |name| {
            !per_voice(name)
        })?);
    }
    Ok(out)
}

fn wrap(source: PolarsError) -> Error {
    Error::Table {
        table: "comparison".into(),
        source,
    }
}

/// Differences of every numeric column of `groups` (one row per group, sorted by `group`) for every
/// pair of groups, with `prefix` before each measure name, for the columns `keep` accepts.
fn pairwise(
    groups: &DataFrame,
    prefix: &str,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<Difference>> {
    let names: Vec<String> = groups
        .column("group")
        .and_then(|c| {
            c.str()
                .map(|s| s.iter().map(|v| v.unwrap_or("").to_string()).collect())
        })
        .map_err(wrap)?;
    let mut out = Vec::new();
    for column in groups.columns() {
        if column.name() == "group"
            || !column.dtype().is_primitive_numeric()
            || !keep(column.name())
        {
            continue;
        }
        let values: Vec<Option<f64>> = column
            .cast(&DataType::Float64)
            .and_then(|c| c.f64().map(|f| f.iter().collect()))
            .map_err(wrap)?;
        for a in 0..names.len() {
            for b in a + 1..names.len() {
                out.push(Difference {
                    measure: format!("{prefix}{}", column.name()),
                    group_a: names[a].clone(),
                    group_b: names[b].clone(),
                    value_a: values[a],
                    value_b: values[b],
                });
            }
        }
    }
    Ok(out)
}

/// The differences as a table: measure, group_a, group_b, value_a, value_b, difference.
pub fn comparison_table(diffs: &[Difference]) -> Result<DataFrame> {
    let df = DataFrame::new(
        diffs.len(),
        vec![
            Column::new(
                "measure".into(),
                diffs.iter().map(|d| d.measure.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "group_a".into(),
                diffs.iter().map(|d| d.group_a.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "group_b".into(),
                diffs.iter().map(|d| d.group_b.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "value_a".into(),
                diffs.iter().map(|d| d.value_a).collect::<Vec<_>>(),
            ),
            Column::new(
                "value_b".into(),
                diffs.iter().map(|d| d.value_b).collect::<Vec<_>>(),
            ),
            Column::new(
                "difference".into(),
                diffs.iter().map(Difference::difference).collect::<Vec<_>>(),
            ),
        ],
    );
    df.map_err(wrap)
}
