#!/usr/bin/env python3
"""The same analysis on one machine three ways, timed in one run (the machine is shared and noisy):

    target/venv/bin/python scripts/bench_engines.py [CORPUS]     (default: the 37,554-article corpus)

1. direct: `framing analyze` (the CLI, all cores);
2. Dask: `framing.distributed.analyze_dask` on a LocalCluster of 2 single-threaded worker processes, 4 shards
   (cluster start-up not counted; it is printed apart);
3. Spark: `framing.spark.analyze_spark` on `local[2]`, 4 shards; its fixed start-up (session and first job) is timed
   apart, with an empty job, from its per-article cost.
Every run groups by bias and resamples outlets. The tables of 2 and 3 are checked against 1, byte for byte.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import framing.distributed
import framing.spark

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
BIN = os.environ.get("FRAMING_BIN", str(ROOT / "target" / "release" / "framing"))
OPTIONS = {"fields": "bias,outlet", "group_by": "bias", "cluster_by": "outlet"}


def tables(d: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir()) if p.suffix in (".csv", ".parquet")}


def main():
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "corpora/article-bias-prediction/articles.jsonl.gz"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        subprocess.run([BIN, "analyze", "--corpus", str(corpus), "--fields", OPTIONS["fields"], "--group-by",
                        OPTIONS["group_by"], "--cluster-by", OPTIONS["cluster_by"], "--out", str(tmp / "direct"),
                        "--quiet"], check=True)
        direct = time.perf_counter() - start
        expected = tables(tmp / "direct")

        from dask.distributed import Client, LocalCluster

        start = time.perf_counter()
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
        dask_startup = time.perf_counter() - start
        start = time.perf_counter()
        framing.distributed.analyze_dask(corpus, client, shards=4, out=tmp / "dask", **OPTIONS)
        dask = time.perf_counter() - start
        client.close()
        cluster.close()
        assert tables(tmp / "dask") == expected, "Dask tables differ from the direct run"

        os.environ["PYSPARK_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession

        start = time.perf_counter()
        spark = (SparkSession.builder.master("local[2]").config("spark.driver.host", "127.0.0.1")
                 .config("spark.ui.enabled", "false").getOrCreate())
        spark.sparkContext.parallelize(range(2), 2).map(lambda x: x).collect()
        spark_startup = time.perf_counter() - start
        start = time.perf_counter()
        framing.spark.analyze_spark(corpus, spark.sparkContext, shards=4, out=tmp / "spark", **OPTIONS)
        spark_run = time.perf_counter() - start
        spark.stop()
        assert tables(tmp / "spark") == expected, "Spark tables differ from the direct run"

    print(f"corpus {corpus}")
    print(f"direct framing analyze:            {direct:6.1f} s")
    print(f"Dask LocalCluster, 2 workers, 4 shards: {dask:6.1f} s = {dask / direct:.2f}x direct "
          f"(cluster start-up {dask_startup:.1f} s, not counted)")
    print(f"Spark local[2], 4 shards:          {spark_run:6.1f} s = {spark_run / direct:.2f}x direct "
          f"(start-up: session and a first job, {spark_startup:.1f} s, apart)")
    print("tables of Dask and Spark equal the direct run's, byte for byte")


if __name__ == "__main__":
    main()
