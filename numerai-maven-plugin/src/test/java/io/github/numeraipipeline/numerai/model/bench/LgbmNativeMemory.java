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
import java.util.Locale;

/**
 * The memory a LightGBM training takes outside the Java heap, for TrainingMemory's estimate: run with a heap that
 * is all resident from the start ({@code -Xms=-Xmx -XX:+AlwaysPreTouch}), so that the growth of the resident set
 * from the start to its peak ({@code VmHWM}) is what is outside the heap (LightGBM's Dataset and trees, the float
 * blocks and bin sample, and the JVM's own growth). Not a test.
 *
 * <pre>java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp ... LgbmNativeMemory dir eras rowsPerEra features rounds</pre>
 */
public final class LgbmNativeMemory {
    private LgbmNativeMemory() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int eras = Integer.parseInt(args[1]);
        int rowsPerEra = Integer.parseInt(args[2]);
        int features = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        SyntheticDataset dataset = new SyntheticDataset(SyntheticDatasetSpec.defaults().withFeatureCount(features)
                .withTrain(eras, rowsPerEra).withValidation(2, rowsPerEra, 0));
        Path train = dir.resolve("train.parquet");
        dataset.writeFile(DatasetFile.TRAIN, train, ParquetLayout.defaults());
        Path validation = dir.resolve("validation.parquet");
        dataset.writeFile(DatasetFile.VALIDATION, validation, ParquetLayout.defaults());
        Path featuresJson = dir.resolve("features.json");
        dataset.writeFile(DatasetFile.FEATURES, featuresJson, ParquetLayout.defaults());
        ModelConfig config = ModelConfigs.read(Files.writeString(dir.resolve("lgbm.json"), "{\"name\": \"lgbm\","
                + " \"library\": \"lightgbm\", \"dataVersion\": \"v5.0\", \"featureSet\": \"all\", \"target\":"
                + " \"target\", \"numBoostRound\": " + rounds + ", \"params\": {\"objective\": \"regression\","
                + " \"max_depth\": 5, \"num_leaves\": 31, \"learning_rate\": 0.1, \"feature_fraction\": 0.8,"
                + " \"seed\": 42}}"));
        long start = kib("VmRSS");
        new ModelTraining(new ModelTraining.Options(1, Duration.ofSeconds(30), dir.resolve("reports"),
                TrainingMatrix.FLOAT), BoosterStore.inDataDirectory(dir.resolve("desk")))
                .train(config, new ModelTraining.DataFiles(train, validation, featuresJson));
        long peak = kib("VmHWM");
        long values = (long) eras * rowsPerEra * features;
        System.out.printf(Locale.ROOT, "values=%d start-rss-kib=%d peak-rss-kib=%d outside-heap-bytes=%d"
                + " bytes-a-value=%.2f%n", values, start, peak, (peak - start) * 1024,
                (peak - start) * 1024.0 / values);
    }

    private static long kib(String key) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(key + ":"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
    }
}
