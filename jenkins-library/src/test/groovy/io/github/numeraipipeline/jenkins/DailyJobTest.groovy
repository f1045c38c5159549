package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.FlowInterrupted
import org.junit.jupiter.api.Test

/** The daily job, as the timer starts it with the default configuration. */
class DailyJobTest extends LibraryTestSupport {

    static final String PLUGIN = 'io.github.numeraipipeline:numerai-maven-plugin'

    @Test
    void 'an open round runs Watch, Predict, Submit and Scores in that order, one Maven call each'() {
        timerBuild()

        assert jenkins.stagesThat('ran') == ['Daily', 'Watch', 'Predict', 'Submit', 'Scores']
        assert jenkins.called('sh')*.stage == ['Watch', 'Predict', 'Submit', 'Scores']
        assert numerai.goalsRun == ['watch', 'download', 'train', 'predict', 'submit', 'scores']
        assert jenkins.currentBuild.currentResult == 'SUCCESS'
    }

    @Test
    void 'each Maven call runs the wrapper in batch mode, once at the top folder, with the plugin coordinates'() {
        timerBuild()

        assert jenkins.shellScripts == [
            "./mvnw -B -ntp -N -Dnumerai.outputDirectory=target/numerai -Dnumerai.maxWait=PT5H " +
                "-Dnumerai.pollInterval=PT10M ${PLUGIN}:watch",
            "./mvnw -B -ntp -N -Dnumerai.outputDirectory=target/numerai -Dnumerai.train.onlyMissing=true ${PLUGIN}:download ${PLUGIN}:train ${PLUGIN}:predict",
            "./mvnw -B -ntp -N -Dnumerai.outputDirectory=target/numerai ${PLUGIN}:submit",
            "./mvnw -B -ntp -N -Dnumerai.outputDirectory=target/numerai ${PLUGIN}:scores",
        ]*.toString()
    }

    @Test
    void 'no open round ends the build NOT_BUILT, says so, and neither predicts nor submits'() {
        numerai.status = 'NO_ROUND'

        timerBuild(notify: 'desk@example.com')

        assert jenkins.currentBuild.result == 'NOT_BUILT'
        assert jenkins.currentBuild.description == 'No round open: checked 2026-05-05T16:30:00Z'
        assert jenkins.log.contains(jenkins.currentBuild.description)
        assert jenkins.stages.Predict == 'skipped (when)'
        assert jenkins.stages.Submit == 'skipped (when)'
        assert numerai.goalsRun == ['watch', 'scores']
        assert !jenkins.called('mail'): 'no round is not a failure'
        assert jenkins.called('archiveArtifacts').size() == 1
    }

    @Test
    void 'a quiet day says when it checked, how long it waited, the last round and when the next is expected'() {
        numerai.status = 'NO_ROUND'
        numerai.notOpenRecord = [status   : 'NO_ROUND', reason: 'no round opened within PT5H', round: 1297,
                                 checkedAt: '2026-12-02T11:00:04Z', waited: 'PT5H',
                                 nextExpected: '2026-12-03T12:00:00Z']

        timerBuild()

        assert jenkins.currentBuild.result == 'NOT_BUILT'
        assert jenkins.currentBuild.description == 'No round open: checked 2026-12-02T11:00:04Z after waiting PT5H; ' +
            'last round 1297; next expected 2026-12-03T12:00:00Z'
    }

    @Test
    void 'a round every model already submitted to ends NOT_BUILT, naming the round and each submission'() {
        numerai.status = 'ALREADY_SUBMITTED'
        numerai.notOpenRecord = [status     : 'ALREADY_SUBMITTED', round: 1298, checkedAt: '2026-12-03T12:01:00Z',
                                 submissions: [xgba: '3f2a9c1d-0000', xgbb: '9c1d3f2a-1111']]

        timerBuild()

        assert jenkins.currentBuild.result == 'NOT_BUILT'
        assert jenkins.currentBuild.description ==
            'Round 1298: already submitted (xgba 3f2a9c1d-0000, xgbb 9c1d3f2a-1111)'
        assert numerai.goalsRun == ['watch', 'scores']
    }

    @Test
    void 'an ALREADY_SUBMITTED record of an older plugin, without submissions, still reads as already submitted'() {
        numerai.status = 'ALREADY_SUBMITTED'
        numerai.notOpenRecord = [status: 'ALREADY_SUBMITTED', round: 1298, checkedAt: '2026-12-03T12:01:00Z']

        timerBuild()

        assert jenkins.currentBuild.result == 'NOT_BUILT'
        assert jenkins.currentBuild.description == 'Round 1298: already submitted'
    }

    @Test
    void 'any other watch status counts as no round, and is named'() {
        numerai.status = 'PAUSED'

        timerBuild()

        assert jenkins.currentBuild.result == 'NOT_BUILT'
        assert jenkins.currentBuild.description == 'No round open (PAUSED): checked 2026-05-05T16:30:00Z'
        assert numerai.goalsRun == ['watch', 'scores']
    }

    @Test
    void 'the build description names the round and each model with its submission id'() {
        timerBuild()

        assert jenkins.currentBuild.description == 'Round 1294: xgba SUBMITTED sub-xgba, xgbb SUBMITTED sub-xgbb'
    }

    @Test
    void 'post archives the predictions, the round and run records, the HTML report, the scores and the desk page'() {
        timerBuild(outputDirectory: 'out/numerai/')

        Map archive = only('archiveArtifacts').named
        assert archive.artifacts == 'out/numerai/predictions_*.csv, out/numerai/round.json, ' +
            'out/numerai/run.json, out/numerai/report.html, out/numerai/scores.json, out/numerai/desk.html'
        assert archive.allowEmptyArchive == true
        assert jenkins.shellScripts.every { it.contains('-Dnumerai.outputDirectory=out/numerai/') }
    }

    @Test
    void 'a failing goal fails the build, skips the stages after it and mails the desk'() {
        numerai.failOn = 'predict'

        timerBuild(notify: 'desk@example.com')

        assert jenkins.currentBuild.result == 'FAILURE'
        assert jenkins.stages.Predict == 'failed'
        assert jenkins.stages.Submit == 'skipped (earlier failure)'
        Map mail = only('mail').named
        assert mail.to == 'desk@example.com'
        assert mail.subject == 'Numerai: numerai-daily #7 FAILURE'
        assert mail.body.contains('Console: https://jenkins.example/job/numerai-daily/7/console')
        assert jenkins.called('archiveArtifacts').size() == 1: 'what was written is still archived'
    }

    @Test
    void 'a failure with a webhook posts JSON with curl, the URL from a Secret text credential'() {
        def hook = webhook('/services/T000/B000/token123')
        numerai.failOn = 'submit'

        timerBuild(webhookCredentialsId: 'desk-webhook')

        assert jenkins.currentBuild.result == 'FAILURE'
        assert hook.requests.size() == 1
        Map request = hook.requests[0]
        assert request.method == 'POST' && request.path == '/services/T000/B000/token123'
        assert request.contentType == 'application/json'
        assert request.body.contains('"result":"FAILURE"') && request.body.contains('"text":"numerai-daily #7: FAILURE')
        assert jenkins.called('withCredentials').last().first ==
            [[step: 'string', credentialsId: 'desk-webhook', variable: 'NUMERAI_NOTIFY_URL']]
    }

    @Test
    void 'the webhook URL is in no step argument and on no command line, curl included'() {
        def hook = webhook('/services/T000/B000/token123')
        numerai.failOn = 'predict'

        timerBuild(webhookCredentialsId: 'desk-webhook', notify: 'desk@example.com')

        assert hook.requests.size() == 1 && only('mail')
        assert realShell.commandLines*.first().contains('curl')
        List<String> texts = allCommandLines() + jenkins.log +
            jenkins.calls.collect { it.args.findAll { !(it instanceof Closure) }.toString() }
        texts.each { assert !it.contains('token123') }
    }

    @Test
    void 'a webhook that answers with an error is logged and changes nothing'() {
        webhook().status = 500
        numerai.failOn = 'watch'

        timerBuild(webhookCredentialsId: 'desk-webhook')

        assert jenkins.currentBuild.result == 'FAILURE'
        assert jenkins.log.any { it.startsWith('numeraiNotify: could not notify (webhook): script returned exit code') }
        assert jenkins.stages.Daily == 'failed'
    }

    @Test
    void 'a build aborted by the timeout notifies too'() {
        jenkins.onSh { String script, Map env ->
            if (script.contains(':watch')) {
                throw new FlowInterrupted('Timeout has been exceeded')
            }
        }

        timerBuild(notify: 'desk@example.com')

        assert jenkins.currentBuild.result == 'ABORTED'
        assert jenkins.stages.Watch == 'aborted' && jenkins.stages.Predict == 'skipped (earlier failure)'
        assert only('mail').named.subject.endsWith('ABORTED')
    }

    @Test
    void 'an abort during the notice is not swallowed: the build ends ABORTED, not as the failure it was'() {
        numerai.failOn = 'predict'
        jenkins.step('mail') { Map args -> throw new FlowInterrupted('Aborted by desk-admin') }

        timerBuild(notify: 'desk@example.com')

        assert jenkins.currentBuild.result == 'ABORTED'
        assert jenkins.log.contains('ERROR: Aborted by desk-admin')
        assert !jenkins.log.any { it.startsWith('numeraiNotify: could not notify') }
    }

    @Test
    void 'a successful build notifies nobody'() {
        timerBuild(notify: 'desk@example.com')

        assert !jenkins.called('numeraiNotify')
    }

    @Test
    void 'a failure without notify configured notifies nobody'() {
        numerai.failOn = 'watch'

        timerBuild()

        assert jenkins.currentBuild.result == 'FAILURE'
        assert !jenkins.called('numeraiNotify')
    }

    @Test
    void 'a watch goal that writes no round record fails the build, naming the file'() {
        numerai.writesRoundRecord = false

        timerBuild()

        assert jenkins.currentBuild.result == 'FAILURE'
        assert jenkins.log.contains('ERROR: numerai:watch wrote no round record at target/numerai/round.json')
        assert numerai.goalsRun == ['watch']
    }

    @Test
    void 'without a Maven wrapper in the workspace the calls use mvn from the PATH'() {
        jenkins.workspace.remove('mvnw')

        timerBuild()

        assert jenkins.shellScripts.every { it.startsWith('mvn -B -ntp -N ') }
    }
}
