#!/usr/bin/env bash
# The neutralization's speed beside numpy's in the same run (scoring.NeutralizationBenchmark): one v5.3 live era,
# 6,720 rows x 807 features. Needs python3 with numpy and scipy (Debian: python3-numpy python3-scipy).
set -euo pipefail
cd "$(dirname "$0")/../numerai-maven-plugin"
../mvnw -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.github.numeraipipeline.numerai.scoring.NeutralizationBenchmark
