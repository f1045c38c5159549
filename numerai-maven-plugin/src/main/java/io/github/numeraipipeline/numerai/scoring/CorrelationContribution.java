package io.github.numeraipipeline.numerai.scoring;

/**
 * numerai-tools' {@code correlation_contribution} (MMC against the meta model, BMC against the benchmark) for one
 * era: Gaussianize the tie-kept ranks of the predictions and of the meta model, take the part of the predictions
 * orthogonal to the meta model, multiply targets within [0, 1] by 4, center them, and return
 * {@code target . orthogonal / n}.
 */
public final class CorrelationContribution {
    private CorrelationContribution() {
    }

    /** The contribution of {@code predictions} beyond {@code meta} to {@code targets} (same length, no NaN). */
    public static double of(double[] predictions, double[] meta, double[] targets) {
        int n = predictions.length;
        if (meta.length != n || targets.length != n) {
            throw new IllegalArgumentException(n + " predictions, " + meta.length + " meta model values and "
                    + targets.length + " targets");
        }
        double[] p = gaussianRanks(predictions);
        double[] m = gaussianRanks(meta);
        double pm = 0;
        double mm = 0;
        for (int i = 0; i < n; i++) {
            pm += p[i] * m[i];
            mm += m[i] * m[i];
        }
        boolean unit = true;
        for (double t : targets) {
            unit &= t >= 0 && t <= 1;
        }
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = unit ? targets[i] * 4 : targets[i];
        }
        double mean = NumeraiCorr.mean(t);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (t[i] - mean) * (p[i] - m[i] * pm / mm);
        }
        return sum / n;
    }

    private static double[] gaussianRanks(double[] values) {
        double[] ranks = NumeraiCorr.tieKeptRank(values);
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = NormalQuantile.ppf(ranks[i]);
        }
        return ranks;
    }
}
