//! In-process entry points for bindings (the Python package in `crates/framing-py`): the results of
//! `framing score` and `framing segment` as DataFrames, computed in parallel over the texts. The command
//! line and the bindings share the scorer and `segment::unit_records`, so both give the same figures.

use polars::prelude::*;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::score::Scorer;

fn table(name: &str, columns: Vec<Column>) -> Result<DataFrame> {
    DataFrame::new_infer_height(columns).map_err(|source| Error::Table {
        table: name.to_string(),
        source,
    })
}

/// One row per text: `neg`, `neu`, `pos`, `compound` (vaderSentiment 3.3.2's `polarity_scores` on the
/// text as given), `compound_domain`, `tokens`, then one column of hits per category, in lexicon order.
pub fn score_frame<T: AsRef<str> + Sync>(scorer: &Scorer, texts: &[T]) -> Result<DataFrame> {
    let scores: Vec<_> = texts
        .par_iter()
        .map(|t| scorer.score_text(t.as_ref()))
        .collect();
    let f = |name: &str, v: fn(&crate::score::TextScore) -> f64| {
        Column::new(name.into(), scores.iter().map(v).collect::<Vec<f64>>())
    };
    let mut columns = vec![
        f("neg", |s| s.sentiment.neg),
        f("neu", |s| s.sentiment.neu),
        f("pos", |s| s.sentiment.pos),
        f("compound", |s| s.sentiment.compound),
        f("compound_domain", |s| s.sentiment_domain.compound),
        Column::new(
            "tokens".into(),
            scores.iter().map(|s| s.tokens as u64).collect::<Vec<u64>>(),
        ),
    ];
    // One count column per category, filled in one pass over the hits (no vector per text).
    let n = scorer.lexicon.categories.len();
    let mut hits = vec![vec![0u64; scores.len()]; n];
    for (row, s) in scores.iter().enumerate() {
        for h in &s.frames {
            if let Some(count) = hits.get_mut(h.category).map(|c| &mut c[row]) {
                *count += 1;
            }
        }
    }
    for (category, counts) in scorer.lexicon.categories.iter().zip(hits) {
        columns.push(Column::new(category.name.as_str().into(), counts));
    }
    table("score", columns)
}

/// One row per unit of every text: `id` (the text's id, or its 0-based position), `unit` (its index in
/// the text), and the fields of [`crate::segment::UnitRecord`]; `quotes` and `scare_quotes` are lists.
pub fn segment_frame(texts: &[String], ids: Option<&[String]>) -> Result<DataFrame> {
    let per_text: Vec<Vec<crate::segment::UnitRecord>> = texts
        .par_iter()
        .map(|t| crate::segment::unit_records(t, false, false))
        .collect();
    let rows: Vec<(String, usize, &crate::segment::UnitRecord)> = per_text
        .iter()
        .enumerate()
        .flat_map(|(i, units)| {
            let id = ids
                .and_then(|ids| ids.get(i).cloned())
                .unwrap_or_else(|| i.to_string());
            units
                .iter()
                .enumerate()
                .map(move |(k, u)| (id.clone(), k, u))
        })
        .collect();
    let strings = |name: &str, v: fn(&crate::segment::UnitRecord) -> Option<&str>| {
        Column::new(
            name.into(),
            rows.iter().map(|r| v(r.2)).collect::<Vec<Option<&str>>>(),
        )
    };
    let numbers = |name: &str, v: fn(&crate::segment::UnitRecord) -> usize| {
        Column::new(
            name.into(),
            rows.iter().map(|r| v(r.2) as u64).collect::<Vec<u64>>(),
        )
    };
    let lists = |name: &str, v: fn(&crate::segment::UnitRecord) -> &Vec<String>| {
        let series: Vec<Series> = rows
            .iter()
            .map(|r| Series::new("".into(), v(r.2).as_slice()))
            .collect();
        let mut list = Series::new(name.into(), series);
        if rows.is_empty() {
            list = Series::new_empty(name.into(), &DataType::List(Box::new(DataType::String)));
        }
        list.into_column()
    };
    table(
        "segment",
        vec![
            Column::new(
                "id".into(),
                rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "unit".into(),
                rows.iter().map(|r| r.1 as u64).collect::<Vec<u64>>(),
            ),
            strings("kind", |u| Some(u.kind)),
            numbers("paragraph", |u| u.paragraph),
            strings("text", |u| Some(u.text.as_str())),
            numbers("start", |u| u.start),
            numbers("end", |u| u.end),
            strings("voice", |u| u.voice),
            strings("speaker", |u| u.speaker.as_deref()),
            strings("speaker_mention", |u| u.speaker_mention.as_deref()),
            strings("reporting_verb", |u| u.reporting_verb.as_deref()),
            lists("quotes", |u| &u.quotes),
            lists("scare_quotes", |u| &u.scare_quotes),
        ],
    )
}
