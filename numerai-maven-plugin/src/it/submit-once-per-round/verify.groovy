import groovy.json.JsonSlurper

def sandbox = context.get('sandbox')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Numerai keys from environment NUMERAI_PUBLIC_ID/NUMERAI_SECRET_KEY')
    assert log.contains('Model xgba: already submitted for round 1294')
    assert log.contains('Model xgbb: already submitted for round 1294')
    assert sandbox.submissions().size() == 2 : 'one submission per model for the round, however often submit runs'
    // Even at debug level (-X on the second run), neither the secret nor the Authorization header shows.
    assert !log.contains('SANDBOX_SECRET_KEY')
    def run = new JsonSlurper().parse(new File(basedir, 'target/numerai/run.json'))
    assert run.round == 1294
    assert run.models*.status == ['SKIPPED', 'SKIPPED']
    assert run.models*.submissionId == sandbox.submissions()*.id()
    assert new File(basedir, 'target/numerai/report.html').text.contains('Numerai round 1294')
    return true
} finally {
    sandbox.close()
}
