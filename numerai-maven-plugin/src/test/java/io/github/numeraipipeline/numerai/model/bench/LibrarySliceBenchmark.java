package io.github.numeraipipeline.numerai.model.bench;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.model.BoosterStore;
import io.github.numeraipipeline.numerai.model.ModelConfig;
import io.github.numeraipipeline.numerai.model.ModelConfigs;
import io.github.numeraipipeline.numerai.model.ModelTraining;
import io.github.numeraipipeline.numerai.model.TrainingMatrix;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Trains an xgba-like XGBoost model or a LightGBM model of the same shape (depth 5, 0.1, 80% of rows and
 * features) on a made-up slice of about 100k rows x 2,376 int8 features, through {@link ModelTraining} as
 * {@code numerai:train} does, and prints the seconds of each step; run under {@code /usr/bin/time -v} for the peak
 * resident memory. Not a test.
 *
 * <pre>java -Xmx2g -cp ... LibrarySliceBenchmark cacheDir xgboost|lightgbm rounds</pre>
 */
public final class LibrarySliceBenchmark {
    /** 21 eras of 4,800 rows: 100,800 rows x 2,376 features. */
    static final SyntheticDatasetSpec SLICE = SyntheticDatasetSpec.defaults().withFeatureCount(2376)
            .withTrain(21, 4800).withValidation(2, 4800, 0);

    private LibrarySliceBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path cache = Files.createDirectories(Path.of(args[0]));
        String library = args[1];
        int rounds = Integer.parseInt(args[2]);
        SyntheticDataset dataset = new SyntheticDataset(SLICE);
        Path train = write(dataset, DatasetFile.TRAIN, cache.resolve("train-100800x2376.parquet"));
        Path validation = write(dataset, DatasetFile.VALIDATION, cache.resolve("validation-9600x2376.parquet"));
        Path features = write(dataset, DatasetFile.FEATURES, cache.resolve("features-2376.json"));
        ModelTraining.DataFiles data = new ModelTraining.DataFiles(train, validation, features);
        String params = library.equals("lightgbm")
                ? "{\"objective\": \"regression\", \"max_depth\": 5, \"num_leaves\": 31, \"learning_rate\": 0.1,"
                        + " \"bagging_fraction\": 0.8, \"bagging_freq\": 1, \"feature_fraction\": 0.8, \"seed\": 42}"
                : "{\"objective\": \"reg:squarederror\", \"tree_method\": \"hist\", \"max_depth\": 5, \"eta\": 0.1,"
                        + " \"subsample\": 0.8, \"colsample_bytree\": 0.8, \"seed\": 42, \"nthread\": 2}";
        Path models = Files.createDirectories(cache.resolve("models-" + library));
        ModelConfig config = ModelConfigs.read(Files.writeString(models.resolve("slice.json"), "{\"name\": \"slice\","
                + " \"library\": \"" + library + "\", \"dataVersion\": \"v5.0\", \"featureSet\": \"all\","
                + " \"target\": \"target\", \"numBoostRound\": " + rounds + ", \"params\": " + params + "}"));
        long start = System.nanoTime();
        ModelTraining.Outcome outcome = new ModelTraining(new ModelTraining.Options(1, Duration.ofSeconds(30),
                cache.resolve("reports-" + library), TrainingMatrix.FLOAT),
                BoosterStore.inDataDirectory(cache.resolve("desk-" + library))).train(config, data);
        System.out.printf(Locale.ROOT, "%s, %d rounds: %.1f s in all; manifest %s%n%s%n", library, rounds,
                (System.nanoTime() - start) / 1e9, outcome.manifest(), Files.readString(outcome.manifest()));
    }

    private static Path write(SyntheticDataset dataset, DatasetFile part, Path file) throws Exception {
        if (!Files.exists(file)) {
            long start = System.nanoTime();
            dataset.writeFile(part, file, ParquetLayout.defaults());
            System.out.printf(Locale.ROOT, "wrote %s (%,d bytes) in %.0f s%n", file, Files.size(file),
                    (System.nanoTime() - start) / 1e9);
        }
        return file;
    }
}
