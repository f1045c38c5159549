#!/usr/bin/env bash
# Training's speed and memory beside Python xgboost's, in the same run (docs/scale.md, "Streaming beside Python").
#
#   docs/bench-training.sh [ROWS] [MATRIX] [RUNS]     defaults: 100000 int8 1
#
# Writes a train file of ROWS rows (eras of 5,000) x 2,376 int8 features in 100,000-row groups, and a validation file
# of 20,000 rows, with the project's own generator (bench.TrainingSliceData; once, into
# ~/.cache/numerai-pipeline/bench-training/ROWS), then RUNS times in turn:
#   - the user's command, `mvn numerai:train` with no JVM options (MAVEN_OPTS emptied), the plugin built from this
#     tree and installed into numerai-maven-plugin/target/local-repo (never ~/.m2), -Dnumerai.train.matrix=MATRIX,
#     under /usr/bin/time -v: whole wall time and peak RSS; the phases from the manifest's seconds;
#   - when /usr/bin/python3 has xgboost (Debian: apt-get install python3-xgboost; never a build dependency), the same
#     model in Python (src/test/python/training_bench.py): QuantileDMatrix from an in-memory int8 array (the load is
#     not counted), 20 trees, predictions on the validation rows; peak RSS of the whole process.
# The model: hist, depth 5, eta 0.1, max_bin 256, 20 rounds, 2 threads, seed 42.
set -euo pipefail
ROWS=${1:-100000}
MATRIX=${2:-int8}
RUNS=${3:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${BENCH_DIR:-$HOME/.cache/numerai-pipeline/bench-training}/$ROWS
PY=/usr/bin/python3
cd "$ROOT/numerai-maven-plugin"

../mvnw -B -q -DskipTests package invoker:install dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# the version this tree builds: the root pom's ${revision} (the local repo may hold older ones)
VERSION=$(sed -n 's:.*<revision>\(.*\)</revision>.*:\1:p' "$ROOT/pom.xml" | head -1)
PYTHON=no
# BENCH_PYTHON=no skips the baseline (the full set as an int8 array and Python's matrix need about 20 GB)
if [ "${BENCH_PYTHON:-yes}" != no ] && [ -x $PY ] && $PY -c 'import xgboost' 2>/dev/null; then PYTHON=yes; fi
NPY=$([ $PYTHON = yes ] && echo npy || echo none)
java -Xmx3g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.github.numeraipipeline.numerai.model.bench.TrainingSliceData "$DIR" "$ROWS" 100000 $NPY

mkdir -p "$DIR/models"
cat > "$DIR/models/slice.json" <<'EOF'
{"name": "slice", "dataVersion": "v5.0", "featureSet": "all", "target": "target", "numBoostRound": 20,
 "params": {"objective": "reg:squarederror", "tree_method": "hist", "max_depth": 5, "eta": 0.1, "max_bin": 256,
            "nthread": 2, "seed": 42}}
EOF
# the IT settings: plugins and dependencies come from ~/.m2 as a file:// repository into the private local repo
sed "s#@localRepositoryUrl@#file://$HOME/.m2/repository#" src/it/settings.xml > "$DIR/settings.xml"
REPO=$PWD/target/local-repo

echo "load before: $(uptime)"
for run in $(seq 1 "$RUNS"); do
  rm -rf "$DIR/data/boosters" "$DIR/target"
  (cd "$DIR" && MAVEN_OPTS= /usr/bin/time -v -o "$DIR/ours.time" "$ROOT/mvnw" -B -o -Daether.offline.protocols=file \
    -s "$DIR/settings.xml" -Dmaven.repo.local="$REPO" \
    "io.github.numeraipipeline:numerai-maven-plugin:$VERSION:train" -Dnumerai.modelsDirectory=models \
    -Dnumerai.dataDirectory=data -Dnumerai.train.matrix="$MATRIX" > "$DIR/ours.log" 2>&1) \
    || { tail -30 "$DIR/ours.log"; exit 1; }
  if [ $PYTHON = yes ]; then
    /usr/bin/time -v -o "$DIR/python.time" $PY src/test/python/training_bench.py "$DIR" 20 2 > "$DIR/python.json"
  fi
  $PY - "$DIR" "$PYTHON" "$run" "$MATRIX" <<'EOF'
import json, re, sys
folder, python, run, matrix = sys.argv[1], sys.argv[2] == "yes", sys.argv[3], sys.argv[4]

def time_v(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1).split(":")
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall)))
    return seconds, int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) * 1024

manifest = json.load(open(folder + "/data/boosters/slice.manifest.json"))
s = manifest["seconds"]
wall, rss = time_v(folder + "/ours.time")
print(f"run {run}: mvn numerai:train, {manifest['training']['matrix']} ({matrix} asked), no JVM options")
print(f"  read (era scan) {s['read']:.1f} s, matrix {s.get('matrix', 0):.1f} s, trees {s['train']:.1f} s,"
      f" validation {s['validate']:.1f} s; whole command {wall:.1f} s; peak RSS {rss / 1e9:.2f} GB"
      f" ({rss / 2**30:.2f} GiB)")
if python:
    p = json.load(open(folder + "/python.json"))
    pwall, prss = time_v(folder + "/python.time")
    print(f"  Python xgboost {p['xgboost']}: load {p['read']:.1f} s (not counted), QuantileDMatrix {p['matrix']:.1f} s,"
          f" trees {p['trees']:.1f} s, validation {p['validation']:.1f} s; peak RSS {prss / 1e9:.2f} GB")
    print(f"  ratios: matrix ours/Python {s.get('matrix', 0) / p['matrix']:.2f} (goal <= 1.2);"
          f" trees {s['train'] / p['trees']:.2f}; whole command / (Python matrix + trees)"
          f" {wall / (p['matrix'] + p['trees']):.2f} (goal <= 1.5); peak RSS {rss / prss:.2f}")
EOF
done
echo "load after: $(uptime)"
