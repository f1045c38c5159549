import groovy.json.JsonSlurper
import io.github.numeraipipeline.numerai.io.Sha256
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions

def sandbox = context.get('sandbox')
def nextDay = context.get('nextDay')
try {
    def log = new File(basedir, 'build.log').text
    def out = new File(basedir, 'target/numerai')
    def boosters = new File(basedir, 'target/data/boosters')
    def models = ['lgba', 'xgba', 'xgbb']
    // each library's own model file: LightGBM's text format, XGBoost's JSON
    def boosterFile = [lgba: 'lgba.model.txt', xgba: 'xgba.model.json', xgbb: 'xgbb.model.json']
    def today = SandboxOptions.defaults().roundNumber()

    // First run: trained the missing boosters into the data directory (never beside the configs), predicted,
    // submitted the three models, the LightGBM one as the XGBoost ones.
    models.each { model ->
        def file = boosterFile[model]
        assert log =~ /Model ${model} has no booster: none beside its config .* training it into .*target.data.boosters/
        assert log =~ /Trained ${model}: booster \S*target.data.boosters.${java.util.regex.Pattern.quote(file)}/
        assert !new File(basedir, "models/${file}").exists() : 'models/ is for boosters the desk brings'
        def manifest = new JsonSlurper().parse(new File(boosters, "${model}.manifest.json"))
        assert manifest.files.booster.sha256 == Sha256.of(new File(boosters, file).toPath())
    }
    assert new JsonSlurper().parse(new File(boosters, 'lgba.manifest.json')).training.matrix == 'lightgbm-dataset'
    assert new File(boosters, 'lgba.model.txt').text.startsWith('tree\nversion=v4\n')
    assert log =~ /lgba\s+SUBMITTED/ && log =~ /xgba\s+SUBMITTED/ && log =~ /xgbb\s+SUBMITTED/
    def submissions = sandbox.submissions()
    assert submissions.size() == 3 : 'one submission per model, the second run added none'
    assert submissions*.modelId() == models.collect { sandbox.modelIds()[it] }

    // Second run, same day: the watch saw every model submitted for the round; the rest skipped.
    assert log.contains('Every model (lgba, xgba, xgbb) already has a submission for round ' + today)

    // Third run, the next day: nothing trained again, every model predicted with the boosters the first run
    // trained, and submitted to the new round.
    models.each { model ->
        assert (log =~ /Trained ${model}: booster/).count == 1 : "${model} was trained once, on the first day"
        assert log =~ /Model ${model}: booster \S*target.data.boosters.${java.util.regex.Pattern.quote(boosterFile[model])} \(trained by the desk\) is there; not training/
    }
    def nextSubmissions = nextDay.submissions()
    assert nextSubmissions*.modelId() == models.collect { nextDay.modelIds()[it] }
    assert nextSubmissions.every { it.round() == today + 1 }
    def run = new JsonSlurper().parse(new File(out, 'run.json'))
    assert run.round == today + 1
    models.eachWithIndex { model, i ->
        assert Arrays.equals(nextSubmissions[i].bytes(), new File(out, "predictions_${model}.csv").bytes)
        def booster = new File(boosters, boosterFile[model])
        // The run record and predictions.json name the booster each model's predictions came from.
        assert run.boosters[model].file == booster.toPath().toAbsolutePath().normalize().toString()
        assert run.boosters[model].origin == 'trained'
        assert run.boosters[model].sha256 == Sha256.of(booster.toPath())
        def predicted = new JsonSlurper().parse(new File(out, 'predictions.json')).predictions.find { it.name == model }
        assert predicted.booster.file == booster.toPath().toAbsolutePath().normalize().toString()
    }
    assert new File(out, 'report.html').text.contains('<h2>Boosters</h2>')
    assert new JsonSlurper().parse(new File(out, 'round.json')).status == 'OPEN'

    // No secret in any log, record, report or other file the runs left; no signed URL shown whole.
    def leaks = [new File(basedir, 'build.log')]
    new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { leaks << it }
    leaks.each { file ->
        def bytes = new String(file.bytes, 'ISO-8859-1')
        assert !bytes.contains('SANDBOX_SECRET_KEY') : "the secret is in ${file}"
        assert !bytes.contains('X-Amz-Signature=') : "a signed URL is in ${file}"
    }
    assert leaks.size() > 10
    return true
} finally {
    sandbox.close()
    nextDay.close()
}
