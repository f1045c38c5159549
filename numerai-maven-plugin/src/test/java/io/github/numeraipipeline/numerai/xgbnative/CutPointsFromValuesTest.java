package io.github.numeraipipeline.numerai.xgbnative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

/**
 * The int8 matrix takes XGBoost's cut points from the values each feature takes instead of letting XGBoost sketch
 * the data; the trees must not notice. Features here take odd sets of values (two of five, one, none, a gap, values
 * seen in one batch only), and the boosters are compared byte for byte with XGBoost4J's float matrix of the same
 * rows, which XGBoost sketches itself.
 */
class CutPointsFromValuesTest {
    private static final int ROWS = 3000;
    private static final int BATCH = 1200;
    private static final List<String> FEATURES = List.of("all", "one_and_three", "only_four", "never",
            "gap_and_nulls", "late");
    private static final byte[][] COLUMNS = columns();
    private static final float[] LABELS = labels();

    @Test
    void oddValueSetsGiveTheBoosterOfXgboostsOwnSketch() throws Exception {
        CountedBatches batches = new CountedBatches(BATCH);

        assertArrayEquals(trainOnFloats(256), trainOnInt8(batches, 256));
        // our pass, then XGBoost's shape and its two binning passes: no sketch pass
        assertEquals(4, batches.passes);
    }

    @Test
    void moreValuesThanBinsLeaveTheCutPointsToXgboostsSketch() throws Exception {
        CountedBatches batches = new CountedBatches(BATCH);

        // "all" takes five values in four bins: XGBoost's quantiles, which weigh the values, decide
        assertArrayEquals(trainOnFloats(4), trainOnInt8(batches, 4));
        assertEquals(5, batches.passes, "our pass, then shape, sketch and two binning passes");
    }

    @Test
    void aSingleBatchIsTheSameToo() throws Exception {
        CountedBatches batches = new CountedBatches(ROWS);

        assertArrayEquals(trainOnFloats(256), trainOnInt8(batches, 256));
        assertEquals(1, batches.passes, "read once; the buffer serves XGBoost's passes");
    }

    private static byte[] trainOnInt8(TrainingBatches batches, int maxBin) throws Exception {
        OffHeapMemory memory = new OffHeapMemory();
        DMatrix matrix = new Int8QuantileMatrix(XgbNative.load(), memory).build(batches, FEATURES, maxBin, 2);
        try {
            assertEquals(0, memory.liveBytes(), "the batch buffer is freed once the matrix is built");
            return train(matrix, maxBin);
        } finally {
            matrix.dispose();
        }
    }

    private static byte[] trainOnFloats(int maxBin) throws Exception {
        float[] rowMajor = new float[ROWS * FEATURES.size()];
        for (int r = 0; r < ROWS; r++) {
            for (int f = 0; f < FEATURES.size(); f++) {
                byte value = COLUMNS[f][r];
                rowMajor[r * FEATURES.size() + f] = value == FeatureFrame.MISSING ? Float.NaN : value;
            }
        }
        DMatrix matrix = new DMatrix(rowMajor, ROWS, FEATURES.size(), Float.NaN);
        try {
            matrix.setLabel(LABELS);
            matrix.setFeatureNames(FEATURES.toArray(String[]::new));
            return train(matrix, maxBin);
        } finally {
            matrix.dispose();
        }
    }

    private static byte[] train(DMatrix matrix, int maxBin) throws Exception {
        Map<String, Object> params = new HashMap<>(Map.of("objective", "reg:squarederror", "tree_method", "hist",
                "max_depth", 4, "eta", 0.3, "max_bin", maxBin, "nthread", 2, "seed", 7));
        Booster booster = XGBoost.train(matrix, params, 15, Map.of(), null, null);
        try {
            return booster.toByteArray("json");
        } finally {
            booster.dispose();
        }
    }

    private static byte[][] columns() {
        Random random = new Random(14);
        byte[][] columns = new byte[FEATURES.size()][ROWS];
        for (int r = 0; r < ROWS; r++) {
            columns[0][r] = (byte) random.nextInt(5);
            columns[1][r] = (byte) (random.nextBoolean() ? 1 : 3);
            columns[2][r] = 4;
            columns[3][r] = FeatureFrame.MISSING;
            int gapped = random.nextInt(4);
            columns[4][r] = random.nextInt(5) == 0 ? FeatureFrame.MISSING : (byte) (gapped >= 2 ? gapped + 1 : gapped);
            columns[5][r] = r < BATCH ? FeatureFrame.MISSING : (byte) (random.nextBoolean() ? 0 : 4);
        }
        return columns;
    }

    private static float[] labels() {
        Random noise = new Random(41);
        float[] labels = new float[ROWS];
        for (int r = 0; r < ROWS; r++) {
            labels[r] = 0.1f * COLUMNS[0][r] + 0.05f * COLUMNS[1][r] - 0.07f * Math.max(0, COLUMNS[4][r])
                    + 0.03f * Math.max(0, COLUMNS[5][r]) + 0.02f * (float) noise.nextGaussian();
        }
        return labels;
    }

    /** The rows above in batches of {@code size}, counting the passes XGBoost and the matrix make to the end. */
    private static final class CountedBatches implements TrainingBatches {
        private final int size;
        private int next;
        int passes;

        CountedBatches(int size) {
            this.size = size;
        }

        @Override
        public int largestBatch() {
            return size;
        }

        @Override
        public Batch next(Columns columns) {
            if (next >= ROWS) {
                passes++;
                return null;
            }
            int from = next;
            int rows = Math.min(size, ROWS - from);
            next += rows;
            IntStream.range(0, FEATURES.size()).parallel().forEach(f -> {
                byte[] slice = new byte[rows];
                System.arraycopy(COLUMNS[f], from, slice, 0, rows);
                columns.put(f, slice, rows);
            });
            float[] labels = new float[rows];
            System.arraycopy(LABELS, from, labels, 0, rows);
            return new Batch(rows, labels);
        }

        @Override
        public void reset() {
            next = 0;
        }

        @Override
        public void close() {
        }
    }
}
