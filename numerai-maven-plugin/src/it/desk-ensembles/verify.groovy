import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/numerai')
def slots = ['xgba', 'xgbb', 'ens', 'xgbn', 'xgbq', 'mix']

// Boosters are trained for the configs that have one (the internal member too), never for an ensemble.
['xgba', 'xgbb', 'xgbn', 'xgbq', 'inner'].each { assert log =~ /Trained ${it}: booster/ }
['ens', 'mix'].each { assert !(log =~ /Trained ${it}/) }
assert log =~ /Model xgbq: training on \d+ rows .* target target_ender_20/

// Every slot predicted, checked and submitted once; the internal member has neither file nor submission.
def record = new JsonSlurper().parse(new File(out, 'predictions.json'))
assert record.failures.isEmpty()
assert record.predictions*.name as Set == slots as Set
assert !new File(out, 'predictions_inner.csv').exists()
slots.each { assert log =~ /${it}\s+SUBMITTED/ }
assert !(log =~ /inner\s+SUBMITTED/)
assert log.contains('Model inner: 600 predictions, internal ("submit": false)')

def read = { String name, File dir = out ->
    def lines = new File(dir, "predictions_${name}.csv").readLines().drop(1)
    [lines.collect { it.split(',')[0] }, lines.collect { it.split(',')[1] as double }]
}
// Tie-kept ranks by sorting, independently of the plugin's code: (average 1-based rank - 0.5) / n.
def ranks = { List<Double> values ->
    def order = (0..<values.size()).toList().sort { values[it] }
    def result = new double[values.size()]
    int i = 0
    while (i < order.size()) {
        int j = i
        while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) { j++ }
        double rank = (i + j) / 2.0 + 1
        (i..j).each { result[order[it]] = (rank - 0.5) / values.size() }
        i = j + 1
    }
    result as List
}

// ens = rank(0.5 rank(xgba) + 0.5 rank(xgbb)), to 1e-6
def (idsA, a) = read('xgba')
def (idsB, b) = read('xgbb')
def (idsE, e) = read('ens')
assert idsA == idsB && idsA == idsE
def ra = ranks(a)
def rb = ranks(b)
def expected = ranks((0..<a.size()).collect { 0.5 * ra[it] + 0.5 * rb[it] })
(0..<e.size()).each { assert Math.abs(expected[it] - e[it]) < 1e-6 : "ens row ${it}: ${e[it]} != ${expected[it]}" }

// xgba and xgbb alone (second invocation) are the same bytes as in the run with the ensembles and neutralization.
['xgba', 'xgbb'].each {
    assert Arrays.equals(new File(basedir, "target/alone/predictions_${it}.csv").bytes,
            new File(out, "predictions_${it}.csv").bytes) : it
}
// The neutralized files are ranks of 600 rows like the others.
['xgbn', 'mix'].each {
    def (ids, values) = read(it)
    assert values.size() == 600 && values.every { v -> v > 0 && v < 1 }
}
// The validation report of a model that asks for it has feature-neutral correlation per era and summarized.
def report = new JsonSlurper().parse(new File(out, 'reports/xgbn.json'))
assert report.eras.every { it.fnc instanceof Number }
assert report.numeraiCorr.fncMean instanceof Number
assert new File(out, 'reports/xgbn.html').text.contains('mean feature-neutral corr')
assert !new JsonSlurper().parse(new File(out, 'reports/xgba.json')).numeraiCorr.containsKey('fncMean')
// Ensembles and neutralized models get a validation report like any model: what the desk submits, scored.
['ens', 'mix', 'xgbn'].each {
    def scored = new JsonSlurper().parse(new File(out, "reports/${it}.json"))
    assert scored.eras.size() > 0 && scored.numeraiCorr.mean instanceof Number : it
    assert log =~ /Validation report of ${it}: /
}
// MMC and BMC where a config asks for them (xgbn: all four metrics; the ensemble: mmc and bmc): per era against
// the sandbox's meta model (from the second validation era on) and the v5.2 benchmark of the target.
['xgbn', 'ens'].each { name ->
    def scored = new JsonSlurper().parse(new File(out, "reports/${name}.json"))
    assert scored.eras[0].mmc == null : "${name}: the meta model starts after the first validation era"
    assert scored.eras.drop(1).every { it.mmc instanceof Number } : name
    assert scored.eras.every { it.bmc instanceof Number } : name
    assert scored.numeraiCorr.mmcMean instanceof Number && scored.numeraiCorr.bmcSharpe instanceof Number : name
    assert scored.numeraiCorr.mmcEras == scored.eras.size() - 1 : name
    def html = new File(out, "reports/${name}.html").text
    assert html.contains('<th>mmc</th><th>bmc</th>') && html.contains('mean mmc (vs meta model)') : name
}
assert new File(out, 'reports/xgbn.html').text.contains('<th>feature-neutral corr</th><th>mmc</th><th>bmc</th>')
def xgbaReport = new JsonSlurper().parse(new File(out, 'reports/xgba.json'))
assert !xgbaReport.numeraiCorr.containsKey('mmcMean') && !xgbaReport.eras[0].containsKey('mmc')
// The files are downloaded only for the version whose configs ask: v5.2, not v5.0, v5.1 or v5.3.
def cache = new File(basedir, 'target/data/sandbox').listFiles().find { it.isDirectory() }
assert new File(cache, 'v5.2/meta_model.parquet').isFile() && new File(cache, 'v5.2/validation_benchmark_models.parquet').isFile()
['v5.0', 'v5.1', 'v5.3'].each { assert !new File(cache, "${it}/meta_model.parquet").exists() : it }
// The neutralized model's manifest keeps the booster's own numbers and adds those of what is submitted.
def manifest = new JsonSlurper().parse(new File(cache, 'boosters/xgbn.manifest.json'))
assert manifest.validation.mean instanceof Number && manifest.neutralizedValidation.proportion == 0.5
assert manifest.neutralizedValidation.mean == new JsonSlurper().parse(new File(out, 'reports/xgbn.json')).numeraiCorr.mean
assert manifest.neutralizedValidation.mmcMean instanceof Number
// How alike the models are: every pair of the desk's seven configs, per era; an ensemble resembles its members.
def correlations = new JsonSlurper().parse(new File(out, 'reports/model-correlations.json'))
assert correlations.models as Set == (slots + ['inner']) as Set
assert correlations.pairs.size() == 21
def pair = { x, y -> correlations.pairs.find { it.a == x && it.b == y || it.a == y && it.b == x } }
assert pair('xgba', 'ens').eras.size() > 0 && pair('xgba', 'ens').eras.every { it.corr instanceof Number }
assert pair('xgba', 'ens').mean > pair('xgba', 'xgbq').mean
assert new File(out, 'reports/model-correlations.html').text.contains('<th>xgba / xgbb</th>')
assert log =~ /How alike the models are on validation: /
return true
