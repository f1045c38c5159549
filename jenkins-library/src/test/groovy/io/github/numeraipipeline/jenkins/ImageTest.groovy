package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.FakeBuild
import io.github.numeraipipeline.jenkins.harness.PipelineError
import io.github.numeraipipeline.jenkins.harness.StepCall
import org.junit.jupiter.api.Test

import static org.junit.jupiter.api.Assertions.assertThrows

/** With {@code image}, the numerai goals run in the runner image (docs/image.md), with the image's Maven. */
class ImageTest extends LibraryTestSupport {

    static final String IMAGE = 'registry.example/numerai-runner:0.1.0'

    @Test
    void 'every numerai goal runs inside the image, with its offline mvn rather than the workspace wrapper'() {
        manualBuild([TRAIN: true], image: IMAGE)

        List<StepCall> maven = mavenCalls()
        assert maven*.stage == ['Train', 'Watch', 'Predict', 'Submit', 'Scores']
        assert maven*.image == [IMAGE] * 5
        maven*.script.each { assert it.startsWith('mvn -B -ntp -N ') }
        assert jenkins.called('dockerInside')*.args*.take(2) == [[IMAGE, '--entrypoint=']] * 5
        assert numerai.goalsRun == ['download', 'train', 'watch', 'download', 'train', 'predict', 'submit', 'scores']
    }

    @Test
    void 'the dataset cache is in the workspace, as the image has no home for the agent user'() {
        timerBuild(image: IMAGE)

        mavenCalls()*.script.each { assert it.contains('-Dnumerai.dataDirectory=.numerai-data ') }
    }

    @Test
    void 'a configured dataDirectory wins over the image default'() {
        timerBuild(image: IMAGE, dataDirectory: '/var/cache/numerai')

        mavenCalls()*.script.each { assert it.contains('-Dnumerai.dataDirectory=/var/cache/numerai ') }
    }

    @Test
    void 'a configured dataDirectory is passed without an image too'() {
        timerBuild(dataDirectory: '/srv/numerai')

        jenkins.shellScripts.each { assert it.contains('-Dnumerai.dataDirectory=/srv/numerai ') }
    }

    @Test
    void 'without an image no container runs and the data directory is the plugin default'() {
        timerBuild()

        assert !jenkins.called('dockerInside')
        assert jenkins.called('sh')*.image == [null] * 4
        jenkins.shellScripts.each { assert it.startsWith('./mvnw ') && !it.contains('numerai.dataDirectory') }
    }

    @Test
    void 'imageArgs are added to the docker run arguments'() {
        timerBuild(image: IMAGE, imageArgs: '--network=host -v numerai-cache:/cache')

        assert jenkins.called('dockerInside')*.args*.get(1).unique() == ['--entrypoint= --network=host -v numerai-cache:/cache']
        assert jenkins.commandLines.findAll { it.take(2) == ['docker', 'run'] }.every {
            it.join(' ').contains('--entrypoint= --network=host -v numerai-cache:/cache')
        }
    }

    @Test
    void 'Watch and Submit in the image get the keys as a settings file, never as environment'() {
        timerBuild(image: IMAGE)

        assert numerai.keysFound*.goal == ['watch', 'submit', 'scores']
        numerai.keysFound.each {
            assert it.source == 'settings -gs'
            assert it.publicId == PUBLIC_ID && it.secretKey == SECRET_KEY
        }
        List<StepCall> withKeys = mavenCalls().findAll { it.script.contains(' -gs ') }
        assert withKeys*.stage == ['Watch', 'Submit', 'Scores']
        withKeys.each { assert it.script.contains("-Dnumerai.serverId=${KeysFile.SERVER_ID} ") }
        assert mavenCalls().every { !it.env.keySet().any { it.startsWith('NUMERAI_') } }
    }

    @Test
    void 'the keys are bound on the agent for the script that writes the file, never around the container'() {
        timerBuild(image: IMAGE)

        List<StepCall> bindings = jenkins.called('withCredentials')
        assert bindings*.stage == ['Watch', 'Submit', 'Scores']
        assert bindings*.image == [null, null, null]
        List<StepCall> writers = jenkins.called('sh').findAll { it.env.NUMERAI_SECRET_KEY }
        assert writers*.named*.label == ['numerai keys file'] * 3
        assert writers*.image == [null, null, null]: 'the writer runs on the agent, not in the container'
        assert jenkins.called('dockerInside').every { !it.env.containsKey('NUMERAI_SECRET_KEY') }
    }

    @Test
    void 'the keys appear in no command line (Maven, docker run, docker exec, the writer) and no container config'() {
        timerBuild(image: IMAGE)

        List<String> lines = allCommandLines()
        assert lines.count { it.startsWith('docker run') } == 4 && lines.count { it.startsWith('docker exec') } == 4
        assert realShell.commandLines*.first().containsAll(['mkdir', 'cat'])
        lines.each { assert !it.contains(SECRET_KEY) && !it.contains(PUBLIC_ID) }
        jenkins.containers.each { assert !it.env.values().any { it in [SECRET_KEY, PUBLIC_ID] } }
    }

    @Test
    void 'the keys file is readable by the agent user only while Maven runs, and gone afterwards'() {
        timerBuild(image: IMAGE)

        numerai.keysFound.each { assert it.fileMode == 'rw-------' && it.dirMode == 'rwx------' }
        String tmp = new File(jenkins.disk, 'agent@tmp').path
        assert mavenCalls().findAll { it.script.contains(' -gs ') }.every { it.script.contains(" -gs ${tmp}/numerai-keys-") }
        assert !new File(tmp).listFiles().any { it.name.startsWith('numerai-keys-') }
        assert jenkins.called('deleteDir')*.stage == ['Watch', 'Submit', 'Scores']
    }

    @Test
    void 'the keys file is deleted when the Maven call fails too'() {
        numerai.failOn = 'submit'

        timerBuild(image: IMAGE)

        assert jenkins.currentBuild.result == 'FAILURE'
        assert !new File(jenkins.disk, 'agent@tmp').listFiles().any { it.name.startsWith('numerai-keys-') }
    }

    @Test
    void 'a credential with characters a Numerai key does not have fails the writer, and leaves no file'() {
        jenkins.credentials['numerai-api'] = [username: PUBLIC_ID, password: 'SECRET</password>']

        timerBuild(image: IMAGE)

        assert jenkins.currentBuild.result == 'FAILURE' && jenkins.stages.Watch == 'failed'
        assert jenkins.log.any { it.contains('the credential holds characters a Numerai key does not have') }
        assert numerai.goalsRun.empty
        assert !new File(jenkins.disk, 'agent@tmp').listFiles().any { it.name.startsWith('numerai-keys-') }
    }

    @Test
    void 'global settings in mavenArgs cannot go with keys in the image, and the error says to use -s'() {
        PipelineError error = assertThrows(PipelineError) {
            timerBuild(image: IMAGE, mavenArgs: '-gs /etc/maven/settings.xml')
        }

        assert error.message.contains("'mavenArgs' sets Maven's global settings (-gs)")
        assert error.message.contains('give your settings with -s instead')
        assert !jenkins.called('sh')
    }

    @Test
    void 'user settings in mavenArgs still apply, and a numerai server there does not shadow the credential'() {
        File workspace = new File(jenkins.disk, 'agent')
        workspace.mkdirs()
        new File(workspace, 'ci-settings.xml').text = '<settings><servers><server><id>numerai</id>' +
            '<username>OLDPUBLICID</username><password>OLDSECRET</password></server></servers></settings>'

        timerBuild(image: IMAGE, mavenArgs: '-s ci-settings.xml')

        assert mavenCalls().find { it.stage == 'Watch' }.script.contains(' -s ci-settings.xml -gs ')
        assert numerai.keysFound*.publicId == [PUBLIC_ID, PUBLIC_ID, PUBLIC_ID]
    }

    @Test
    void 'Verify and Prepare stay on the agent: building the project needs the network and the wrapper'() {
        jenkins.currentBuild.causes << FakeBuild.BRANCH
        jenkins.run('numeraiPipeline', [verifyGoals: 'verify', image: IMAGE])

        assert only('sh').image == null && only('sh').script == './mvnw -B -ntp verify'
        assert !jenkins.called('dockerInside')
    }

    @Test
    void 'prepareGoals run on the agent before the goals in the image'() {
        timerBuild(image: IMAGE, prepareGoals: 'validate')

        assert mavenCalls()*.image == [null, IMAGE, IMAGE, IMAGE, IMAGE]
    }

    @Test
    void 'numeraiMaven takes an image too'() {
        jenkins.runOnAgent('numeraiMaven', [goals: 'predict', image: IMAGE])

        assert only('sh').image == IMAGE
        assert only('sh').script == 'mvn -B -ntp -N io.github.numeraipipeline:numerai-maven-plugin:predict'
    }

    @Test
    void 'an image reference with spaces is an error'() {
        PipelineError error = assertThrows(PipelineError) { timerBuild(image: 'numerai runner') }

        assert error.message.contains("'image' must be one image reference")
        assert !jenkins.called('sh')
    }
}
