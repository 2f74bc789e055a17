//! Aggregate stage: turns scored articles into tables — one row per article, per (article, category),
//! per (article, voice side), per comparison group — and, on request, one row per sentence and per frame
//! hit.
//!
//! Articles arrive in batches ([`Accumulator::add`]). Each article is reduced at once to its table rows
//! and to mergeable sums ([`sums`]); only the sums of each group are kept, so memory does not grow with
//! the number of sentences. The same sums make shards merge exactly ([`merge_parts`]). Every table is
//! sorted by stable keys before it leaves this module, so output never depends on thread scheduling.

pub mod cleaning;
pub mod sums;
pub mod trends;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use polars::prelude::*;
use rayon::prelude::*;

use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::frames::Lexicon;
use crate::furniture::Furniture;
use crate::progress::Progress;
use crate::score::{sentiment_text, ScoredSentence, Scorer};
use crate::segment::{display_text, UnitKind, Voice};
use crate::survey::Survey;
use sums::{compound_units, weight_units, ArticleSums, FrameSums, Measures, SentenceSums, Summary};

/// VADER's conventional threshold: compound ≥ 0.05 is positive, ≤ −0.05 negative, between is neutral.
pub const POLARITY_THRESHOLD: f64 = 0.05;

/// The tables of one run.
#[derive(Debug, Clone)]
pub struct Tables {
    /// One row per scored unit (sentence, headline or heading), with every score and frame count; kept
    /// only when asked for (it grows with the corpus).
    pub sentences: Option<DataFrame>,
    /// One row per frame hit: which term of which category matched where; kept with `sentences`.
    pub frame_hits: Option<DataFrame>,
    /// One row per article: size, sentiment summary and per-category frame measures.
    pub articles: DataFrame,
    /// One row per (article, category): hits, density, share of sentences, mean compound where it occurs.
    pub frames: DataFrame,
    /// The measures pooled per value of the grouping field (e.g. per genre).
    pub groups: DataFrame,
    /// The (group, category) frame measures, pooled like [`Tables::groups`].
    pub group_frames: DataFrame,
    /// Every article measure split by voice side (`author` vs `quoted`): one row per (article, side).
    pub article_voices: DataFrame,
    /// Every group measure split by voice side: one row per (group, side).
    pub group_voices: DataFrame,
    /// Page furniture removed: one row per (outlet, string).
    pub boilerplate: DataFrame,
    /// Page furniture removed: one row per outlet.
    pub boilerplate_outlets: DataFrame,
    /// Near-duplicate clusters: one row per article in one.
    pub duplicates: DataFrame,
    /// Per (group, time bin), with `--time-field`: articles and measures with intervals.
    pub trends: Option<DataFrame>,
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

/// Everything a run keeps: the article-level tables, the per-group sums, and the optional row-level
/// tables. Parts of disjoint sets of articles (shards) merge: [`merge_parts`] then [`tables_from_parts`]
/// give the tables of one whole run.
#[derive(Debug, Clone)]
pub struct Parts {
    /// One row per article: its id and every metadata field, sorted by id.
    pub meta: DataFrame,
    /// One row per article: its measures and headline compound, sorted by id.
    pub articles: DataFrame,
    /// One row per (article, category), sorted.
    pub frames: DataFrame,
    /// One row per (article, voice side), sorted.
    pub article_voices: DataFrame,
    /// The sentence table, sorted by article id and sentence, when kept.
    pub sentences: Option<DataFrame>,
    /// The frame-hit table, sorted by article id, position and category, when kept.
    pub frame_hits: Option<DataFrame>,
    /// The mergeable sums per group.
    pub summary: Summary,
}

/// One article reduced: its sums and its table rows.
struct Reduced {
    sums: ArticleSums,
    article: Vec<Cell>,
    voices: Vec<Vec<Cell>>,
    frames: Vec<Vec<Cell>>,
    scored: Option<Vec<ScoredSentence>>,
    sentences: usize,
}

/// Segments, scores and reduces articles batch by batch. Each batch is processed in parallel; its results
/// are added in corpus order, so the outcome does not depend on the thread count.
pub struct Accumulator<'a> {
    scorer: &'a Scorer,
    rollup: Vec<Vec<usize>>,
    group_by: String,
    summary: Summary,
    /// One partial sum per thread, merged into `summary` by [`Accumulator::finish`]: merging word
    /// counts is the costly part, so it is done once per run, not once per batch.
    partials: Vec<Mutex<Summary>>,
    /// Paragraphs summed so far, for [`sums::CLUSTER_LIMIT`].
    paragraphs: AtomicUsize,
    articles: Vec<Article>,
    article_rows: Vec<DataFrame>,
    voice_rows: Vec<DataFrame>,
    frame_rows: Vec<DataFrame>,
    sentence_rows: Option<(Vec<DataFrame>, Vec<DataFrame>)>,
    /// Page furniture to remove before segmenting, and the field naming each article's outlet.
    furniture: Option<(&'a Furniture, String)>,
    /// Per near-duplicate article, the id of the cluster's first article.
    duplicate_of: HashMap<String, String>,
    /// The sampling unit of the intervals.
    unit: sums::ClusterUnit,
    /// The trends table's date field and bins, when it is made.
    trends: Option<crate::time::Trends>,
}

impl<'a> Accumulator<'a> {
    /// A new accumulator; `sentence_table` keeps the sentence and frame-hit tables.
    pub fn new(scorer: &'a Scorer, group_by: &str, sentence_table: bool) -> Accumulator<'a> {
        Accumulator {
            scorer,
            rollup: scorer.lexicon.rollup(),
            group_by: group_by.to_string(),
            summary: Summary::new(),
            partials: (0..rayon::current_num_threads().max(1))
                .map(|_| Mutex::new(Summary::new()))
                .collect(),
            paragraphs: AtomicUsize::new(0),
            articles: Vec::new(),
            article_rows: Vec::new(),
            voice_rows: Vec::new(),
            frame_rows: Vec::new(),
            sentence_rows: sentence_table.then(|| (Vec::new(), Vec::new())),
            furniture: None,
            duplicate_of: HashMap::new(),
            unit: sums::ClusterUnit::default(),
            trends: None,
        }
    }

    /// The same accumulator, summing each group's articles per time bin of `trends` too.
    pub fn with_trends(mut self, trends: Option<crate::time::Trends>) -> Accumulator<'a> {
        self.summary.trends = trends.clone();
        self.trends = trends;
        self
    }

    /// The same accumulator, summing clusters of `unit` for the intervals (paragraphs by default).
    pub fn with_cluster_unit(mut self, unit: sums::ClusterUnit) -> Accumulator<'a> {
        self.summary.unit = unit.clone();
        self.unit = unit;
        self
    }

    /// The same accumulator, removing what the survey pass found: each article's furniture (by the
    /// outlet in `source_field`) and, in the articles table, which article each near-duplicate copies.
    pub fn with_survey(mut self, survey: &'a Survey, source_field: &str) -> Accumulator<'a> {
        self.furniture = Some((&survey.furniture, source_field.to_string()));
        self.duplicate_of = survey
            .notes
            .duplicates
            .iter()
            .flat_map(|d| &d.members)
            .filter(|m| !m.duplicate_of.is_empty())
            .map(|m| (m.id.clone(), m.duplicate_of.clone()))
            .collect();
        self.summary.notes = survey.notes.clone();
        self
    }

    /// Scored units so far.
    pub fn sentences(&self) -> usize {
        self.summary.units as usize
    }

    /// Articles so far.
    pub fn articles(&self) -> usize {
        self.articles.len()
    }

    /// The files the articles so far were read from, in corpus order.
    pub fn article_files(&self) -> Vec<std::path::PathBuf> {
        self.articles.iter().map(|a| a.path.clone()).collect()
    }

    /// Segments, scores and reduces a batch of articles.
    pub fn add(&mut self, mut batch: Vec<Article>, progress: &Progress) -> Result<()> {
        Progress::add(&progress.articles_total, batch.len());
        let keep_rows = self.sentence_rows.is_some();
        // Integer sums add up the same in any order, so each article is added, as soon as it is
        // scored, into the partial sum of the thread that scored it (its words still hot in the
        // cache). One partial per thread, not one per stolen task or batch: merging their word
        // counts is the costly part.
        let partials = &self.partials;
        // Tasks of a few articles: rayon splits a range only when a thread is idle, so without a
        // cap one thread can be left with a long run of articles at the end of the batch while the
        // others wait.
        let reduced: Vec<Reduced> = batch
            .par_iter()
            .with_max_len(4)
            .map(|a| {
                let (source, furniture) = match &self.furniture {
                    Some((f, field)) => (a.field(field), f.spans(a.field(field), &a.text)),
                    None => ("", Vec::new()),
                };
                let ranges: Vec<Range<usize>> = furniture.iter().map(|f| f.range.clone()).collect();
                let units = crate::segment::segment_article_with(a, &ranges);
                Progress::add(&progress.articles_segmented, 1);
                let mut words = Vec::new();
                let scored =
                    crate::score::score_article_with_words(a, 0, units, self.scorer, |w| {
                        words.push(w)
                    });
                Progress::add(&progress.units_total, scored.len());
                Progress::add(&progress.units_scored, scored.len());
                let mut r = self.reduce(a, &scored);
                let group = a.field(&self.group_by);
                let slot = rayon::current_thread_index().unwrap_or(0) % partials.len();
                // Each thread has its own slot, so the lock is never contended (a poisoned one
                // only means another article's thread panicked, and its sums are whole).
                let mut partial = partials[slot]
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                partial.add(&a.id, group, std::mem::take(&mut r.sums));
                partial.count_words(group, words.iter().map(|w| &**w));
                if self.furniture.is_some() {
                    let kept = scored
                        .iter()
                        .filter(|s| s.unit.kind.in_running_text())
                        .map(|s| s.score.tokens as u64)
                        .sum();
                    partial.add_furniture(source, a.line as u64, kept, &a.text, &furniture);
                }
                drop(partial);
                r.sentences = scored.len();
                r.scored = keep_rows.then_some(scored);
                r
            })
            .collect();
        let (mut article_cells, mut voice_cells, mut frame_cells) =
            (Vec::new(), Vec::new(), Vec::new());
        let mut scored_rows = Vec::new();
        for (i, r) in reduced.into_iter().enumerate() {
            self.summary.units += r.sentences as u64;
            article_cells.push(r.article);
            voice_cells.extend(r.voices);
            frame_cells.extend(r.frames);
            if let Some(scored) = r.scored {
                scored_rows.extend(scored.into_iter().map(|mut s| {
                    s.article = i;
                    s
                }));
            }
        }
        let lexicon = &self.scorer.lexicon;
        // The workers would otherwise wait on one thread building the three tables in turn.
        let (articles, (voices, frames)) = rayon::join(
            || {
                let names = article_columns(lexicon);
                cells_frame_or_empty(&names, article_cells, article_prototype(lexicon))
            },
            || {
                rayon::join(
                    || {
                        let names = voice_columns(lexicon);
                        cells_frame_or_empty(&names, voice_cells, voice_prototype(lexicon))
                    },
                    || {
                        let names = frame_columns("article_id");
                        cells_frame_or_empty(&names, frame_cells, frame_prototype(lexicon))
                    },
                )
            },
        );
        self.article_rows
            .push(articles.map_err(table_err("articles"))?);
        self.voice_rows
            .push(voices.map_err(table_err("article_voices"))?);
        self.frame_rows.push(frames.map_err(table_err("frames"))?);
        if let Some((sentences, hits)) = &mut self.sentence_rows {
            sentences.push(
                sentence_table(&batch, &scored_rows, lexicon, &self.group_by)
                    .map_err(table_err("sentences"))?,
            );
            hits.push(
                frame_hit_table(&batch, &scored_rows, lexicon).map_err(table_err("frame_hits"))?,
            );
        }
        for a in &mut batch {
            // The text is done with; the metadata stays for the articles table and the charts.
            a.text = String::new();
        }
        self.articles.extend(batch);
        Ok(())
    }

    /// Empty article-level (and row-level) tables with their columns.
    fn add_empty(&mut self) -> PolarsResult<()> {
        let lexicon = &self.scorer.lexicon;
        self.article_rows.push(cells_frame_or_empty(
            &article_columns(lexicon),
            Vec::new(),
            article_prototype(lexicon),
        )?);
        self.voice_rows.push(cells_frame_or_empty(
            &voice_columns(lexicon),
            Vec::new(),
            voice_prototype(lexicon),
        )?);
        self.frame_rows.push(cells_frame_or_empty(
            &frame_columns("article_id"),
            Vec::new(),
            frame_prototype(lexicon),
        )?);
        if let Some((sentences, hits)) = &mut self.sentence_rows {
            sentences.push(sentence_table(&[], &[], lexicon, &self.group_by)?);
            hits.push(frame_hit_table(&[], &[], lexicon)?);
        }
        Ok(())
    }

    /// One article's sums and table rows.
    fn reduce(&self, article: &Article, scored: &[ScoredSentence]) -> Reduced {
        let lexicon = &self.scorer.lexicon;
        let categories = lexicon.categories.len();
        let running: Vec<&ScoredSentence> = scored
            .iter()
            .filter(|s| s.unit.kind.in_running_text())
            .collect();
        let sentences: Vec<SentenceSums> = running
            .iter()
            .enumerate()
            .map(|(i, s)| SentenceSums {
                paragraph: s.unit.paragraph,
                voice: VOICES
                    .iter()
                    .position(|v| *v == s.unit.attribution.voice)
                    .unwrap_or(0),
                tokens: s.score.tokens as u32,
                compound: compound_units(s.score.sentiment.compound),
                domain: compound_units(s.score.sentiment_domain.compound),
                frames: (0..categories)
                    .map(|c| {
                        let n = FrameCount::of(&s.score.frames, &self.rollup[c], lexicon);
                        (n.hits, n.negated, weight_units(n.weight))
                    })
                    .collect(),
                position: (i as f64 + 0.5) / running.len() as f64,
            })
            .collect();
        let speakers: Vec<&str> = scored
            .iter()
            .filter_map(|s| s.unit.attribution.speaker.as_deref())
            .filter(|s| !s.is_empty())
            .collect();
        let group = article.field(&self.group_by);
        // Beyond the limit the summary drops every paragraph, so later articles need not list theirs.
        let keep_paragraphs = self.paragraphs.load(Ordering::Relaxed) <= sums::CLUSTER_LIMIT;
        let mut sums = sums::article_sums(
            &article.id,
            group,
            &sentences,
            &speakers,
            categories,
            keep_paragraphs,
            sums::ClusterOf {
                unit: &self.unit,
                key: match &self.unit {
                    sums::ClusterUnit::Field(name) => article.field(name),
                    _ => "",
                },
                trends: self.trends.is_some(),
            },
        );
        sums.time_bin = self.trends.as_ref().map(|t| {
            crate::time::bin_of(article.field(&t.field), t.bin)
                .unwrap_or_else(|_| crate::time::UNDATED.to_string())
        });
        self.paragraphs
            .fetch_add(sums.sums.scopes[0].clusters.m as usize, Ordering::Relaxed);
        let headline = scored
            .iter()
            .find(|s| s.unit.kind == UnitKind::Headline)
            .map(|s| s.score.sentiment.compound);
        let id = Cell::Str(article.id.clone());
        let all = &sums.sums.scopes[0];
        let mut article_row = vec![id.clone()];
        article_row.extend(measure_cells((all.sentences() > 0).then_some(all), lexicon));
        article_row.push(Cell::F64(headline));
        article_row.push(Cell::Str(
            self.duplicate_of
                .get(&article.id)
                .cloned()
                .unwrap_or_default(),
        ));
        let voices = ["author", "quoted"]
            .iter()
            .zip(&sums.sums.scopes[1..])
            .filter(|(_, m)| m.sentences() > 0)
            .map(|(side, m)| {
                let mut row = vec![id.clone(), Cell::Str(side.to_string())];
                row.extend(measure_cells(Some(m), lexicon));
                row
            })
            .collect();
        let frames = if all.sentences() > 0 {
            frame_cells(&article.id, all, lexicon)
        } else {
            Vec::new()
        };
        Reduced {
            sums,
            article: article_row,
            voices,
            frames,
            scored: None,
            sentences: 0,
        }
    }

    /// The parts of everything added, and the articles' metadata (their texts emptied).
    pub fn finish(mut self) -> Result<(Parts, Vec<Article>)> {
        if self.article_rows.is_empty() {
            // No article (a shard beyond the end of a small corpus): empty tables that still have
            // their columns, so that they merge with the other shards'.
            self.add_empty().map_err(table_err("articles"))?;
        }
        let Accumulator {
            mut summary,
            partials,
            articles,
            article_rows,
            voice_rows,
            frame_rows,
            sentence_rows,
            ..
        } = self;
        // The partial sums merge while the tables are stacked and sorted.
        let ((), tables) = rayon::join(
            || {
                let merged = partials
                    .into_par_iter()
                    .map(|p| p.into_inner().unwrap_or_else(PoisonError::into_inner))
                    .reduce(Summary::new, |mut a, b| {
                        a.merge(b);
                        a
                    });
                summary.merge(merged);
            },
            || -> Result<_> {
                let meta = metadata_table(&articles).map_err(table_err("articles"))?;
                let rows = match sentence_rows {
                    Some((s, h)) => Some((
                        concat_sorted(s, &["article_id", "sentence"], "sentences")?,
                        concat_sorted(h, &["article_id", "start", "category"], "frame_hits")?,
                    )),
                    None => None,
                };
                Ok((
                    meta,
                    concat_sorted(article_rows, &["article_id"], "articles")?,
                    concat_sorted(frame_rows, &["article_id", "category"], "frames")?,
                    concat_sorted(voice_rows, &["article_id", "voice_side"], "article_voices")?,
                    rows,
                ))
            },
        );
        let (meta, article_table, frames, article_voices, rows) = tables?;
        let (sentences, frame_hits) = rows.unzip();
        let parts = Parts {
            meta,
            articles: article_table,
            frames,
            article_voices,
            sentences,
            frame_hits,
            summary,
        };
        Ok((parts, articles))
    }
}

/// Concatenates the frames of one table and sorts the result by `by`.
fn concat_sorted(frames: Vec<DataFrame>, by: &[&str], table: &'static str) -> Result<DataFrame> {
    let mut frames = frames.into_iter();
    let first = frames
        .next()
        .ok_or_else(|| PolarsError::NoData("no rows were collected".into()))
        .map_err(table_err(table))?;
    frames
        .try_fold(first, |mut all, frame| {
            all.vstack_mut(&frame)?;
            Ok(all)
        })
        .and_then(|all| all.sort(by.to_vec(), SortMultipleOptions::default()))
        .map(without_sorted_flags)
        .map_err(table_err(table))
}

/// Concatenates the parts of shards (disjoint sets of articles) and restores the sort order of a whole run.
pub fn merge_parts(shards: Vec<Parts>) -> Result<Parts> {
    let mut meta = Vec::new();
    let mut articles = Vec::new();
    let mut frames = Vec::new();
    let mut voices = Vec::new();
    let mut sentences = Some(Vec::new());
    let mut hits = Some(Vec::new());
    let mut summary = Summary::new();
    // A shard without articles has no metadata columns to line up with the others'.
    let any_articles = shards.iter().any(|p| p.meta.height() > 0);
    for p in shards {
        if p.meta.height() > 0 || !any_articles {
            meta.push(p.meta);
        }
        articles.push(p.articles);
        frames.push(p.frames);
        voices.push(p.article_voices);
        match (p.sentences, &mut sentences) {
            (Some(s), Some(all)) => all.push(s),
            _ => sentences = None,
        }
        match (p.frame_hits, &mut hits) {
            (Some(h), Some(all)) => all.push(h),
            _ => hits = None,
        }
        summary.merge(p.summary);
    }
    Ok(Parts {
        meta: concat_sorted(meta, &["article_id"], "articles")?,
        articles: concat_sorted(articles, &["article_id"], "articles")?,
        frames: concat_sorted(frames, &["article_id", "category"], "frames")?,
        article_voices: concat_sorted(voices, &["article_id", "voice_side"], "article_voices")?,
        sentences: sentences
            .map(|s| concat_sorted(s, &["article_id", "sentence"], "sentences"))
            .transpose()?,
        frame_hits: hits
            .map(|h| concat_sorted(h, &["article_id", "start", "category"], "frame_hits"))
            .transpose()?,
        summary,
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

/// Every table, from the parts; the sums come back for the statistics and charts.
pub fn tables_from_parts(parts: Parts, lexicon: &Lexicon) -> Result<(Tables, Summary)> {
    let Parts {
        meta,
        articles,
        frames,
        article_voices,
        sentences,
        frame_hits,
        mut summary,
    } = parts;
    summary.close_field_clusters();
    let articles = meta
        .left_join(&articles, ["article_id"], ["article_id"])
        .and_then(|joined| joined.sort(["article_id"], SortMultipleOptions::default()))
        .map_err(table_err("articles"))?;
    let (mut group_cells, mut voice_cells, mut frame_rows) = (Vec::new(), Vec::new(), Vec::new());
    for (name, g) in &summary.groups {
        let key = Cell::Str(name.clone());
        let all = &g.scopes[0];
        let mut row = vec![key.clone()];
        row.extend(measure_cells((all.sentences() > 0).then_some(all), lexicon));
        group_cells.push(row);
        for (side, m) in ["author", "quoted"].iter().zip(&g.scopes[1..]) {
            if m.sentences() > 0 {
                let mut row = vec![key.clone(), Cell::Str(side.to_string())];
                row.extend(measure_cells(Some(m), lexicon));
                voice_cells.push(row);
            }
        }
        if all.sentences() > 0 {
            frame_rows.extend(frame_cells(name, all, lexicon));
        }
    }
    let mut names = measure_columns(lexicon);
    names.insert(0, "group".into());
    let groups = cells_frame(&names, group_cells).map_err(table_err("groups"))?;
    names.insert(1, "voice_side".into());
    // A corpus with no scored sentence of a side (or none at all, when every sentence is furniture)
    // still gets typed tables: the key columns stay strings, so later joins on them work.
    let group_voices = cells_frame_or_empty(&names, voice_cells, voice_prototype(lexicon))
        .map_err(table_err("group_voices"))?;
    let group_frames = cells_frame_or_empty(
        &frame_columns("group"),
        frame_rows,
        frame_prototype(lexicon),
    )
    .map_err(table_err("group_frames"))?;
    let (boilerplate, boilerplate_outlets) = cleaning::furniture_tables(&summary)?;
    let duplicates = cleaning::duplicates_table(&summary)?;
    let trends = trends::trends_table(&summary, lexicon)?;
    Ok((
        Tables {
            sentences: sentences.map(without_sorted_flags),
            frame_hits,
            articles: without_sorted_flags(articles),
            frames,
            groups,
            group_frames,
            article_voices,
            group_voices,
            boilerplate,
            boilerplate_outlets,
            duplicates,
            trends,
        },
        summary,
    ))
}

/// Segments, scores and aggregates `articles` in one batch: the tables and sums of a small corpus.
pub fn aggregate(
    articles: Vec<Article>,
    scorer: &Scorer,
    group_by: &str,
    sentence_table: bool,
) -> Result<(Tables, Summary)> {
    let mut acc = Accumulator::new(scorer, group_by, sentence_table);
    acc.add(articles, &Progress::default())?;
    tables_from_parts(acc.finish()?.0, &scorer.lexicon)
}

/// One value of a table row under construction.
#[derive(Debug, Clone)]
enum Cell {
    Str(String),
    U32(Option<u32>),
    U64(Option<u64>),
    F64(Option<f64>),
}

/// Column `c` of `rows` as numbers of one type, `pick` reading a cell (a missing cell is null).
fn numeric_column<T>(
    name: PlSmallStr,
    rows: &[Vec<Cell>],
    c: usize,
    pick: impl Fn(&Cell) -> Option<T>,
) -> Column
where
    Series: NamedFrom<Vec<Option<T>>, [Option<T>]>,
{
    let values: Vec<Option<T>> = rows.iter().map(|row| row.get(c).and_then(&pick)).collect();
    Column::new(name, values)
}

/// A frame from rows of cells; each column takes the type of its cells in the first row.
/// One row of the articles table with its cell types (and no values), for a table with no rows.
fn article_prototype(lexicon: &Lexicon) -> Vec<Cell> {
    let mut article = vec![Cell::Str(String::new())];
    article.extend(measure_cells(None, lexicon));
    article.push(Cell::F64(None));
    article.push(Cell::Str(String::new()));
    article
}

/// One row of a voices table (key, voice side, measures), as [`article_prototype`].
fn voice_prototype(lexicon: &Lexicon) -> Vec<Cell> {
    let mut voice = vec![Cell::Str(String::new()), Cell::Str(String::new())];
    voice.extend(measure_cells(None, lexicon));
    voice
}

/// One row of a frames table (key, category, counts), as [`article_prototype`].
fn frame_prototype(lexicon: &Lexicon) -> Vec<Cell> {
    frame_cells("", &Measures::default(), lexicon)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// [`cells_frame`], with the column types of `prototype` (one row of the table) when there are no rows.
fn cells_frame_or_empty(
    names: &[String],
    rows: Vec<Vec<Cell>>,
    prototype: Vec<Cell>,
) -> PolarsResult<DataFrame> {
    if rows.is_empty() && !prototype.is_empty() {
        return Ok(cells_frame(names, vec![prototype])?.slice(0, 0));
    }
    cells_frame(names, rows)
}

fn cells_frame(names: &[String], rows: Vec<Vec<Cell>>) -> PolarsResult<DataFrame> {
    let height = rows.len();
    // Column by column, in parallel: the tables of a batch are built while the workers would
    // otherwise wait for the next batch.
    let column = |(c, name): (usize, &String)| -> Column {
        let name = name.as_str().into();
        match rows.first().and_then(|row| row.get(c)) {
            Some(Cell::Str(_)) => Column::new(
                name,
                rows.iter()
                    .map(|row| match row.get(c) {
                        Some(Cell::Str(s)) => s.as_str(),
                        _ => "",
                    })
                    .collect::<Vec<_>>(),
            ),
            Some(Cell::U32(_)) => numeric_column(name, &rows, c, |cell| match cell {
                Cell::U32(v) => *v,
                _ => None,
            }),
            Some(Cell::U64(_)) => numeric_column(name, &rows, c, |cell| match cell {
                Cell::U64(v) => *v,
                _ => None,
            }),
            _ => numeric_column(name, &rows, c, |cell| match cell {
                Cell::F64(v) => *v,
                _ => None,
            }),
        }
    };
    let out: Vec<Column> = names.par_iter().enumerate().map(column).collect();
    DataFrame::new(height, out)
}

/// Names of the measure columns, in the order the article and group rows give their measures.
pub fn measure_columns(lexicon: &Lexicon) -> Vec<String> {
    let mut names: Vec<String> = [
        "sentences",
        "tokens",
        "compound_mean",
        "compound_median",
        "compound_std",
        "compound_domain_mean",
        "compound_domain_median",
        "compound_domain_std",
        "share_positive",
        "share_neutral",
        "share_negative",
    ]
    .map(String::from)
    .to_vec();
    for v in VOICES {
        names.push(format!("share_{}", v.as_str()));
        names.push(format!("compound_mean_{}", v.as_str()));
    }
    for c in &lexicon.categories {
        names.push(density_column(&c.name));
        names.push(share_column(&c.name));
        names.push(format!("{}_negated_per_1000", c.name));
    }
    names
}

fn article_columns(lexicon: &Lexicon) -> Vec<String> {
    let mut names = vec!["article_id".to_string()];
    names.extend(measure_columns(lexicon));
    names.push("headline_compound".into());
    names.push("duplicate_of".into());
    names
}

fn voice_columns(lexicon: &Lexicon) -> Vec<String> {
    let mut names = vec!["article_id".to_string(), "voice_side".to_string()];
    names.extend(measure_columns(lexicon));
    names
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den > 0.0).then(|| num / den)
}

/// The measures of a set of sentences (all null for `None`: an article without running text).
fn measure_cells(m: Option<&Measures>, lexicon: &Lexicon) -> Vec<Cell> {
    let Some(m) = m else {
        let mut cells = vec![Cell::U32(None), Cell::U64(None)];
        cells.resize(measure_columns(lexicon).len(), Cell::F64(None));
        return cells;
    };
    let n = m.sentences() as f64;
    let tokens = m.tokens as f64;
    let mut cells = vec![
        Cell::U32(Some(m.sentences() as u32)),
        Cell::U64(Some(m.tokens)),
        Cell::F64(m.compound.mean()),
        Cell::F64(m.compound.median()),
        Cell::F64(m.compound.std()),
        Cell::F64(m.domain.mean()),
        Cell::F64(m.domain.median()),
        Cell::F64(m.domain.std()),
    ];
    for count in m.polarity {
        cells.push(Cell::F64(ratio(count as f64, n)));
    }
    for (count, sum) in m.voices {
        cells.push(Cell::F64(ratio(count as f64, n)));
        cells.push(Cell::F64(ratio(
            sum as f64 / sums::COMPOUND_SCALE,
            count as f64,
        )));
    }
    for k in 0..lexicon.categories.len() {
        let f = m.frames.get(k).cloned().unwrap_or_default();
        cells.push(Cell::F64(ratio(1000.0 * f.weighted(), tokens)));
        cells.push(Cell::F64(ratio(f.sentences as f64, n)));
        cells.push(Cell::F64(ratio(1000.0 * f.negated as f64, tokens)));
    }
    cells
}

fn frame_columns(key: &str) -> Vec<String> {
    [
        key,
        "category",
        "hits",
        "negated_hits",
        "weighted_hits",
        "per_1000_tokens",
        "sentences_with_frame",
        "share_of_sentences",
        "mean_compound_with_frame",
        "mean_compound_domain_with_frame",
    ]
    .map(String::from)
    .to_vec()
}

/// One row per category, sorted by category name, for the frames tables.
fn frame_cells(key: &str, m: &Measures, lexicon: &Lexicon) -> Vec<Vec<Cell>> {
    let mut order: Vec<usize> = (0..lexicon.categories.len()).collect();
    order.sort_by(|a, b| {
        lexicon.categories[*a]
            .name
            .cmp(&lexicon.categories[*b].name)
    });
    order
        .into_iter()
        .map(|k| {
            let f: FrameSums = m.frames.get(k).cloned().unwrap_or_default();
            let scale = sums::COMPOUND_SCALE;
            vec![
                Cell::Str(key.to_string()),
                Cell::Str(lexicon.categories[k].name.clone()),
                Cell::U32(Some(f.hits as u32)),
                Cell::U32(Some(f.negated as u32)),
                Cell::F64(Some(f.weighted())),
                Cell::F64(ratio(1000.0 * f.weighted(), m.tokens as f64)),
                Cell::U32(Some(f.sentences as u32)),
                Cell::F64(ratio(f.sentences as f64, m.sentences() as f64)),
                Cell::F64(ratio(f.compound as f64 / scale, f.sentences as f64)),
                Cell::F64(ratio(f.domain as f64 / scale, f.sentences as f64)),
            ]
        })
        .collect()
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
            "speaker_mention".into(),
            scored
                .iter()
                .map(|s| s.unit.attribution.mention.clone())
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
