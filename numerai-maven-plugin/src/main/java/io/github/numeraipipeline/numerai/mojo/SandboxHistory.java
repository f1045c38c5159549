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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code numerai.sandbox.history}: gives the sandbox the desk's submissions of the rounds before today, made by the
 * desk's own models on each round's own live file ({@code live_<round>.parquet}), so that a first {@code scores}
 * already has a chart. The sandbox scores each against that round's own hidden target. Glue between model and sandbox, hence here.
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
        // Each round has its own live file (other rows than today's): the models predict each round's file, as
        // they would have on that day.
        Map<String, Integer> filled = new HashMap<>();
        for (int round = today - rounds; round < today; round++) {
            int day = round;
            List<ModelConfig> missing = wanting.stream()
                    .filter(config -> !sandbox.scoredRounds(config.name()).contains(day)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            Path work = Files.createDirectories(outputDirectory.resolve("sandbox-history").resolve("round-" + round));
            ModelPredictions.LiveData live = new ModelPredictions.LiveData() {
                @Override
                public Path liveFile(String dataVersion) throws NumeraiException {
                    return served(dataVersion + "/live_" + day + ".parquet");
                }

                @Override
                public Path featuresJson(String dataVersion) throws NumeraiException {
                    return served(dataVersion + "/" + DatasetCache.FEATURES);
                }
            };
            PredictionRecord record = new ModelPredictions(work, PredictionTransform.RANK, boosters, parallel)
                    .run(missing, live, null);
            record.requireNoFailures();
            for (PredictionFile file : record.files()) {
                try {
                    sandbox.submitPast(file.model(), round, Files.readAllBytes(file.path()));
                    filled.merge(file.model(), 1, Integer::sum);
                } catch (IllegalArgumentException e) {
                    throw new MojoFailureException(PropertyNames.SANDBOX_HISTORY + ": the sandbox refused "
                            + file.model() + "'s predictions for round " + round + ": " + e.getMessage(), e);
                }
            }
        }
        for (ModelConfig config : wanting) {
            log.info("Sandbox history: " + config.name() + " submitted to " + filled.getOrDefault(config.name(), 0)
                    + " earlier round(s) (" + PropertyNames.SANDBOX_HISTORY + "=" + rounds + ")");
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
