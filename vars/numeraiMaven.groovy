import io.github.numeraipipeline.jenkins.MavenCommand

/**
 * Runs Maven once in the workspace: numerai goals by their short name, other goals and phases as written.
 * With a credentialsId, the keys are bound to NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY for this call only.
 * See numeraiMaven.txt.
 */
void call(Map userConfig = [:]) {
    List<String> problems = MavenCommand.problems(userConfig)
    if (problems) {
        error("numeraiMaven: ${problems.join('; ')}")
    }
    Map config = [:] + MavenCommand.DEFAULTS + userConfig
    List<String> goals = MavenCommand.goals(config.goals)
    String executable = fileExists('mvnw') ? './mvnw' : 'mvn'
    String command = MavenCommand.command(executable, goals, config.properties as Map, config.pluginVersion,
            config.mavenArgs)
    String label = "mvn ${goals.join(' ')}"
    if (config.credentialsId) {
        withCredentials([usernamePassword(credentialsId: config.credentialsId,
                usernameVariable: 'NUMERAI_PUBLIC_ID', passwordVariable: 'NUMERAI_SECRET_KEY')]) {
            sh(script: command, label: label)
        }
    } else {
        sh(script: command, label: label)
    }
}
