package io.github.numeraipipeline.numerai.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Starts the sandbox the goals use, serving the datasets it generates. */
public final class Sandboxes {
    private Sandboxes() {
    }

    /**
     * A sandbox whose generated datasets are kept under {@code servedRoot} for the next run, with the faults of
     * {@code faults} ({@link SandboxFaults#apply}) switched on; null or blank for none.
     *
     * @throws IllegalArgumentException when {@code faults} cannot be read; no sandbox is left running then
     */
    public static SandboxServer start(SandboxOptions options, Path servedRoot, Clock clock, String faults)
            throws IOException {
        SandboxServer server = SandboxServer.start(options, new GeneratedDatasets(options.data(), servedRoot), clock);
        try {
            server.faults().apply(faults);
        } catch (IllegalArgumentException e) {
            server.close();
            throw e;
        }
        return server;
    }
}
