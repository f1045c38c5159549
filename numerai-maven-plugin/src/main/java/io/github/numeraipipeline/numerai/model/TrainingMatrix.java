package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.xgbnative.XgbNative;
import java.util.Locale;

/** How a train file reaches XGBoost. */
public enum TrainingMatrix {
    /**
     * {@link #FLOAT} for small data; where the C API binds (Linux) {@link #INT8} for a matrix of up to
     * {@link #DISK_FROM_VALUES} values, {@link #INT8_DISK} for larger: on the full v5 shape it trained as fast as
     * {@link #INT8} in a sixth of the memory, and models training side by side do not add up their matrices. Below
     * that the matrix is one page, which on disk saves nothing and peaked higher (1.52-1.60 GB against 1.31 GB on
     * 100,000 x 2,376).
     */
    AUTO,
    /**
     * The whole file on the heap as int8, then XGBoost4J's float matrix: simple and portable, about 13 bytes a
     * trained value outside the heap.
     */
    FLOAT,
    /**
     * Row groups streamed as int8 into XGBoost's quantile matrix through its C API: 2 bytes a value in memory (the
     * bin index by rows and again by columns).
     */
    INT8,
    /**
     * The same stream into XGBoost's external-memory quantile matrix: the binned pages go to a temporary folder on
     * disk (2 bytes a value there) and only the page in use is in memory; slower to train.
     */
    INT8_DISK;

    /** From this many trained values (rows x features) on, AUTO streams: the float path would need 1.3 GB. */
    static final long INT8_FROM_VALUES = 100_000_000L;

    /** From this many trained values on, AUTO keeps the matrix on disk: in memory it would take over 512 MiB. */
    static final long DISK_FROM_VALUES = 256L << 20;

    /** The path to take for this many trained values. */
    TrainingMatrix choose(long trainedValues) {
        if (this != AUTO) {
            return this;
        }
        if (trainedValues < INT8_FROM_VALUES || !XgbNative.available()) {
            return FLOAT;
        }
        return trainedValues < DISK_FROM_VALUES ? INT8 : INT8_DISK;
    }

    /** {@code auto}, {@code float}, {@code int8} or {@code int8-disk}, as a user types it. */
    public static TrainingMatrix parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a training matrix; use auto, float, int8"
                    + " or int8-disk", e);
        }
    }

    /** Whether the C API's int8 stream builds the matrix. */
    boolean streams() {
        return this == INT8 || this == INT8_DISK;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
