"""Writes neutralization-fixture.json, the expected values NeutralizationTest and ValidationMetricsFncTest compare to.

An independent implementation of numerai-tools' formulas with numpy and scipy (no pandas needed):
  tie_kept_rank  = (scipy.stats.rankdata(x, "average") - 0.5) / n
  gaussian       = scipy.stats.norm.ppf
  neutralize     = p - proportion * N @ (np.linalg.pinv(N, rcond=1e-6) @ p), N = [features, 1]
  variance_norm  = x / np.std(x)            (ddof 0)
  ensemble       = tie_kept_rank(sum(w_i * tie_kept_rank(m_i)) / sum(w))
  numerai_corr   = corrcoef(pow15(gaussian(tie_kept_rank(p))), pow15(t - t.mean()))
  fnc            = numerai_corr(variance_norm(neutralize(gaussian(tie_kept_rank(p)), features, 1.0)), t)
Run from this folder: python3 neutralization_fixture.py  (numpy 2.4.6, scipy 1.17.1 made the committed file).
"""
import json
import os

import numpy as np
from scipy import stats


def tie_kept_rank(x):
    return (stats.rankdata(x, method="average") - 0.5) / len(x)


def neutralize(p, features, proportion):
    n = np.hstack((features.astype(np.float64), np.ones((len(features), 1))))
    return p - proportion * n.dot(np.linalg.pinv(n, rcond=1e-6).dot(p))


def chain(p, features, proportion):
    g = stats.norm.ppf(tie_kept_rank(p))
    neutral = neutralize(g, features, proportion)
    return neutral / np.std(neutral)


def numerai_corr(p, t):
    t = t - t.mean()
    g = stats.norm.ppf(tie_kept_rank(p))
    g = np.sign(g) * np.abs(g) ** 1.5
    t = np.sign(t) * np.abs(t) ** 1.5
    return np.corrcoef(g, t)[0, 1]


def fnc_case(rng, eras, rows, width):
    """feature_neutral_corr per era: numerai_corr(chain(p, features, 1.0), targets)."""
    out = []
    for era in range(eras):
        features = rng.integers(0, 5, size=(rows, width))
        p = features[:, :3].dot([0.5, -0.4, 0.3]) + rng.normal(size=rows)
        t = rng.choice([0, 0.25, 0.5, 0.75, 1], size=rows, p=[0.05, 0.2, 0.5, 0.2, 0.05])
        out.append({"features": features.tolist(), "predictions": p.tolist(), "targets": t.tolist(),
                    "corr": numerai_corr(p, t), "fnc": numerai_corr(chain(p, features, 1.0), t)})
    return out


def case(name, rng, rows, width, proportion, constant=False, duplicate=False, ties=False):
    features = rng.integers(0, 5, size=(rows, width))
    if constant:
        features[:, 1] = 2
    if duplicate:
        features[:, 3] = features[:, 0]
    # predictions that lean on the first features, as a model's would, plus noise
    p = features[:, :4].dot([0.4, -0.3, 0.2, 0.1]) + rng.normal(size=rows)
    if ties:
        p = np.round(p, 1)
    return {
        "name": name,
        "proportion": proportion,
        "features": features.tolist(),
        "predictions": p.tolist(),
        "neutralized": neutralize(p.copy(), features, proportion).tolist(),
        "chain": chain(p.copy(), features, proportion).tolist(),
    }


def ensemble_case(rng, rows):
    members = [rng.normal(size=rows), np.round(rng.normal(size=rows), 1), rng.uniform(size=rows)]
    weights = [0.5, 0.3, 0.2]
    mean = sum(w * tie_kept_rank(m) for w, m in zip(weights, members)) / sum(weights)
    return {"members": [m.tolist() for m in members], "weights": weights,
            "expected": tie_kept_rank(mean).tolist()}


def main():
    rng = np.random.default_rng(20261202)
    fixture = {
        "cases": [
            case("full rank, half", rng, 400, 30, 0.5),
            case("full rank, whole", rng, 400, 30, 1.0, ties=True),
            case("constant and duplicated features (rank deficient)", rng, 300, 12, 0.75, constant=True,
                 duplicate=True),
            case("proportion 0", rng, 200, 5, 0.0),
        ],
        "ensemble": ensemble_case(rng, 500),
        "fnc": fnc_case(rng, 3, 250, 8),
    }
    out = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "github", "numeraipipeline", "numerai",
                       "scoring", "neutralization-fixture.json")
    with open(out, "w") as f:
        json.dump(fixture, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
