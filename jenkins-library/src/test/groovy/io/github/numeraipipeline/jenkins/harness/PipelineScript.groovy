package io.github.numeraipipeline.jenkins.harness

/** Base class of the loaded vars: every call that Groovy cannot resolve is a pipeline step of the runner. */
abstract class PipelineScript extends Script {

    private PipelineRunner runner

    /** A method, not a property: Groovy 3 scripts send property writes to the binding. */
    void attach(PipelineRunner runner) {
        this.runner = runner
    }

    Object methodMissing(String name, Object args) {
        runner.invokeStep(name, args as Object[])
    }
}
