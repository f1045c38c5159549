#!/bin/sh
# Renders docs/models-report.png, the screenshot of a validation report in the README and docs/models.md, with a
# real headless browser (chromium). It trains one model on the embedded sandbox's small data in a scratch folder:
# xgba's settings on v5.2, asking for every validation metric (corr, fnc, mmc, bmc), then screenshots its report.
# Needs the plugin in a local repository: after `./mvnw -B verify` (the invoker ITs install it into
# numerai-maven-plugin/target/local-repo), or give one.
#   docs/models-report-screenshot.sh [local-repository]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
repo=${1:-$root/numerai-maven-plugin/target/local-repo}
# the version is the root pom's ${revision} property
version=$(sed -n 's:.*<revision>\(.*\)</revision>.*:\1:p' "$root/pom.xml" | head -1)
plugin=io.github.numeraipipeline:numerai-maven-plugin:$version
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/models"
cat > "$work/models/xgbm.json" <<'CONFIG'
{"name": "xgbm", "dataVersion": "v5.2", "featureSet": "small", "target": "target", "numBoostRound": 200,
 "params": {"objective": "reg:squarederror", "tree_method": "hist", "max_depth": 5, "eta": 0.1, "subsample": 0.8,
            "colsample_bytree": 0.8, "seed": 42},
 "validationMetrics": ["corr", "fnc", "mmc", "bmc"]}
CONFIG
# Resolve the plugin's dependencies from the user's repository, as the ITs do (src/it/settings.xml).
cat > "$work/settings.xml" <<SETTINGS
<settings><profiles><profile><id>user-repo</id><activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>local.central</id><url>file://$HOME/.m2/repository</url></repository></repositories>
<pluginRepositories><pluginRepository><id>local.central</id><url>file://$HOME/.m2/repository</url></pluginRepository>
</pluginRepositories></profile></profiles></settings>
SETTINGS
cd "$work"
shape="-Dnumerai.sandbox -Dnumerai.dataDirectory=$work/data -Dnumerai.sandbox.features=60 -Dnumerai.sandbox.liveRows=1000 -Dnumerai.sandbox.trainEras=48"
# shellcheck disable=SC2086
"$root/mvnw" -B -q -s "$work/settings.xml" -Dmaven.repo.local="$repo" $shape "$plugin:train" -Dnumerai.train.eraStep=4
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=940,1500 \
    --screenshot="$root/docs/models-report.png" "file://$work/target/numerai/reports/xgbm.html" 2>/dev/null
echo "Wrote $root/docs/models-report.png"
