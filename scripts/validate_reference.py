#!/usr/bin/env python3
"""Reference figures for `framing validate labels`, computed with scikit-learn.

The matching itself is the tool's (its `predictions.csv`: every text-label pair's weighted hits and hits per
1,000 tokens). Everything `validate labels` derives from those numbers is recomputed here independently: the
presence rule (weighted hits >= the category's `min_hits`, read from the lexicon files), per-label precision,
recall and F1 (sklearn, zero_division as documented), ROC AUC of hits per 1,000 tokens (roc_auc_score),
macro- and micro-F1, and for single-label scoring the argmax prediction's accuracy, macro-F1 and confusion.

    python3 scripts/validate_reference.py LABELLED.jsonl PREDICTIONS.csv OUT.json LEXICON_DIR MAP [--primary]

MAP is a label = category file (one category per label: the presence rule is then the category's).

Writes OUT.json with the figures and the SHA-256 of PREDICTIONS.csv, so the test can tell a stale fixture
(the lexicon changed) from a wrong figure. Needs scikit-learn, numpy and pandas (pip install scikit-learn
pandas); only for regenerating fixtures, never at run time.
"""

import hashlib
import json
import pathlib
import sys
import tomllib

import numpy as np
import pandas as pd
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    primary = "--primary" in sys.argv
    labelled, predictions_path, out, lexicon_dir, map_path = args
    min_hits = {}
    for f in sorted(pathlib.Path(lexicon_dir).glob("*.toml")):
        with open(f, "rb") as h:
            category = tomllib.load(h)
        min_hits[category["name"]] = float(category.get("min_hits", 1.0))
    label_min = {}
    for raw in open(map_path, encoding="utf-8"):
        line = raw.split("#")[0].strip()
        if not line:
            continue
        label, category = (x.strip() for x in line.split("=", 1))
        if category != "-":
            assert "+" not in category, "the reference handles one category per label"
            label_min[label] = min_hits[category]
    with open(predictions_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    pred = pd.read_csv(predictions_path, dtype={"id": str, "label": str})
    labels = sorted(pred["label"].unique())
    ids = list(dict.fromkeys(pred["id"]))
    # Gold labels from the labelled file itself, not from the tool's table.
    gold_lists = {}
    with open(labelled, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                value = r.get("frames", r.get("frame"))
                gold_lists[str(r["id"])] = [value] if isinstance(value, str) else list(value or [])
    wide_w = pred.pivot(index="id", columns="label", values="weighted_hits").loc[ids, labels]
    wide_d = pred.pivot(index="id", columns="label", values="per_1000").loc[ids, labels]
    gold = np.array([[lab in gold_lists[i] for lab in labels] for i in ids], dtype=int)
    thresholds = np.array([label_min.get(lab, min_hits.get(lab, 1.0)) for lab in labels])
    predicted = (wide_w.to_numpy() >= thresholds[None, :]).astype(int)

    per_label = {}
    for j, lab in enumerate(labels):
        y, p = gold[:, j], predicted[:, j]
        per_label[lab] = {
            "tp": int(((y == 1) & (p == 1)).sum()),
            "fp": int(((y == 0) & (p == 1)).sum()),
            "fn": int(((y == 1) & (p == 0)).sum()),
            "tn": int(((y == 0) & (p == 0)).sum()),
            "precision": None if p.sum() == 0 else float(precision_score(y, p, zero_division=np.nan)),
            "recall": None if y.sum() == 0 else float(recall_score(y, p, zero_division=np.nan)),
            "f1": float(f1_score(y, p, zero_division=0)),
            "auc": None if y.min() == y.max() else float(roc_auc_score(y, wide_d.to_numpy()[:, j])),
        }
    overall = {
        "macro_f1": float(f1_score(gold, predicted, average="macro", zero_division=0)),
        "micro_f1": float(f1_score(gold, predicted, average="micro", zero_division=0)),
    }
    aucs = [v["auc"] for v in per_label.values()]
    overall["macro_auc"] = None if None in aucs else float(np.mean(aucs))

    if primary:
        # Single label: the first label; the prediction is the label with the most weighted hits, ties to
        # the first label by name, "none" when nothing matched. Texts whose first label is unmapped are out.
        w = wide_w.to_numpy()
        y_true, y_pred = [], []
        for k, i in enumerate(ids):
            first = gold_lists[i][0] if gold_lists[i] else "none"
            if first != "none" and first not in labels:
                continue
            y_true.append(first)
            y_pred.append("none" if w[k].max() <= 0 else labels[int(np.argmax(w[k]))])
        overall["accuracy"] = float(accuracy_score(y_true, y_pred))
        overall["single_label_macro_f1"] = float(
            f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)
        )
        confusion = pd.crosstab(pd.Series(y_true, name="gold"), pd.Series(y_pred, name="predicted"))
        overall_confusion = {
            f"{g}|{p}": int(confusion.loc[g, p])
            for g in confusion.index
            for p in confusion.columns
            if confusion.loc[g, p] > 0
        }
    else:
        overall_confusion = None

    with open(out, "w", encoding="utf-8") as f:
        json.dump(
            {
                "generated_by": "scripts/validate_reference.py (scikit-learn)",
                "predictions_sha256": digest,
                "texts": len(ids),
                "labels": per_label,
                "overall": overall,
                "confusion": overall_confusion,
            },
            f,
            indent=1,
            sort_keys=True,
        )
        f.write("\n")


if __name__ == "__main__":
    main()
