package io.github.numeraipipeline.numerai.model;

import java.util.Locale;

/** How a train file reaches XGBoost. */
public enum TrainingMatrix {
    /** {@link #INT8} for large data where it is available (Linux), {@link #FLOAT} otherwise. */
    AUTO,
    /**
     * The whole file on the heap as int8, then XGBoost4J's float matrix: simple and portable, about 13 bytes a
     * trained value outside the heap.
     */
    FLOAT,
    /** Row groups streamed as int8 into XGBoost's quantile matrix through its C API: about 1 byte a value. */
    INT8;

    /** From this many trained values (rows x features) on, AUTO streams: the float path would need 1.3 GB. */
    static final long INT8_FROM_VALUES = 100_000_000L;

    /** The path to take for this many trained values. */
    TrainingMatrix choose(long trainedValues) {
        if (this != AUTO) {
            return this;
        }
        return trainedValues >= INT8_FROM_VALUES && XgbNative.available() ? INT8 : FLOAT;
    }

    /** {@code auto}, {@code float} or {@code int8}, as a user types it. */
    public static TrainingMatrix parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a training matrix; use auto, float or int8",
                    e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
