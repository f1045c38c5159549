import io.github.numeraipipeline.jenkins.ConfigValues
import io.github.numeraipipeline.jenkins.KeysFile
import io.github.numeraipipeline.jenkins.MavenCommand
import io.github.numeraipipeline.jenkins.NumeraiMavenConfig

/**
 * Runs Maven once in the workspace: numerai goals by their short name, other goals and phases as written.
 * With a credentialsId, the keys reach this call only: on the agent as NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY in
 * Maven's environment; in an image as a settings file (KeysFile), because Docker Pipeline would put environment
 * variables on docker's command line. With an image, the call runs in that container with the image's own Maven.
 * See numeraiMaven.txt.
 */
void call(Map userConfig = [:]) {
    List<String> problems = NumeraiMavenConfig.problems(userConfig)
    if (problems) {
        error("numeraiMaven: ${problems.join('; ')}")
    }
    Map config = [:] + NumeraiMavenConfig.DEFAULTS + userConfig
    List<String> goals = NumeraiMavenConfig.goals(config.goals)
    String label = "mvn ${goals.join(' ')}"
    if (ConfigValues.blank(config.image)) {
        String executable = fileExists('mvnw') ? './mvnw' : 'mvn'
        String command = MavenCommand.command(executable, goals, config.properties as Map, config.pluginVersion,
                config.mavenArgs)
        withKeysInEnvironment(config.credentialsId as String) { sh(script: command, label: label) }
    } else {
        // The runner image's mvn is offline on the image's repository; the workspace's wrapper would download Maven.
        String image = config.image.toString().trim()
        withKeysInFile(config.credentialsId as String) { String settings, Map keyProperties ->
            String mavenArgs = settings ? MavenCommand.withGlobalSettings(config.mavenArgs, settings) : config.mavenArgs
            String command = MavenCommand.command('mvn', goals, (config.properties as Map) + keyProperties,
                    config.pluginVersion, mavenArgs)
            docker.image(image).inside(MavenCommand.dockerArgs(config.imageArgs)) {
                sh(script: command, label: label)
            }
        }
    }
}

/** The body with the keys bound to the environment of its steps (none without a credential). */
void withKeysInEnvironment(String credentialsId, Closure body) {
    if (credentialsId) {
        withCredentials([keyBinding(credentialsId)]) { body() }
    } else {
        body()
    }
}

/**
 * The body, given the path of a settings file with the keys (see KeysFile) and the properties that point the plugin
 * at them; the keys are bound only while the writer script runs, on the agent. The file's directory is deleted when
 * the body ends, whether it succeeded, failed or was aborted. Without a credential: no file, no properties.
 */
void withKeysInFile(String credentialsId, Closure body) {
    if (!credentialsId) {
        body(null, [:])
        return
    }
    String directory = KeysFile.directory(pwd(tmp: true), UUID.randomUUID().toString())
    try {
        withCredentials([keyBinding(credentialsId)]) {
            withEnv(KeysFile.writerEnvironment(directory)) {
                sh(script: libraryResource(KeysFile.SCRIPT), label: 'numerai keys file')
            }
        }
        body(KeysFile.file(directory), ['numerai.serverId': KeysFile.SERVER_ID])
    } finally {
        dir(directory) { deleteDir() }
    }
}

Object keyBinding(String credentialsId) {
    usernamePassword(credentialsId: credentialsId, usernameVariable: 'NUMERAI_PUBLIC_ID',
            passwordVariable: 'NUMERAI_SECRET_KEY')
}
