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

        List<StepCall> maven = jenkins.called('sh')
        assert maven*.stage == ['Train', 'Watch', 'Predict', 'Submit']
        assert maven*.image == [IMAGE] * 4
        maven*.script.each { assert it.startsWith('mvn -B -ntp -N ') }
        assert jenkins.called('dockerInside')*.args*.take(2) == [[IMAGE, '--entrypoint=']] * 4
        assert numerai.goalsRun == ['download', 'train', 'watch', 'download', 'train', 'predict', 'submit']
    }

    @Test
    void 'the dataset cache is in the workspace, as the image has no home for the agent user'() {
        timerBuild(image: IMAGE)

        jenkins.shellScripts.each { assert it.contains('-Dnumerai.dataDirectory=.numerai-data ') }
    }

    @Test
    void 'a configured dataDirectory wins over the image default'() {
        timerBuild(image: IMAGE, dataDirectory: '/var/cache/numerai')

        jenkins.shellScripts.each { assert it.contains('-Dnumerai.dataDirectory=/var/cache/numerai ') }
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
        assert jenkins.called('sh')*.image == [null] * 3
        jenkins.shellScripts.each { assert it.startsWith('./mvnw ') && !it.contains('numerai.dataDirectory') }
    }

    @Test
    void 'imageArgs are added to the docker run arguments'() {
        timerBuild(image: IMAGE, imageArgs: '--network=host -v numerai-cache:/cache')

        assert jenkins.called('dockerInside')*.args*.get(1).unique() == ['--entrypoint= --network=host -v numerai-cache:/cache']
    }

    @Test
    void 'the keys are bound around the container and reach its Maven call as environment only'() {
        timerBuild(image: IMAGE)

        List<StepCall> withKeys = jenkins.called('sh').findAll { it.env.NUMERAI_SECRET_KEY }
        assert withKeys*.stage == ['Watch', 'Submit']
        assert withKeys*.image == [IMAGE, IMAGE]
        assert jenkins.called('withCredentials')*.image == [null, null]: 'bound on the agent, not inside'
        jenkins.called('dockerInside').each { assert !it.args.take(2).toString().contains(SECRET_KEY) }
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

        assert jenkins.called('sh')*.image == [null, IMAGE, IMAGE, IMAGE]
    }

    @Test
    void 'numeraiMaven takes an image too'() {
        jenkins.run('numeraiMaven', [goals: 'watch', image: IMAGE])

        assert only('sh').image == IMAGE
        assert only('sh').script == 'mvn -B -ntp -N io.github.numeraipipeline:numerai-maven-plugin:watch'
    }

    @Test
    void 'an image reference with spaces is an error'() {
        PipelineError error = assertThrows(PipelineError) { timerBuild(image: 'numerai runner') }

        assert error.message.contains("'image' must be one image reference")
        assert !jenkins.called('sh')
    }
}
