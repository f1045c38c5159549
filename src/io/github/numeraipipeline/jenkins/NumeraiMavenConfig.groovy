package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * Owns: the keys of {@code numeraiMaven}: their defaults, the checks of a caller's map, the goals as a list.
 * Must not: build the command line ({@link MavenCommand}), or call pipeline steps.
 * <p>
 * Pure functions of maps: hence {@code @NonCPS}.
 */
class NumeraiMavenConfig implements Serializable {

    private static final long serialVersionUID = 1L

    /** Every key {@code numeraiMaven} accepts, with its default. */
    static final Map<String, Object> DEFAULTS = [
        goals        : null,
        properties   : [:],
        credentialsId: null,
        pluginVersion: null,
        mavenArgs    : '',
        image        : null,
        imageArgs    : ''
    ].asImmutable()

    /** The problems of a caller's map, one sentence each; empty when it is fine. */
    @NonCPS
    static List<String> problems(Map user) {
        List<String> found = []
        (user ?: [:]).keySet().findAll { !DEFAULTS.containsKey(it) }.each {
            found << "unknown key '${it}' (known keys: ${DEFAULTS.keySet().join(', ')})".toString()
        }
        if (!goals(user?.goals)) {
            found << "'goals' is required, e.g. numeraiMaven(goals: 'watch')"
        }
        if (user?.properties != null && !(user.properties instanceof Map)) {
            found << "'properties' must be a map of Maven properties, e.g. ['numerai.dryRun': true]"
        }
        if (!ConfigValues.blank(user?.image) && !ConfigValues.blank(user?.credentialsId) &&
                MavenCommand.setsGlobalSettings(user?.mavenArgs)) {
            found << MavenCommand.GLOBAL_SETTINGS_TAKEN
        }
        found
    }

    /** Goals as a list: a list as is, a string split at white space. */
    @NonCPS
    static List<String> goals(Object goals) {
        if (goals instanceof Collection) {
            return goals.collect { it.toString().trim() }.findAll { it }
        }
        goals == null ? [] : goals.toString().tokenize()
    }
}
