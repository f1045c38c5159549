package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import io.github.numeraipipeline.numerai.xgbnative.Int8QuantileMatrix;
import io.github.numeraipipeline.numerai.xgbnative.OffHeapMemory;
import io.github.numeraipipeline.numerai.xgbnative.XgbNative;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;

/**
 * Builds the int8 quantile matrix and trains on it again and again, in a JVM of its own whose heap is all touched
 * from the start ({@code -Xms = -Xmx}, {@code -XX:+AlwaysPreTouch}), so that any growth of its resident memory is
 * native memory; prints how far the last round's resident memory is above the highest seen during the warm-up
 * rounds, and the off-heap bytes still counted. Arguments: working directory, {@code memory} or {@code disk}.
 */
public final class Int8TrainingRounds {
    static final int ROUNDS = 10;
    /** Allocators and JIT settle in the first rounds; a leak keeps growing after them. */
    static final int WARM_UP = 5;
    /** 20,000 rows x 400 features: a 16 MB quantile matrix and a 2 MB batch per training. */
    private static final SyntheticDatasetSpec SPEC = SyntheticDatasetSpec.defaults().withFeatureCount(400)
            .withTrain(4, 5000).withSeed(3);

    private Int8TrainingRounds() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean onDisk = args[1].equals("disk");
        SyntheticDataset dataset = new SyntheticDataset(SPEC);
        Path train = dir.resolve("train.parquet");
        dataset.writeFile(DatasetFile.TRAIN, train, ParquetLayout.defaults().withRowGroupRows(5000));
        List<String> features = dataset.featureNames();
        ModelConfig config = ModelFixtures.config(dir, "xgbt", 2);
        ParquetTrainingBatches.Scan scan = ParquetTrainingBatches.scan(train, SyntheticDataset.MAIN_TARGET, 1);
        Path pages = Files.createDirectories(dir.resolve("pages"));

        // The warm-up's peak, not its last round: the allocator may hand back a few MiB after one round and take
        // them again after the next, which is not a leak; a leak grows past every earlier peak, round after round.
        long warmUpPeak = 0;
        long offHeapLeft = 0;
        for (int round = 0; round < ROUNDS; round++) {
            OffHeapMemory memory = new OffHeapMemory();
            Int8QuantileMatrix builder = new Int8QuantileMatrix(XgbNative.load(), memory);
            ParquetTrainingBatches batches = new ParquetTrainingBatches(train, features, scan);
            DMatrix matrix = onDisk ? builder.buildOnDisk(batches, features, 256, 2, pages)
                    : builder.build(batches, features, 256, 2);
            offHeapLeft += memory.liveBytes();
            Booster booster = new XgbTrainer(Duration.ofHours(1)).train(config, matrix);
            booster.dispose();
            matrix.dispose();
            if (round < WARM_UP) {
                warmUpPeak = Math.max(warmUpPeak, residentBytes());
            }
        }
        System.out.println("growth-bytes=" + (residentBytes() - warmUpPeak));
        System.out.println("off-heap-left=" + offHeapLeft);
        try (var left = Files.list(pages)) {
            System.out.println("page-folders-left=" + left.count());
        }
    }

    /** VmRSS of this process. */
    private static long residentBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
