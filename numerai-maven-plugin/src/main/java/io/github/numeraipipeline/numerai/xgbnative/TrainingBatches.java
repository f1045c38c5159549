package io.github.numeraipipeline.numerai.xgbnative;

import io.github.numeraipipeline.numerai.NumeraiException;

/**
 * The rows to train on, a batch at a time, as often as XGBoost asks: its quantile matrix reads the data more than
 * once (to sketch the cut points, then to bin the values), so the batches must come again, the same, after
 * {@link #reset()}. A batch's feature values are written, column by column, into memory the caller owns and reuses
 * for every batch ({@link Columns}), so that a pass allocates nothing of a batch's size.
 */
public interface TrainingBatches extends AutoCloseable {
    /** Where a batch's feature columns go. */
    @FunctionalInterface
    interface Columns {
        /**
         * Takes one feature column of the batch: may be called from several threads at once, each feature once.
         *
         * @param feature index in the feature list the matrix is built with
         * @param values  the column's values, one a row of the batch, in row order: {@code values[0..rows)}; 0..4
         *                or {@link io.github.numeraipipeline.numerai.data.FeatureFrame#MISSING}; copied before
         *                this returns, so the caller may reuse the array
         */
        void put(int feature, byte[] values, int rows);
    }

    /** A batch's size and labels (one a row); its features went to {@link Columns}. */
    record Batch(int rows, float[] labels) {
    }

    /** Rows of the largest batch: the columns of every batch fit a buffer of this many rows. */
    int largestBatch();

    /**
     * Writes the next batch with at least one row into {@code columns}, every feature, and returns it; null after
     * the last. A failure reaches the caller as it is.
     */
    Batch next(Columns columns) throws NumeraiException;

    /** Starts over: the next {@link #next} writes the first batch again. */
    void reset();

    /** Lets go of the file and memory; may come more than once (the matrix closes them when it needs no more). */
    @Override
    void close();
}
