#!/usr/bin/env python3
"""Cost of strange input (issue 20): seconds per MB of `framing segment` and `framing score` on each strange
input of the issue, against the same on ordinary articles, every figure from this one run.

    python3 scripts/bench_strange.py            (after cargo build --release; FRAMING_BIN overrides the binary)

Inputs (written to a temporary folder): ordinary articles (the default corpus's two texts as 2,000 records,
about 11 MB); one 50 MB article (those texts repeated); a 5 MB paragraph with no punctuation; 100,000 unbalanced
quotation marks in one paragraph; one token repeated a million times; a 20 MB line. Each command runs three
times; the best time counts. A ratio near 1 means the input costs what ordinary news costs per byte.

Then a generated lexicon of 100,000 terms in 10 categories (words, `word*` and `*word` globs, two-word phrases):
the time `framing lexicon check` takes to load it (goal: under a second), and `framing score` of the ordinary
articles with it against the shipped frames set (goal: within 2x).
"""

import json
import os
import random
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = os.environ.get("FRAMING_BIN", str(ROOT / "target" / "release" / "framing"))


def write(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for i, text in enumerate(records):
            f.write(json.dumps({"id": f"r{i}", "text": text}) + "\n")
    return path


def generated_lexicon(folder, categories=10, terms=10_000):
    rng = random.Random(3)

    def word():
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 9)))

    folder.mkdir()
    for c in range(categories):
        lines = []
        for _ in range(terms):
            r = rng.random()
            term = word() + "*" if r < 0.2 else f"{word()} {word()}" if r < 0.4 else "*" + word() if r < 0.45 else word()
            lines.append(f'  "{term}",')
        body = f'name = "cat{c}"\ndefinition = "generated"\nterms = [\n' + "\n".join(lines) + "\n]\n"
        (folder / f"cat{c}.toml").write_text(body)
    return folder


def best(cmd):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.txt"))]
    random.seed(1)
    words = "the army moved across the river and residents watched from their homes while officials counted".split()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inputs = {
            "ordinary articles": write(tmp / "ordinary.jsonl", [texts[i % 2] for i in range(2000)]),
            "one 50 MB article": write(tmp / "big.jsonl", ["\n\n".join(texts) * (50_000_000 // sum(map(len, texts)) + 1)]),
            "5 MB paragraph, no punctuation": write(
                tmp / "nopunct.jsonl", [" ".join(random.choice(words) for _ in range(5_000_000 // 6))]
            ),
            "100,000 unbalanced quotes": write(
                tmp / "quotes.jsonl",
                [" ".join(('"' if random.random() < 0.5 else "he said") + " war" for _ in range(100_000))],
            ),
            "one token a million times": write(tmp / "repeat.jsonl", [" ".join(["war"] * 1_000_000)]),
            "a 20 MB line": write(tmp / "line.jsonl", ["The army moved. " * (20_000_000 // 16)]),
        }
        rows = []
        for name, path in inputs.items():
            mb = path.stat().st_size / 1e6
            seg = best([BIN, "segment", "--input", str(path)]) / mb
            sco = best([BIN, "score", "--input", str(path)]) / mb
            rows.append((name, mb, seg, sco))
        base_seg, base_sco = rows[0][2], rows[0][3]
        print("| input | MB | segment s/MB | × ordinary | score s/MB | × ordinary |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, mb, seg, sco in rows:
            print(f"| {name} | {mb:.1f} | {seg:.3f} | {seg / base_seg:.2f} | {sco:.3f} | {sco / base_sco:.2f} |")
        big = generated_lexicon(tmp / "big-lexicon")
        load = best([BIN, "lexicon", "check", str(big)])
        ordinary = str(inputs["ordinary articles"])
        shipped = best([BIN, "score", "--input", ordinary, "--lexicons", "frames"])
        generated = best([BIN, "score", "--input", ordinary, "--lexicons", str(big)])
        print(f"\n100,000-term lexicon: loaded and checked in {load:.2f} s (goal < 1 s); score of the ordinary "
              f"articles {generated:.2f} s against {shipped:.2f} s with the shipped frames set = {generated / shipped:.2f}x "
              f"(goal <= 2x)")


if __name__ == "__main__":
    main()
