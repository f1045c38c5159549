"""Writes contribution-fixture.json, the expected values CorrelationContributionTest and ValidationContributionTest
compare to.

An independent implementation of numerai-tools' correlation_contribution (numerai_tools/scoring.py, v0.6.0) with
numpy and scipy, no pandas:
  tie_kept_rank  = (scipy.stats.rankdata(x, "average") - 0.5) / n
  gaussian       = scipy.stats.norm.ppf
  p, m           = gaussian(tie_kept_rank(predictions)), gaussian(tie_kept_rank(meta))
  orthogonalize  = p - m * (p @ m) / (m @ m)
  targets        = targets * 4 if all within [0, 1]; then minus their mean
  contribution   = targets @ orthogonalize / n
Per era, as Numerai's example notebooks score validation: rows whose meta value is NaN are dropped first (dropna),
an era without any is not scored. The summary is mean, std (ddof 1, as pandas) and mean / std.
Model-to-model correlation per era: Pearson (np.corrcoef) of the two models' tie-kept ranks.
Run from this folder: python3 contribution_fixture.py  (numpy 1.24.2, scipy 1.10.1 made the committed file).
"""
import json
import os

import numpy as np
from scipy import stats


def tie_kept_rank(x):
    return (stats.rankdata(x, method="average") - 0.5) / len(x)


def contribution(predictions, meta, targets):
    p = stats.norm.ppf(tie_kept_rank(predictions))
    m = stats.norm.ppf(tie_kept_rank(meta))
    orthogonal = p - m * (p @ m) / (m @ m)
    t = np.asarray(targets, dtype=np.float64)
    if (t >= 0).all() and (t <= 1).all():
        t = t * 4
    t = t - t.mean()
    return float(t @ orthogonal / len(t))


def single_cases(rng):
    cases = []
    n = 300
    targets = rng.choice([0, 0.25, 0.5, 0.75, 1], size=n, p=[0.05, 0.2, 0.5, 0.2, 0.05])
    meta = rng.normal(size=n) + 2 * (targets - 0.5)
    predictions = 0.5 * meta + rng.normal(size=n) + (targets - 0.5)
    cases.append({"name": "targets in [0, 1] (times 4)", "predictions": predictions.tolist(), "meta": meta.tolist(),
                  "targets": targets.tolist()})
    centred = targets - 0.5
    cases.append({"name": "targets outside [0, 1] (not scaled)", "predictions": predictions.tolist(),
                  "meta": meta.tolist(), "targets": centred.tolist()})
    cases.append({"name": "tied predictions and meta", "predictions": np.round(predictions, 0).tolist(),
                  "meta": np.round(meta, 1).tolist(), "targets": targets.tolist()})
    for case in cases:
        case["expected"] = contribution(np.array(case["predictions"]), np.array(case["meta"]),
                                        np.array(case["targets"]))
    return cases


def validation_case(rng, eras, rows):
    """Per era: predictions of two models, targets, a meta model (NaN on some rows, all NaN in era 0), a benchmark."""
    out = []
    for era in range(eras):
        targets = rng.choice([0, 0.25, 0.5, 0.75, 1], size=rows, p=[0.05, 0.2, 0.5, 0.2, 0.05])
        signal = targets - 0.5
        meta = rng.normal(size=rows) + 2 * signal
        benchmark = rng.normal(size=rows) + signal
        a = 0.5 * meta + rng.normal(size=rows) + signal
        b = 0.3 * a + rng.normal(size=rows)
        # float32, as the files store them and the code reads them
        a, b, meta, benchmark = (v.astype(np.float32).astype(np.float64) for v in (a, b, meta, benchmark))
        if era == 0:
            meta[:] = np.nan
        else:
            meta[rng.choice(rows, size=rows // 10, replace=False)] = np.nan
        keep = ~np.isnan(meta)
        mmc = contribution(a[keep], meta[keep], targets[keep]) if keep.any() else None
        out.append({"a": a.tolist(), "b": b.tolist(), "targets": targets.tolist(),
                    "meta": [None if np.isnan(v) else v for v in meta], "benchmark": benchmark.tolist(),
                    "mmc": mmc, "bmc": contribution(a, benchmark, targets),
                    "corrAB": float(np.corrcoef(tie_kept_rank(a), tie_kept_rank(b))[0, 1])})
    return out


def summary(values):
    v = np.array([x for x in values if x is not None])
    return {"mean": float(v.mean()), "std": float(v.std(ddof=1)), "sharpe": float(v.mean() / v.std(ddof=1))}


def main():
    rng = np.random.default_rng(20261202)
    eras = validation_case(rng, 4, 200)
    fixture = {
        "cases": single_cases(rng),
        "eras": eras,
        "mmc": summary([e["mmc"] for e in eras]),
        "bmc": summary([e["bmc"] for e in eras]),
        "corrAB": summary([e["corrAB"] for e in eras]),
    }
    out = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "github", "numeraipipeline", "numerai",
                       "scoring", "contribution-fixture.json")
    with open(out, "w") as f:
        json.dump(fixture, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
