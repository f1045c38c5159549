package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.FakeBuild
import io.github.numeraipipeline.jenkins.harness.FakeNumeraiGoals
import io.github.numeraipipeline.jenkins.harness.PipelineRunner
import io.github.numeraipipeline.jenkins.harness.StepCall
import org.junit.jupiter.api.BeforeEach

/** A Jenkins with the documented credential and a workspace holding the Maven wrapper; the plugin played by a fake. */
abstract class LibraryTestSupport {

    static final String PUBLIC_ID = 'PUBLICID4F1C9E27AB'
    static final String SECRET_KEY = 'SECRETKEY9B7D0A51CD'

    final PipelineRunner jenkins = new PipelineRunner()
    final FakeNumeraiGoals numerai = new FakeNumeraiGoals()

    @BeforeEach
    void setUpJenkins() {
        jenkins.credentials['numerai-api'] = [username: PUBLIC_ID, password: SECRET_KEY]
        jenkins.workspace['mvnw'] = '#!/bin/sh\n'
        jenkins.repository['mvnw'] = '#!/bin/sh\n'
        numerai.install(jenkins)
    }

    void timerBuild(Map config = [:]) {
        jenkins.currentBuild.causes << FakeBuild.TIMER
        jenkins.run('numeraiPipeline', config)
    }

    /** A build started by a person with these parameters; named arguments are the configuration. */
    void manualBuild(Map config = [:], Map parameters) {
        jenkins.currentBuild.causes << FakeBuild.USER
        jenkins.params.putAll(parameters)
        jenkins.run('numeraiPipeline', config)
    }

    StepCall only(String step) {
        List<StepCall> calls = jenkins.called(step)
        assert calls.size() == 1: "expected one ${step}, got ${calls}"
        calls[0]
    }
}
