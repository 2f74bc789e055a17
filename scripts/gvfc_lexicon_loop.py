#!/usr/bin/env python3
"""A lexicon learned from labels, measured on texts it never saw: GVFC with Akyürek et al.'s five folds.

    python3 scripts/gvfc_lexicon_loop.py [--field title|text] [--keep DIR]

For each fold k (0-4) of ../shared/eval/frames/gvfc.jsonl (FRAMING_SHARED overrides ../shared):
  1. the other four folds are written to train.jsonl, fold k to test.jsonl (a temporary folder);
  2. for each of the nine frames, `framing lexicon suggest FRAME --labels train.jsonl --text-field FIELD
     --out lex/FRAME.toml` builds a category from the training folds alone (no hand edits);
  3. `framing lexicon check lex` must accept the set, and `framing validate labels test.jsonl --lexicons lex
     --text-field FIELD` scores it on fold k.
Prints per-frame F1 (pooled over the folds' predictions, as the shared README's anchors) and macro-F1 per fold
and their mean, as Markdown. FIELD is `title` (the headline the coders labelled; default) or `text`
(headline and lead). Uses target/release/framing (FRAMING_BIN overrides).
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
BIN = os.environ.get("FRAMING_BIN", str(ROOT / "target" / "release" / "framing"))


def run(*args):
    done = subprocess.run([BIN, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"framing {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def main():
    field = "title"
    keep = None
    argv = sys.argv[1:]
    while argv:
        a = argv.pop(0)
        if a == "--field":
            field = argv.pop(0)
        elif a == "--keep":
            keep = Path(argv.pop(0))
        else:
            sys.exit(__doc__)
    source = SHARED / "eval" / "frames" / "gvfc.jsonl"
    if not source.exists():
        sys.exit(f"{source} not found; set FRAMING_SHARED to the folder holding eval/frames/gvfc.jsonl")
    records = [json.loads(line) for line in source.open(encoding="utf-8")]
    frames = sorted({f for r in records for f in r["frames"]})
    pooled = defaultdict(lambda: [0, 0, 0])  # frame -> tp, fp, fn over every fold
    per_fold = []
    with tempfile.TemporaryDirectory() as tmp:
        base = keep or Path(tmp)
        for k in range(5):
            d = base / f"fold{k}"
            (d / "lex").mkdir(parents=True, exist_ok=True)
            train, test = d / "train.jsonl", d / "test.jsonl"
            with train.open("w", encoding="utf-8") as tr, test.open("w", encoding="utf-8") as te:
                for r in records:
                    (te if r["fold"] == k else tr).write(json.dumps(r, ensure_ascii=False) + "\n")
            for frame in frames:
                out = d / "lex" / f"{frame}.toml"
                if out.exists():
                    out.unlink()
                run("lexicon", "suggest", frame, "--labels", str(train), "--text-field", field,
                    "--out", str(out), "--dir", str(d / "suggestions" / frame))
            run("lexicon", "check", str(d / "lex"))
            run("validate", "labels", str(test), "--lexicons", str(d / "lex"), "--text-field", field,
                "--out", str(d / "validation"))
            f1s = []
            with (d / "validation" / "labels.csv").open(encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    tp, fp, fn = int(row["tp"]), int(row["fp"]), int(row["fn"])
                    acc = pooled[row["label"]]
                    acc[0] += tp
                    acc[1] += fp
                    acc[2] += fn
                    f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
            per_fold.append(sum(f1s) / len(f1s))
    print(f"GVFC ({len(records)} items, field `{field}`): lexicons from `lexicon suggest --labels`, "
          "Akyürek folds\n")
    print("| frame | F1 (pooled over folds) |\n|---|---:|")
    pooled_f1 = []
    for frame in frames:
        tp, fp, fn = pooled[frame]
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        pooled_f1.append(f1)
        print(f"| {frame} | {f1:.3f} |")
    print(f"| **macro-F1** | **{sum(pooled_f1) / len(pooled_f1):.3f}** |\n")
    print("| fold | macro-F1 |\n|---|---:|")
    for k, m in enumerate(per_fold):
        print(f"| {k} | {m:.3f} |")
    print(f"| **mean of the 5 folds** | **{sum(per_fold) / len(per_fold):.3f}** |")


if __name__ == "__main__":
    main()
