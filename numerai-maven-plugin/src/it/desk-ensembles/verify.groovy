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
return true
