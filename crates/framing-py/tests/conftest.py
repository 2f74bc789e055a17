"""What the cluster tests share: the 2k subset, the options of every run, the direct run they are compared with,
and the CLI binary (target/release/framing, FRAMING_BIN overrides)."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BIN = os.environ.get("FRAMING_BIN", str(ROOT / "target" / "release" / "framing"))
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpora" / "article-bias-prediction" / "articles-2k.jsonl.gz"
OPTIONS = {"fields": "bias,outlet", "group_by": "bias", "cluster_by": "outlet"}


def tables(directory: Path) -> dict:
    """Every table of an output directory, by file name, as bytes."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.suffix in (".csv", ".parquet")}


@pytest.fixture(scope="session")
def direct(tmp_path_factory) -> dict:
    """The tables of one direct `framing analyze` run on the 2k subset with OPTIONS."""
    out = tmp_path_factory.mktemp("direct") / "output"
    done = subprocess.run([BIN, "analyze", "--corpus", str(CORPUS), "--fields", OPTIONS["fields"], "--group-by",
                           OPTIONS["group_by"], "--cluster-by", OPTIONS["cluster_by"], "--out", str(out), "--quiet"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return tables(out)
