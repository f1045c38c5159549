package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.model.BoosterStore;
import io.github.numeraipipeline.numerai.model.ModelConfig;
import io.github.numeraipipeline.numerai.model.ModelPredictions;
import io.github.numeraipipeline.numerai.model.ParallelModels;
import io.github.numeraipipeline.numerai.model.PredictionRecord;
import io.github.numeraipipeline.numerai.model.PredictionTransform;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code numerai.sandbox.history}: gives the sandbox the desk's submissions of the rounds before today, made by the
 * desk's own models on the sandbox's live data, so that a first {@code scores} already has a chart. The sandbox
 * scores each against that round's own hidden target. Glue between model and sandbox, hence here.
 */
final class SandboxHistory {
    private final SandboxServer sandbox;
    private final Path outputDirectory;
    private final Log log;

    SandboxHistory(SandboxServer sandbox, Path outputDirectory, Log log) {
        this.sandbox = sandbox;
        this.outputDirectory = outputDirectory;
        this.log = log;
    }

    void fill(List<ModelConfig> configs, int rounds, BoosterStore boosters, ParallelModels parallel)
            throws MojoFailureException, IOException, NumeraiException {
        int today = sandbox.roundNumber();
        List<ModelConfig> wanting = new ArrayList<>();
        for (ModelConfig config : configs) {
            boolean missing = false;
            for (int round = today - rounds; round < today; round++) {
                missing |= !sandbox.scoredRounds(config.name()).contains(round);
            }
            if (missing) {
                wanting.add(config);
            }
        }
        if (wanting.isEmpty()) {
            return;
        }
        Path work = Files.createDirectories(outputDirectory.resolve("sandbox-history"));
        ModelPredictions.LiveData live = new ModelPredictions.LiveData() {
            @Override
            public Path liveFile(String dataVersion) throws NumeraiException {
                return served(dataVersion + "/" + DatasetCache.LIVE);
            }

            @Override
            public Path featuresJson(String dataVersion) throws NumeraiException {
                return served(dataVersion + "/" + DatasetCache.FEATURES);
            }
        };
        PredictionRecord record = new ModelPredictions(work, PredictionTransform.RANK, boosters, parallel)
                .run(wanting, live, null);
        record.requireNoFailures();
        for (PredictionFile file : record.files()) {
            byte[] csv = Files.readAllBytes(file.path());
            int filled = 0;
            for (int round = today - rounds; round < today; round++) {
                if (!sandbox.scoredRounds(file.model()).contains(round)) {
                    try {
                        sandbox.submitPast(file.model(), round, csv);
                    } catch (IllegalArgumentException e) {
                        throw new MojoFailureException(PropertyNames.SANDBOX_HISTORY + ": the sandbox refused "
                                + file.model() + "'s predictions for round " + round + ": " + e.getMessage(), e);
                    }
                    filled++;
                }
            }
            log.info("Sandbox history: " + file.model() + " submitted to " + filled + " earlier round(s) ("
                    + PropertyNames.SANDBOX_HISTORY + "=" + rounds + ")");
        }
    }

    private Path served(String name) throws NumeraiException {
        try {
            Path file = sandbox.datasetFile(name);
            if (file == null) {
                throw new NumeraiException("The sandbox serves no " + name + "; use a model config with dataVersion"
                        + " v5.0 or v5.2 in sandbox runs");
            }
            return file;
        } catch (IOException e) {
            throw new NumeraiException("The sandbox could not make " + name + ": " + e.getMessage(), e);
        }
    }
}
