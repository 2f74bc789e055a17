"""Run `framing analyze` across a cluster: one shard per task, then one merge.

    from dask.distributed import Client, LocalCluster
    import framing.distributed

    client = Client(LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1"))
    framing.distributed.analyze_dask("articles.jsonl.gz", client, shards=8, out="output",
                                     group_by="bias", cluster_by="outlet")

One task first surveys the whole corpus (`framing analyze --survey-out`: page furniture, near-duplicates,
duplicate ids); then each task runs `framing analyze --corpus FILE --shard I/N --survey SURVEY --out PART` in process (the package's native
module, so no binary is needed on the workers) with as many threads as the worker has, writes its part to
`work_dir` (which every worker and the client must see: a shared file system on a real cluster), and the
client merges the parts with `framing merge` into `out`. The result is the output a single run writes, byte
for byte: every shard surveys the whole corpus (page furniture, near-duplicates, duplicate ids) and keeps
the articles whose position modulo N is I, and merging adds their integer sums.

A task whose worker dies is run again by Dask (a part is written to a temporary directory and renamed, so a
retried shard never sees half of an earlier attempt).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any, Optional

from . import _flags, _run

__all__ = ["analyze_dask", "shard_task", "survey_task"]


def shard_task(corpus: str, index: int, shards: int, part: str, args: list[str], threads: Optional[int]) -> str:
    """One shard: `framing analyze --corpus CORPUS --shard INDEX/SHARDS --out PART ARGS...` in this process.

    Writes to a fresh sibling directory first and renames it to `part`, so that an attempt cut short leaves
    nothing a retry or the merge could mistake for a part."""
    final = Path(part)
    attempt = final.with_name(f".{final.name}.{uuid.uuid4().hex}")
    _run(["analyze", "--corpus", corpus, "--shard", f"{index}/{shards}", "--out", attempt, "--quiet", *args],
         threads)
    if final.exists():
        shutil.rmtree(final)
    attempt.rename(final)
    return str(final)


def _worker_threads() -> Optional[int]:
    """The threads this Dask worker was given, so that shards do not oversubscribe a node."""
    try:
        from distributed import get_worker

        return max(1, int(get_worker().state.nthreads))
    except Exception:  # not in a worker (a synchronous scheduler): every core
        return None


def survey_task(corpus: str, survey: str, args: list[str], threads: Optional[int]) -> str:
    """The survey every shard shares: `framing analyze --corpus CORPUS --survey-out SURVEY ARGS...` (page
    furniture, near-duplicates and duplicate ids over the whole corpus, once instead of once per shard)."""
    _run(["analyze", "--corpus", corpus, "--survey-out", survey, "--quiet", *args], threads)
    return survey


def _dask_shard(corpus: str, index: int, shards: int, part: str, args: list[str]) -> str:
    return shard_task(corpus, index, shards, part, args, _worker_threads())


def _dask_survey(corpus: str, survey: str, args: list[str]) -> str:
    return survey_task(corpus, survey, args, _worker_threads())


def analyze_dask(
    corpus: str | os.PathLike,
    client: Any,
    shards: int,
    out: str | os.PathLike,
    work_dir: Optional[str | os.PathLike] = None,
    retries: int = 3,
    survey_on: str = "client",
    **options: Any,
) -> Path:
    """Analyses `corpus` (a JSON-lines, CSV or Parquet corpus file) in `shards` tasks on the Dask `client`
    and merges the parts into `out`, as `framing analyze --corpus CORPUS --out OUT` would write it.

    Options are `framing analyze`'s flags (`group_by="bias"`, `cluster_by="outlet"`, `fields="bias,outlet"`,
    `lexicons="generic"`, ...); `--fields` defaults to none, as on the command line. `work_dir` holds the
    parts (a temporary directory next to `out` by default); every worker must be able to write to it and the
    client to read it. Each task is retried up to `retries` times if its worker dies. The survey of the whole
    corpus (one pass, all cores) runs on the client by default; `survey_on="worker"` makes it a task, for a
    client on a login node."""
    if shards < 1:
        raise ValueError(f"shards = {shards}: give at least 1")
    corpus = str(Path(corpus).resolve())
    out = Path(out).resolve()
    args = [str(a) for a in _flags(options)]
    base = Path(work_dir) if work_dir is not None else out.parent
    base.mkdir(parents=True, exist_ok=True)
    parts_dir = Path(tempfile.mkdtemp(prefix=".framing-parts-", dir=base))
    try:
        # The whole corpus is surveyed once; every shard then reads only its own records.
        survey = str(parts_dir / "survey.json")
        if survey_on == "client":
            survey_task(corpus, survey, args, None)
        elif survey_on == "worker":
            survey = client.submit(_dask_survey, corpus, survey, args, key=f"framing-survey-{uuid.uuid4().hex[:8]}",
                                   retries=retries, pure=False).result()
        else:
            raise ValueError(f"survey_on={survey_on!r}: give 'client' or 'worker'")
        shard_args = [*args, "--survey", survey]
        futures = [
            client.submit(_dask_shard, corpus, i, shards, str(parts_dir / f"part-{i:04d}"), shard_args,
                          key=f"framing-shard-{i}-of-{shards}-{uuid.uuid4().hex[:8]}", retries=retries, pure=False)
            for i in range(shards)
        ]
        parts = client.gather(futures)
        merge_flags = ["--quiet"]
        # The options merge reads (the rest travel in the parts).
        for name in ("lexicons", "sentiment_lexicons", "seed", "replicates", "background", "all_words"):
            if name in options:
                merge_flags += [str(a) for a in _flags({name: options[name]})]
        _run(["merge", *parts, "--out", out, *merge_flags])
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)
    return out
