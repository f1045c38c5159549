package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.PipelineError
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.Arguments
import org.junit.jupiter.params.provider.MethodSource

import static org.junit.jupiter.api.Assertions.assertThrows

/** Configuration keys are merged over documented defaults; a wrong configuration stops before any stage. */
class ConfigTest extends LibraryTestSupport {

    @Test
    void 'the defaults'() {
        assert NumeraiPipelineConfig.DEFAULTS == [
            credentialsId  : 'numerai-api',
            cron           : 'TZ=UTC\nH(0-29) 11 * * 2-6',
            agentLabel     : '',
            models         : '',
            dryRun         : false,
            sandbox        : false,
            maxWait        : 'PT5H',
            pollInterval   : 'PT10M',
            timeoutMinutes : null,
            outputDirectory: 'target/numerai',
            pluginVersion  : null,
            mavenArgs      : '',
            prepareGoals   : '',
            verifyGoals    : '',
            dailyBranch    : 'main',
            junitResults   : '**/target/surefire-reports/*.xml',
            buildsToKeep   : 60,
            notify         : '',
            webhookCredentialsId: '',
            dataDirectory  : '',
            image          : '',
            imageArgs      : '',
            modelGroups    : [],
            scores         : true
        ]
    }

    @Test
    void 'every key is documented in the help of numeraiPipeline and in the Jenkins docs'() {
        String help = new File(jenkins.root, 'vars/numeraiPipeline.txt').text
        String docs = new File(jenkins.root, 'docs/jenkins.md').text
        NumeraiPipelineConfig.DEFAULTS.keySet().each { key ->
            assert help.contains("${key}:") || help.contains("${key} ("): "numeraiPipeline.txt lacks ${key}"
            assert docs.contains("`${key}`"): "docs/jenkins.md lacks ${key}"
        }
    }

    @Test
    void 'user keys are merged over the defaults, and the timeout derives from maxWait'() {
        Map merged = NumeraiPipelineConfig.merge(models: 'xgba', maxWait: 'PT2H30M')

        assert merged.models == 'xgba'
        assert merged.credentialsId == 'numerai-api'
        assert merged.timeoutMinutes == 210
        assert NumeraiPipelineConfig.DEFAULTS.timeoutMinutes == null: 'the defaults are not changed'
    }

    @Test
    void 'the pipeline passes a merged key through to Maven'() {
        timerBuild(models: 'xgba,xgbb', pluginVersion: '1.2.0', mavenArgs: '-U')

        assert jenkins.shellScripts[0] == './mvnw -B -ntp -N -U -Dnumerai.outputDirectory=target/numerai ' +
            '-Dnumerai.models=xgba,xgbb -Dnumerai.maxWait=PT5H -Dnumerai.pollInterval=PT10M ' +
            'io.github.numeraipipeline:numerai-maven-plugin:1.2.0:watch'
    }

    @Test
    void 'a misspelt key stops the build before any stage, naming the known keys'() {
        PipelineError error = assertThrows(PipelineError) { timerBuild(credentialId: 'desk') }

        assert error.message.startsWith("numeraiPipeline: unknown key 'credentialId' (known keys: credentialsId, cron,")
        assert jenkins.stages.isEmpty() && !jenkins.called('sh')
    }

    static List<Arguments> wrongValues() {
        [
            ['credentialsId', '', "'credentialsId' is required"],
            ['cron', '', "'cron' is required and must not be empty"],
            ['outputDirectory', ' ', "'outputDirectory' is required and must not be empty"],
            ['maxWait', '5h', "'maxWait' must be an ISO-8601 duration such as PT5H or PT10M, not '5h'"],
            ['pollInterval', 'PT0S', "'pollInterval' must be an ISO-8601 duration"],
            ['dryRun', 'yes', "'dryRun' must be true or false, not 'yes'"],
            ['buildsToKeep', -1, "'buildsToKeep' must be a positive whole number, not '-1'"],
            ['timeoutMinutes', 1.5, "'timeoutMinutes' must be a positive whole number, not '1.5'"],
            ['notify', 'the desk', "'notify' must be a mail address or a comma list of them, not 'the desk'"],
            ['notify', 'https://hooks.example/T0/B0/token', "'notify' is a webhook URL, which as a step argument" +
                " anyone with Read on the job can see in the build's steps: store it as a Secret text credential" +
                ' and give its id as webhookCredentialsId'],
            ['cron', 'TZ=UTC\nH(0,29) 11 * * 2-6', "'cron' is not a cron spec Jenkins accepts (it would fail every" +
                " build before any stage): line 2 'H(0,29) 11 * * 2-6': minute 'H(0,29)': H( ) takes a range, not" +
                " a list: write H(0-29); e.g. 'TZ=UTC\\nH(0-29) 11 * * 2-6'"],
            ['cron', '0 11 * * MON-FRI', "line 1 '0 11 * * MON-FRI': day of week 'MON-FRI': not a value"]
        ].collect { Arguments.of(*it) }
    }

    @ParameterizedTest(name = '{0} = "{1}"')
    @MethodSource('wrongValues')
    void 'a wrong value stops the build with a clear error'(String key, Object value, String message) {
        PipelineError error = assertThrows(PipelineError) { timerBuild([(key): value]) }

        assert error.message.contains(message)
        assert !jenkins.called('sh')
    }

    @Test
    void 'a null required key is an error too'() {
        PipelineError error = assertThrows(PipelineError) { timerBuild(credentialsId: null) }
        assert error.message.contains("'credentialsId' is required (a Username with password credential")
    }

    @Test
    void 'a cron spec Jenkins accepts is taken as it is'() {
        timerBuild(cron: '# before the round\nH(15-45) 10 * * 2-6\nH 12 * * 2-6')

        assert only('cron').first == '# before the round\nH(15-45) 10 * * 2-6\nH 12 * * 2-6'
        assert jenkins.currentBuild.currentResult == 'SUCCESS'
    }

    @Test
    void 'a wrong cron spec stops the build before the pipeline, so Jenkins never builds a trigger from it'() {
        assertThrows(PipelineError) { timerBuild(cron: 'H(0,29) 11 * * 2-6') }

        assert !jenkins.called('pipeline') && !jenkins.called('cron')
    }

    @Test
    void 'every problem is reported at once'() {
        PipelineError error = assertThrows(PipelineError) { timerBuild(cron: '', maxWait: 'soon', verbose: true) }

        assert error.message.count(';') == 2
        assert error.message.endsWith('(see numeraiPipeline.txt)')
    }

    @Test
    void 'the kind of a notice target: a mail address (or a comma list of them), a webhook URL, or neither'() {
        assert Notification.kind('desk@example.com') == 'mail'
        assert Notification.kind('a@example.com, b@example.com') == 'mail'
        assert Notification.kind('https://hooks.example/T0/B0/x') == 'webhook'
        assert Notification.kind('ftp://example.com') == null
        assert Notification.kind('') == null
    }
}
