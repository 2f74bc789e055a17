"""`framing.distributed.analyze_dask` on a Dask LocalCluster bound to 127.0.0.1 with 2 worker processes: the
tables equal one direct `framing analyze` run on the 2k subset byte for byte, for 1, 2 and 5 shards, and still
do when a worker is killed during the run (Dask runs its task again). The cluster is started here and its
processes are stopped by process id at the end. Needs ../shared (FRAMING_SHARED); skips without it.
"""

import os
import signal
import threading
import time

import pytest

distributed = pytest.importorskip("distributed")

import framing.distributed  # noqa: E402

from conftest import CORPUS, OPTIONS, tables  # noqa: E402

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason=f"SKIPPED: {CORPUS} not found (set FRAMING_SHARED)")



@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    pids = set(c.run(os.getpid).values())
    yield c
    pids |= set(c.run(os.getpid).values())
    c.close()
    cluster.close()
    for pid in pids:  # whatever the close left behind
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass



@pytest.mark.parametrize("shards", [1, 2, 5])
def test_dask_shards_equal_the_direct_run(client, direct, shards, tmp_path):
    start = time.perf_counter()
    out = framing.distributed.analyze_dask(CORPUS, client, shards=shards, out=tmp_path / "output", **OPTIONS)
    print(f"{shards} shards: {time.perf_counter() - start:.1f} s")
    got = tables(out)
    assert list(got) == list(direct)
    for name, data in direct.items():
        assert got[name] == data, name
    assert not any(p.name.startswith(".framing-parts-") for p in tmp_path.iterdir()), "parts left behind"


def test_the_survey_can_run_as_a_task(client, direct, tmp_path):
    out = framing.distributed.analyze_dask(CORPUS, client, shards=2, out=tmp_path / "output", survey_on="worker",
                                           **OPTIONS)
    got = tables(out)
    for name, data in direct.items():
        assert got[name] == data, name


def test_a_killed_worker_is_retried_and_the_output_is_unchanged(client, direct, tmp_path):
    result = {}

    def run():
        try:
            result["out"] = framing.distributed.analyze_dask(CORPUS, client, shards=4, out=tmp_path / "output",
                                                             **OPTIONS)
        except Exception as e:  # reported below
            result["error"] = e

    victim = sorted(client.run(os.getpid).items())[0][1]
    thread = threading.Thread(target=run)
    thread.start()
    # Kill the worker once it is busy with a shard.
    deadline = time.time() + 30
    while time.time() < deadline and not any(client.processing().values()):
        time.sleep(0.02)
    time.sleep(0.2)
    os.kill(victim, signal.SIGKILL)
    thread.join(timeout=300)
    assert "error" not in result, result.get("error")
    assert victim not in client.run(os.getpid).values(), "the killed worker was not replaced"
    got = tables(result["out"])
    for name, data in direct.items():
        assert got[name] == data, name
