package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.xgbnative.Int8QuantileMatrix;
import io.github.numeraipipeline.numerai.xgbnative.OffHeapMemory;
import io.github.numeraipipeline.numerai.xgbnative.TrainingBatches;
import io.github.numeraipipeline.numerai.xgbnative.XgbNative;
import io.github.numeraipipeline.numerai.xgbnative.XgbNativeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Int8QuantileMatrixTest {
    private static final String TARGET = SyntheticDataset.MAIN_TARGET;
    /** 6,000 train rows in row groups of 1,000, a few values null: six batches, missing values included. */
    private static final ParquetLayout LAYOUT = ParquetLayout.defaults().withRowGroupRows(1000)
            .withFeatureNullRate(0.01);

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Path train;
    private static List<String> features;

    @BeforeAll
    static void writeTrainFile() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(ModelFixtures.SPEC);
        train = shared.resolve("train.parquet");
        dataset.writeFile(DatasetFile.TRAIN, train, LAYOUT);
        features = dataset.featureSets().featureSet("small");
    }

    @Test
    void aBoosterTrainedOnTheInt8StreamIsByteIdenticalToOneTrainedOnTheFloatMatrix() throws Exception {
        ModelConfig config = ModelFixtures.config(dir, "xgbt", 30);

        Booster viaFloats = trainOnFloats(config, 1);
        Booster viaInt8 = trainOnInt8(config, new OffHeapMemory(), 1);

        // five integer values a feature: both matrices get the same cut points, so the same trees
        assertArrayEquals(viaFloats.toByteArray("json"), viaInt8.toByteArray("json"));
        FeatureFrame frame = new ParquetFrameReader().read(train, features, List.of(TARGET));
        assertArrayEquals(XgbPredictor.predict(viaFloats, features, frame, null),
                XgbPredictor.predict(viaInt8, features, frame, null));
        viaFloats.dispose();
        viaInt8.dispose();
    }

    @Test
    void theMatrixKeptOnDiskGivesTheSameBoosterAndItsPagesGoWithIt() throws Exception {
        ModelConfig config = ModelFixtures.config(dir, "xgbt", 30);
        ParquetTrainingBatches.Scan scan = ParquetTrainingBatches.scan(train, TARGET, 1);
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        DMatrix matrix = new Int8QuantileMatrix(XgbNative.load(), new OffHeapMemory()).buildOnDisk(
                new ParquetTrainingBatches(train, features, scan), features, 256, 2, temp);
        try (var pages = Files.walk(temp)) {
            assertTrue(pages.anyMatch(p -> p.getFileName().toString().endsWith(".page")), "pages on disk");
        }

        Booster viaDisk = new XgbTrainer(Duration.ofHours(1)).train(config, matrix);
        matrix.dispose();

        assertArrayEquals(trainOnFloats(config, 1).toByteArray("json"), viaDisk.toByteArray("json"));
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.toList(), "the page folder is deleted with the matrix");
        }
        viaDisk.dispose();
    }

    @Test
    void keepsTheErasTheEraStepKeepsAsTheFloatPathDoes() throws Exception {
        ModelConfig config = ModelFixtures.config(dir, "xgbt", 10);

        ParquetTrainingBatches.Scan scan = ParquetTrainingBatches.scan(train, TARGET, 4);

        assertEquals(10, scan.eras());
        assertEquals(10 * 150, scan.rows());
        assertEquals(1000, scan.largestRowGroup());
        assertArrayEquals(trainOnFloats(config, 4).toByteArray("json"),
                trainOnInt8(config, new OffHeapMemory(), 4).toByteArray("json"));
    }

    @Test
    void xgboostReadsTheBatchesAtLeastTwiceAndGetsTheSameRowsEachPass() throws Exception {
        ParquetTrainingBatches.Scan scan = ParquetTrainingBatches.scan(train, TARGET, 1);
        CountingBatches batches = new CountingBatches(
                new ParquetTrainingBatches(train, features, scan));

        DMatrix matrix = new Int8QuantileMatrix(XgbNative.load(), new OffHeapMemory())
                .build(batches, features, 256, 2);

        assertEquals(scan.rows(), matrix.rowNum());
        assertTrue(batches.fullPasses >= 2, "full passes: " + batches.fullPasses);
        assertEquals(batches.fullPasses * scan.rows(), batches.rowsServed);
        matrix.dispose();
    }

    @Test
    void aSingleRowGroupIsReadOnceForAllOfXgboostsPassesAndTrainsTheSameBooster() throws Exception {
        ModelConfig config = ModelFixtures.config(dir, "xgbt", 30);
        Path oneGroup = dir.resolve("one-group.parquet");
        new SyntheticDataset(ModelFixtures.SPEC).writeFile(DatasetFile.TRAIN, oneGroup,
                LAYOUT.withRowGroupRows(100_000));
        ParquetTrainingBatches.Scan scan = ParquetTrainingBatches.scan(oneGroup, TARGET, 1);
        CountingBatches batches = new CountingBatches(new ParquetTrainingBatches(oneGroup, features, scan));
        OffHeapMemory memory = new OffHeapMemory();

        DMatrix matrix = new Int8QuantileMatrix(XgbNative.load(), memory).build(batches, features, 256, 2);
        Booster viaOneBatch = new XgbTrainer(Duration.ofHours(1)).train(config, matrix);
        matrix.dispose();

        assertEquals(1, batches.fullPasses, "one pass over the file; the buffer serves XGBoost's other passes");
        assertEquals(scan.rows(), batches.rowsServed);
        assertEquals(0, memory.liveBytes());
        // the same rows as the six row groups of the shared file
        assertArrayEquals(trainOnInt8(config, new OffHeapMemory(), 1).toByteArray("json"),
                viaOneBatch.toByteArray("json"));
        viaOneBatch.dispose();
    }

    @Test
    void aFailingBatchStopsTheBuildWithItsOwnErrorAndFreesTheOffHeapMemory() throws Exception {
        ParquetTrainingBatches.Scan scan = ParquetTrainingBatches.scan(train, TARGET, 1);
        ModelException broken = new ModelException("row group 3 is broken");
        OffHeapMemory memory = new OffHeapMemory();
        TrainingBatches failing = new CountingBatches(
                new ParquetTrainingBatches(train, features, scan), 3, broken);

        ModelException thrown = assertThrows(ModelException.class,
                () -> new Int8QuantileMatrix(XgbNative.load(), memory).build(failing, features, 256, 2));

        assertSame(broken, thrown);
        assertEquals(0, memory.liveBytes());
    }

    @Test
    void anInvalidMaxBinIsXgboostsClearErrorAndFreesTheOffHeapMemory() throws Exception {
        ParquetTrainingBatches.Scan scan = ParquetTrainingBatches.scan(train, TARGET, 1);
        OffHeapMemory memory = new OffHeapMemory();

        XgbNativeException thrown = assertThrows(XgbNativeException.class, () -> new Int8QuantileMatrix(XgbNative.load(),
                memory).build(new ParquetTrainingBatches(train, features, scan), features, 1, 2));

        assertTrue(thrown.getMessage().startsWith("XGBoost failed to build the quantile matrix"), thrown.getMessage());
        assertEquals(0, memory.liveBytes());
    }

    @Test
    void aLibraryWithoutTheQuantileMatrixFunctionsIsAClearErrorNamingTheFix() throws Exception {
        Path libc = Files.list(Path.of("/lib/x86_64-linux-gnu")).filter(p -> p.getFileName().toString()
                .equals("libc.so.6")).findFirst().orElseThrow();

        XgbNativeException thrown = assertThrows(XgbNativeException.class, () -> XgbNative.bind(libc));

        assertTrue(thrown.getMessage().contains("has no function XGBoostVersion"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("-Dnumerai.train.matrix=float"), thrown.getMessage());
    }

    @Test
    void bindsTheLibraryXgboost4jLoaded() throws Exception {
        assertEquals("3.4.0", XgbNative.load().version());
    }

    private Booster trainOnFloats(ModelConfig config, int eraStep) throws Exception {
        FeatureFrame frame = new ParquetFrameReader().read(train, features, List.of(TARGET));
        int[] rows = EraSelection.rows(frame, TARGET, eraStep, null);
        float[] all = frame.target(TARGET);
        float[] labels = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = all[rows[i]];
        }
        DMatrix matrix = FeatureMatrix.of(frame, features, rows, labels);
        try {
            return new XgbTrainer(Duration.ofHours(1)).train(config, matrix);
        } finally {
            matrix.dispose();
        }
    }

    static Booster trainOnInt8(ModelConfig config, OffHeapMemory memory, int eraStep) throws Exception {
        ParquetTrainingBatches.Scan scan = ParquetTrainingBatches.scan(train, TARGET, eraStep);
        DMatrix matrix = new Int8QuantileMatrix(XgbNative.load(), memory)
                .build(new ParquetTrainingBatches(train, features, scan), features, 256, 2);
        try {
            return new XgbTrainer(Duration.ofHours(1)).train(config, matrix);
        } finally {
            matrix.dispose();
        }
    }

    /** Counts passes to the end and rows served; optionally fails at the n-th batch. */
    private static final class CountingBatches implements TrainingBatches {
        private final TrainingBatches inner;
        private final int failAt;
        private final ModelException failure;
        int fullPasses;
        long rowsServed;
        private int served;

        CountingBatches(TrainingBatches inner) {
            this(inner, -1, null);
        }

        CountingBatches(TrainingBatches inner, int failAt, ModelException failure) {
            this.inner = inner;
            this.failAt = failAt;
            this.failure = failure;
        }

        @Override
        public int largestBatch() {
            return inner.largestBatch();
        }

        @Override
        public Batch next(Columns columns) throws NumeraiException {
            if (++served == failAt) {
                throw failure;
            }
            Batch batch = inner.next(columns);
            if (batch == null) {
                fullPasses++;
            } else {
                rowsServed += batch.rows();
            }
            return batch;
        }

        @Override
        public void reset() {
            inner.reset();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
