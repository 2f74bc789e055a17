#!/usr/bin/env python3
"""`framing analyze` as a Spark job: one shard per task, merged on the driver.

    spark-submit --master spark://HOST:7077 scripts/spark_analyze.py CORPUS OUT SHARDS [--binary FILE] [FLAG VALUE ...]

CORPUS and OUT must be on a file system the executors and the driver share; the parts go next to OUT. FLAGs are
`framing analyze`'s (`--group-by bias --fields bias,outlet --cluster-by outlet`). With `--binary
target/release/framing` the executors need only that binary (shipped with the job); without it they need the
Python package (`pip install ./crates/framing-py` in the Python that PYSPARK_PYTHON names).
"""

import sys

from pyspark.sql import SparkSession

import framing.spark


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    corpus, out, shards, rest = argv[0], argv[1], int(argv[2]), argv[3:]
    binary = None
    options = {}
    while rest:
        flag = rest.pop(0)
        if not flag.startswith("--"):
            sys.exit(f"expected a --flag, got {flag!r}\n{__doc__}")
        name = flag[2:].replace("-", "_")
        value = rest.pop(0) if rest and not rest[0].startswith("--") else True
        if name == "binary":
            binary = value
        else:
            options[name] = value
    spark = SparkSession.builder.appName("framing analyze").getOrCreate()
    try:
        written = framing.spark.analyze_spark(corpus, spark.sparkContext, shards, out, binary=binary, **options)
        print(f"wrote {written}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
