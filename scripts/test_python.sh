#!/usr/bin/env bash
# The Python package's tests: build `crates/framing-py` into a fresh virtual environment (target/venv) with
# pip, as a user would, then run its pytest suite (with a Dask LocalCluster and a Spark standalone cluster
# on 127.0.0.1, which the tests start and stop themselves) and the example script. Needs target/release/framing (the
# tests compare with the command line), so run it after `cargo build --release` or `cargo test --release`.
set -euo pipefail
cd "$(dirname "$0")/.."
# Spark runs on a JDK (17 or later); the machine's package manager provides one where it is missing.
if ! command -v java > /dev/null; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless > /dev/null
fi
# The report's markup test (tests/test_report_markup.py) renders pages in headless Chromium.
if ! command -v chromium > /dev/null; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium > /dev/null
fi
venv=target/venv
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r crates/framing-py/requirements-test.txt
"$venv/bin/pip" install --quiet --disable-pip-version-check ./crates/framing-py
"$venv/bin/python" -c "import framing; print(framing.score(['Good!']))"
"$venv/bin/python" -m pytest -q crates/framing-py/tests
"$venv/bin/python" examples/notebook_bias.py target/frames_by_bias.png
