package io.github.numeraipipeline.numerai.sandbox.data;

/**
 * The shape of a made-up Numerai v5 dataset: what {@link SyntheticDataset} writes. Same spec, same files, byte
 * for byte.
 *
 * <p>Eras: train has eras {@code 0001..trainEras}, validation continues with the next {@code validationEras}
 * eras, of which the newest {@code validationErasWithoutTargets} have no targets yet (all null) and data type
 * {@code "test"} (Numerai's examples keep {@code data_type == "validation"} to drop such rows). Live has one era,
 * {@link SyntheticDataset#LIVE_ERA}, and no target columns.
 *
 * @param featureCount number of feature columns; the v5.2 "all" set has 2748
 * @param liveRows rows of live.parquet; a v5.2 round has about 6720
 * @param trainEras eras of train.parquet
 * @param trainRowsPerEra rows per train era
 * @param validationEras eras of validation.parquet
 * @param validationRowsPerEra rows per validation era
 * @param validationErasWithoutTargets newest validation eras whose targets are not resolved yet (null)
 * @param signal how strongly the targets follow a handful of "signal" features, in [0, 1): the correlation of the
 *     main target's latent score with the best linear model; 0.05 gives per-era correlations a model can reach
 *     near the real ones (0.02-0.05), larger values help tests with few rows
 * @param seed everything random (names, ids, values) derives from it
 */
public record SyntheticDatasetSpec(
        int featureCount,
        int liveRows,
        int trainEras,
        int trainRowsPerEra,
        int validationEras,
        int validationRowsPerEra,
        int validationErasWithoutTargets,
        double signal,
        long seed) {
    /** Rows per era of the train and validation files of {@link #withGoalShape}. */
    public static final int GOAL_ROWS_PER_ERA = 500;


    /** Eras are written as 4 digits, like Numerai's. */
    static final int MAX_ERAS = 9999;

    public SyntheticDatasetSpec {
        requirePositive("featureCount", featureCount);
        requireNotNegative("liveRows", liveRows);
        requireNotNegative("trainEras", trainEras);
        requireNotNegative("trainRowsPerEra", trainRowsPerEra);
        requireNotNegative("validationEras", validationEras);
        requireNotNegative("validationRowsPerEra", validationRowsPerEra);
        requireNotNegative("validationErasWithoutTargets", validationErasWithoutTargets);
        if (validationErasWithoutTargets > validationEras) {
            throw new IllegalArgumentException("validationErasWithoutTargets (" + validationErasWithoutTargets
                    + ") exceeds validationEras (" + validationEras + ")");
        }
        if ((long) trainEras + validationEras > MAX_ERAS) {
            throw new IllegalArgumentException("at most " + MAX_ERAS + " train and validation eras in all");
        }
        if ((long) trainEras * trainRowsPerEra > Integer.MAX_VALUE
                || (long) validationEras * validationRowsPerEra > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more than " + Integer.MAX_VALUE + " rows in one file");
        }
        if (!(signal >= 0 && signal < 1)) {
            throw new IllegalArgumentException("signal must be in [0, 1): " + signal);
        }
    }

    /**
     * The v5.2 live shape (2748 features, 6720 rows) with a train (120 eras x 1000 rows) and validation
     * (30 x 1000, the newest 4 without targets) small enough to write in seconds; real train has ~2.75 M rows.
     */
    public static SyntheticDatasetSpec defaults() {
        return new SyntheticDatasetSpec(2748, 6720, 120, 1000, 30, 1000, 4, 0.05, 42);
    }

    public int trainRows() {
        return trainEras * trainRowsPerEra;
    }

    public int validationRows() {
        return validationEras * validationRowsPerEra;
    }

    /**
     * The shape the goals' sandbox serves ({@code numerai.sandbox.*}): train of {@code trainEras} eras and validation
     * of a quarter as many (at least 4), the newest half of those (at most 4) without targets; each era of
     * {@link #GOAL_ROWS_PER_ERA} rows, enough to learn from and quick to write.
     */
    public SyntheticDatasetSpec withGoalShape(int featureCount, int liveRows, int trainEras) {
        int validationEras = Math.max(4, trainEras / 4);
        return withFeatureCount(featureCount).withLiveRows(liveRows).withTrain(trainEras, GOAL_ROWS_PER_ERA)
                .withValidation(validationEras, GOAL_ROWS_PER_ERA, Math.min(4, validationEras / 2));
    }

    public SyntheticDatasetSpec withFeatureCount(int value) {
        return new SyntheticDatasetSpec(value, liveRows, trainEras, trainRowsPerEra, validationEras,
                validationRowsPerEra, validationErasWithoutTargets, signal, seed);
    }

    public SyntheticDatasetSpec withLiveRows(int value) {
        return new SyntheticDatasetSpec(featureCount, value, trainEras, trainRowsPerEra, validationEras,
                validationRowsPerEra, validationErasWithoutTargets, signal, seed);
    }

    public SyntheticDatasetSpec withTrain(int eras, int rowsPerEra) {
        return new SyntheticDatasetSpec(featureCount, liveRows, eras, rowsPerEra, validationEras,
                validationRowsPerEra, validationErasWithoutTargets, signal, seed);
    }

    public SyntheticDatasetSpec withValidation(int eras, int rowsPerEra, int erasWithoutTargets) {
        return new SyntheticDatasetSpec(featureCount, liveRows, trainEras, trainRowsPerEra, eras, rowsPerEra,
                erasWithoutTargets, signal, seed);
    }

    public SyntheticDatasetSpec withSignal(double value) {
        return new SyntheticDatasetSpec(featureCount, liveRows, trainEras, trainRowsPerEra, validationEras,
                validationRowsPerEra, validationErasWithoutTargets, value, seed);
    }

    public SyntheticDatasetSpec withSeed(long value) {
        return new SyntheticDatasetSpec(featureCount, liveRows, trainEras, trainRowsPerEra, validationEras,
                validationRowsPerEra, validationErasWithoutTargets, signal, value);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    private static void requireNotNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
