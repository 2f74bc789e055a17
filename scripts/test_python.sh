#!/usr/bin/env bash
# The Python package's tests: build `crates/framing-py` into a fresh virtual environment (target/venv) with
# pip, as a user would, then run its pytest suite and the example script. Needs target/release/framing (the
# tests compare with the command line), so run it after `cargo build --release` or `cargo test --release`.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/venv
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r crates/framing-py/requirements-test.txt
"$venv/bin/pip" install --quiet --disable-pip-version-check ./crates/framing-py
"$venv/bin/python" -c "import framing; print(framing.score(['Good!']))"
"$venv/bin/python" -m pytest -q crates/framing-py/tests
"$venv/bin/python" examples/notebook_bias.py target/frames_by_bias.png
