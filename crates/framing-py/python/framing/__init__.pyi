"""Type stubs of the public API of `framing` (see `__init__.py` for the documentation)."""

import os
from typing import Any, Optional, Sequence

import polars as pl

from . import vader as vader
from ._framing import FramingError as FramingError

def score(texts: Sequence[str] | Any, lexicons: str = "frames", sentiment_lexicons: str = "sentiment", threads: Optional[int] = None) -> pl.DataFrame: ...
def segment(texts: Sequence[str] | Any, ids: Optional[Sequence[str] | Any] = None, threads: Optional[int] = None) -> pl.DataFrame: ...

class AnalysisResult:
    tables: dict[str, pl.DataFrame]
    def write(self, directory: str | os.PathLike[str]) -> os.PathLike[str]: ...
    @property
    def report(self) -> str: ...

def analyze(df: Any, text: str = "text", id: str = "id", group_by: str = "genre", lexicons: str = "frames", cluster_by: Optional[str] = None, seed: Optional[int] = None, threads: Optional[int] = None, **options: Any) -> AnalysisResult: ...

class Category:
    name: str
    definition: str
    parent: Optional[str]
    terms: list[str]

class CheckReport:
    errors: list[str]
    warnings: list[str]
    @property
    def ok(self) -> bool: ...

class Lexicon:
    path: str
    categories: list[Category]
    def __init__(self, name_or_path: str | os.PathLike[str] = "frames") -> None: ...
    def check(self) -> CheckReport: ...
    def validate_labels(self, file: str | os.PathLike[str], threads: Optional[int] = None, **options: Any) -> dict[str, pl.DataFrame]: ...
