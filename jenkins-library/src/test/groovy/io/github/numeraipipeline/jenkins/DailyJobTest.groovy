package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.PipelineError
import org.junit.jupiter.api.Test

/** The daily job, as the timer starts it with the default configuration. */
class DailyJobTest extends LibraryTestSupport {

    static final String PLUGIN = 'io.github.numeraipipeline:numerai-maven-plugin'

    @Test
    void 'an open round runs Watch, Predict and Submit in that order, one Maven call each'() {
        timerBuild()

        assert jenkins.stagesThat('ran') == ['Watch', 'Predict', 'Submit']
        assert jenkins.called('sh')*.stage == ['Watch', 'Predict', 'Submit']
        assert numerai.goalsRun == ['watch', 'download', 'train', 'predict', 'submit']
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
        ]*.toString()
    }

    @Test
    void 'no open round ends the build NOT_BUILT, says so, and neither predicts nor submits'() {
        numerai.status = 'NO_ROUND'

        timerBuild(notify: 'desk@example.com')

        assert jenkins.currentBuild.result == 'NOT_BUILT'
        assert jenkins.currentBuild.description ==
            'No open round (NO_ROUND, checked 2026-05-05T16:30:00Z): nothing predicted or submitted'
        assert jenkins.stages.Predict == 'skipped (when)'
        assert jenkins.stages.Submit == 'skipped (when)'
        assert numerai.goalsRun == ['watch']
        assert !jenkins.called('mail'): 'no round is not a failure'
        assert jenkins.called('archiveArtifacts').size() == 1
    }

    @Test
    void 'any watch status other than OPEN counts as no round'() {
        numerai.status = 'ALREADY_SUBMITTED'

        timerBuild()

        assert jenkins.currentBuild.result == 'NOT_BUILT'
        assert jenkins.currentBuild.description.startsWith('No open round (ALREADY_SUBMITTED')
        assert numerai.goalsRun == ['watch']
    }

    @Test
    void 'the build description names the round and each model with its submission id'() {
        timerBuild()

        assert jenkins.currentBuild.description == 'Round 1294: xgba SUBMITTED sub-xgba, xgbb SUBMITTED sub-xgbb'
    }

    @Test
    void 'post archives the predictions, the round and run records and the HTML report'() {
        timerBuild(outputDirectory: 'out/numerai/')

        Map archive = only('archiveArtifacts').named
        assert archive.artifacts == 'out/numerai/predictions_*.csv, out/numerai/round.json, ' +
            'out/numerai/run.json, out/numerai/report.html'
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
    void 'a failure with a webhook posts JSON with curl, the URL only in the environment'() {
        String url = 'https://hooks.example/services/T000/B000/token123'
        numerai.failOn = 'submit'

        timerBuild(notify: url)

        assert jenkins.currentBuild.result == 'FAILURE'
        def post = jenkins.called('sh').last()
        assert post.script.contains('curl') && !post.script.contains(url)
        assert post.env.NUMERAI_NOTIFY_URL == url
        String payload = jenkins.workspace[post.env.NUMERAI_NOTIFY_PAYLOAD]
        assert payload.contains('"result":"FAILURE"') && payload.contains('"text":"numerai-daily #7: FAILURE')
    }

    @Test
    void 'a build aborted by the timeout notifies too'() {
        jenkins.onSh { String script, Map env ->
            if (script.contains(':watch')) {
                jenkins.currentBuild.result = 'ABORTED'
                throw new PipelineError('Timeout has been exceeded')
            }
        }

        timerBuild(notify: 'desk@example.com')

        assert jenkins.currentBuild.result == 'ABORTED'
        assert only('mail').named.subject.endsWith('ABORTED')
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
