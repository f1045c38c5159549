package io.github.numeraipipeline.jenkins.harness

import groovy.transform.Canonical

/**
 * One recorded step call: its name, arguments, the stage and declarative section it ran in, the environment, and the
 * container image it ran in (Docker Pipeline's {@code docker.image(...).inside}), the agent label of the
 * {@code node} and the {@code parallel} branch it ran in, if any.
 */
@Canonical
class StepCall {

    String name
    List args
    String stage
    String section
    Map<String, String> env
    String image
    String node
    String branch

    /** The named arguments ({@code sh(script: ...)}), or empty. */
    Map getNamed() {
        args && args[0] instanceof Map ? args[0] as Map : [:]
    }

    /** The first argument: {@code cron('...')}, {@code sh('...')}. */
    Object getFirst() {
        args ? args[0] : null
    }

    /** The shell text of an sh call, whichever form it was called in. */
    String getScript() {
        name == 'sh' ? (first instanceof Map ? first.script : first) : null
    }

    @Override
    String toString() {
        "${name}(${args.findAll { !(it instanceof Closure) }.join(', ')}) in ${stage ?: section ?: '-'}"
    }
}
