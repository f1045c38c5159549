package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.data.SyntheticDatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

    static ModelTraining.Outcome train(ModelConfig config, ModelTraining.DataFiles data, Path reports, int eraStep)
            throws Exception {
        return new ModelTraining(new ModelTraining.Options(eraStep, Duration.ofSeconds(5), reports))
                .train(config, data);
    }

    static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
