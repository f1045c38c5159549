package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.FakeBuild
import io.github.numeraipipeline.jenkins.harness.FakeNumeraiGoals
import io.github.numeraipipeline.jenkins.harness.LoopbackWebhook
import io.github.numeraipipeline.jenkins.harness.PipelineError
import io.github.numeraipipeline.jenkins.harness.PipelineRunner
import io.github.numeraipipeline.jenkins.harness.RealShell
import io.github.numeraipipeline.jenkins.harness.StepCall
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach

/**
 * A Jenkins with the documented credential and a workspace holding the Maven wrapper; the plugin played by a fake.
 * The library's own shell scripts (the keys file, the webhook notice) run for real ({@link RealShell}).
 */
abstract class LibraryTestSupport {

    static final String PUBLIC_ID = 'PUBLICID4F1C9E27AB'
    static final String SECRET_KEY = 'SECRETKEY9B7D0A51CD'
    static final List<String> REAL_SCRIPTS = [KeysFile.SCRIPT, Notification.WEBHOOK_SCRIPT]

    final PipelineRunner jenkins = new PipelineRunner()
    final FakeNumeraiGoals numerai = new FakeNumeraiGoals()
    final RealShell realShell = new RealShell(new File(jenkins.disk, 'real-shell'))
    private LoopbackWebhook loopback

    @BeforeEach
    void setUpJenkins() {
        jenkins.credentials['numerai-api'] = [username: PUBLIC_ID, password: SECRET_KEY]
        jenkins.workspace['mvnw'] = '#!/bin/sh\n'
        jenkins.repository['mvnw'] = '#!/bin/sh\n'
        List<String> realScripts = REAL_SCRIPTS.collect { new File(jenkins.root, "resources/${it}").text }
        jenkins.onSh { String script, Map env ->
            if (script in realScripts) {
                Map result = realShell.run(script, env, jenkins.activeDirectory, jenkins.activeWorkspace)
                jenkins.log.addAll(result.output.readLines())
                if (result.exit != 0) {
                    throw new PipelineError("script returned exit code ${result.exit}")
                }
            }
        }
        numerai.install(jenkins)
    }

    @AfterEach
    void tearDownJenkins() {
        loopback?.close()
        jenkins.disk.deleteDir()
    }

    /** A webhook on the loopback interface, its URL stored as the Secret text credential {@code desk-webhook}. */
    LoopbackWebhook webhook(String path = '/services/T000/B000/token123') {
        if (loopback == null) {
            loopback = new LoopbackWebhook()
            jenkins.credentials['desk-webhook'] = [secret: loopback.url(path)]
        }
        loopback
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

    /** The Maven calls of numeraiMaven (sh labelled "mvn ..."), without the library's other shell steps. */
    List<StepCall> mavenCalls() {
        jenkins.called('sh').findAll { (it.named.label as String)?.startsWith('mvn ') }
    }

    /** Every command line the build started: Maven's, docker's and those of the library's scripts. */
    List<String> allCommandLines() {
        jenkins.commandLines.collect { it.join(' ') } + realShell.commandLines.collect { it.join(' ') }
    }
}
