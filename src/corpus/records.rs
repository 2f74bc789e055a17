//! Corpora stored as records, one article per line of JSON (plain or gzip-compressed): reading them
//! line by line, so memory does not grow with the file.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// Opens `path` for reading, decompressing it when its name ends in `.gz`.
pub fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, "cannot open", e))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|x| x == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

/// Why a record could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reject {
    /// The line is not valid UTF-8.
    NotUtf8,
    /// The line is not a JSON object.
    Malformed(String),
}

impl std::fmt::Display for Reject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reject::NotUtf8 => f.write_str("not valid UTF-8"),
            Reject::Malformed(e) => write!(f, "malformed JSON ({e})"),
        }
    }
}

/// Calls `each` with the 1-based line number and the parsed object (or why it could not be parsed) of
/// every non-blank line of a JSON-lines file.
pub fn for_each_record(
    path: &Path,
    mut each: impl FnMut(usize, std::result::Result<Map<String, Value>, Reject>),
) -> Result<()> {
    for_each_line(path, |line, text| each(line, text.and_then(parse_record)))
}

/// Parses one line of a JSON-lines file as a JSON object.
pub fn parse_record(text: &str) -> std::result::Result<Map<String, Value>, Reject> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Reject::Malformed("not a JSON object".into())),
        Err(e) => Err(Reject::Malformed(e.to_string())),
    }
}

/// Calls `each` with the 1-based line number and the text (or why it cannot be read) of every non-blank
/// line of a JSON-lines file, decompressing it first when its name ends in `.gz`.
pub fn for_each_line(
    path: &Path,
    mut each: impl FnMut(usize, std::result::Result<&str, Reject>),
) -> Result<()> {
    let mut reader = open(path)?;
    let mut buf = Vec::new();
    let mut line = 0;
    loop {
        buf.clear();
        let n = match reader.read_until(b'\n', &mut buf) {
            Ok(n) => n,
            // A cut-off compressed file: what was read counts, the rest is one reject.
            Err(e) if line > 0 => {
                each(
                    line + 1,
                    Err(Reject::Malformed(format!("the file ends early ({e})"))),
                );
                return Ok(());
            }
            Err(e) => {
                return Err(Error::io(
                    path,
                    "cannot read (is it gzip-compressed JSON lines?)",
                    e,
                ))
            }
        };
        if n == 0 {
            return Ok(());
        }
        line += 1;
        let Ok(text) = std::str::from_utf8(&buf) else {
            each(line, Err(Reject::NotUtf8));
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        each(line, Ok(text));
    }
}

/// Which record fields hold the id, the text and the metadata.
#[derive(Debug, Clone)]
pub struct FieldMap {
    /// Field holding the article's unique id.
    pub id: String,
    /// Field holding the article's text.
    pub text: String,
    /// Metadata fields to keep (for grouping and the report); missing ones are left empty.
    pub metadata: Vec<String>,
}

impl Default for FieldMap {
    /// The fields of the shared article-bias-prediction corpus.
    fn default() -> Self {
        FieldMap {
            id: "id".into(),
            text: "text".into(),
            metadata: ["outlet", "bias", "topic", "date", "title", "url"]
                .map(String::from)
                .to_vec(),
        }
    }
}

/// A record left out of the analysis, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// 1-based line (or row) number in the corpus file.
    pub line: usize,
    /// The record's id, when it could be read.
    pub id: Option<String>,
    /// What was wrong with it.
    pub reason: String,
    /// What it was left out of.
    pub scope: RejectScope,
}

/// The records left out of the whole analysis (not those left out of the trends table only).
pub fn left_out(rejected: &[Rejected]) -> impl Iterator<Item = &Rejected> {
    rejected.iter().filter(|r| r.scope == RejectScope::Analysis)
}

/// What a rejected record was left out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RejectScope {
    /// The whole analysis: the record could not be read as an article.
    #[default]
    Analysis,
    /// Only the trends table: the article has no usable date, and counts everywhere else.
    Trends,
}

impl RejectScope {
    /// The scope's name in `rejects.csv`'s `left_out_of` column.
    pub fn label(&self) -> &'static str {
        match self {
            RejectScope::Analysis => "analysis",
            RejectScope::Trends => "trends",
        }
    }

    /// The scope named `label` (anything else is the whole analysis).
    pub fn from_label(label: &str) -> RejectScope {
        match label {
            "trends" => RejectScope::Trends,
            _ => RejectScope::Analysis,
        }
    }
}

fn field_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Turns one parsed record into an article, or says why it cannot be one.
pub fn record_to_article(
    path: &Path,
    line: usize,
    record: std::result::Result<Map<String, Value>, Reject>,
    fields: &FieldMap,
) -> std::result::Result<super::Article, Rejected> {
    let reject = |id: Option<String>, reason: String| Rejected {
        line,
        id,
        reason,
        scope: RejectScope::Analysis,
    };
    let record = match record {
        Ok(r) => r,
        Err(why) => return Err(reject(None, why.to_string())),
    };
    let id = field_text(record.get(&fields.id)).filter(|s| !s.trim().is_empty());
    let Some(id) = id else {
        return Err(reject(
            None,
            format!("no \"{}\" field (the id; set --id-field)", fields.id),
        ));
    };
    let text = match record.get(&fields.text) {
        None => {
            return Err(reject(
                Some(id),
                format!("no \"{}\" field (the text; set --text-field)", fields.text),
            ))
        }
        Some(v) => field_text(Some(v)).unwrap_or_default(),
    };
    if text.trim().is_empty() {
        return Err(reject(Some(id), "empty text".into()));
    }
    let mut map = std::collections::BTreeMap::new();
    map.insert("id".to_string(), id.clone());
    for name in &fields.metadata {
        map.insert(
            name.clone(),
            field_text(record.get(name)).unwrap_or_default(),
        );
    }
    Ok(record_article(path, id, text, map, line))
}

/// Reads every record of a JSON-lines corpus into articles, setting aside (with their line numbers) the
/// records that cannot be used. Duplicate ids are rejected after their first occurrence.
pub fn load_jsonl(path: &Path, fields: &FieldMap) -> Result<(Vec<super::Article>, Vec<Rejected>)> {
    let mut articles = Vec::new();
    let mut rejected = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for_each_record(path, |line, record| {
        match record_to_article(path, line, record, fields) {
            Ok(article) if !seen.insert(article.id.clone()) => rejected.push(Rejected {
                line,
                id: Some(article.id),
                reason: DUPLICATE_ID.into(),
                scope: RejectScope::Analysis,
            }),
            Ok(article) => articles.push(article),
            Err(r) => rejected.push(r),
        }
    })?;
    Ok((articles, rejected))
}

/// Reads a corpus file in batches of `batch` articles, calling `each` with every batch in file order,
/// and returns the records it set aside. Only records whose 1-based line l satisfies `keep(l)` are used
/// (a shard's share). JSON lines are decompressed and split on a thread of their own while `each`
/// works, holding at most two batches ahead, and each batch is parsed in parallel; CSV and Parquet files are read whole, then handed out in
/// batches.
pub fn stream_file(
    path: &Path,
    fields: &FieldMap,
    batch: usize,
    keep: impl Fn(usize) -> bool + Send + Sync,
    each: impl FnMut(Vec<super::Article>) -> Result<()>,
) -> Result<Vec<Rejected>> {
    stream_file_with(path, fields, batch, keep, Duplicates::Find, each)
}

/// The reason a record repeating an earlier record's id is left out with.
pub const DUPLICATE_ID: &str = "duplicate id";

/// How [`stream_file_with`] finds duplicate ids.
#[derive(Debug, Clone, Copy)]
pub enum Duplicates<'a> {
    /// Reads every line's id, kept or not: a kept record whose id any earlier line has is rejected.
    Find,
    /// The lines a survey of the whole file found to repeat an earlier id (`analyze --survey`), so lines
    /// this run does not keep are skipped unread.
    Known(&'a std::collections::HashSet<usize>),
}

/// [`stream_file`], with duplicate ids found as `duplicates` says.
pub fn stream_file_with(
    path: &Path,
    fields: &FieldMap,
    batch: usize,
    keep: impl Fn(usize) -> bool + Send + Sync,
    duplicates: Duplicates<'_>,
    mut each: impl FnMut(Vec<super::Article>) -> Result<()>,
) -> Result<Vec<Rejected>> {
    let batch = batch.max(1);
    if matches!(
        path.extension().and_then(|x| x.to_str()),
        Some("csv" | "parquet")
    ) {
        let (mut articles, mut rejected) = load_table(path, fields)?;
        articles.retain(|a| keep(a.line));
        rejected.retain(|r| keep(r.line));
        let mut rest = articles.into_iter().peekable();
        while rest.peek().is_some() {
            each(rest.by_ref().take(batch).collect())?;
        }
        return Ok(rejected);
    }
    // The reader thread only decompresses and splits lines; each batch of lines is parsed in parallel
    // here, then checked for duplicate ids in file order. Lines this run does not keep (another shard's)
    // are read too, for their ids alone: a duplicate id is one seen anywhere earlier in the file.
    type Line = (usize, bool, std::result::Result<String, Reject>);
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Line>>(2);
    let keep = &keep;
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<()> {
            // The first batch is an eighth of the others, so that scoring starts while the rest of
            // the first full batch is still being read (on a corpus of one batch, the reader would
            // otherwise run alone before any scoring).
            let mut limit = (batch / 8).max(1);
            let mut current = Vec::with_capacity(limit);
            let mut open = true;
            for_each_line(path, |line, text| {
                let kept = keep(line);
                if !open || (!kept && matches!(duplicates, Duplicates::Known(_))) {
                    return;
                }
                current.push((line, kept, text.map(str::to_string)));
                if current.len() == limit {
                    // A closed channel means the consumer failed; stop reading.
                    open = sender.send(std::mem::take(&mut current)).is_ok();
                    limit = batch;
                }
            })?;
            if open && !current.is_empty() {
                let _ = sender.send(current);
            }
            drop(sender);
            Ok(())
        });
        let mut rejected = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut result = Ok(());
        // Whether a kept record repeats an earlier id (recording its id when it does not).
        let repeated = |article: &super::Article, seen: &mut std::collections::HashSet<String>| {
            match duplicates {
                Duplicates::Known(lines) => lines.contains(&article.line),
                Duplicates::Find => !seen.insert(article.id.clone()),
            }
        };
        for lines in receiver.iter() {
            use rayon::prelude::*;
            let parsed: Vec<(bool, std::result::Result<super::Article, Rejected>)> = lines
                .into_par_iter()
                .map(|(line, kept, text)| {
                    let record = text.and_then(|t| parse_record(&t));
                    (kept, record_to_article(path, line, record, fields))
                })
                .collect();
            let mut articles = Vec::with_capacity(parsed.len());
            for (kept, p) in parsed {
                if !kept {
                    // Another shard's record: only its id counts, for the duplicates after it.
                    if let Ok(article) = p {
                        seen.insert(article.id);
                    }
                    continue;
                }
                match p {
                    Ok(article) if repeated(&article, &mut seen) => rejected.push(Rejected {
                        line: article.line,
                        id: Some(article.id),
                        reason: DUPLICATE_ID.into(),
                        scope: RejectScope::Analysis,
                    }),
                    Ok(article) => articles.push(article),
                    Err(r) => rejected.push(r),
                }
            }
            if !articles.is_empty() {
                result = each(articles);
            }
            if result.is_err() {
                break;
            }
        }
        drop(receiver);
        let read = reader.join().unwrap_or_else(|_| {
            Err(Error::Input {
                source_name: path.display().to_string(),
                line: 0,
                message: "the corpus reader stopped unexpectedly".into(),
            })
        });
        result.and(read).map(|()| rejected)
    })
}

/// A CSV file with a header row, every column read as text (ids like "007" and dates stay as written).
pub fn read_text_csv(path: &Path) -> polars::prelude::PolarsResult<polars::prelude::DataFrame> {
    use polars::prelude::*;
    CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .and_then(|r| r.finish())
}

/// Reads a Parquet file with polars, turning a panic of its reader into `Err(message)`. polars' Parquet
/// reader trusts the file's metadata and panics on many damaged files (offsets past the end, impossible
/// lengths: fuzzing found 21 such places, `fuzz/regressions/corpus_parquet/`), so a user's bad file
/// would abort the run with a Rust backtrace. The panic message is kept for the error instead of
/// printed: the hook is swapped for the duration of the read, one read at a time.
fn read_parquet_guarded(
    file: std::fs::File,
) -> std::result::Result<polars::prelude::PolarsResult<polars::prelude::DataFrame>, String> {
    use polars::prelude::*;
    use std::sync::Mutex;
    static READING: Mutex<()> = Mutex::new(());
    static MESSAGE: Mutex<Option<String>> = Mutex::new(None);
    let _one_at_a_time = READING.lock().unwrap_or_else(|e| e.into_inner());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let text = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        *MESSAGE.lock().unwrap_or_else(|e| e.into_inner()) = Some(text);
    }));
    let result = std::panic::catch_unwind(move || {
        // The reader also allocates what damaged metadata claims, and a failed allocation aborts the
        // process (it cannot be caught): refuse a row count no real table of texts reaches first.
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut reader = ParquetReader::new(file);
        let rows = reader.num_rows()? as u64;
        if rows > size.saturating_mul(8) {
            polars_bail!(ComputeError: "its metadata claims {rows} rows in {size} bytes");
        }
        reader.finish()
    });
    std::panic::set_hook(previous);
    result.map_err(|_| {
        MESSAGE
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_else(|| "a panic".into())
    })
}

/// Reads a CSV (with a header row) or Parquet corpus into articles, one per row, setting aside the rows
/// that cannot be used. Rows are numbered as lines of the CSV file (the header is line 1) or from 1 for
/// Parquet. Every column is read as text.
pub fn load_table(path: &Path, fields: &FieldMap) -> Result<(Vec<super::Article>, Vec<Rejected>)> {
    use polars::prelude::*;
    let unreadable = |message: String| Error::Input {
        source_name: path.display().to_string(),
        line: 1,
        message,
    };
    let table_error = |source: PolarsError| {
        unreadable(format!(
            "cannot read the table ({source}); give a CSV file with a header row or a Parquet file"
        ))
    };
    let is_parquet = path.extension().is_some_and(|x| x == "parquet");
    let df = if is_parquet {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, "cannot open", e))?;
        read_parquet_guarded(file)
            .map_err(|message| {
                unreadable(format!(
                    "cannot read the table: the Parquet reader failed ({message}); the file is damaged \
                     or not a Parquet file: write it again (pandas: df.to_parquet, polars: \
                     df.write_parquet)"
                ))
            })?
            .map_err(table_error)?
    } else {
        read_text_csv(path).map_err(table_error)?
    };
    // A damaged Parquet file can come back with columns shorter than the table (found by fuzzing).
    if df.columns().iter().any(|c| c.len() != df.height()) {
        return Err(unreadable(
            "cannot read the table: its columns have different lengths; the file is damaged: write \
             it again"
                .into(),
        ));
    }
    let column = |name: &str| -> Option<Vec<Option<String>>> {
        let c = df.column(name).ok()?.cast(&DataType::String).ok()?;
        let s = c.str().ok()?;
        Some(s.iter().map(|v| v.map(str::to_string)).collect())
    };
    let first_line = if is_parquet { 1 } else { 2 };
    let mut meta: Vec<(String, Option<Vec<Option<String>>>)> = fields
        .metadata
        .iter()
        .map(|m| (m.clone(), column(m)))
        .collect();
    let ids = column(&fields.id);
    let texts = column(&fields.text);
    let mut articles = Vec::new();
    let mut rejected = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for row in 0..df.height() {
        let line = row + first_line;
        let id = ids
            .as_ref()
            .and_then(|c| c[row].clone())
            .filter(|s| !s.trim().is_empty());
        let Some(id) = id else {
            rejected.push(Rejected {
                line,
                id: None,
                reason: format!("no \"{}\" value (the id; set --id-field)", fields.id),
                scope: RejectScope::Analysis,
            });
            continue;
        };
        let text = match &texts {
            None => {
                rejected.push(Rejected {
                    line,
                    id: Some(id),
                    reason: format!("no \"{}\" column (the text; set --text-field)", fields.text),
                    scope: RejectScope::Analysis,
                });
                continue;
            }
            Some(c) => c[row].clone().unwrap_or_default(),
        };
        if text.trim().is_empty() {
            rejected.push(Rejected {
                line,
                id: Some(id),
                reason: "empty text".into(),
                scope: RejectScope::Analysis,
            });
            continue;
        }
        if !seen.insert(id.clone()) {
            rejected.push(Rejected {
                line,
                id: Some(id),
                reason: DUPLICATE_ID.into(),
                scope: RejectScope::Analysis,
            });
            continue;
        }
        let mut map = std::collections::BTreeMap::new();
        map.insert("id".to_string(), id.clone());
        for (name, values) in &mut meta {
            let value = values
                .as_mut()
                .and_then(|v| v[row].take())
                .unwrap_or_default();
            map.insert(name.clone(), value);
        }
        articles.push(record_article(path, id, text, map, line));
    }
    Ok((articles, rejected))
}

/// Reads a corpus file by its extension: `.csv` and `.parquet` as tables, anything else (`.jsonl`,
/// `.json`, `.gz`) as JSON lines.
pub fn load_file(path: &Path, fields: &FieldMap) -> Result<(Vec<super::Article>, Vec<Rejected>)> {
    match path.extension().and_then(|x| x.to_str()) {
        Some("csv" | "parquet") => load_table(path, fields),
        _ => load_jsonl(path, fields),
    }
}

/// The rejects as a table: line, id, reason.
pub fn rejects_table(
    rejected: &[Rejected],
) -> polars::prelude::PolarsResult<polars::prelude::DataFrame> {
    use polars::prelude::*;
    DataFrame::new(
        rejected.len(),
        vec![
            Column::new(
                "line".into(),
                rejected.iter().map(|r| r.line as u64).collect::<Vec<_>>(),
            ),
            Column::new(
                "id".into(),
                rejected.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "reason".into(),
                rejected
                    .iter()
                    .map(|r| r.reason.clone())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "left_out_of".into(),
                rejected.iter().map(|r| r.scope.label()).collect::<Vec<_>>(),
            ),
        ],
    )
}

/// An article read from a record: its text, and metadata whose titles are not part of the text.
fn record_article(
    path: &Path,
    id: String,
    text: String,
    fields: std::collections::BTreeMap<String, String>,
    line: usize,
) -> super::Article {
    super::Article {
        id,
        path: path.to_path_buf(),
        text,
        // The records' titles are metadata, not the first line of the text.
        title: None,
        standfirst: false,
        fields,
        line,
    }
}
