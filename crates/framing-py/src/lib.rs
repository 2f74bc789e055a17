//! `framing._framing`: the native half of the Python package `framing`. Each function runs the same
//! library code as the command line, with the GIL released, and returns tables through the Arrow C
//! stream interface (`__arrow_c_stream__`), which `polars.DataFrame` reads without copying through
//! Python objects. The Python half (`python/framing/`) turns those into DataFrames and raises
//! `FramingError` with the command line's message.

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// mimalloc, as the command line uses: tokenising and scoring make many small, short-lived strings, and
/// the system allocator makes `score` markedly slower (scripts/bench_python.py).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use polars::prelude::{CompatLevel, DataFrame, PolarsResult};
use polars_arrow::array::{Array, StructArray};
use polars_arrow::datatypes::{ArrowDataType, Field as ArrowField};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
// Borrows each str's UTF-8 buffer instead of copying it (Python 3.10's stable ABI has the call).
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyCapsule;

pyo3::create_exception!(
    _framing,
    FramingError,
    PyValueError,
    "A bad input or a failed run, with the message `framing` prints on the command line."
);

fn error(e: impl std::fmt::Display) -> PyErr {
    FramingError::new_err(e.to_string())
}

fn cli_error(e: anyhow::Error) -> PyErr {
    FramingError::new_err(framing::cli::message(&e))
}

/// Runs `work` on a rayon pool of `threads` threads (the global pool when `None`), without the GIL.
/// Pools are kept per size: a notebook calls these functions often, and starting threads each time
/// costs more than scoring a few hundred sentences.
fn parallel<T: Send>(
    py: Python<'_>,
    threads: Option<usize>,
    work: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    type Pools = std::collections::BTreeMap<usize, Arc<rayon::ThreadPool>>;
    static POOLS: Mutex<Pools> = Mutex::new(Pools::new());
    let pool = match threads {
        None => None,
        Some(n) => {
            let n = n.max(1);
            // A poisoned lock only means another call panicked while holding it; the pools are sound.
            let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
            let pool = match pools.get(&n) {
                Some(pool) => Arc::clone(pool),
                None => {
                    let pool = Arc::new(
                        rayon::ThreadPoolBuilder::new()
                            .num_threads(n)
                            .build()
                            .map_err(error)?,
                    );
                    pools.insert(n, Arc::clone(&pool));
                    pool
                }
            };
            Some(pool)
        }
    };
    py.allow_threads(|| match pool {
        None => Ok(work()),
        Some(pool) => Ok(pool.install(work)),
    })
}

/// One table, read once through the Arrow C stream interface.
#[pyclass(module = "framing._framing")]
struct ArrowTable {
    df: Option<DataFrame>,
}

#[pymethods]
impl ArrowTable {
    /// The Arrow PyCapsule stream protocol: a capsule named `arrow_array_stream` holding the table as
    /// record batches (struct arrays). The requested schema is not negotiated.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &mut self,
        py: Python<'py>,
        requested_schema: Option<PyObject>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let mut df = self
            .df
            .take()
            .ok_or_else(|| error("this table was already read"))?;
        df.rechunk_mut();
        let fields: Vec<ArrowField> = df
            .columns()
            .iter()
            .map(|c| c.field().to_arrow(CompatLevel::newest()))
            .collect();
        let dtype = ArrowDataType::Struct(fields);
        let batches: Vec<PolarsResult<Box<dyn Array>>> = df
            .iter_chunks(CompatLevel::newest(), false)
            .map(|batch| {
                let len = batch.height();
                StructArray::try_new(dtype.clone(), len, batch.into_arrays(), None)
                    .map(|a| a.boxed())
            })
            .collect();
        let stream = polars_arrow::ffi::export_iterator(
            Box::new(batches.into_iter()),
            ArrowField::new("".into(), dtype, false),
        );
        let name = CString::new("arrow_array_stream").map_err(error)?;
        PyCapsule::new(py, stream, Some(name))
    }
}

/// The scorer of a pair of lexicon arguments. Built-in sets never change, so their scorer is built once
/// per process and kept (a notebook calls `score` many times); a folder on disk is read again on every
/// call, so that edits to it count.
fn scorer(lexicons: &str, sentiment_lexicons: &str) -> PyResult<Arc<framing::score::Scorer>> {
    type Cached = Option<(PathBuf, PathBuf, Arc<framing::score::Scorer>)>;
    static BUILT_IN: Mutex<Cached> = Mutex::new(None);
    // Arguments that name no built-in set go the CLI's way, errors and all.
    let built_in = |arg: &str| {
        framing::lexicons::resolve(Path::new(arg))
            .ok()
            .filter(|p| framing::lexicons::is_built_in(p))
    };
    let key = built_in(lexicons).zip(built_in(sentiment_lexicons));
    // A poisoned lock only means another call panicked while holding it; the cache is still sound.
    let mut cache = BUILT_IN.lock().unwrap_or_else(|e| e.into_inner());
    if let (Some((lex, sen)), Some((l, s, scorer))) = (&key, cache.as_ref()) {
        if l == lex && s == sen {
            return Ok(Arc::clone(scorer));
        }
    }
    let scorer = Arc::new(
        framing::cli::LexiconPaths {
            lexicons: lexicons.into(),
            sentiment_lexicons: sentiment_lexicons.into(),
        }
        .scorer()
        .map_err(cli_error)?,
    );
    if let Some((lex, sen)) = key {
        *cache = Some((lex, sen, Arc::clone(&scorer)));
    }
    Ok(scorer)
}

/// VADER sentiment and frame hits of every text, as `framing score` computes them.
#[pyfunction]
#[pyo3(signature = (texts, lexicons="frames", sentiment_lexicons="sentiment", threads=None))]
fn score(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    lexicons: &str,
    sentiment_lexicons: &str,
    threads: Option<usize>,
) -> PyResult<ArrowTable> {
    let scorer = scorer(lexicons, sentiment_lexicons)?;
    let df = parallel(py, threads, || {
        framing::bindings::score_frame(&scorer, &texts)
    })?
    .map_err(error)?;
    Ok(ArrowTable { df: Some(df) })
}

/// VADER's scores of one text: (neg, neu, pos, compound), exactly vaderSentiment 3.3.2's.
#[pyfunction]
fn polarity_scores(text: &str) -> (f64, f64, f64, f64) {
    static VADER: std::sync::OnceLock<framing::sentiment::Vader> = std::sync::OnceLock::new();
    let s = VADER
        .get_or_init(framing::sentiment::Vader::new)
        .polarity_scores(text);
    (s.neg, s.neu, s.pos, s.compound)
}

/// The units of every text, as `framing segment` gives them.
#[pyfunction]
#[pyo3(signature = (texts, ids=None, threads=None))]
fn segment(
    py: Python<'_>,
    texts: Vec<String>,
    ids: Option<Vec<String>>,
    threads: Option<usize>,
) -> PyResult<ArrowTable> {
    if let Some(ids) = &ids {
        if ids.len() != texts.len() {
            return Err(error(format!(
                "{} ids for {} texts: give one id per text",
                ids.len(),
                texts.len()
            )));
        }
    }
    let df = parallel(py, threads, || {
        framing::bindings::segment_frame(&texts, ids.as_deref())
    })?
    .map_err(error)?;
    Ok(ArrowTable { df: Some(df) })
}

/// Runs one `framing` command in process (`args` without the program name), on `threads` threads.
#[pyfunction]
#[pyo3(signature = (args, threads=None))]
fn run(py: Python<'_>, args: Vec<String>, threads: Option<usize>) -> PyResult<()> {
    parallel(py, threads, || framing::cli::run_args(args))?.map_err(cli_error)
}

/// One category as Python receives it: (name, definition, parent, terms).
type CategoryTuple = (String, String, Option<String>, Vec<String>);

/// A lexicon set's categories.
#[pyfunction]
fn lexicon_categories(name: &str) -> PyResult<Vec<CategoryTuple>> {
    let lexicon = framing::cli::load_lexicon(std::path::Path::new(name)).map_err(cli_error)?;
    Ok(lexicon
        .categories
        .into_iter()
        .map(|c| {
            let terms = c.terms.into_iter().map(|t| t.text).collect();
            (c.name, c.definition, c.parent, terms)
        })
        .collect())
}

/// `framing lexicon check`'s diagnostics for a set: (errors, warnings), each "file:line: message".
#[pyfunction]
fn lexicon_check(name: &str) -> PyResult<(Vec<String>, Vec<String>)> {
    let dir = framing::lexicons::resolve(std::path::Path::new(name)).map_err(error)?;
    let report = framing::frames::check::check_dir(&dir, None).map_err(error)?;
    let errors = report.errors.iter().map(|e| e.to_string()).collect();
    Ok((errors, report.warnings))
}

/// The native module.
#[pymodule]
fn _framing(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("FramingError", m.py().get_type::<FramingError>())?;
    m.add_class::<ArrowTable>()?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(polarity_scores, m)?)?;
    m.add_function(wrap_pyfunction!(segment, m)?)?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(lexicon_categories, m)?)?;
    m.add_function(wrap_pyfunction!(lexicon_check, m)?)?;
    Ok(())
}
