package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.FakeBuild
import org.junit.jupiter.api.Test

/** The repository's own Jenkinsfile: tests on every change, the daily job on the timer. */
class JenkinsfileTest extends LibraryTestSupport {

    @Test
    void 'a change builds and runs the tests with the README command and publishes the JUnit reports'() {
        jenkins.currentBuild.causes << FakeBuild.BRANCH

        jenkins.env.BRANCH_NAME = 'main'
        jenkins.runJenkinsfile()

        assert jenkins.stagesThat('ran') == ['Verify']
        assert jenkins.shellScripts == ['./mvnw -B -ntp verify']
        assert only('junit').named.testResults == '**/target/surefire-reports/*.xml'
        assert jenkins.currentBuild.currentResult == 'SUCCESS'
    }

    @Test
    void 'the timer runs the daily job with the plugin built from this checkout'() {
        jenkins.currentBuild.causes << FakeBuild.TIMER

        jenkins.env.BRANCH_NAME = 'main'
        jenkins.runJenkinsfile()

        assert jenkins.stagesThat('ran') == ['Daily', 'Prepare', 'Watch', 'Predict', 'Submit', 'Scores']
        assert jenkins.shellScripts[0].startsWith('./mvnw -B -ntp install -DskipTests')
        String version = (new File(jenkins.root, 'pom.xml').text =~ /<revision>([^<]+)<\/revision>/)[0][1]
        assert jenkins.shellScripts[1].endsWith("numerai-maven-plugin:${version}:watch"): 'pluginVersion = pom version'
        assert only('cron').first.startsWith('TZ=UTC\n')
    }
}
