package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.PipelineError
import org.junit.jupiter.api.Test

import static org.junit.jupiter.api.Assertions.assertThrows

/** numeraiMaven: one Maven call, the wrapper when present, batch mode, credentials when asked. */
class NumeraiMavenTest extends LibraryTestSupport {

    @Test
    void 'a numerai goal runs by its plugin coordinates with the wrapper, in batch mode, non-recursively'() {
        jenkins.runOnAgent('numeraiMaven', [goals: 'predict'])

        assert jenkins.shellScripts == ['./mvnw -B -ntp -N io.github.numeraipipeline:numerai-maven-plugin:predict']
        assert only('sh').named.label == 'mvn predict'
    }

    @Test
    void 'without a wrapper in the workspace it runs mvn'() {
        jenkins.workspace.remove('mvnw')

        jenkins.runOnAgent('numeraiMaven', [goals: ['download', 'predict'], pluginVersion: '0.3.0'])

        assert jenkins.shellScripts == ['mvn -B -ntp -N io.github.numeraipipeline:numerai-maven-plugin:0.3.0:download ' +
                                            'io.github.numeraipipeline:numerai-maven-plugin:0.3.0:predict']
    }

    @Test
    void 'other goals and phases are passed as written, and the reactor is not limited'() {
        jenkins.runOnAgent('numeraiMaven', [goals: 'clean verify', mavenArgs: '-T 2'])

        assert jenkins.shellScripts == ['./mvnw -B -ntp -T 2 clean verify']
    }

    @Test
    void 'properties become -D options, quoted where the shell would split them'() {
        jenkins.runOnAgent('numeraiMaven', [goals: 'predict', properties: ['numerai.models': "a b,it's", 'numerai.dryRun': true]])

        assert jenkins.shellScripts[0] == "./mvnw -B -ntp -N '-Dnumerai.models=a b,it'\"'\"'s' -Dnumerai.dryRun=true " +
            'io.github.numeraipipeline:numerai-maven-plugin:predict'
    }

    @Test
    void 'with a credentialsId the call runs inside withCredentials, without one it does not'() {
        jenkins.runOnAgent('numeraiMaven', [goals: 'submit', credentialsId: 'numerai-api'])
        jenkins.runOnAgent('numeraiMaven', [goals: 'predict'])

        assert jenkins.called('withCredentials').size() == 1
        assert jenkins.called('sh')*.env*.NUMERAI_SECRET_KEY == [SECRET_KEY, null]
    }

    @Test
    void 'watch without a credential, on an agent whose environment has no keys, fails as the plugin does'() {
        assertThrows(PipelineError) { jenkins.runOnAgent('numeraiMaven', [goals: 'watch']) }

        assert jenkins.log.any { it.contains('No Numerai API keys found') }
    }

    @Test
    void 'outside a node the call fails, as every sh does in Jenkins'() {
        PipelineError error = assertThrows(PipelineError) { jenkins.run('numeraiMaven', [goals: 'predict']) }

        assert error.message.contains('Required context class hudson.FilePath is missing')
    }

    @Test
    void 'goals are required'() {
        PipelineError error = assertThrows(PipelineError) { jenkins.runOnAgent('numeraiMaven', [goals: ' ']) }

        assert error.message == "numeraiMaven: 'goals' is required, e.g. numeraiMaven(goals: 'watch')"
    }

    @Test
    void 'an unknown key is an error'() {
        PipelineError error = assertThrows(PipelineError) { jenkins.runOnAgent('numeraiMaven', [goal: 'watch']) }

        assert error.message.startsWith("numeraiMaven: unknown key 'goal' (known keys: goals, properties,")
    }

    @Test
    void 'a failing Maven call fails the step'() {
        numerai.failOn = 'predict'

        assertThrows(PipelineError) { jenkins.runOnAgent('numeraiMaven', [goals: 'predict']) }
        assert numerai.goalsRun == ['predict']
    }
}
