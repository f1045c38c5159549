package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.FakeBuild
import org.junit.jupiter.api.Test

/**
 * What the docs tell a Jenkins administrator, where only the docs can help, and the docs' examples run against the
 * same checks as the code.
 */
class DocsTest extends LibraryTestSupport {

    String read(String path) {
        new File(jenkins.root, path).text
    }

    @Test
    void 'the help of every step is plain text, as the default markup formatter escapes HTML'() {
        List<File> helps = new File(jenkins.root, 'vars').listFiles().findAll { it.name.endsWith('.txt') }
        assert helps.size() == 3
        helps.each { File help ->
            assert !(help.text =~ /(?i)<\/?(p|pre|b|i|em|strong|code|tt|br|ul|ol|li|a|div|span|table|h\d)\b[^>]*>/):
                "${help.name} has HTML tags"
            assert !(help.text =~ /&(#\d+|[a-z]+);/): "${help.name} has HTML entities"
        }
    }

    @Test
    void 'every cron spec in the docs, the help and the README is one Jenkins accepts'() {
        List<String> specs = []
        ['README.md', 'docs/jenkins.md', 'vars/numeraiPipeline.txt'].each { String path ->
            (read(path) =~ /'(TZ=[^']*?)'/).each { specs << (it[1] as String).replace('\\n', '\n') }
        }
        assert specs.size() >= 3
        specs.each { assert CronSpec.problems(it).empty: "${it}: ${CronSpec.problems(it)}" }
        assert read('README.md').contains('`H(0-29) 11 * * 2-6`')
    }

    @Test
    void 'the docs say how to register the library safely and why it must be trusted'() {
        String docs = read('docs/jenkins.md')
        assert docs.contains('Allow default version to be overridden: **no**')
        assert docs.contains('JENKINS-41157'): 'Replay does not replay a trusted library'
        assert docs.contains('must run as a **trusted** library')
        assert docs.contains('`JsonOutput.toJson` is called with a Map')
        assert read('README.md').contains('*Allow default version to be overridden* off')
    }

    @Test
    void 'the docs say which part of the credential Jenkins masks'() {
        assert read('docs/jenkins.md').contains('**Treat username as secret**')
        assert read('README.md').contains('*Treat username as secret*')
    }

    @Test
    void 'the docs say that script splitting must stay off'() {
        assert read('docs/jenkins.md').contains('RuntimeASTTransformer.SCRIPT_SPLITTING_TRANSFORMATION=true')
    }

    @Test
    void 'the docs no longer promise what the code does not do'() {
        String docs = read('docs/jenkins.md')
        assert !docs.contains('cannot be chosen by a configuration value')
        assert !docs.contains('Keys are bound on the agent around the container')
        assert !docs.contains('H(0,29) 11 * * 2-6\')')
    }

    @Test
    void 'the hand-written pipeline of the docs gives the image its keys as a file, and deletes it'() {
        String docs = read('docs/jenkins.md')
        String example = (docs =~ /(?s)```groovy\n(@Library\('numerai-pipeline'\) _\npipeline \{.*?)```/)[0][1]
        Map seen = [:]
        jenkins.onSh { String script, Map env ->
            if (script.startsWith('docker run')) {
                String keys = (script =~ /-v "([^"]+):\/keys:ro"/)[0][1]
                File settings = new File(keys, 'settings.xml')
                seen.settings = new XmlSlurper().parse(settings).servers.server
                seen.keys = keys
                seen.script = script
            }
        }
        jenkins.currentBuild.causes << FakeBuild.TIMER

        jenkins.runScript(example, 'docs-example')

        assert jenkins.currentBuild.currentResult == 'SUCCESS'
        assert seen.settings.id.text() == 'numerai'
        assert seen.settings.username.text() == PUBLIC_ID && seen.settings.password.text() == SECRET_KEY
        assert seen.script.contains('registry.example/numerai-runner:0.2.0 -gs /keys/settings.xml')
        assert !new File(seen.keys as String).exists(): 'deleted after the run'
        allCommandLines().each { assert !it.contains(SECRET_KEY) }
        assert CronSpec.problems(only('cron').first as String).empty
    }
}
