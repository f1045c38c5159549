package io.github.numeraipipeline.jenkins

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
        assert fields[0] == 'H(0,29)' && fields[1] == '11': 'between 11:00 and 11:29 UTC, at least 30 minutes early'
        assert fields[2..3] == ['*', '*']
        assert fields[4] == '2-6': 'rounds open Tuesday to Saturday'
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
    void 'stages are defined in the order Verify, Prepare, Train, Watch, Predict, Submit'() {
        timerBuild()

        assert jenkins.stages.keySet().toList() == ['Verify', 'Prepare', 'Train', 'Watch', 'Predict', 'Submit']
    }

    @Test
    void 'the agent label comes from the configuration'() {
        timerBuild(agentLabel: 'linux && numerai')

        assert only('label').first == 'linux && numerai'
        assert only('label').section == 'agent'
    }
}
