import groovy.json.JsonSlurper
import io.github.numeraipipeline.numerai.sandbox.SandboxCalendar
import java.time.LocalDate
import java.time.ZoneOffset

def log = new File(basedir, 'build.log').text
assert log =~ /Training xgba|Trained xgba/
assert log.contains('every 4th era')

// Boosters trained on the sandbox's made-up data live in the sandbox's folder, never beside the configs.
def sandboxFolders = new File(basedir, 'target/data/sandbox').listFiles()
assert sandboxFolders.size() == 1
def boosters = new File(sandboxFolders[0], 'boosters')
['xgba', 'xgbb'].each { name ->
    assert !new File(basedir, "models/${name}.model.json").exists()
    assert new File(boosters, "${name}.model.json").length() > 0
    def manifest = new JsonSlurper().parse(new File(boosters, "${name}.manifest.json"))
    assert manifest.files.booster.sha256 ==~ /[0-9a-f]{64}/
    assert manifest.training.eraStep == 4
    def report = new File(basedir, "target/numerai/reports/${name}.html").text
    assert report.contains('<svg') && !report.contains('<script')
    def csv = new File(basedir, "target/numerai/predictions_${name}.csv").readLines()
    assert csv[0] == 'id,prediction'
    assert csv.size() == 6721
}

def record = new JsonSlurper().parse(new File(basedir, 'target/numerai/predictions.json'))
assert record.transform == 'rank'
assert record.round == SandboxCalendar.NUMERAI_LIKE.roundOn(LocalDate.now(ZoneOffset.UTC))
assert record.predictions*.name == ['xgba', 'xgbb']
assert record.predictions.every { it.rows == 6720 && it.sha256 ==~ /[0-9a-f]{64}/ }
assert record.failures.isEmpty()
