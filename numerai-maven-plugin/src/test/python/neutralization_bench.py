"""The Python baseline of NeutralizationBenchmark: numerai-tools' chain with numpy and scipy on the era the Java side
wrote (features int8 row-major, predictions float64); prints the best of five warm runs and writes its result for the
Java side to compare.  Usage: python3 neutralization_bench.py <dir> <rows> <width> <proportion>"""
import sys
import time

import numpy as np
from scipy import stats

folder, rows, width, proportion = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
features = np.fromfile(folder + "/features.i8", dtype=np.int8).reshape(rows, width)
p = np.fromfile(folder + "/predictions.f64", dtype=np.float64)


def chain():
    g = stats.norm.ppf((stats.rankdata(p, method="average") - 0.5) / len(p))
    n = np.hstack((features.astype(np.float64), np.ones((rows, 1))))
    neutral = g - proportion * n.dot(np.linalg.pinv(n, rcond=1e-6).dot(g))
    return neutral / np.std(neutral)


times = []
for _ in range(5):
    start = time.perf_counter()
    result = chain()
    times.append(time.perf_counter() - start)
result.astype(np.float64).tofile(folder + "/python.f64")
print("python-seconds=%.4f" % min(times))
