package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.StepCall
import org.junit.jupiter.api.Test

/**
 * Where the boosters are is the plugin's rule (README, "Where boosters live"): beside the config in the workspace's
 * models/, else the ones train wrote into the data directory. The pipeline follows it by handing every Maven call
 * that trains or predicts the same models and data directories, so that Predict finds what Train (or an earlier
 * build) trained, and by moving no booster itself.
 */
class BoostersTest extends LibraryTestSupport {

    static final String IMAGE = 'registry.example/numerai-runner:0.1.0'

    /** The directory settings a Maven call hands the plugin; absent ones are the plugin's defaults. */
    private static Map<String, String> directories(StepCall call) {
        ['numerai.dataDirectory', 'numerai.modelsDirectory'].collectEntries { String property ->
            def setting = call.script =~ /-D${property.replace('.', '\\.')}=(\S+)/
            [(property): setting.find() ? setting.group(1) : null]
        }
    }

    private List<StepCall> trainAndPredict() {
        List<StepCall> calls = jenkins.called('sh').findAll { it.stage in ['Train', 'Predict'] }
        assert calls*.stage.unique() == ['Train', 'Predict']
        calls
    }

    @Test
    void 'Train and Predict leave both directories to the plugin defaults on the agent'() {
        manualBuild([TRAIN: true])

        trainAndPredict().each {
            assert directories(it) == ['numerai.dataDirectory': null, 'numerai.modelsDirectory': null]
        }
    }

    @Test
    void 'in the image Train and Predict keep the boosters in the workspace, which outlives the container'() {
        manualBuild([image: IMAGE], [TRAIN: true])

        trainAndPredict().each {
            assert directories(it) == ['numerai.dataDirectory': '.numerai-data', 'numerai.modelsDirectory': null]
        }
    }

    @Test
    void 'a configured data directory reaches every Maven call that trains or predicts, on every group'() {
        manualBuild([dataDirectory: '/srv/numerai', modelGroups: FanOutTest.GROUPS], [TRAIN: true])

        List<StepCall> calls = trainAndPredict()
        assert calls*.branch == ['full', 'small', 'full', 'small']
        calls.each {
            assert directories(it) == ['numerai.dataDirectory': '/srv/numerai', 'numerai.modelsDirectory': null]
        }
    }
}
