package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * Owns: where the keys file of a Maven call in a container lives, and the script and environment that write it.
 * Must not: see a key (only the script does, on the agent), or call pipeline steps.
 * <p>
 * How the Numerai keys reach a Maven call in a container. Docker Pipeline hands the environment of
 * {@code docker.image(...).inside} to {@code docker run -e} and that of every step in it to {@code docker exec --env}:
 * bound there, the keys would be in the host's process list and in the container's config ({@code docker inspect}).
 * So a shell script on the agent, the only step that sees the bound keys, writes them into a Maven settings file that
 * only the agent's user can read, in the workspace's temporary directory (which {@code inside} mounts at the same
 * path); Maven gets its path with {@code -gs}, the plugin reads the {@code <server>} (numerai.serverId), and the
 * directory is deleted after the call. {@code -gs} replaces only the Maven installation's settings, which the runner
 * image leaves empty; the user's own settings ({@code -s}, ~/.m2) still apply.
 */
class KeysFile implements Serializable {

    private static final long serialVersionUID = 1L

    /** Writes {@code $NUMERAI_KEYS_DIR/settings.xml} from the bound variables; see the script for how. */
    static final String SCRIPT = 'io/github/numeraipipeline/jenkins/write-keys-settings.sh'
    /** A server id of its own, so that a {@code numerai} server in the user's settings cannot shadow it. */
    static final String SERVER_ID = 'numerai-jenkins'
    static final String FILE_NAME = 'settings.xml'

    /** A directory of its own per call under the workspace's temporary directory ({@code pwd(tmp: true)}). */
    @NonCPS
    static String directory(String workspaceTmp, String unique) {
        "${workspaceTmp.replaceAll('/+$', '')}/numerai-keys-${unique}"
    }

    @NonCPS
    static String file(String directory) {
        "${directory}/${FILE_NAME}"
    }

    /** The environment of the writer script besides the bound keys: where to write and under which server id. */
    @NonCPS
    static List<String> writerEnvironment(String directory) {
        ["NUMERAI_KEYS_DIR=${directory}".toString(), "NUMERAI_SERVER_ID=${SERVER_ID}".toString()]
    }
}
