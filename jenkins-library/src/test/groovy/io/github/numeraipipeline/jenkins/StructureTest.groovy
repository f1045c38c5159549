package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.FakeBuild
import io.github.numeraipipeline.jenkins.harness.StepCall
import org.junit.jupiter.api.Test

/** The declarative directives: trigger, options, parameters, agent, stages. */
class StructureTest extends LibraryTestSupport {

    @Test
    void 'the timer wakes the job in UTC, Tuesday to Saturday, before the round opens at 12:00 UTC'() {
        timerBuild()

        StepCall cron = only('cron')
        assert cron.section == 'triggers'
        List<String> lines = (cron.first as String).readLines()
        assert lines[0] == 'TZ=UTC'
        List<String> fields = lines[1].tokenize()
        assert fields[0] == 'H(0-29)' && fields[1] == '11': 'between 11:00 and 11:29 UTC, at least 30 minutes early'
        assert fields[2..3] == ['*', '*']
        assert fields[4] == '2-6': 'rounds open Tuesday to Saturday'
        assert CronSpec.problems(cron.first as String).empty: 'a spec Jenkins parses'
    }

    @Test
    void 'a configured cron spec replaces the default'() {
        timerBuild(cron: 'TZ=UTC\n30 10 * * 2-6')

        assert only('cron').first == 'TZ=UTC\n30 10 * * 2-6'
    }

    @Test
    void 'options: no concurrent builds, timestamps, a build discarder, a timeout an hour above the watch max wait'() {
        timerBuild()

        List<StepCall> options = jenkins.calls.findAll { it.section == 'options' }
        assert options*.name == ['disableConcurrentBuilds', 'timeout', 'timestamps', 'logRotator', 'buildDiscarder']
        assert only('timeout').named == [time: 360, unit: 'MINUTES']
        assert only('logRotator').named == [numToKeepStr: '60']
    }

    @Test
    void 'the timeout follows maxWait unless given'() {
        timerBuild(maxWait: 'PT8H')

        assert only('timeout').named.time == 540
        assert jenkins.shellScripts[0].contains('-Dnumerai.maxWait=PT8H')
    }

    @Test
    void 'a given timeout wins over the derived one, as a whole number of minutes'() {
        timerBuild(timeoutMinutes: '90')

        assert only('timeout').named.time == 90
        assert only('timeout').named.time instanceof Integer
    }

    @Test
    void 'a manual build offers DRY_RUN, FORCE, MODELS and TRAIN, defaulting to the configuration'() {
        timerBuild(dryRun: true, models: 'xgba')

        Map parameters = jenkins.calls.findAll { it.section == 'parameters' }.collectEntries {
            [it.named.name, [it.name, it.named.defaultValue]]
        }
        assert parameters == [DRY_RUN: ['booleanParam', true], FORCE: ['booleanParam', false],
                              MODELS : ['string', 'xgba'], TRAIN: ['booleanParam', false]]
    }

    @Test
    void 'stages: Verify, then Daily holding Prepare, Train, Watch, Predict, Submit and Scores'() {
        timerBuild()

        assert jenkins.stages.keySet().toList() ==
            ['Verify', 'Daily', 'Prepare', 'Train', 'Watch', 'Predict', 'Submit', 'Scores']
    }

    @Test
    void 'the pipeline has no agent of its own, Verify and Daily take the configured label'() {
        timerBuild(agentLabel: 'linux && numerai')

        assert jenkins.called('agent')*.first.findAll { !(it instanceof Closure) } == ['agent none']
        List<StepCall> labels = jenkins.called('label')
        assert labels*.first == ['linux && numerai', 'linux && numerai']
        assert labels.every { it.section == 'agent' }
    }

    @Test
    void 'the stages of the daily job run on one agent, in one workspace, and archive from it'() {
        timerBuild(agentLabel: 'numerai')

        assert mavenCalls()*.node == ['numerai'] * 4
        assert mavenCalls()*.env*.WORKSPACE.unique().size() == 1
        assert only('archiveArtifacts').node == 'numerai'
    }

    @Test
    void 'with no agent online the timeout ends the build, ABORTED, and the desk is told'() {
        jenkins.agentsOnline = [] as Set

        timerBuild(notify: 'desk@example.com', timeoutMinutes: 30)

        assert jenkins.currentBuild.result == 'ABORTED'
        assert jenkins.stages.Daily == 'aborted'
        assert jenkins.log.contains('ERROR: Timeout has been exceeded')
        assert only('mail').named.subject == 'Numerai: numerai-daily #7 ABORTED'
        assert only('mail').node == null: 'the mail needs no agent'
        assert !jenkins.called('sh')
    }

    @Test
    void 'with no agent of the label online, a change that only verifies is aborted by the timeout too'() {
        jenkins.agentsOnline = ['other'] as Set
        jenkins.currentBuild.causes << FakeBuild.BRANCH

        jenkins.run('numeraiPipeline', [verifyGoals: 'verify', agentLabel: 'numerai'])

        assert jenkins.currentBuild.result == 'ABORTED'
        assert jenkins.stages.Verify == 'aborted'
        assert jenkins.stages.Daily == 'skipped (earlier failure)'
    }

    @Test
    void 'a skipped stage takes no agent: when is checked before the agent'() {
        timerBuild(verifyGoals: 'verify', agentLabel: 'numerai')

        assert jenkins.stages.Verify == 'skipped (when)'
        assert jenkins.allocations == [[stage: 'Daily', label: 'numerai']]
    }
}
