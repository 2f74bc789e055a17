//! Aggregate stage: turns scored sentences into polars tables — one row per sentence, per frame hit, per
//! article, per (article, category), and per comparison group.
//!
//! Article and group measures are computed by the same polars expressions ([`measures`]) over the
//! running text (standfirst and body sentences); headlines and headings keep their own rows in the sentence
//! table. Every table is sorted by stable keys before it leaves this module, so output never depends on
//! thread scheduling.

use polars::prelude::*;

use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::frames::Lexicon;
use crate::score::{sentiment_text, ScoredSentence};
use crate::segment::{display_text, UnitKind, Voice};

/// VADER's conventional threshold: compound ≥ 0.05 is positive, ≤ −0.05 negative, between is neutral.
pub const POLARITY_THRESHOLD: f64 = 0.05;

/// The tables of one run.
#[derive(Debug, Clone)]
pub struct Tables {
    /// One row per scored unit (sentence, headline or heading), with every score and frame count.
    pub sentences: DataFrame,
    /// One row per frame hit: which term of which category matched where.
    pub frame_hits: DataFrame,
    /// One row per article: size, sentiment summary and per-category frame measures.
    pub articles: DataFrame,
    /// One row per (article, category): hits, density, share of sentences, mean compound where it occurs.
    pub frames: DataFrame,
    /// The article measures pooled per value of the grouping field (e.g. per genre).
    pub groups: DataFrame,
    /// The (group, category) frame measures, pooled like [`Tables::groups`].
    pub group_frames: DataFrame,
    /// Every article measure split by voice side (`author` vs `quoted`): one row per (article, side).
    pub article_voices: DataFrame,
    /// Every group measure split by voice side: one row per (group, side).
    pub group_voices: DataFrame,
}

/// The three voices, in table order.
pub const VOICES: [Voice; 3] = [Voice::Author, Voice::DirectQuote, Voice::Reported];

fn table_err(table: &str) -> impl FnOnce(PolarsError) -> Error + '_ {
    move |source| Error::Table {
        table: table.to_string(),
        source,
    }
}

/// Column holding category `name`'s hit count in the sentence table.
pub fn hits_column(name: &str) -> String {
    format!("{name}_hits")
}

/// Column holding the number of category `name`'s negated hits in the sentence table.
pub fn negated_column(name: &str) -> String {
    format!("{name}_negated")
}

/// Column holding the summed term weights of category `name`'s counted hits in the sentence table.
pub fn weight_column(name: &str) -> String {
    format!("{name}_weight")
}

/// One category's hits in one sentence, with its subcategories' rolled up into it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameCount {
    /// Hits that count: all of them, less the negated ones where the category excludes those.
    pub hits: u32,
    /// Negated hits, counted or not.
    pub negated: u32,
    /// Summed weights of the hits that count.
    pub weight: f64,
}

impl FrameCount {
    /// Counts the hits whose category is in `sources` (a category and its descendants).
    pub fn of(
        hits: &[crate::frames::FrameHit],
        sources: &[usize],
        lexicon: &Lexicon,
    ) -> FrameCount {
        let mut n = FrameCount {
            hits: 0,
            negated: 0,
            weight: 0.0,
        };
        for h in hits.iter().filter(|h| sources.contains(&h.category)) {
            let category = &lexicon.categories[h.category];
            n.negated += u32::from(h.negated);
            if !(h.negated && category.exclude_negated) {
                n.hits += 1;
                n.weight += category.terms[h.term].weight;
            }
        }
        n
    }
}

/// Column holding category `name`'s hits per 1,000 tokens in the article and group tables.
pub fn density_column(name: &str) -> String {
    format!("{name}_per_1000")
}

/// Column holding the share of sentences with at least one hit of category `name`.
pub fn share_column(name: &str) -> String {
    format!("{name}_share")
}

/// Builds every table. `group_by` names the article metadata field whose values form the groups.
pub fn aggregate(
    articles: &[Article],
    scored: &[ScoredSentence],
    lexicon: &Lexicon,
    group_by: &str,
) -> Result<Tables> {
    tables_from_parts(parts(articles, scored, lexicon, group_by)?, lexicon)
}

/// The row-level tables every aggregate is computed from. Parts of disjoint sets of articles (shards)
/// merge by concatenation: [`merge_parts`] then [`tables_from_parts`] give the tables of one whole run.
#[derive(Debug, Clone)]
pub struct Parts {
    /// The sentence table, sorted by article id and sentence.
    pub sentences: DataFrame,
    /// The frame-hit table, sorted by article id, position and category.
    pub frame_hits: DataFrame,
    /// One row per article: its id and every metadata field, sorted by id.
    pub meta: DataFrame,
}

/// The row-level tables of scored articles.
pub fn parts(
    articles: &[Article],
    scored: &[ScoredSentence],
    lexicon: &Lexicon,
    group_by: &str,
) -> Result<Parts> {
    let sentences = sentence_table(articles, scored, lexicon, group_by)
        .and_then(|df| df.sort(["article_id", "sentence"], SortMultipleOptions::default()))
        .map_err(table_err("sentences"))?;
    let frame_hits = frame_hit_table(articles, scored, lexicon).map_err(table_err("frame_hits"))?;
    let meta = metadata_table(articles).map_err(table_err("articles"))?;
    Ok(Parts {
        sentences,
        frame_hits,
        meta,
    })
}

/// Concatenates the parts of shards (disjoint sets of articles) and restores the sort order of a whole run.
pub fn merge_parts(shards: Vec<Parts>) -> Result<Parts> {
    let concat_sorted =
        |frames: Vec<DataFrame>, by: &[&str], table: &'static str| -> Result<DataFrame> {
            let lazy: Vec<LazyFrame> = frames.into_iter().map(DataFrame::lazy).collect();
            concat(lazy, UnionArgs::default())
                .and_then(|lf| {
                    lf.sort(by.to_vec(), SortMultipleOptions::default())
                        .collect()
                })
                .map_err(table_err(table))
        };
    let (mut sentences, mut hits, mut meta) = (Vec::new(), Vec::new(), Vec::new());
    for p in shards {
        sentences.push(p.sentences);
        hits.push(p.frame_hits);
        meta.push(p.meta);
    }
    Ok(Parts {
        sentences: concat_sorted(sentences, &["article_id", "sentence"], "sentences")?,
        frame_hits: concat_sorted(hits, &["article_id", "start", "category"], "frame_hits")?,
        meta: concat_sorted(meta, &["article_id"], "articles")?,
    })
}

/// A frame with every column's sorted flag cleared. Polars picks a parallel, order-varying summation for
/// groups of a column it knows to be sorted; without the flag its group sums are the same whatever the
/// thread count, which keeps tables byte-identical.
fn without_sorted_flags(df: DataFrame) -> DataFrame {
    let height = df.height();
    let columns: Vec<Column> = df
        .into_columns()
        .into_iter()
        .map(|mut c| {
            c.set_sorted_flag(polars::series::IsSorted::Not);
            c
        })
        .collect();
    // The columns came from one frame, so their heights agree and this cannot fail.
    DataFrame::new(height, columns).unwrap_or_default()
}

/// Every table, from the row-level parts.
pub fn tables_from_parts(parts: Parts, lexicon: &Lexicon) -> Result<Tables> {
    let Parts {
        sentences,
        frame_hits,
        meta,
    } = parts;
    let sentences = without_sorted_flags(sentences);
    let meta = without_sorted_flags(meta);
    let running = sentences.clone().lazy().filter(col("running_text"));
    let headline = sentences
        .clone()
        .lazy()
        .filter(col("kind").eq(lit(UnitKind::Headline.as_str())))
        .group_by([col("article_id")])
        .agg([col("compound").first().alias("headline_compound")]);
    let article_table = meta
        .lazy()
        .left_join(
            measures(running.clone(), &["article_id"], lexicon),
            col("article_id"),
            col("article_id"),
        )
        .left_join(headline, col("article_id"), col("article_id"))
        .sort(["article_id"], SortMultipleOptions::default())
        .collect()
        .map_err(table_err("articles"))?;
    let frames = frame_measures(running.clone(), "article_id", lexicon)
        .and_then(LazyFrame::collect)
        .map_err(table_err("frames"))?;
    let groups = measures(running.clone(), &["group"], lexicon)
        .sort(["group"], SortMultipleOptions::default())
        .collect()
        .map_err(table_err("groups"))?;
    let article_voices = measures(running.clone(), &["article_id", "voice_side"], lexicon)
        .sort(["article_id", "voice_side"], SortMultipleOptions::default())
        .collect()
        .map_err(table_err("article_voices"))?;
    let group_voices = measures(running.clone(), &["group", "voice_side"], lexicon)
        .sort(["group", "voice_side"], SortMultipleOptions::default())
        .collect()
        .map_err(table_err("group_voices"))?;
    let group_frames = frame_measures(running, "group", lexicon)
        .and_then(LazyFrame::collect)
        .map_err(table_err("group_frames"))?;
    Ok(Tables {
        sentences,
        frame_hits,
        articles: article_table,
        frames,
        groups,
        group_frames,
        article_voices,
        group_voices,
    })
}

fn sentence_table(
    articles: &[Article],
    scored: &[ScoredSentence],
    lexicon: &Lexicon,
    group_by: &str,
) -> PolarsResult<DataFrame> {
    let n = scored.len();
    // Relative position of each running-text sentence in its article, as (i + 0.5) / count.
    let mut running_counts = vec![0usize; articles.len()];
    for s in scored.iter().filter(|s| s.unit.kind.in_running_text()) {
        running_counts[s.article] += 1;
    }
    let mut running_seen = vec![0usize; articles.len()];
    let mut position = Vec::with_capacity(n);
    for s in scored {
        if s.unit.kind.in_running_text() {
            let i = running_seen[s.article];
            running_seen[s.article] += 1;
            position.push(Some((i as f64 + 0.5) / running_counts[s.article] as f64));
        } else {
            position.push(None);
        }
    }
    let text =
        |s: &ScoredSentence| display_text(s.unit.text(&articles[s.article].text)).into_owned();
    let mut columns = vec![
        Column::new(
            "article_id".into(),
            scored
                .iter()
                .map(|s| articles[s.article].id.clone())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "group".into(),
            scored
                .iter()
                .map(|s| articles[s.article].field(group_by).to_string())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "sentence".into(),
            scored.iter().map(|s| s.sentence as u32).collect::<Vec<_>>(),
        ),
        Column::new(
            "paragraph".into(),
            scored
                .iter()
                .map(|s| s.unit.paragraph as u32)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "kind".into(),
            scored
                .iter()
                .map(|s| s.unit.kind.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "voice".into(),
            scored
                .iter()
                .map(|s| s.unit.attribution.voice.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "voice_side".into(),
            scored
                .iter()
                .map(|s| s.unit.attribution.voice.side())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "speaker".into(),
            scored
                .iter()
                .map(|s| s.unit.attribution.speaker.clone())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "reporting_verb".into(),
            scored
                .iter()
                .map(|s| s.unit.attribution.reporting_verb.clone())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "quote_text".into(),
            scored
                .iter()
                .map(|s| {
                    (s.unit.attribution.voice == Voice::DirectQuote).then(|| {
                        display_text(&sentiment_text(&articles[s.article].text, &s.unit))
                            .into_owned()
                    })
                })
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "running_text".into(),
            scored
                .iter()
                .map(|s| s.unit.kind.in_running_text())
                .collect::<Vec<_>>(),
        ),
        Column::new("position".into(), position),
        Column::new(
            "start".into(),
            scored
                .iter()
                .map(|s| s.unit.start as u64)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "end".into(),
            scored.iter().map(|s| s.unit.end as u64).collect::<Vec<_>>(),
        ),
        Column::new(
            "tokens".into(),
            scored
                .iter()
                .map(|s| s.score.tokens as u32)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "neg".into(),
            scored
                .iter()
                .map(|s| s.score.sentiment.neg)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "neu".into(),
            scored
                .iter()
                .map(|s| s.score.sentiment.neu)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "pos".into(),
            scored
                .iter()
                .map(|s| s.score.sentiment.pos)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "compound".into(),
            scored
                .iter()
                .map(|s| s.score.sentiment.compound)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "compound_domain".into(),
            scored
                .iter()
                .map(|s| s.score.sentiment_domain.compound)
                .collect::<Vec<_>>(),
        ),
    ];
    let rollup = lexicon.rollup();
    for (c, category) in lexicon.categories.iter().enumerate() {
        let counts: Vec<FrameCount> = scored
            .iter()
            .map(|s| FrameCount::of(&s.score.frames, &rollup[c], lexicon))
            .collect();
        columns.push(Column::new(
            hits_column(&category.name).into(),
            counts.iter().map(|n| n.hits).collect::<Vec<_>>(),
        ));
        columns.push(Column::new(
            negated_column(&category.name).into(),
            counts.iter().map(|n| n.negated).collect::<Vec<_>>(),
        ));
        columns.push(Column::new(
            weight_column(&category.name).into(),
            counts.iter().map(|n| n.weight).collect::<Vec<_>>(),
        ));
    }
    let terms: Vec<String> = scored
        .iter()
        .map(|s| {
            s.score
                .frames
                .iter()
                .map(|h| {
                    let category = &lexicon.categories[h.category];
                    format!("{}:{}", category.name, category.terms[h.term].text)
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .collect();
    columns.push(Column::new("frame_terms".into(), terms));
    columns.push(Column::new(
        "text".into(),
        scored.iter().map(text).collect::<Vec<_>>(),
    ));
    DataFrame::new(n, columns)
}

fn frame_hit_table(
    articles: &[Article],
    scored: &[ScoredSentence],
    lexicon: &Lexicon,
) -> PolarsResult<DataFrame> {
    let mut article_id = Vec::new();
    let mut sentence = Vec::new();
    let mut category = Vec::new();
    let mut term = Vec::new();
    let mut matched = Vec::new();
    let mut start = Vec::new();
    let mut end = Vec::new();
    let mut negated = Vec::new();
    let mut weight = Vec::new();
    let mut parent = Vec::new();
    for s in scored {
        let text = &articles[s.article].text;
        for hit in &s.score.frames {
            let cat = &lexicon.categories[hit.category];
            article_id.push(articles[s.article].id.clone());
            sentence.push(s.sentence as u32);
            category.push(cat.name.clone());
            parent.push(cat.parent.clone());
            term.push(cat.terms[hit.term].text.clone());
            weight.push(cat.terms[hit.term].weight);
            matched.push(text[hit.span.clone()].to_string());
            negated.push(hit.negated);
            start.push(hit.span.start as u64);
            end.push(hit.span.end as u64);
        }
    }
    let n = article_id.len();
    let df = DataFrame::new(
        n,
        vec![
            Column::new("article_id".into(), article_id),
            Column::new("sentence".into(), sentence),
            Column::new("category".into(), category),
            Column::new("parent".into(), parent),
            Column::new("term".into(), term),
            Column::new("matched".into(), matched),
            Column::new("weight".into(), weight),
            Column::new("negated".into(), negated),
            Column::new("start".into(), start),
            Column::new("end".into(), end),
        ],
    )?;
    df.sort(
        ["article_id", "start", "category"],
        SortMultipleOptions::default(),
    )
}

/// The metadata fields of the articles table: every field any article has (but `id`), in name order.
pub fn metadata_fields(articles: &[Article]) -> Vec<String> {
    let mut names: Vec<String> = articles
        .iter()
        .flat_map(|a| a.fields.keys().cloned())
        .filter(|k| k != "id")
        .collect();
    names.sort();
    names.dedup();
    names
}

fn metadata_table(articles: &[Article]) -> PolarsResult<DataFrame> {
    let mut columns = vec![Column::new(
        "article_id".into(),
        articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
    )];
    for name in metadata_fields(articles) {
        let values: Vec<String> = articles
            .iter()
            .map(|a| a.field(&name).to_string())
            .collect();
        columns.push(Column::new(name.into(), values));
    }
    DataFrame::new(articles.len(), columns)?.sort(["article_id"], SortMultipleOptions::default())
}

/// Articles rebuilt from a metadata table (without their text), for charts and the report of merged parts.
pub fn articles_from_meta(meta: &DataFrame) -> Result<Vec<Article>> {
    let ids: Vec<String> = meta
        .column("article_id")
        .and_then(|c| {
            c.str()
                .map(|s| s.iter().map(|v| v.unwrap_or("").to_string()).collect())
        })
        .map_err(table_err("articles"))?;
    let mut articles: Vec<Article> = ids
        .iter()
        .map(|id| Article {
            id: id.clone(),
            path: Default::default(),
            text: String::new(),
            title: None,
            standfirst: false,
            fields: [("id".to_string(), id.clone())].into_iter().collect(),
            line: 0,
        })
        .collect();
    for column in meta.columns() {
        if column.name() == "article_id" {
            continue;
        }
        let values = column.str().map_err(table_err("articles"))?;
        for (a, v) in articles.iter_mut().zip(values.iter()) {
            a.fields
                .insert(column.name().to_string(), v.unwrap_or("").to_string());
        }
    }
    Ok(articles)
}

fn share_where(predicate: Expr) -> Expr {
    predicate.cast(DataType::Float64).mean()
}

/// The sentiment, voice and frame measures of the sentences in `running`, per combination of the `keys`
/// columns.
pub fn measures(running: LazyFrame, keys: &[&str], lexicon: &Lexicon) -> LazyFrame {
    let mut aggs = vec![
        len().cast(DataType::UInt32).alias("sentences"),
        col("tokens").sum().cast(DataType::UInt64).alias("tokens"),
        col("compound").mean().alias("compound_mean"),
        col("compound").median().alias("compound_median"),
        col("compound").std(1).alias("compound_std"),
        col("compound_domain").mean().alias("compound_domain_mean"),
        col("compound_domain")
            .median()
            .alias("compound_domain_median"),
        col("compound_domain").std(1).alias("compound_domain_std"),
        share_where(col("compound").gt_eq(lit(POLARITY_THRESHOLD))).alias("share_positive"),
        share_where(
            col("compound")
                .gt(lit(-POLARITY_THRESHOLD))
                .and(col("compound").lt(lit(POLARITY_THRESHOLD))),
        )
        .alias("share_neutral"),
        share_where(col("compound").lt_eq(lit(-POLARITY_THRESHOLD))).alias("share_negative"),
    ];
    for voice in VOICES {
        let is_voice = col("voice").eq(lit(voice.as_str()));
        aggs.push(share_where(is_voice.clone()).alias(format!("share_{}", voice.as_str())));
        aggs.push(
            col("compound")
                .filter(is_voice)
                .mean()
                .alias(format!("compound_mean_{}", voice.as_str())),
        );
    }
    for category in &lexicon.categories {
        let hits = col(hits_column(&category.name));
        aggs.push(
            per_1000(col(weight_column(&category.name))).alias(density_column(&category.name)),
        );
        aggs.push(share_where(hits.gt(lit(0))).alias(share_column(&category.name)));
        aggs.push(
            per_1000(col(negated_column(&category.name)))
                .alias(format!("{}_negated_per_1000", category.name)),
        );
    }
    running
        .group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
        .agg(aggs)
}

/// 1,000 × the sum of `counts` over the sum of tokens.
fn per_1000(counts: Expr) -> Expr {
    counts.sum().cast(DataType::Float64) * lit(1000.0) / col("tokens").sum().cast(DataType::Float64)
}

/// Long table of frame measures per (value of `key`, category), sorted by key then category.
pub fn frame_measures(running: LazyFrame, key: &str, lexicon: &Lexicon) -> PolarsResult<LazyFrame> {
    let parts: Vec<LazyFrame> = lexicon
        .categories
        .iter()
        .map(|category| {
            let hits = col(hits_column(&category.name));
            running.clone().group_by([col(key)]).agg([
                lit(category.name.clone()).first().alias("category"),
                hits.clone().sum().cast(DataType::UInt32).alias("hits"),
                col(negated_column(&category.name))
                    .sum()
                    .cast(DataType::UInt32)
                    .alias("negated_hits"),
                col(weight_column(&category.name))
                    .sum()
                    .alias("weighted_hits"),
                per_1000(col(weight_column(&category.name))).alias("per_1000_tokens"),
                hits.clone()
                    .gt(lit(0))
                    .cast(DataType::UInt32)
                    .sum()
                    .alias("sentences_with_frame"),
                share_where(hits.clone().gt(lit(0))).alias("share_of_sentences"),
                col("compound")
                    .filter(hits.clone().gt(lit(0)))
                    .mean()
                    .alias("mean_compound_with_frame"),
                col("compound_domain")
                    .filter(hits.gt(lit(0)))
                    .mean()
                    .alias("mean_compound_domain_with_frame"),
            ])
        })
        .collect();
    Ok(
        concat(parts, UnionArgs::default())?
            .sort([key, "category"], SortMultipleOptions::default()),
    )
}
