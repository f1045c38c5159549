package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.ParquetLayout;
import io.github.numeraipipeline.numerai.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.data.SyntheticDatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training again and again on the int8 stream gives every native byte back: the batch buffers (counted exactly),
 * and whatever XGBoost allocates while building and training (seen in the process's resident memory, where
 * keeping one 16 MB matrix a round would show as 80 MB over the last five). A matrix the code forgets to dispose
 * of is still freed by XGBoost4J's finalizer at the next GC, so this guards native memory that no Java object
 * owns; the explicit dispose calls keep the peak down on large data.
 */
class Int8MemoryReleaseTest {
    private static final int ROUNDS = 10;
    /** Allocators and JIT settle in the first rounds; a leak keeps growing after them. */
    private static final int WARM_UP = 5;
    /** 20,000 rows x 400 features: a 16 MB quantile matrix and a 2 MB batch per training. */
    private static final SyntheticDatasetSpec SPEC = SyntheticDatasetSpec.defaults().withFeatureCount(400)
            .withTrain(4, 5000).withSeed(3);

    @TempDir
    Path dir;

    @Test
    void trainingRepeatedlyOnTheInt8StreamDoesNotGrowTheProcess() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(SPEC);
        Path train = dir.resolve("train.parquet");
        dataset.writeFile(DatasetFile.TRAIN, train, ParquetLayout.defaults().withRowGroupRows(5000));
        List<String> features = dataset.featureNames();
        ModelConfig config = ModelFixtures.config(dir, "xgbt", 2);
        ParquetTrainingBatches.Scan scan = ParquetTrainingBatches.scan(train, SyntheticDataset.MAIN_TARGET, 1);

        long afterWarmUp = 0;
        for (int round = 0; round < ROUNDS; round++) {
            OffHeapMemory memory = new OffHeapMemory();
            DMatrix matrix = new Int8QuantileMatrix(XgbNative.load(), memory).build(new ParquetTrainingBatches(
                    train, features, SyntheticDataset.MAIN_TARGET, scan.keptEras()), features, 256, 2);
            assertEquals(0, memory.liveBytes(), "batch buffers freed once the matrix is built");
            Booster booster = new XgbTrainer(Duration.ofHours(1)).train(config, matrix);
            booster.dispose();
            matrix.dispose();
            // the heap's garbage is not the point: collect it, so that what stays is native
            System.gc();
            if (round == WARM_UP - 1) {
                afterWarmUp = residentBytes();
            }
        }

        long growth = residentBytes() - afterWarmUp;
        // leaking one matrix a training would be 80 MiB here
        assertTrue(growth < 16L << 20, "resident memory grew by " + (growth >> 20) + " MiB over "
                + (ROUNDS - WARM_UP) + " trainings");
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
