package io.github.numeraipipeline.numerai.xgbnative;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;

/**
 * The rows to train on, a batch at a time, as often as XGBoost asks: its quantile matrix reads the data more than
 * once (to sketch the cut points, then to bin the values), so the batches must come again, the same, after
 * {@link #reset()}.
 */
public interface TrainingBatches extends AutoCloseable {
    /**
     * One batch: the chosen rows of a frame with their labels.
     *
     * @param rows   frame row indexes, in order
     * @param labels one per chosen row
     */
    record Batch(FeatureFrame frame, int[] rows, float[] labels) {
    }

    /** The next batch with at least one row, or null after the last; a failure reaches the caller as it is. */
    Batch next() throws NumeraiException;

    /** Starts over: the next {@link #next()} returns the first batch again. */
    void reset();

    @Override
    void close();
}
