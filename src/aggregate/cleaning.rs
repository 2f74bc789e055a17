//! The tables of what the survey pass removed or flagged: page furniture per outlet and string
//! (`boilerplate`), per outlet (`boilerplate_outlets`), and near-duplicate clusters (`duplicates`).

use polars::prelude::*;

use super::sums::Summary;
use super::{cells_frame, table_err, Cell};
use crate::error::Result;

fn share(part: u64, whole: u64) -> Cell {
    Cell::F64((whole > 0).then(|| part as f64 / whole as f64))
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// `boilerplate`: one row per (outlet, string removed), outlets in name order, strings by tokens removed;
/// `boilerplate_outlets`: one row per outlet, by share of tokens removed.
pub fn furniture_tables(summary: &Summary) -> Result<(DataFrame, DataFrame)> {
    let mut rows = Vec::new();
    let mut outlets = Vec::new();
    for (outlet, f) in &summary.furniture {
        let before = f.tokens_kept + f.tokens_removed;
        let mut strings: Vec<(&String, &super::sums::FurnitureString)> = f.strings.iter().collect();
        strings.sort_by(|a, b| b.1.tokens.cmp(&a.1.tokens).then(a.0.cmp(b.0)));
        for (label, s) in &strings {
            rows.push(vec![
                Cell::Str(outlet.clone()),
                Cell::Str(s.kind.clone()),
                Cell::Str((*label).clone()),
                Cell::Str(crate::segment::display_text(&s.example).into_owned()),
                Cell::U64(Some(s.articles)),
                Cell::U64(Some(f.articles)),
                Cell::U64(Some(s.tokens)),
                share(s.tokens, before),
            ]);
        }
        outlets.push((
            f.tokens_removed as f64 / before.max(1) as f64,
            vec![
                Cell::Str(outlet.clone()),
                Cell::U64(Some(f.articles)),
                Cell::U64(Some(f.articles_with)),
                Cell::U64(Some(f.tokens_removed)),
                Cell::U64(Some(before)),
                share(f.tokens_removed, before),
                Cell::Str(
                    strings
                        .first()
                        .map(|(_, s)| crate::segment::display_text(&s.example).into_owned())
                        .unwrap_or_default(),
                ),
            ],
        ));
    }
    outlets.sort_by(|a, b| b.0.total_cmp(&a.0));
    let strings = cells_frame(
        &names(&[
            "outlet",
            "kind",
            "string",
            "example",
            "articles",
            "outlet_articles",
            "tokens_removed",
            "share_of_outlet_tokens",
        ]),
        rows,
    )
    .map_err(table_err("boilerplate"))?;
    let outlets = cells_frame(
        &names(&[
            "outlet",
            "articles",
            "articles_with_furniture",
            "tokens_removed",
            "tokens_before",
            "share_removed",
            "top_example",
        ]),
        outlets.into_iter().map(|(_, r)| r).collect(),
    )
    .map_err(table_err("boilerplate_outlets"))?;
    Ok((strings, outlets))
}

/// `duplicates`: one row per article of a near-duplicate cluster, cluster by cluster.
pub fn duplicates_table(summary: &Summary) -> Result<DataFrame> {
    let members = summary
        .notes
        .duplicates
        .as_ref()
        .map(|d| d.members.as_slice())
        .unwrap_or_default();
    let rows: Vec<Vec<Cell>> = members
        .iter()
        .map(|m| {
            vec![
                Cell::U64(Some(m.cluster)),
                Cell::Str(m.id.clone()),
                Cell::Str(m.source.clone()),
                Cell::Str(m.group.clone()),
                Cell::Str(m.duplicate_of.clone()),
                Cell::F64(Some(m.similarity)),
                Cell::Str(if m.kept { "yes" } else { "no" }.into()),
            ]
        })
        .collect();
    let columns = names(&[
        "cluster",
        "article_id",
        "outlet",
        "group",
        "duplicate_of",
        "similarity",
        "analysed",
    ]);
    if rows.is_empty() {
        // No cluster: the table keeps its columns.
        let empty = vec![
            Cell::U64(None),
            Cell::Str(String::new()),
            Cell::Str(String::new()),
            Cell::Str(String::new()),
            Cell::Str(String::new()),
            Cell::F64(None),
            Cell::Str(String::new()),
        ];
        return cells_frame(&columns, vec![empty])
            .map(|df| df.head(Some(0)))
            .map_err(table_err("duplicates"));
    }
    cells_frame(&columns, rows).map_err(table_err("duplicates"))
}
