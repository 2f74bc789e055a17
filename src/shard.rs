//! Shards and merging: `framing analyze --shard I/N` writes the parts of its share of the corpus — the
//! article-level tables as Parquet, the per-group sums as JSON; `framing merge` concatenates the tables,
//! adds up the sums, and produces the tables, charts and report of one whole run. The sums are integers,
//! so the merged output equals the whole run's byte for byte.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::aggregate::{merge_parts, Parts};
use crate::corpus::records::Rejected;
use crate::error::{Error, Result};

/// The files of a shard's output (plus `sentences.parquet` and `frame_hits.parquet` when the sentence
/// table was asked for).
pub const PART_FILES: [&str; 7] = [
    "meta.parquet",
    "articles.parquet",
    "frames.parquet",
    "article_voices.parquet",
    "sums.json",
    "rejects.parquet",
    "shard.json",
];

/// The optional row-level parts.
pub const ROW_PART_FILES: [&str; 2] = ["sentences.parquet", "frame_hits.parquet"];

fn table_err(path: &Path) -> impl Fn(PolarsError) -> Error + '_ {
    move |source| Error::Output {
        path: path.to_path_buf(),
        message: format!(
            "cannot use shard part ({source}): was it written by `framing analyze --shard`?"
        ),
    }
}

fn write_parquet(path: &Path, df: &mut DataFrame) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, "cannot create", e))?;
    ParquetWriter::new(file)
        .finish(df)
        .map_err(|e| Error::write_failed(path, e))?;
    Ok(())
}

fn read_parquet(path: &Path) -> Result<DataFrame> {
    let file =
        std::fs::File::open(path).map_err(|e| Error::io(path, "cannot open shard part", e))?;
    ParquetReader::new(file).finish().map_err(table_err(path))
}

/// What a shard's `shard.json` says of the run that wrote it, for [`read_parts`] to check that the
/// parts it merges belong together.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ShardInfo {
    /// The grouping field.
    pub group_by: String,
    /// (I, N) of `--shard I/N`.
    pub shard: (usize, usize),
    /// The fingerprint of the lexicons scored with (SHA-256 of their files' names and bytes).
    pub lexicons: String,
}

/// `shard.json`: the [`ShardInfo`] and the version of the tool.
#[derive(serde::Serialize, serde::Deserialize)]
struct ShardFile {
    tool: String,
    #[serde(flatten)]
    info: ShardInfo,
}

/// Writes a shard's parts into `dir`.
pub fn write_parts(
    dir: &Path,
    parts: &Parts,
    rejected: &[Rejected],
    info: &ShardInfo,
) -> Result<()> {
    for (name, df) in [
        ("meta.parquet", &parts.meta),
        ("articles.parquet", &parts.articles),
        ("frames.parquet", &parts.frames),
        ("article_voices.parquet", &parts.article_voices),
    ] {
        write_parquet(&dir.join(name), &mut df.clone())?;
    }
    for (name, df) in ROW_PART_FILES
        .iter()
        .zip([&parts.sentences, &parts.frame_hits])
    {
        if let Some(df) = df {
            write_parquet(&dir.join(name), &mut df.clone())?;
        }
    }
    let sums_path = dir.join("sums.json");
    let sums = serde_json::to_vec(&parts.summary).map_err(|e| Error::Output {
        path: sums_path.clone(),
        message: format!("cannot encode the sums ({e})"),
    })?;
    std::fs::write(&sums_path, sums).map_err(|e| Error::write_failed(&sums_path, e))?;
    let mut rejects = crate::corpus::records::rejects_table(rejected).map_err(table_err(dir))?;
    write_parquet(&dir.join("rejects.parquet"), &mut rejects)?;
    let file = ShardFile {
        tool: env!("CARGO_PKG_VERSION").to_string(),
        info: info.clone(),
    };
    let path = dir.join("shard.json");
    let json = serde_json::to_string(&file).map_err(|e| Error::Output {
        path: path.clone(),
        message: format!("cannot encode ({e})"),
    })?;
    std::fs::write(&path, format!("{json}\n")).map_err(|e| Error::write_failed(&path, e))
}

/// Reads a part's `shard.json`, refusing one written by another version of the tool.
fn read_info(dir: &Path) -> Result<ShardInfo> {
    let path = dir.join("shard.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Error::io(&path, "cannot read (not a shard's output?)", e))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| Error::Output {
        path: path.clone(),
        message: format!("not valid JSON ({e})"),
    })?;
    let tool = value["tool"].as_str().unwrap_or("an unknown version");
    if tool != env!("CARGO_PKG_VERSION") {
        return Err(Error::Output {
            path: dir.to_path_buf(),
            message: format!(
                "written by framing {tool}, but this is framing {}: run every shard and the merge with one version",
                env!("CARGO_PKG_VERSION")
            ),
        });
    }
    let file: ShardFile = serde_json::from_value(value).map_err(|e| Error::Output {
        path: path.clone(),
        message: format!(
            "not a shard's description ({e}): was it written by `framing analyze --shard`?"
        ),
    })?;
    Ok(file.info)
}

/// Checks that the parts form one whole set of `--shard I/N` runs with the same lexicons as the merge
/// (`lexicons`): every I of one N exactly once.
fn check_set(dirs: &[PathBuf], infos: &[ShardInfo], lexicons: &str) -> Result<()> {
    let Some(first) = infos.first() else {
        return Ok(());
    };
    let n = first.shard.1;
    let mut seen: Vec<Option<&PathBuf>> = vec![None; n];
    for (dir, info) in dirs.iter().zip(infos) {
        let err = |message: String| {
            Err(Error::Output {
                path: dir.clone(),
                message,
            })
        };
        if info.group_by != first.group_by {
            return err(format!(
                "grouped by {:?} but other shards by {:?}: run every shard with the same --group-by",
                info.group_by, first.group_by
            ));
        }
        if info.lexicons != lexicons {
            return err("was scored with other lexicons than this merge's --lexicons and --sentiment-lexicons (their files differ): merge with the lexicons the shards used, and run every shard with the same ones".into());
        }
        let (i, count) = info.shard;
        if count != n {
            return err(format!(
                "is shard {i}/{count}, but {} is one of {n}: merge the parts of one set of --shard I/N runs",
                dirs[0].display()
            ));
        }
        match seen.get_mut(i) {
            Some(Some(other)) => {
                return err(format!(
                    "is shard {i}/{n}, given twice (also {}): give each shard once",
                    other.display()
                ))
            }
            Some(slot) => *slot = Some(dir),
            None => return err(format!("is shard {i}/{n}, out of range")),
        }
    }
    if let Some(missing) = seen.iter().position(Option::is_none) {
        return Err(Error::Output {
            path: dirs[0].clone(),
            message: format!(
                "shard {missing}/{n} is missing from the parts given: run `framing analyze --shard {missing}/{n}` and give its output too"
            ),
        });
    }
    Ok(())
}

/// Reads and merges the parts of every shard directory, after checking that they are one whole set of
/// shards scored with the lexicons of fingerprint `lexicons`; returns the parts, the rejects and the
/// grouping field the shards used.
pub fn read_parts(dirs: &[PathBuf], lexicons: &str) -> Result<(Parts, Vec<Rejected>, String)> {
    let infos = dirs
        .iter()
        .map(|d| read_info(d))
        .collect::<Result<Vec<_>>>()?;
    check_set(dirs, &infos, lexicons)?;
    let Some(group_by) = infos.first().map(|i| i.group_by.clone()) else {
        return Err(Error::Output {
            path: PathBuf::from("."),
            message: "no shard directories given: framing merge DIR...".into(),
        });
    };
    let mut shards = Vec::new();
    let mut rejected = Vec::new();
    // Every shard surveyed the whole corpus, so their notes must agree.
    let mut first_notes: Option<(PathBuf, crate::survey::Notes)> = None;
    let mut owner: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    for dir in dirs {
        let optional = |name: &str| -> Result<Option<DataFrame>> {
            let path = dir.join(name);
            path.exists().then(|| read_parquet(&path)).transpose()
        };
        let sums_path = dir.join("sums.json");
        let sums = std::fs::read(&sums_path)
            .map_err(|e| Error::io(&sums_path, "cannot read shard part", e))?;
        let summary = serde_json::from_slice(&sums).map_err(|e| Error::Output {
            path: sums_path.clone(),
            message: format!(
                "not the sums of a shard ({e}): was it written by this version of `framing analyze --shard`?"
            ),
        })?;
        let summary: crate::aggregate::sums::Summary = summary;
        if let Some((first, first_notes)) = &first_notes {
            if *first_notes != summary.notes {
                return Err(Error::Output {
                    path: dir.clone(),
                    message: format!(
                        "its survey (page furniture, near-duplicates) differs from that of {}: run every shard over the same corpus with the same --furniture, --source-field, --near-duplicates, --duplicate-threshold and --group-by",
                        first.display()
                    ),
                });
            }
        } else {
            first_notes = Some((dir.clone(), summary.notes.clone()));
        }
        let meta = read_parquet(&dir.join("meta.parquet"))?;
        // Each article belongs to one shard: parts that share an article are from overlapping runs
        // (the same shard twice, or shards of different --shard counts), and adding them would count
        // it twice.
        let ids = meta
            .column("article_id")
            .and_then(|c| {
                c.str()
                    .map(|s| s.iter().flatten().map(str::to_string).collect::<Vec<_>>())
            })
            .map_err(table_err(&dir.join("meta.parquet")))?;
        for id in ids {
            if let Some(other) = owner.insert(id.clone(), dir.clone()) {
                return Err(Error::Output {
                    path: dir.clone(),
                    message: format!(
                        "article {id:?} is also in the part {}: merge the parts of one set of --shard I/N runs, each once",
                        other.display()
                    ),
                });
            }
        }
        shards.push(Parts {
            meta,
            articles: read_parquet(&dir.join("articles.parquet"))?,
            frames: read_parquet(&dir.join("frames.parquet"))?,
            article_voices: read_parquet(&dir.join("article_voices.parquet"))?,
            sentences: optional("sentences.parquet")?,
            frame_hits: optional("frame_hits.parquet")?,
            summary,
        });
        let rejects_path = dir.join("rejects.parquet");
        let df = read_parquet(&rejects_path)?;
        let lines = df
            .column("line")
            .and_then(|c| c.u64().map(|s| s.iter().collect::<Vec<_>>()))
            .map_err(table_err(&rejects_path))?;
        let ids = df
            .column("id")
            .and_then(|c| {
                c.str()
                    .map(|s| s.iter().map(|v| v.map(str::to_string)).collect::<Vec<_>>())
            })
            .map_err(table_err(&rejects_path))?;
        let text = |name: &str| {
            df.column(name)
                .and_then(|c| {
                    c.str().map(|s| {
                        s.iter()
                            .map(|v| v.unwrap_or("").to_string())
                            .collect::<Vec<_>>()
                    })
                })
                .map_err(table_err(&rejects_path))
        };
        let reasons = text("reason")?;
        let scopes = text("left_out_of")?;
        for (((line, id), reason), scope) in lines.into_iter().zip(ids).zip(reasons).zip(scopes) {
            rejected.push(Rejected {
                line: line.unwrap_or(0) as usize,
                id,
                reason,
                scope: crate::corpus::records::RejectScope::from_label(&scope),
            });
        }
    }
    Ok((merge_parts(shards)?, rejected, group_by))
}
