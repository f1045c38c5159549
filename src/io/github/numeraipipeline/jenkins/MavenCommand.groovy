package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * Builds the one shell line of a {@code numeraiMaven} call. Only non-secret values go into it: keys reach Maven as
 * the environment variables that {@code withCredentials} binds, or in a container as a file ({@link KeysFile}),
 * never as text.
 */
class MavenCommand implements Serializable {

    private static final long serialVersionUID = 1L

    static final String PLUGIN = 'io.github.numeraipipeline:numerai-maven-plugin'

    /** Goal names that run the numerai plugin; any other goal or phase goes to Maven as written. */
    static final List<String> NUMERAI_GOALS =
        ['watch', 'download', 'train', 'predict', 'submit', 'sandbox'].asImmutable()

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

    /** Why {@code -gs} in mavenArgs cannot be taken when the keys go to a container as a file. */
    static final String GLOBAL_SETTINGS_TAKEN = "'mavenArgs' sets Maven's global settings (-gs), which a call with" +
        ' keys in an image uses for the keys file: give your settings with -s instead'

    private static final String SAFE = /[A-Za-z0-9_.,:\/=@%+-]+/

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
        if (!NumeraiConfig.blank(user?.image) && !NumeraiConfig.blank(user?.credentialsId) &&
                setsGlobalSettings(user?.mavenArgs)) {
            found << GLOBAL_SETTINGS_TAKEN
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

    /** The Maven arguments followed by {@code -gs <file>}: global settings, such as the keys file. */
    @NonCPS
    static String withGlobalSettings(Object mavenArgs, String file) {
        ([NumeraiConfig.blank(mavenArgs) ? null : mavenArgs.toString().trim(), '-gs', quote(file)] - null).join(' ')
    }

    /** Whether Maven arguments name global settings ({@code -gs}, {@code --global-settings}). */
    @NonCPS
    static boolean setsGlobalSettings(Object mavenArgs) {
        NumeraiConfig.blank(mavenArgs) ? false : mavenArgs.toString().tokenize().any {
            it ==~ /-gs.*|--global-settings.*/
        }
    }

    /**
     * The command line: {@code <executable> -B -ntp [-N] [mavenArgs] [-Dkey=value ...] goals}. Numerai goals are
     * called by their plugin coordinates (with {@code pluginVersion} when given, else Maven resolves the version from
     * the workspace pom or the newest release) and with {@code -N}, so that they run once in the workspace's top
     * folder even when it holds an aggregator pom.
     */
    @NonCPS
    static String command(String executable, List<String> goals, Map properties, Object pluginVersion,
                          Object mavenArgs) {
        List<String> parts = [executable, '-B', '-ntp']
        if (goals.any { NUMERAI_GOALS.contains(it) }) {
            parts << '-N'
        }
        if (!NumeraiConfig.blank(mavenArgs)) {
            parts << mavenArgs.toString().trim()
        }
        (properties ?: [:]).each { key, value -> parts << quote("-D${key}=${value}") }
        String prefix = NumeraiConfig.blank(pluginVersion) ? PLUGIN : "${PLUGIN}:${pluginVersion}"
        goals.each { parts << (NUMERAI_GOALS.contains(it) ? "${prefix}:${it}".toString() : it) }
        parts.join(' ')
    }

    /**
     * The {@code docker run} arguments of a call in the runner image. {@code --entrypoint=} because the image's
     * entrypoint runs the whole daily job, while Docker Pipeline keeps the container up with its own command and
     * runs the call in it.
     */
    @NonCPS
    static String dockerArgs(Object imageArgs) {
        NumeraiConfig.blank(imageArgs) ? '--entrypoint=' : "--entrypoint= ${imageArgs.toString().trim()}"
    }

    /** One shell word: as is when it holds only safe characters, else in single quotes. */
    @NonCPS
    static String quote(Object word) {
        String text = String.valueOf(word)
        text ==~ SAFE ? text : "'" + text.replace("'", "'\"'\"'") + "'"
    }
}
