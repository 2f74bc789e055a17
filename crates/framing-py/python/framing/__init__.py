"""framing: comparative framing and sentiment analysis of news, in process.

The same library as the `framing` command line, called from Python with the GIL released and in parallel
over the texts; tables come back as polars DataFrames (`.to_pandas()` for pandas).

    import framing
    framing.score(["Good!", "The strikes killed dozens."])        # VADER + frame hits per text
    framing.segment(["Headline\\n\\nBody. \\"Quoted,\\" she said."])  # units, voice and speaker
    result = framing.analyze(df, group_by="bias", lexicons="generic")
    result.tables["group_frames"]; result.write("output")
    framing.Lexicon("generic").check()
    from framing.vader import SentimentIntensityAnalyzer           # drop-in for vaderSentiment

Every failure raises `FramingError` (a `ValueError`) with the message the command line prints.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import polars as pl

from . import _framing, vader
from ._framing import FramingError

__all__ = [
    "AnalysisResult",
    "Category",
    "CheckReport",
    "FramingError",
    "Lexicon",
    "analyze",
    "score",
    "segment",
    "vader",
]


def _native(call: Any, texts: Any, *rest: Any) -> Any:
    """Calls the native function with `texts` as a list of strings: a list goes as it is (the native side
    checks every item); anything else, or a list holding something else, goes through `_texts`, which
    names the bad item."""
    if isinstance(texts, list):
        try:
            return call(texts, *rest)
        except TypeError:
            pass
    return call(_texts(texts), *rest)


def _texts(texts: Any, what: str = "texts") -> list[str]:
    """A list of strings from a list, tuple, polars Series or pandas Series."""
    if isinstance(texts, str):
        raise FramingError(f"{what} must be a list or Series of strings, not one string: wrap it as [text]")
    if hasattr(texts, "to_list"):
        texts = texts.to_list()
    out = []
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise FramingError(f"{what}[{i}] is {type(t).__name__}, not a string")
        out.append(t)
    return out


def score(
    texts: Sequence[str] | Any,
    lexicons: str = "frames",
    sentiment_lexicons: str = "sentiment",
    threads: Optional[int] = None,
) -> pl.DataFrame:
    """VADER sentiment and frame hits of every text, one row per text, as `framing score` gives them.

    Columns: `neg`, `neu`, `pos`, `compound` (exactly vaderSentiment 3.3.2's `polarity_scores` on the text as
    given), `compound_domain` (with the domain layers of `sentiment_lexicons`), `tokens`, and one column of
    hits per category of `lexicons` (a built-in set: frames, generic, policy; or a folder of category files).
    `threads` sets the size of the worker pool (default: every core); results do not depend on it.
    """
    return pl.DataFrame(_native(_framing.score, texts, lexicons, sentiment_lexicons, threads))


def segment(
    texts: Sequence[str] | Any,
    ids: Optional[Sequence[str] | Any] = None,
    threads: Optional[int] = None,
) -> pl.DataFrame:
    """The units of every text, one row per unit, with the fields of `framing segment`.

    Columns: `id` (from `ids`, else the text's position), `unit`, `kind` (headline, dateline, standfirst,
    heading, byline, body, boilerplate), `paragraph`, `text`, `start` and `end` (byte offsets into the text),
    and for scored units `voice` (author, direct_quote, reported), `speaker`, `speaker_mention`,
    `reporting_verb`, `quotes` and `scare_quotes` (lists of strings).
    """
    id_list = None if ids is None else [str(i) for i in (ids.to_list() if hasattr(ids, "to_list") else ids)]
    return pl.DataFrame(_native(_framing.segment, texts, id_list, threads))


def _flags(options: dict[str, Any]) -> list[Any]:
    """Keyword options as command-line flags: `time_field="date"` → `--time-field date`, `x=True` → `--x`."""
    args: list[Any] = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            args.append(flag)
        elif value is not False and value is not None:
            args += [flag, value]
    return args


def _run(args: Iterable[Any], threads: Optional[int] = None) -> None:
    _framing.run([str(a) for a in args], threads)


def _polars(df: Any) -> pl.DataFrame:
    if isinstance(df, pl.DataFrame):
        return df
    if type(df).__module__.startswith("pandas"):
        return pl.from_pandas(df)
    raise FramingError(f"expected a polars or pandas DataFrame, not {type(df).__name__}")


def _read_tables(directory: Path) -> dict[str, pl.DataFrame]:
    return {p.stem: pl.read_parquet(p) for p in sorted(directory.glob("*.parquet"))}


def _replace_dir(source: Path, target: Path) -> Path:
    """Copies `source` to `target` as a whole: to a sibling first, then renamed over it."""
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial")
    if partial.exists():
        shutil.rmtree(partial)
    shutil.copytree(source, partial)
    if target.exists():
        shutil.rmtree(target)
    partial.rename(target)
    return target


@dataclass
class AnalysisResult:
    """What `framing analyze` writes, in memory: every table as a DataFrame, and the files themselves."""

    tables: dict[str, pl.DataFrame]
    _directory: Path = field(repr=False)
    _keep: Any = field(default=None, repr=False)

    def write(self, directory: str | os.PathLike) -> Path:
        """Writes exactly what `framing analyze --out DIRECTORY` writes (tables, charts, report), replacing
        the directory as a whole."""
        return _replace_dir(self._directory, Path(directory))

    @property
    def report(self) -> str:
        """The Markdown report (`report.md`)."""
        return (self._directory / "report.md").read_text(encoding="utf-8")


def analyze(
    df: Any,
    text: str = "text",
    id: str = "id",
    group_by: str = "genre",
    lexicons: str = "frames",
    cluster_by: Optional[str] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    **options: Any,
) -> AnalysisResult:
    """Analyses a corpus held in a polars or pandas DataFrame, one article per row, as `framing analyze`
    analyses a corpus file with the same records.

    `text` and `id` name the columns holding each article's text and id; every other column is kept as
    metadata (for `group_by`, `cluster_by`, `time_field`, ...). Further options are passed as the command
    line's flags, `time_field="date"` as `--time-field date`, `sentences=True` as `--sentences`.
    Returns every table of `output/` as a DataFrame (`result.tables["articles"]`, ...); `result.write(dir)`
    writes the files.
    """
    frame = _polars(df)
    work = tempfile.TemporaryDirectory(prefix="framing-")
    corpus = Path(work.name) / "corpus.parquet"
    # Every field as text, as a JSON-lines corpus would hold it.
    # Uncompressed: written and read back in a fraction of the time compression takes.
    frame.with_columns(pl.all().cast(pl.Utf8)).write_parquet(corpus, compression="uncompressed")
    fields = [c for c in frame.columns if c not in (text, id)]
    out = Path(work.name) / "output"
    args: list[Any] = ["analyze", "--corpus", corpus, "--id-field", id, "--text-field", text,
                       "--group-by", group_by, "--lexicons", lexicons, "--out", out, "--quiet"]
    if fields:
        args += ["--fields", ",".join(fields)]
    if cluster_by is not None:
        args += ["--cluster-by", cluster_by]
    if seed is not None:
        args += ["--seed", seed]
    _run(args + _flags(options), threads)
    return AnalysisResult(tables=_read_tables(out), _directory=out, _keep=work)


@dataclass(frozen=True)
class Category:
    """One framing category of a lexicon set."""

    name: str
    definition: str
    parent: Optional[str]
    terms: list[str]


@dataclass(frozen=True)
class CheckReport:
    """`framing lexicon check`'s diagnostics: errors (file:line and the fix) and warnings."""

    errors: list[str]
    warnings: list[str]

    @property
    def ok(self) -> bool:
        """No errors."""
        return not self.errors


class Lexicon:
    """A lexicon set: a built-in one by name (frames, generic, policy) or a folder of category files."""

    def __init__(self, name_or_path: str | os.PathLike = "frames") -> None:
        self.path = str(name_or_path)
        self.categories = [Category(n, d, p, list(t)) for n, d, p, t in _framing.lexicon_categories(self.path)]

    def __repr__(self) -> str:
        return f"Lexicon({self.path!r}: {', '.join(c.name for c in self.categories)})"

    def check(self) -> CheckReport:
        """Validates every file of the set, as `framing lexicon check` does."""
        errors, warnings = _framing.lexicon_check(self.path)
        return CheckReport(list(errors), list(warnings))

    def validate_labels(self, file: str | os.PathLike, threads: Optional[int] = None, **options: Any) -> dict[str, pl.DataFrame]:
        """The set against a human-labelled file, as `framing validate labels FILE --lexicons SET`: the
        tables it writes (`labels`, `overall`, `errors`, `predictions`, ...) as DataFrames. Options are the
        command's flags: `map="eval/gvfc-policy.map"`, `text_field="title"`, `primary=True`, ..."""
        with tempfile.TemporaryDirectory(prefix="framing-") as tmp:
            out = Path(tmp) / "validation"
            args: list[Any] = ["validate", "labels", file, "--lexicons", self.path, "--out", out]
            _run(args + _flags(options), threads)
            return _read_tables(out)
