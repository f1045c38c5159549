#!/bin/sh
# Renders docs/desk.png, the screenshot of desk.html in the README, with a real headless browser (chromium).
# It runs the desk against the embedded sandbox in a scratch folder: trains the repository's two models on the
# sandbox's small data, fills 30 earlier rounds with their predictions (numerai.sandbox.history), fetches the
# scores (the newest 4 rounds still pending; an alert line of 0.02 to show alerts), then screenshots the page. Needs the plugin in a local repository:
# after `./mvnw -B verify` (the invoker ITs install it into numerai-maven-plugin/target/local-repo), or give one.
#   docs/desk-screenshot.sh [local-repository]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
repo=${1:-$root/numerai-maven-plugin/target/local-repo}
# the version is the root pom's ${revision} property
version=$(sed -n 's:.*<revision>\(.*\)</revision>.*:\1:p' "$root/pom.xml" | head -1)
plugin=io.github.numeraipipeline:numerai-maven-plugin:$version
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/models"
cp "$root"/models/xgba.json "$root"/models/xgbb.json "$work/models/"
# Resolve the plugin's dependencies from the user's repository, as the ITs do (src/it/settings.xml).
cat > "$work/settings.xml" <<SETTINGS
<settings><profiles><profile><id>user-repo</id><activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>local.central</id><url>file://$HOME/.m2/repository</url></repository></repositories>
<pluginRepositories><pluginRepository><id>local.central</id><url>file://$HOME/.m2/repository</url></pluginRepository>
</pluginRepositories></profile></profiles></settings>
SETTINGS
cd "$work"
shape="-Dnumerai.sandbox -Dnumerai.dataDirectory=$work/data -Dnumerai.sandbox.features=60 -Dnumerai.sandbox.liveRows=1000 -Dnumerai.sandbox.trainEras=12"
# shellcheck disable=SC2086
"$root/mvnw" -B -q -s "$work/settings.xml" -Dmaven.repo.local="$repo" $shape "$plugin:train" "$plugin:scores" \
    -Dnumerai.sandbox.history=30 -Dnumerai.sandbox.resolveAfter=P4D -Dnumerai.scores.alertBelow=0.02
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,2200 \
    --screenshot="$root/docs/desk.png" "file://$work/target/numerai/desk.html" 2>/dev/null
echo "Wrote $root/docs/desk.png"
