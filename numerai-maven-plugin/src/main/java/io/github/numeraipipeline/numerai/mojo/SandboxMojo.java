package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the embedded offline Numerai tournament until the build is stopped (Ctrl-C), for trying the goals, a
 * Jenkins job or another client against it: {@code -Dnumerai.apiUrl=<the URL it prints>}.
 *
 * @since 0.1.0
 */
@Mojo(name = "sandbox", requiresProject = false, threadSafe = true)
public class SandboxMojo extends AbstractNumeraiMojo {

    /**
     * The port on 127.0.0.1; 0 picks a free one.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SANDBOX_PORT, defaultValue = "0")
    private int port;

    @Override
    protected boolean isStepOfTheRun() {
        return false;
    }

    @Override
    protected boolean needsOpenRound() {
        return false;
    }

    @Override
    protected SandboxOptions sandboxOptions() throws MojoFailureException {
        return super.sandboxOptions().withPort(port);
    }

    @Override
    protected void run() throws MojoFailureException, IOException, InterruptedException {
        SandboxServer server = sandbox();
        getLog().info("GraphQL endpoint: " + server.endpoint() + "  (use -D" + PropertyNames.API_URL + "="
                + server.endpoint() + ")");
        getLog().info("Account keys: NUMERAI_PUBLIC_ID=" + SandboxOptions.PUBLIC_ID + " NUMERAI_SECRET_KEY="
                + SandboxOptions.SECRET_KEY + "  (sandbox only; models " + server.modelIds().keySet() + ")");
        getLog().info("Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }
}
