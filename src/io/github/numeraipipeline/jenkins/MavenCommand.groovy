package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * Owns: the one shell line of a {@code numeraiMaven} call (coordinates, properties, quoting, settings, docker args).
 * Must not: put a secret into it, check the step's keys (its configuration class does), or call pipeline steps.
 * <p>
 * Only non-secret values go into the line: keys reach Maven as the environment variables that
 * {@code withCredentials} binds, or in a container as a file ({@link KeysFile}), never as text.
 */
class MavenCommand implements Serializable {

    private static final long serialVersionUID = 1L

    static final String PLUGIN = 'io.github.numeraipipeline:numerai-maven-plugin'

    /** Goal names that run the numerai plugin; any other goal or phase goes to Maven as written. */
    static final List<String> NUMERAI_GOALS =
        ['watch', 'download', 'train', 'predict', 'submit', 'scores', 'sandbox'].asImmutable()

    /** Why {@code -gs} in mavenArgs cannot be taken when the keys go to a container as a file. */
    static final String GLOBAL_SETTINGS_TAKEN = "'mavenArgs' sets Maven's global settings (-gs), which a call with" +
        ' keys in an image uses for the keys file: give your settings with -s instead'

    private static final String SAFE = /[A-Za-z0-9_.,:\/=@%+-]+/

    /** The Maven arguments followed by {@code -gs <file>}: global settings, such as the keys file. */
    @NonCPS
    static String withGlobalSettings(Object mavenArgs, String file) {
        ([ConfigValues.blank(mavenArgs) ? null : mavenArgs.toString().trim(), '-gs', quote(file)] - null).join(' ')
    }

    /** Whether Maven arguments name global settings ({@code -gs}, {@code --global-settings}). */
    @NonCPS
    static boolean setsGlobalSettings(Object mavenArgs) {
        ConfigValues.blank(mavenArgs) ? false : mavenArgs.toString().tokenize().any {
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
        if (!ConfigValues.blank(mavenArgs)) {
            parts << mavenArgs.toString().trim()
        }
        (properties ?: [:]).each { key, value -> parts << quote("-D${key}=${value}") }
        String prefix = ConfigValues.blank(pluginVersion) ? PLUGIN : "${PLUGIN}:${pluginVersion}"
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
        ConfigValues.blank(imageArgs) ? '--entrypoint=' : "--entrypoint= ${imageArgs.toString().trim()}"
    }

    /** One shell word: as is when it holds only safe characters, else in single quotes. */
    @NonCPS
    static String quote(Object word) {
        String text = String.valueOf(word)
        text ==~ SAFE ? text : "'" + text.replace("'", "'\"'\"'") + "'"
    }
}
