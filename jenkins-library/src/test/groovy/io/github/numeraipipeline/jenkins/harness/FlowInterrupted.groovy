package io.github.numeraipipeline.jenkins.harness

/**
 * What an abort throws in Jenkins (workflow-step-api's FlowInterruptedException, an InterruptedException): the
 * build timeout, a person pressing the abort button. Unlike {@link PipelineError} it is not a failure: the build
 * ends with {@link #result}, ABORTED.
 */
class FlowInterrupted extends InterruptedException {

    final String result = 'ABORTED'

    FlowInterrupted(String message) {
        super(message)
    }
}
