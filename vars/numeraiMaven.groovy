import io.github.numeraipipeline.jenkins.MavenCommand
import io.github.numeraipipeline.jenkins.NumeraiConfig

/**
 * Runs Maven once in the workspace: numerai goals by their short name, other goals and phases as written.
 * With a credentialsId, the keys are bound to NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY for this call only.
 * With an image, the call runs in that container (Docker Pipeline) with the image's own Maven.
 * See numeraiMaven.txt.
 */
void call(Map userConfig = [:]) {
    List<String> problems = MavenCommand.problems(userConfig)
    if (problems) {
        error("numeraiMaven: ${problems.join('; ')}")
    }
    Map config = [:] + MavenCommand.DEFAULTS + userConfig
    List<String> goals = MavenCommand.goals(config.goals)
    boolean inImage = !NumeraiConfig.blank(config.image)
    // The runner image's mvn is offline on the image's repository; the workspace's wrapper would download Maven.
    String executable = !inImage && fileExists('mvnw') ? './mvnw' : 'mvn'
    String command = MavenCommand.command(executable, goals, config.properties as Map, config.pluginVersion,
            config.mavenArgs)
    String label = "mvn ${goals.join(' ')}"
    Closure maven = { sh(script: command, label: label) }
    Closure run = inImage
        ? { docker.image(config.image.toString().trim()).inside(MavenCommand.dockerArgs(config.imageArgs), maven) }
        : maven
    if (config.credentialsId) {
        withCredentials([usernamePassword(credentialsId: config.credentialsId,
                usernameVariable: 'NUMERAI_PUBLIC_ID', passwordVariable: 'NUMERAI_SECRET_KEY')]) {
            run()
        }
    } else {
        run()
    }
}
