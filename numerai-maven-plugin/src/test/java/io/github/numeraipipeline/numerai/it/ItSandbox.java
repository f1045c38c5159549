package io.github.numeraipipeline.numerai.it;

import io.github.numeraipipeline.numerai.sandbox.GeneratedDatasets;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * A sandbox that an invoker IT's pre-build hook starts on the reserved port, standing in for Numerai for the
 * Maven build under test (which talks to it by {@code -Dnumerai.apiUrl}, with real key lookup).
 */
public final class ItSandbox {
    private ItSandbox() {
    }

    /** Small data: the ITs test the goals, not the data's size. */
    static final SyntheticDatasetSpec SMALL = SyntheticDatasetSpec.defaults().withFeatureCount(60).withLiveRows(300)
            .withTrain(8, 200).withValidation(4, 200, 1);

    public static SandboxServer start(File basedir, String port) throws IOException {
        return start(basedir, port, SandboxOptions.defaults().roundOpensIn(), "");
    }

    /**
     * A sandbox whose round opens after {@code roundOpensIn} (null: never; negative: open already), with the faults of
     * {@code faults} ({@code -Dnumerai.sandbox.faults} syntax) switched on.
     */
    public static SandboxServer start(File basedir, String port, Duration roundOpensIn, String faults)
            throws IOException {
        SandboxOptions options = SandboxOptions.defaults().withPort(Integer.parseInt(port)).withData(SMALL)
                .withRoundOpensIn(roundOpensIn);
        SandboxServer sandbox = SandboxServer.start(options, new GeneratedDatasets(SMALL, basedir.toPath().resolve("served")));
        sandbox.faults().apply(faults);
        return sandbox;
    }

    /**
     * The same tournament a day later, on another port: the next round, open, with nothing submitted to it yet; its
     * data is served from a folder of its own.
     */
    public static SandboxServer startNextDay(File basedir, String port) throws IOException {
        SandboxOptions today = SandboxOptions.defaults();
        SandboxOptions options = today.withPort(Integer.parseInt(port)).withData(SMALL)
                .withRoundNumber(today.roundNumber() + 1);
        return SandboxServer.start(options, new GeneratedDatasets(SMALL, basedir.toPath().resolve("served-next-day")));
    }

    /**
     * Writes {@code target/numerai/predictions_<model>.csv} for the sandbox's live ids, as {@code predict} would, so
     * that submit ITs do not depend on training.
     */
    public static void writePredictions(File basedir, String... models) throws IOException {
        // the live file of the round ItSandbox.start plays: each round has its own
        Set<String> ids = new GeneratedDatasets(SMALL, basedir.toPath().resolve("served"))
                .forRound(SandboxOptions.defaults().roundNumber()).liveIds("v5.0");
        Path out = Files.createDirectories(basedir.toPath().resolve("target/numerai"));
        for (int m = 0; m < models.length; m++) {
            Files.write(out.resolve("predictions_" + models[m] + ".csv"), predictions(ids, m));
        }
    }

    /** A predictions CSV of {@code ids} (a round's live ids), distinct per {@code model} index. */
    public static byte[] predictions(Set<String> ids, int model) {
        StringBuilder csv = new StringBuilder("id,prediction\n");
        int i = 0;
        for (String id : ids) {
            csv.append(id).append(',').append(String.format(Locale.ROOT, "%.6f", (i++ + 0.5 + model) / (ids.size() + 1.0) % 1))
                    .append('\n');
        }
        return csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
