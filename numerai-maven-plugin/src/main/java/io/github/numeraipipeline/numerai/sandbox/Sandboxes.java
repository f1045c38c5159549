package io.github.numeraipipeline.numerai.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Starts the sandbox the goals use, serving the datasets it generates. */
public final class Sandboxes {
    private Sandboxes() {
    }

    /** A sandbox whose generated datasets are kept under {@code servedRoot} for the next run. */
    public static SandboxServer start(SandboxOptions options, Path servedRoot, Clock clock) throws IOException {
        return SandboxServer.start(options, new GeneratedDatasets(options.data(), servedRoot), clock);
    }
}
