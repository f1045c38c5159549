package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small synthetic dataset and model configs for training and prediction tests. */
final class ModelFixtures {
    /** 60 features (42 in "small"), 40 train eras, 8 validation eras of which 2 have no targets yet. */
    static final SyntheticDatasetSpec SPEC = SyntheticDatasetSpec.defaults().withFeatureCount(60).withLiveRows(500)
            .withTrain(40, 150).withValidation(8, 150, 2).withSignal(0.3).withSeed(7);

    private ModelFixtures() {
    }

    /** Writes train, validation, live and features.json into {@code dir}. */
    static ModelTraining.DataFiles dataset(Path dir) throws Exception {
        new SyntheticDataset(SPEC).writeAll(dir);
        return new ModelTraining.DataFiles(dir.resolve(DatasetCache.TRAIN), dir.resolve(DatasetCache.VALIDATION),
                dir.resolve(DatasetCache.FEATURES));
    }

    /** {@code <models>/<name>.json}: a small, quick XGBoost config on the small set. */
    static ModelConfig config(Path models, String name, int rounds) throws Exception {
        Files.createDirectories(models);
        Path file = Files.writeString(models.resolve(name + ".json"), "{\"name\": \"" + name + "\","
                + " \"dataVersion\": \"v5.0\", \"featureSet\": \"small\", \"target\": \"target\","
                + " \"numBoostRound\": " + rounds + ", \"params\": {\"objective\": \"reg:squarederror\","
                + " \"tree_method\": \"hist\", \"max_depth\": 4, \"eta\": 0.1, \"subsample\": 0.8,"
                + " \"colsample_bytree\": 0.8, \"seed\": 42}}");
        return ModelConfigs.read(file);
    }

    /** The desk's booster store of a data directory, where {@link #train} writes. */
    static BoosterStore boosters(Path dataDirectory) {
        return BoosterStore.inDataDirectory(dataDirectory);
    }

    /** Trains the config into the store; the outcome names the booster written. */
    static ModelTraining.Outcome train(ModelConfig config, ModelTraining.DataFiles data, BoosterStore boosters,
            Path reports, int eraStep) throws Exception {
        return new ModelTraining(new ModelTraining.Options(eraStep, Duration.ofSeconds(5), reports), boosters)
                .train(config, data);
    }

    /**
     * Runs a main class of the test class path in a JVM of its own and returns the values of its output lines
     * {@code <key>=<value>} for these keys; fails with the whole output when it exits non-zero or lacks a key.
     */
    static Map<String, String> runInAnotherJvm(Class<?> main, List<String> jvmOptions, List<String> keys,
            String... args) throws Exception {
        return runInAnotherJvm(main, jvmOptions, Map.of(), keys, args);
    }

    /** As above, with these variables added to the child's environment. */
    static Map<String, String> runInAnotherJvm(Class<?> main, List<String> jvmOptions, Map<String, String> environment,
            List<String> keys, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), text);
        Map<String, String> values = new HashMap<>();
        for (String key : keys) {
            values.put(key, text.lines().filter(l -> l.startsWith(key + "=")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + key + " in: " + text)).substring(key.length() + 1));
        }
        return values;
    }

    static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
