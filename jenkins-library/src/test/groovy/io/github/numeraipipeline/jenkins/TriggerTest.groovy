package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.FakeBuild
import org.junit.jupiter.api.Test

/** What a build does depends on what started it: the timer, a person, or a change. */
class TriggerTest extends LibraryTestSupport {

    static final Map ALL_PARAMETERS = [DRY_RUN: true, FORCE: true, MODELS: 'xgba', TRAIN: true]

    @Test
    void 'a timer build runs the configuration as it is, whatever the parameters say'() {
        jenkins.params.putAll(ALL_PARAMETERS)

        timerBuild()

        assert jenkins.stages.Train == 'skipped (when)'
        jenkins.shellScripts.each { assert !(it =~ /dryRun|force|models/) }
    }

    @Test
    void 'a manual build takes DRY_RUN, FORCE, MODELS and TRAIN'() {
        manualBuild(ALL_PARAMETERS)

        assert jenkins.stagesThat('ran') == ['Daily', 'Train', 'Watch', 'Predict', 'Submit', 'Scores']
        assert numerai.goalsRun == ['download', 'train', 'watch', 'download', 'train', 'predict', 'submit', 'scores']
        jenkins.shellScripts.each { String script ->
            ['-Dnumerai.models=xgba', '-Dnumerai.dryRun=true', '-Dnumerai.force=true'].each { assert script.contains(it) }
        }
        assert jenkins.currentBuild.description == 'Round 1294 (dry run): xgba SKIPPED': 'only the chosen model'
    }

    @Test
    void 'training runs before the watch, so that it does not eat the hour the round is open'() {
        manualBuild(TRAIN: true)

        assert jenkins.called('sh')*.stage.take(2) == ['Train', 'Watch']
        assert !jenkins.called('withCredentials').any { it.stage == 'Train' }
    }

    @Test
    void 'the first manual build, before Jenkins knows the parameters, uses the configuration'() {
        manualBuild([:], dryRun: true, models: 'xgbb')

        jenkins.shellScripts.each { assert it.contains('-Dnumerai.models=xgbb') && it.contains('-Dnumerai.dryRun=true') }
        assert jenkins.stages.Train == 'skipped (when)'
    }

    @Test
    void 'with verifyGoals, a build started by a change runs the tests and publishes JUnit instead of the daily job'() {
        jenkins.currentBuild.causes << FakeBuild.BRANCH

        jenkins.run('numeraiPipeline', [verifyGoals: 'verify'])

        assert jenkins.stagesThat('ran') == ['Verify']
        assert jenkins.shellScripts == ['./mvnw -B -ntp verify']
        assert only('junit').named == [testResults: '**/target/surefire-reports/*.xml', allowEmptyResults: true]
        assert !jenkins.called('withCredentials') && !jenkins.called('archiveArtifacts')
        assert numerai.goalsRun.empty
    }

    @Test
    void 'with verifyGoals, a timer build is still the daily job'() {
        timerBuild(verifyGoals: 'verify')

        assert jenkins.stagesThat('ran') == ['Daily', 'Watch', 'Predict', 'Submit', 'Scores']
    }

    @Test
    void 'with verifyGoals, a manual build is still the daily job'() {
        manualBuild([:], verifyGoals: 'verify')

        assert jenkins.stagesThat('ran') == ['Daily', 'Watch', 'Predict', 'Submit', 'Scores']
    }

    @Test
    void 'without verifyGoals, a build started by anything else is the daily job'() {
        jenkins.currentBuild.causes << FakeBuild.BRANCH

        jenkins.run('numeraiPipeline', [:])

        assert jenkins.stagesThat('ran') == ['Daily', 'Watch', 'Predict', 'Submit', 'Scores']
    }

    @Test
    void 'prepareGoals run before Train and Watch, as written, without credentials'() {
        manualBuild([TRAIN: true], prepareGoals: 'install -DskipTests -pl numerai-maven-plugin -am',
                pluginVersion: '0.1.0-SNAPSHOT')

        assert jenkins.stagesThat('ran') == ['Daily', 'Prepare', 'Train', 'Watch', 'Predict', 'Submit', 'Scores']
        assert jenkins.shellScripts[0] == './mvnw -B -ntp install -DskipTests -pl numerai-maven-plugin -am'
        assert jenkins.shellScripts[1].endsWith('numerai-maven-plugin:0.1.0-SNAPSHOT:train')
        assert jenkins.called('withCredentials')*.stage == ['Watch', 'Submit', 'Scores']
    }

    @Test
    void 'in a multibranch job only the daily branch gets the timer and the daily job'() {
        jenkins.env.BRANCH_NAME = 'main'

        timerBuild(verifyGoals: 'verify')

        assert only('cron').first == NumeraiPipelineConfig.DEFAULTS.cron
        assert jenkins.stagesThat('ran') == ['Daily', 'Watch', 'Predict', 'Submit', 'Scores']
    }

    @Test
    void 'another branch or a pull request never submits: no timer, and even a manual build only verifies'() {
        jenkins.env.BRANCH_NAME = 'PR-12'

        manualBuild([DRY_RUN: false], verifyGoals: 'verify')

        assert only('cron').first == ''
        assert jenkins.stagesThat('ran') == ['Verify']
        assert numerai.goalsRun.empty
    }

    @Test
    void 'another branch without verifyGoals does nothing and ends NOT_BUILT, saying why'() {
        jenkins.env.BRANCH_NAME = 'feature/x'
        jenkins.currentBuild.causes << FakeBuild.BRANCH

        jenkins.run('numeraiPipeline', [:])

        assert jenkins.stagesThat('ran').empty && !jenkins.called('sh')
        assert jenkins.currentBuild.result == 'NOT_BUILT'
        assert jenkins.currentBuild.description ==
            'Branch feature/x: the daily job runs on main only, and verifyGoals is not set'
    }
}
