package io.github.numeraipipeline.numerai.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Starts the sandbox the goals use, serving the datasets it generates. */
public final class Sandboxes {
    /** The file, beside the generated data, in which the sandbox keeps its scored submissions between runs. */
    public static final String STATE_FILE = "tournament-state.json";

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
        GeneratedDatasets datasets = new GeneratedDatasets(options.data(), servedRoot);
        // The tournament's state (scored submissions) lives beside the data it was scored on.
        SandboxServer server = SandboxServer.start(options, datasets, clock, datasets.directory().resolve(STATE_FILE));
        try {
            server.faults().apply(faults);
        } catch (IllegalArgumentException e) {
            server.close();
            throw e;
        }
        return server;
    }
}
