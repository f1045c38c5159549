package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.StepCall
import org.junit.jupiter.api.Test

/** The Numerai keys come from the Jenkins credentials store and reach Maven as environment variables only. */
class CredentialsTest extends LibraryTestSupport {

    @Test
    void 'Watch and Submit bind the username-password credential to NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY'() {
        timerBuild()

        List<StepCall> bindings = jenkins.called('withCredentials')
        assert bindings*.stage == ['Watch', 'Submit', 'Scores']
        bindings.each {
            assert it.first == [[step: 'usernamePassword', credentialsId: 'numerai-api',
                                 usernameVariable: 'NUMERAI_PUBLIC_ID', passwordVariable: 'NUMERAI_SECRET_KEY']]
        }
    }

    @Test
    void 'the keys are in the environment of the Watch and Submit Maven calls, and of nothing else'() {
        webhook()
        timerBuild(webhookCredentialsId: 'desk-webhook')

        Map<String, Map> envByStage = jenkins.called('sh').collectEntries { [it.stage, it.env] }
        assert envByStage.Watch.NUMERAI_SECRET_KEY == SECRET_KEY
        assert envByStage.Watch.NUMERAI_PUBLIC_ID == PUBLIC_ID
        assert envByStage.Submit.NUMERAI_SECRET_KEY == SECRET_KEY
        assert !envByStage.Predict.containsKey('NUMERAI_SECRET_KEY')
        assert !jenkins.env.keySet().any { it.startsWith('NUMERAI_') }: 'bound for the Maven call only'
    }

    @Test
    void 'no shell script, step argument, log line or description contains a key'() {
        webhook()
        numerai.failOn = 'submit'
        timerBuild(webhookCredentialsId: 'desk-webhook')

        List<String> texts = allCommandLines() + jenkins.log + [jenkins.currentBuild.description] +
            jenkins.calls.collect { it.args.findAll { !(it instanceof Closure) }.toString() }
        assert texts.size() > 10
        texts.each { String text ->
            assert !text.contains(SECRET_KEY) && !text.contains(PUBLIC_ID)
        }
        jenkins.shellScripts.each { assert !(it =~ /(?i)-D\S*(secret|public|key)/): 'a key is never a -D property' }
    }

    @Test
    void 'on the agent the keys reach Maven by the environment only: no command line holds them'() {
        timerBuild()

        assert numerai.keysFound*.source == ['environment', 'environment', 'environment']
        allCommandLines().each { assert !it.contains(SECRET_KEY) && !it.contains(PUBLIC_ID) }
        assert !jenkins.called('dockerInside')
    }

    @Test
    void 'the credential id comes from the configuration'() {
        jenkins.credentials['desk-numerai'] = jenkins.credentials.remove('numerai-api')

        timerBuild(credentialsId: 'desk-numerai')

        assert jenkins.called('withCredentials')*.first*.getAt(0)*.credentialsId == ['desk-numerai', 'desk-numerai', 'desk-numerai']
        assert jenkins.currentBuild.currentResult == 'SUCCESS'
    }

    @Test
    void 'a credential missing from the store fails the build at Watch'() {
        jenkins.credentials.clear()

        timerBuild()

        assert jenkins.currentBuild.result == 'FAILURE'
        assert jenkins.stages.Watch == 'failed'
        assert jenkins.log.any { it.contains("Could not find credentials entry with ID 'numerai-api'") }
    }

    @Test
    void 'the sandbox runs the whole job with no credential at all'() {
        jenkins.credentials.clear()

        timerBuild(sandbox: true, credentialsId: null)

        assert !jenkins.called('withCredentials')
        assert jenkins.shellScripts.every { it.contains('-Dnumerai.sandbox=true') }
        assert jenkins.stagesThat('ran') == ['Daily', 'Watch', 'Predict', 'Submit', 'Scores']
    }

    @Test
    void 'no library source interpolates a key variable into a Groovy string'() {
        List<File> sources = []
        ['vars', 'src'].each { new File(jenkins.root, it).eachFileRecurse { if (it.name.endsWith('.groovy')) sources << it } }
        assert sources.size() >= 6
        sources.each { File file ->
            file.readLines().eachWithIndex { String line, int i ->
                assert !(line =~ /"[^"]*\$\{?(env\.)?NUMERAI_(SECRET|PUBLIC)/): "${file.name}:${i + 1}: ${line.trim()}"
            }
        }
    }
}
