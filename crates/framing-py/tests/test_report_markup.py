"""Issue 20 section 4: a corpus and a lexicon full of markup and script, analysed by the CLI, and the report,
its SVG charts and its Markdown opened as a reader would (headless Chromium for the HTML and SVG):
no injected script runs, no element beyond the report's own appears, and the strings show as text.
The checks are in scripts/check_report.py --hostile; scripts/test_python.sh installs Chromium where missing."""

import subprocess
import sys

from conftest import BIN, ROOT


def test_markup_in_corpus_and_lexicon_stays_text():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"), "--hostile", "--bin", BIN],
                          capture_output=True, text=True, timeout=1200)
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no script ran" in done.stdout and "5 of 5 payloads shown as text" in done.stdout
