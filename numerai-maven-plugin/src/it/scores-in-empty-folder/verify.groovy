import groovy.json.JsonSlurper

def sandbox = context.get('sandbox')
try {
    def log = new File(basedir, 'build.log').text
    int today = sandbox.roundNumber()
    def history = new JsonSlurper().parse(new File(basedir, 'target/data/scores.json'))
    def xgba = history.models.xgba
    assert xgba.entries*.roundNumber.unique() == [today - 3, today - 1]
    assert xgba.entries.every { it.value instanceof Number && it.resolved }
    assert xgba.missedRounds == [today - 2]
    assert history.alerts == [[model: 'xgba', kind: 'missed',
                               message: "xgba missed round ${today - 2} (no submission while it was open)".toString()]]
    assert log.contains("[WARNING] Scores alert: xgba missed round ${today - 2}")
    assert log.contains('Numerai keys from environment')
    def desk = new File(basedir, 'target/numerai/desk.html').text
    assert desk.contains('<line class="missed"') && desk.contains('Alerts')
    assert log.contains('BUILD SUCCESS')
    assert sandbox.requests().any { it.query().contains('submissionScores') && it.variables().lastNRounds == 60 }
    return true
} finally {
    sandbox.close()
}
