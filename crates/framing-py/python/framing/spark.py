"""Run `framing analyze` on a Spark cluster: one shard per task, merged on the driver.

    from pyspark.sql import SparkSession
    import framing.spark

    spark = SparkSession.builder.master("spark://host:7077").getOrCreate()
    framing.spark.analyze_spark("/shared/articles.jsonl.gz", spark.sparkContext, shards=16, out="output",
                                fields="bias,outlet", group_by="bias", cluster_by="outlet")

or from the command line, `spark-submit scripts/spark_analyze.py CORPUS OUT SHARDS [--flag value ...]`.

The driver first surveys the whole corpus once (`framing analyze --survey-out`); the shards are then the same
tasks as `framing.distributed.shard_task`, each with `--survey` (a part written under a temporary name and
renamed), scheduled as a Spark job of `shards` partitions. Executors run them with this package when their Python
has it; otherwise with the `framing` binary shipped by `SparkContext.addFile` (give `binary=`, for example
target/release/framing), so a cluster without the package only needs the binary. Parts go to `work_dir`, which every
executor and the driver must see (a shared file system). Spark retries a failed task (spark.task.maxFailures).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Any, Optional

from . import _flags

__all__ = ["analyze_spark"]


def _task(corpus: str, index: int, shards: int, part: str, args: list[str], binary: Optional[str],
          threads: int) -> str:
    """One shard on an executor: in process when the package is there, else with the shipped binary. The
    binary branch repeats `shard_task`'s write-then-rename on purpose: it runs where `framing` cannot be
    imported (this function travels by value)."""
    if binary is None:
        from framing.distributed import shard_task

        return shard_task(corpus, index, shards, part, args, threads)
    from pyspark import SparkFiles

    exe = SparkFiles.get(binary)
    os.chmod(exe, 0o755)
    final = Path(part)
    attempt = final.with_name(f".{final.name}.{uuid.uuid4().hex}")
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    done = subprocess.run([exe, "analyze", "--corpus", corpus, "--shard", f"{index}/{shards}", "--out",
                           str(attempt), "--quiet", *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    if final.exists():
        shutil.rmtree(final)
    attempt.rename(final)
    return str(final)


def analyze_spark(
    corpus: str | os.PathLike,
    sc: Any,
    shards: int,
    out: str | os.PathLike,
    work_dir: Optional[str | os.PathLike] = None,
    binary: Optional[str | os.PathLike] = None,
    **options: Any,
) -> Path:
    """Analyses `corpus` in `shards` Spark tasks and merges the parts into `out` on the driver, as
    `framing analyze --corpus CORPUS --out OUT` would write it. Options are `framing analyze`'s flags."""
    from . import _run

    if shards < 1:
        raise ValueError(f"shards = {shards}: give at least 1")
    corpus = str(Path(corpus).resolve())
    out = Path(out).resolve()
    args = [str(a) for a in _flags(options)]
    name = None
    if binary is not None:
        sc.addFile(str(Path(binary).resolve()))
        name = Path(binary).name
        # Executors without this package get the task function itself, not a reference to its module.
        import sys

        from pyspark import cloudpickle

        cloudpickle.register_pickle_by_value(sys.modules[__name__])
    threads = int(sc.getConf().get("spark.task.cpus", "1"))
    base = Path(work_dir) if work_dir is not None else out.parent
    base.mkdir(parents=True, exist_ok=True)
    parts_dir = Path(tempfile.mkdtemp(prefix=".framing-parts-", dir=base))
    try:
        # The driver surveys the whole corpus once; every shard then reads only its own records.
        survey = str(parts_dir / "survey.json")
        _run(["analyze", "--corpus", corpus, "--survey-out", survey, "--quiet", *args])
        args = [*args, "--survey", survey]
        jobs = [(i, str(parts_dir / f"part-{i:04d}")) for i in range(shards)]
        parts = (sc.parallelize(jobs, shards)
                 .map(lambda job: _task(corpus, job[0], shards, job[1], args, name, threads))
                 .collect())
        merge_flags = ["--quiet"]
        for key in ("lexicons", "sentiment_lexicons", "seed", "replicates", "background", "all_words"):
            if key in options:
                merge_flags += [str(a) for a in _flags({key: options[key]})]
        _run(["merge", *sorted(parts), "--out", out, *merge_flags])
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)
    return out
