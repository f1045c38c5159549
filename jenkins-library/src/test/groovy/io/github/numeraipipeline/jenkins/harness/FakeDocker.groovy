package io.github.numeraipipeline.jenkins.harness

/**
 * The Docker Pipeline plugin's global {@code docker}: {@code docker.image(name).inside(args) { ... }} is recorded as
 * the step {@code dockerInside(name, args, body)}, and the steps in the body as run in that image.
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
}
