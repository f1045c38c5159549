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
 * Trains one xgba-like model (depth 5, eta 0.1, subsample/colsample 0.8, all 2,376 features) on a made-up train
 * file of the full v5.0 shape (2,755,200 rows = 574 eras x 4,800, 2,376 int8 features), through
 * {@link ModelTraining} as {@code numerai:train} does, then prints the seconds of each step. Not a test; run it in
 * its own JVM under {@code /usr/bin/time -v} for the peak resident memory (see docs/scale.md):
 *
 * <pre>java -Xmx2g -cp ... TrainBenchmark [cacheDir] [int8|float] [eraStep] [rounds]</pre>
 *
 * <p>The files are written once into the cache folder (default {@code ~/.cache/numerai-pipeline/bench}): the train
 * file takes about 12 minutes and 2.6 GB; a small validation file (4 eras) and features.json come with it.
 */
public final class TrainBenchmark {
    /** v5.0: 2,376 features; 574 eras of 4,800 rows. Validation is small: only training is measured. */
    static final SyntheticDatasetSpec FULL_V50 = SyntheticDatasetSpec.defaults().withFeatureCount(2376)
            .withTrain(574, 4800).withValidation(4, 4800, 0);

    private TrainBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args.length > 0 ? args[0]
                : System.getProperty("user.home") + "/.cache/numerai-pipeline/bench");
        TrainingMatrix matrix = TrainingMatrix.parse(args.length > 1 ? args[1] : "int8");
        int eraStep = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;

        ModelTraining.DataFiles data = prepare(cache);
        Path models = Files.createDirectories(cache.resolve("train-models"));
        Path configFile = Files.writeString(models.resolve("xgbfull.json"), "{\"name\": \"xgbfull\","
                + " \"dataVersion\": \"v5.0\", \"featureSet\": \"all\", \"target\": \"target\", \"numBoostRound\": "
                + rounds + ", \"params\": {\"objective\": \"reg:squarederror\", \"tree_method\": \"hist\","
                + " \"max_depth\": 5, \"eta\": 0.1, \"subsample\": 0.8, \"colsample_bytree\": 0.8, \"seed\": 42}}");
        ModelConfig config = ModelConfigs.read(configFile);
        long start = System.nanoTime();
        ModelTraining.Outcome outcome = new ModelTraining(new ModelTraining.Options(eraStep, Duration.ofSeconds(30),
                cache.resolve("train-reports"), matrix), BoosterStore.inDataDirectory(cache.resolve("train-desk")))
                .train(config, data);
        System.out.printf(Locale.ROOT, "%s path, every %d era(s), %d rounds: %.1f s in all; manifest %s%n%s%n",
                matrix, eraStep, rounds, (System.nanoTime() - start) / 1e9, outcome.manifest(),
                Files.readString(outcome.manifest()));
    }

    static ModelTraining.DataFiles prepare(Path cache) throws Exception {
        Files.createDirectories(cache);
        SyntheticDataset dataset = new SyntheticDataset(FULL_V50);
        Path train = write(dataset, DatasetFile.TRAIN, cache.resolve("train-v50-2755200x2376.parquet"));
        Path validation = write(dataset, DatasetFile.VALIDATION, cache.resolve("validation-v50-19200x2376.parquet"));
        Path features = write(dataset, DatasetFile.FEATURES, cache.resolve("features-v50-2376.json"));
        return new ModelTraining.DataFiles(train, validation, features);
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
