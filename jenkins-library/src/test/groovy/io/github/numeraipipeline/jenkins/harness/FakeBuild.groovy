package io.github.numeraipipeline.jenkins.harness

/** {@code currentBuild}: result (which, as in Jenkins, can only get worse), description, causes. */
class FakeBuild {

    static final List<String> RESULTS = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED']
    static final String TIMER = 'hudson.triggers.TimerTrigger$TimerTriggerCause'
    static final String USER = 'hudson.model.Cause$UserIdCause'
    static final String BRANCH = 'jenkins.branch.BranchEventCause'

    String description
    final List<String> causes = []
    private String result

    String getResult() {
        result
    }

    void setResult(String value) {
        assert value in RESULTS
        if (result == null || RESULTS.indexOf(value) > RESULTS.indexOf(result)) {
            result = value
        }
    }

    String getCurrentResult() {
        result ?: 'SUCCESS'
    }

    List<Map> getBuildCauses(String className) {
        causes.findAll { it == className }.collect { [_class: it] }
    }
}
