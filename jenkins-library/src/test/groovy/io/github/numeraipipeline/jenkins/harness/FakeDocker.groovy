package io.github.numeraipipeline.jenkins.harness

/**
 * The Docker Pipeline plugin's global {@code docker}: {@code docker.image(name).inside(args) { ... }} is recorded as
 * the step {@code dockerInside(name, args, body)}, and the steps in the body as run in that image. Like
 * docker-workflow's WithContainerStep, the container starts with {@code docker run -e K=V} for every variable of the
 * step's environment (the agent's own environment aside, which the harness has none of), and each launch in it is
 * {@code docker exec --env K=V} for every variable of that launch: the runner records both command lines, and the
 * run environment as the container's config ({@code docker inspect}).
 */
class FakeDocker {

    private final PipelineRunner runner

    FakeDocker(PipelineRunner runner) {
        this.runner = runner
    }

    Image image(String name) {
        new Image(name)
    }

    class Image {
        final String name

        Image(String name) {
            this.name = name
        }

        Object inside(String args = '', Closure body) {
            runner.invokeStep('dockerInside', [name, args, body] as Object[])
        }
    }

    /** The {@code docker run} of {@code inside}: as WithContainerStep and DockerClient.run build it. */
    static List<String> runCommand(String image, String args, String workspace, String workspaceTmp,
                                   Map<String, String> env) {
        List<String> argv = ['docker', 'run', '-t', '-d', '-u', '1000:1000']
        argv.addAll(args.tokenize())
        argv.addAll(['-w', workspace, '-v', "${workspace}:${workspace}:rw,z".toString(),
                     '-v', "${workspaceTmp}:${workspaceTmp}:rw,z".toString()])
        env.each { key, value -> argv.addAll(['-e', "${key}=${value}".toString()]) }
        argv.addAll([image, 'cat'])
        argv
    }

    /** The {@code docker exec} of a launch in the container: every variable of the launch as {@code --env}. */
    static List<String> execCommand(String container, Map<String, String> env, String script) {
        List<String> argv = ['docker', 'exec']
        env.each { key, value -> argv.addAll(['--env', "${key}=${value}".toString()]) }
        argv.addAll([container, 'sh', '-c', script])
        argv
    }
}
