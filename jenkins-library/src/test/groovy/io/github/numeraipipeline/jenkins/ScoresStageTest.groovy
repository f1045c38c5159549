package io.github.numeraipipeline.jenkins

import org.junit.jupiter.api.Test

/** The Scores stage: numerai:scores after Submit and on quiet days; its alerts make the build UNSTABLE. */
class ScoresStageTest extends LibraryTestSupport {

    static final List<Map> MISSED = [[model: 'xgba', kind: 'missed',
                                      message: 'xgba missed round 1293 (no submission while it was open)']]

    @Test
    void 'Scores runs after Submit with the keys, and without alerts the build stays SUCCESS and no one is told'() {
        timerBuild(notify: 'desk@example.com')

        assert jenkins.stagesThat('ran')[-2..-1] == ['Submit', 'Scores']
        assert numerai.goalsRun[-1] == 'scores'
        assert numerai.keysFound.find { it.goal == 'scores' }.publicId == PUBLIC_ID
        assert jenkins.currentBuild.currentResult == 'SUCCESS'
        assert jenkins.currentBuild.description == 'Round 1294: xgba SUBMITTED sub-xgba, xgbb SUBMITTED sub-xgbb'
        assert !jenkins.called('mail')
    }

    @Test
    void 'an alert makes the build UNSTABLE, with the alert in the description, a warning on Scores and the mail'() {
        numerai.scoreAlerts = MISSED

        timerBuild(notify: 'desk@example.com')

        assert jenkins.currentBuild.result == 'UNSTABLE'
        assert jenkins.currentBuild.description == 'Round 1294: xgba SUBMITTED sub-xgba, xgbb SUBMITTED sub-xgbb;' +
            ' alerts: xgba missed round 1293 (no submission while it was open)'
        assert jenkins.warnings == [[stage  : 'Scores',
                                     message: 'numerai:scores: xgba missed round 1293 (no submission while it was open)']]
        assert jenkins.log.contains('WARNING: numerai:scores: xgba missed round 1293 (no submission while it was open)')
        Map mail = only('mail').named
        assert mail.subject == 'Numerai: numerai-daily #7 UNSTABLE'
        assert mail.body.contains('Result:  UNSTABLE')
        assert mail.body.contains('alerts: xgba missed round 1293')
        assert jenkins.called('archiveArtifacts').size() == 1
    }

    @Test
    void 'on a day without a round Scores still runs, then the build ends NOT_BUILT'() {
        numerai.status = 'NO_ROUND'

        timerBuild(notify: 'desk@example.com')

        assert numerai.goalsRun == ['watch', 'scores']
        assert jenkins.stages.Scores == 'ran'
        assert jenkins.currentBuild.result == 'NOT_BUILT'
        assert jenkins.currentBuild.description == 'No round open: checked 2026-05-05T16:30:00Z'
        assert !jenkins.called('mail')
    }

    @Test
    void 'on a day without a round an alert makes the build UNSTABLE rather than NOT_BUILT'() {
        numerai.status = 'NO_ROUND'
        numerai.scoreAlerts = [[model: 'xgbb', kind: 'below',
                                message: 'xgbb: mean CORR20 v5 of the last 20 resolved rounds is -0.0031, below 0.0']]

        timerBuild(notify: 'desk@example.com')

        assert jenkins.currentBuild.result == 'UNSTABLE'
        assert jenkins.currentBuild.description == 'No round open: checked 2026-05-05T16:30:00Z; alerts: xgbb: mean' +
            ' CORR20 v5 of the last 20 resolved rounds is -0.0031, below 0.0'
        assert only('mail').named.body.contains('below 0.0')
    }

    @Test
    void 'a scores goal that fails is an error: the build fails and the failure mail goes out'() {
        numerai.failOn = 'scores'

        timerBuild(notify: 'desk@example.com')

        assert jenkins.currentBuild.result == 'FAILURE'
        assert jenkins.stages.Scores == 'failed'
        assert only('mail').named.subject == 'Numerai: numerai-daily #7 FAILURE'
    }

    @Test
    void 'a scores goal that fails on a quiet day still fails the build, not NOT_BUILT'() {
        numerai.status = 'NO_ROUND'
        numerai.failOn = 'scores'

        timerBuild()

        assert jenkins.currentBuild.result == 'FAILURE'
    }

    @Test
    void 'scores false leaves the stage out, and a quiet day is NOT_BUILT as before'() {
        numerai.status = 'NO_ROUND'

        timerBuild(scores: false)

        assert jenkins.stages.Scores == 'skipped (when)'
        assert numerai.goalsRun == ['watch']
        assert jenkins.currentBuild.result == 'NOT_BUILT'
    }

    @Test
    void 'scores must be a boolean'() {
        List<String> problems = NumeraiPipelineConfig.problems(scores: 'yes')

        assert problems.any { it.contains("'scores'") }
    }
}
