"""Python xgboost on the slice docs/bench-training.sh wrote (NumPy files from bench.TrainingSliceData): the same
parameters as the benchmark's model config, QuantileDMatrix from an in-memory int8 array (the load is not timed),
then the trees and the validation predictions. Prints one JSON line of seconds. Debian's python3-xgboost; never a
dependency of the build."""
import json
import sys
import time

import numpy as np
import xgboost as xgb

folder, rounds, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()
x = np.load(folder + "/train-x.npy")
y = np.load(folder + "/train-y.npy")
xv = np.load(folder + "/validation-x.npy")
loaded = time.perf_counter()
matrix = xgb.QuantileDMatrix(x, label=y, max_bin=256, nthread=threads, missing=-1)
built = time.perf_counter()
params = {"objective": "reg:squarederror", "tree_method": "hist", "max_depth": 5, "eta": 0.1, "max_bin": 256,
          "nthread": threads, "seed": 42}
booster = xgb.train(params, matrix, num_boost_round=rounds)
trained = time.perf_counter()
booster.predict(xgb.DMatrix(xv, missing=-1, nthread=threads))
validated = time.perf_counter()
print(json.dumps({"xgboost": xgb.__version__, "read": loaded - start, "matrix": built - loaded,
                  "trees": trained - built, "validation": validated - trained}))
