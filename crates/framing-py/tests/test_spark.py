"""`framing.spark.analyze_spark` on a Spark standalone cluster started here (a master and one worker on
127.0.0.1, stopped by process id at the end): the tables equal one direct `framing analyze` run on the 2k subset
byte for byte, with the package on the executors and with only the shipped `framing` binary. Needs ../shared
(FRAMING_SHARED) and Java; skips without them.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")

import framing.spark  # noqa: E402

from conftest import BIN, CORPUS, OPTIONS, tables  # noqa: E402

pytestmark = [
    pytest.mark.skipif(not CORPUS.exists(), reason=f"SKIPPED: {CORPUS} not found (set FRAMING_SHARED)"),
    pytest.mark.skipif(shutil.which("java") is None, reason="SKIPPED: no java on PATH (a JDK 17 runs Spark)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")



@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    home = Path(pyspark.__file__).parent
    logs = tmp_path_factory.mktemp("spark-logs")
    env = dict(os.environ, SPARK_HOME=str(home), SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable,
               SPARK_LOG_DIR=str(logs), SPARK_WORKER_DIR=str(logs / "work"))
    spark_class = str(home / "bin" / "spark-class")
    port, ui = free_port(), free_port()
    started = []

    def start(name, *args):
        log = open(logs / f"{name}.log", "w")
        started.append(subprocess.Popen([spark_class, *args], env=env, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True))

    start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
          "--webui-port", str(ui))
    try:
        wait_for(port)
        start("worker", "org.apache.spark.deploy.worker.Worker", f"spark://127.0.0.1:{port}", "--host", "127.0.0.1",
              "--cores", "2", "--memory", "2g", "--webui-port", str(free_port()))
        from pyspark.sql import SparkSession

        # The driver names the executors' Python (this one, which has the package).
        os.environ["PYSPARK_PYTHON"] = sys.executable

        session = (SparkSession.builder.master(f"spark://127.0.0.1:{port}").appName("framing-test")
                   .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false").config("spark.pyspark.python", sys.executable)
                   .getOrCreate())
        yield session
        session.stop()
    finally:
        for p in reversed(started):  # by process id (and its group: the worker's executors)
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in started:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)



@pytest.mark.parametrize("binary", [None, BIN], ids=["package", "binary"])
def test_spark_shards_equal_the_direct_run(spark, direct, binary, tmp_path):
    start = time.perf_counter()
    out = framing.spark.analyze_spark(CORPUS, spark.sparkContext, shards=3, out=tmp_path / "output",
                                      binary=binary, **OPTIONS)
    print(f"spark, 3 shards ({'binary' if binary else 'package'}): {time.perf_counter() - start:.1f} s")
    got = tables(out)
    assert list(got) == list(direct)
    for name, data in direct.items():
        assert got[name] == data, name
