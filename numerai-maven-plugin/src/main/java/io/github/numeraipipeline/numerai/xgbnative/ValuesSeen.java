package io.github.numeraipipeline.numerai.xgbnative;

import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.util.Arrays;

/**
 * Which of the values 0..4 each feature takes in the rows trained on. XGBoost cuts a feature with no more distinct
 * values than {@code max_bin} at exactly those values (its sketch keeps every distinct value and
 * {@code QueryCutValues} returns them), so a matrix of one row a distinct value, {@link #asBatch}, has the cut
 * points of the whole train set, and XGBoost can take them from it instead of sketching the data.
 */
final class ValuesSeen {
    private static final int VALUES = 5;
    private static final int ALL = (1 << VALUES) - 1;

    /** Bit {@code v} of {@code seen[f]}: feature {@code f} takes value {@code v}. */
    private final byte[] seen;

    ValuesSeen(int features) {
        this.seen = new byte[features];
    }

    /** Notes a column of a batch; columns of different features may come from different threads at once. */
    void note(int feature, byte[] values, int rows) {
        int mask = seen[feature];
        for (int i = 0; i < rows && mask != ALL; i++) {
            byte value = values[i];
            if (value != FeatureFrame.MISSING) {
                mask |= 1 << value;
            }
        }
        seen[feature] = (byte) mask;
    }

    /** Whether every feature has at most {@code maxBin} distinct values, so that they are its cut points. */
    boolean fitIn(int maxBin) {
        return distinctAtMost() <= maxBin;
    }

    private int distinctAtMost() {
        int most = 0;
        for (byte mask : seen) {
            most = Math.max(most, Integer.bitCount(mask));
        }
        return most;
    }

    /**
     * One batch: row {@code i} of a feature is its {@code i}-th smallest value, or missing once its values are
     * used up (at least one row, all missing where no feature has a value).
     */
    TrainingBatches asBatch() {
        int rows = Math.max(1, distinctAtMost());
        return new TrainingBatches() {
            private boolean given;

            @Override
            public int largestBatch() {
                return rows;
            }

            @Override
            public Batch next(Columns columns) {
                if (given) {
                    return null;
                }
                given = true;
                byte[] column = new byte[rows];
                for (int f = 0; f < seen.length; f++) {
                    int row = 0;
                    for (byte value = 0; value < VALUES; value++) {
                        if ((seen[f] & (1 << value)) != 0) {
                            column[row++] = value;
                        }
                    }
                    Arrays.fill(column, row, rows, FeatureFrame.MISSING);
                    columns.put(f, column, rows);
                }
                return new Batch(rows, new float[rows]);
            }

            @Override
            public void reset() {
                given = false;
            }

            @Override
            public void close() {
            }
        };
    }
}
