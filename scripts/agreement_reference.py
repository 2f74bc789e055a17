#!/usr/bin/env python3
"""Generate tests/fixtures/agreement_reference.json: Krippendorff's alpha (nominal) from the
`krippendorff` package and pairwise percent agreement, on random reliability data of our own.

Cases: 2 to 4 coders, 2 or 3 codes, 10 to 300 units, and a share of missing values from none to
half; every case is drawn from a seeded generator where coders copy a true code with some
probability, so alpha ranges from about zero to one.

Usage: python3 scripts/agreement_reference.py
"""

import json
from importlib.metadata import version
from pathlib import Path

import krippendorff
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "agreement_reference.json"


def percent_agreement(data):
    agree = pairs = 0
    for unit in data.T:
        codes = [int(v) for v in unit if not np.isnan(v)]
        for i, a in enumerate(codes):
            for b in codes[i + 1:]:
                pairs += 1
                agree += a == b
    return agree / pairs if pairs else None


def main():
    rng = np.random.default_rng(20261202)
    cases = []
    for coders in (2, 3, 4):
        for codes in (2, 3):
            for units, missing, accuracy in [(10, 0.0, 0.9), (60, 0.2, 0.7), (300, 0.5, 0.8), (40, 0.1, 0.4)]:
                truth = rng.integers(0, codes, size=units)
                data = np.empty((coders, units))
                for c in range(coders):
                    copy = rng.random(units) < accuracy
                    data[c] = np.where(copy, truth, rng.integers(0, codes, size=units))
                data[rng.random((coders, units)) < missing] = np.nan
                alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
                cases.append({
                    "coders": coders,
                    "codes": codes,
                    "missing": missing,
                    # units × coders, null for missing, as the Rust side reads them
                    "units": [[None if np.isnan(v) else int(v) for v in data[:, u]] for u in range(units)],
                    "alpha": float(alpha),
                    "percent_agreement": percent_agreement(data),
                })
    OUT.write_text(json.dumps({"krippendorff": version("krippendorff"), "cases": cases}, indent=1) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
