package io.github.numeraipipeline.jenkins.harness

/** What the error step and a failing sh throw (Jenkins' AbortException): fails the stage, not the test. */
class PipelineError extends RuntimeException {

    PipelineError(String message) {
        super(message)
    }
}
