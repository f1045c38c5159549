package io.github.numeraipipeline.jenkins.harness

/** Base class of the loaded vars: every call that Groovy cannot resolve is a pipeline step of the runner. */
abstract class PipelineScript extends Script {

    PipelineRunner runner

    Object methodMissing(String name, Object args) {
        runner.invokeStep(name, args as Object[])
    }
}
