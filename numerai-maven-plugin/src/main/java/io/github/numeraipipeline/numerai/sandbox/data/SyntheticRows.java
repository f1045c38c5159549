package io.github.numeraipipeline.numerai.sandbox.data;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The rows of one file of a {@link SyntheticDataset}, made one at a time so that a file of any size streams
 * through a fixed buffer. Call {@link #next()} {@link #rowCount()} times; after each call the fields describe the
 * current row.
 *
 * <p>Values come from one random stream per file and nulls from another, so a layout's null rate blanks values
 * without changing the others, and targets follow the true feature values whether or not those are blanked.
 */
final class SyntheticRows {
    /** Standard-normal cut points that bin a target like Numerai's main target: 5%, 20%, 50%, 20%, 5%. */
    private static final double[] TARGET_CUTS = {-1.6448536, -0.6744898, 0.6744898, 1.6448536};
    private static final float[] TARGET_BINS = {0f, 0.25f, 0.5f, 0.75f, 1f};
    /** Ids are {@code n} + 15 hex digits: 60 bits. */
    private static final long ID_MASK = (1L << 60) - 1;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Uniform 0..4 has mean 2 and variance 2; this scales a centred value to unit variance. */
    private static final double FEATURE_SCALE = 1 / Math.sqrt(2);

    private final SyntheticDataset dataset;
    private final int rowCount;
    private final long firstGlobalRow;
    private final int rowsPerEra;
    private final int firstEra;
    private final int resolvedEras;
    private final String dataType;
    private final SplittableRandom values;
    private final SplittableRandom nulls;
    private final double nullRate;
    private final long idKey;
    private final double[] latent;

    private int row = -1;
    /** The current id as ASCII bytes, reused from row to row. */
    final byte[] id = new byte[16];
    String era;
    String currentDataType;
    /** Feature values 0..4, or {@link FeatureFrame#MISSING} where the layout writes a null. */
    final byte[] features;
    /** Target values, NaN where unresolved; empty for live. */
    final float[] targets;

    SyntheticRows(SyntheticDataset dataset, DatasetFile part, double featureNullRate) {
        this(dataset, part, featureNullRate, 0);
    }

    /**
     * {@code liveRound} > 0: the live rows of that round, a universe of its own (other ids, other features), as each
     * Numerai round has its own live file; 0: the dataset's one live file (what {@code writeFile(LIVE)} writes).
     */
    SyntheticRows(SyntheticDataset dataset, DatasetFile part, double featureNullRate, int liveRound) {
        SyntheticDatasetSpec spec = dataset.spec();
        String stream = part == DatasetFile.LIVE && liveRound > 0 ? part + "-round-" + liveRound : part.toString();
        this.dataset = dataset;
        this.nullRate = featureNullRate;
        this.features = new byte[spec.featureCount()];
        this.targets = new float[part == DatasetFile.LIVE ? 0 : dataset.targetNames().size()];
        this.latent = new double[dataset.targetNames().size()];
        this.values = SyntheticDataset.random(spec.seed(), "values-" + stream);
        this.nulls = SyntheticDataset.random(spec.seed(), "nulls-" + stream);
        this.idKey = SyntheticDataset.random(spec.seed(), "ids").nextLong();
        switch (part) {
            case TRAIN -> {
                rowCount = spec.trainRows();
                firstGlobalRow = 0;
                rowsPerEra = spec.trainRowsPerEra();
                firstEra = 1;
                resolvedEras = spec.trainEras();
                dataType = "train";
            }
            case VALIDATION -> {
                rowCount = spec.validationRows();
                firstGlobalRow = spec.trainRows();
                rowsPerEra = spec.validationRowsPerEra();
                firstEra = spec.trainEras() + 1;
                resolvedEras = spec.validationEras() - spec.validationErasWithoutTargets();
                dataType = "validation";
            }
            case LIVE -> {
                rowCount = spec.liveRows();
                // each round's ids follow the rows of the rounds before it: unique across rounds by construction
                firstGlobalRow = (long) spec.trainRows() + spec.validationRows() + (long) spec.liveRows() * liveRound;
                rowsPerEra = Math.max(1, spec.liveRows());
                firstEra = 0;
                resolvedEras = 0;
                dataType = "live";
            }
            default -> throw new IllegalArgumentException(part + " has no rows");
        }
    }

    int rowCount() {
        return rowCount;
    }

    int remaining() {
        return rowCount - row - 1;
    }

    String idString() {
        return new String(id, StandardCharsets.US_ASCII);
    }

    void next() {
        row++;
        int eraOffset = row / rowsPerEra;
        if (row % rowsPerEra == 0) {
            boolean resolved = eraOffset < resolvedEras;
            era = firstEra == 0 ? SyntheticDataset.LIVE_ERA : String.format("%04d", firstEra + eraOffset);
            currentDataType = firstEra == 0 || resolved ? dataType : "test";
        }
        writeId(firstGlobalRow + row);
        drawFeatures();
        if (targets.length > 0) {
            drawTargets(eraOffset < resolvedEras);
        }
        if (nullRate > 0) {
            blankFeatures();
        }
    }

    /** A bijection of the 60-bit row number (add, odd multiply, xor-shift), so ids are unique by construction. */
    private void writeId(long globalRow) {
        long x = (globalRow + idKey) & ID_MASK;
        x = (x * 0x9E3779B97F4A7C15L) & ID_MASK;
        x ^= x >>> 29;
        x = (x * 0xBF58476D1CE4E5B9L) & ID_MASK;
        x ^= x >>> 31;
        id[0] = 'n';
        for (int i = 15; i >= 1; i--) {
            id[i] = HEX[(int) (x & 0xF)];
            x >>>= 4;
        }
    }

    /** Uniform 0..4 (Numerai's five equal bins): two values from each random long, by multiply-shift. */
    private void drawFeatures() {
        int n = features.length;
        for (int i = 0; i < n; i += 2) {
            long bits = values.nextLong();
            features[i] = (byte) (((bits & 0xFFFFFFFFL) * 5) >>> 32);
            if (i + 1 < n) {
                features[i + 1] = (byte) (((bits >>> 32) * 5) >>> 32);
            }
        }
    }

    /**
     * Each target is a binned mix of a linear score of the signal features and noise, with the spec's signal as
     * the weight, so that the score correlates with the latent target by about {@code signal}.
     */
    private void drawTargets(boolean resolved) {
        int[] signalFeatures = dataset.signalFeatures();
        double[][] weights = dataset.targetWeights();
        double signal = dataset.spec().signal();
        double noise = Math.sqrt(1 - signal * signal);
        for (int t = 1; t < latent.length; t++) {
            double score = 0;
            for (int k = 0; k < signalFeatures.length; k++) {
                score += weights[t][k] * (features[signalFeatures[k]] - 2) * FEATURE_SCALE;
            }
            latent[t] = signal * score + noise * gaussian();
        }
        if (!resolved) {
            Arrays.fill(targets, Float.NaN);
            return;
        }
        for (int t = 1; t < latent.length; t++) {
            targets[t] = bin(latent[t]);
        }
        targets[0] = targets[dataset.mainTargetAliasOf()];
    }

    /** Box-Muller on StrictMath, so the same seed gives the same values on every JVM. */
    private double gaussian() {
        double u = 1 - values.nextDouble();
        double v = values.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    static float bin(double latent) {
        int bin = 0;
        while (bin < TARGET_CUTS.length && latent > TARGET_CUTS[bin]) {
            bin++;
        }
        return TARGET_BINS[bin];
    }

    private void blankFeatures() {
        for (int i = 0; i < features.length; i++) {
            if (nulls.nextDouble() < nullRate) {
                features[i] = FeatureFrame.MISSING;
            }
        }
    }
}
