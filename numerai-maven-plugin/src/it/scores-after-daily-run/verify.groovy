import groovy.json.JsonSlurper
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec
import io.github.numeraipipeline.numerai.scoring.NumeraiCorr

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/numerai')
def models = ['xgba', 'xgbb']
def today = new JsonSlurper().parse(new File(out, 'round.json')).round
assert log =~ /xgba\s+SUBMITTED/ && log =~ /xgbb\s+SUBMITTED/
models.each { assert log.contains("Sandbox history: ${it} submitted to 3 earlier round(s)") }

// scores.json lives in the (sandbox's folder of the) data directory, with a copy beside the report for Jenkins.
def kept = new File(basedir, 'target/data/sandbox').listFiles()[0]
def history = new JsonSlurper().parse(new File(kept, 'scores.json'))
def copy = new JsonSlurper().parse(new File(out, 'scores.json'))
assert copy.models == history.models
models.each { model ->
    def entries = history.models[model].entries
    assert entries*.roundNumber.unique().sort() == ((today - 3)..today).toList()
    assert entries*.displayName.unique().sort() == ['CORR20', 'MMC', 'payout']
    entries.each { e ->
        assert e.keySet().toList() == ['roundNumber', 'displayName', 'version', 'value', 'percentile', 'day', 'date',
                                       'resolved', 'resolveDate']
        assert e.value instanceof Number && e.percentile instanceof Number
        assert e.resolved == (e.roundNumber <= today - 2) : "resolveAfter P2D: ${e}"
    }
    assert history.models[model].missedRounds == []
}
assert copy.alerts == [] : 'the first run raised no alert'
models.each { assert log =~ /${it}: 12 score\(s\) of 2 resolved and 2 pending round\(s\)/ }

// The scores are the predictions' own: today's CORR20 is numerai_corr of the submitted file against the round's
// hidden target.
def spec = SyntheticDatasetSpec.defaults().withGoalShape(60, 300, 8)
def truth = new SyntheticDataset(spec).liveTruth(today)
models.each { model ->
    def byId = [:]
    new File(out, "predictions_${model}.csv").readLines().drop(1).each { line ->
        def (id, value) = line.split(',')
        byId[id] = value as double
    }
    double[] predictions = truth.ids().collect { byId[it] } as double[]
    def expected = NumeraiCorr.of(predictions, truth.target())
    def reported = history.models[model].entries.find { it.roundNumber == today && it.displayName == 'CORR20' }.value
    assert Math.abs(expected - reported) < 1e-9 : "${model}: ${reported} vs numerai_corr ${expected}"
    // payout: Numerai's formula on the sandbox's nominal stake, 100 NMR * clip(corr * 0.5 + mmc * 2.0, +-0.05)
    def mmc = history.models[model].entries.find { it.roundNumber == today && it.displayName == 'MMC' }.value
    def payout = history.models[model].entries.find { it.roundNumber == today && it.displayName == 'payout' }.value
    assert Math.abs(payout - 100 * Math.max(-0.05d, Math.min(0.05d, reported * 0.5 + mmc * 2.0))) < 1e-9
}
def corrs = models.collect { m -> history.models[m].entries.findAll { it.displayName == 'CORR20' }*.value }
assert corrs[0] != corrs[1] : 'two models, two sets of scores'

// desk.html: a chart per model and metric, no script; the run report links it.
def desk = new File(out, 'desk.html').text
assert (desk =~ /<svg /).count == 6 : 'CORR20, MMC and payout of two models'
assert desk.contains('<rect class="resolved"') && desk.contains('<rect class="pending"')
assert !desk.contains('<script')
assert new File(out, 'report.html').text.contains('href="desk.html"')

// The later run: the sandbox's state survived, the history is whole, the alert is a warning and the build passed.
def later = new JsonSlurper().parse(new File(basedir, 'target/later/scores.json'))
models.each { assert later.models[it].entries.size() == history.models[it].entries.size() }
assert later.alerts*.kind.unique() == ['below']
assert log =~ /\[WARNING\] Scores alert: xgba: mean CORR20 v5 of the last 2 resolved rounds is -?0\.\d{4}, below 1\.0/
assert new File(basedir, 'target/later/desk.html').text.contains('Alerts')
assert !log.contains('BUILD FAILURE')
return true
