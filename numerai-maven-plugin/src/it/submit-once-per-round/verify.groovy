import groovy.json.JsonSlurper

def sandbox = context.get('sandbox')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Numerai keys from environment NUMERAI_PUBLIC_ID/NUMERAI_SECRET_KEY')
    assert log.contains('Model xgba: already submitted for round 1294')
    assert log.contains('Model xgbb: already submitted for round 1294')
    assert log.contains('Skipping numerai:submit: Every model (xgba, xgbb) already has a submission for round 1294')
    assert sandbox.submissions().size() == 2 : 'one submission per model for the round, however often submit runs'
    // Even at debug level (-X on the second run), neither the secret nor the Authorization header shows.
    assert !log.contains('SANDBOX_SECRET_KEY')
    def round = new JsonSlurper().parse(new File(basedir, 'target/numerai/round.json'))
    assert round.status == 'ALREADY_SUBMITTED' && round.round == 1294
    assert round.submissions.keySet() == ['xgba', 'xgbb'] as Set
    assert round.submissions.values() as Set == sandbox.submissions()*.id() as Set
    def run = new JsonSlurper().parse(new File(basedir, 'target/numerai/run.json'))
    assert run.round == 1294
    assert run.steps*.goal == ['watch', 'submit'] && run.steps*.status == ['done', 'skipped']
    def report = new File(basedir, 'target/numerai/report.html').text
    assert report.contains('<h1>Round 1294: already submitted</h1>')
    round.submissions.values().each { id -> assert report.contains("<code>${id}</code>") }
    return true
} finally {
    sandbox.close()
}
