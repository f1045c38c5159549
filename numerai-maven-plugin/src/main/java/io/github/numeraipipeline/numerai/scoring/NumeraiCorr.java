package io.github.numeraipipeline.numerai.scoring;

import java.util.Arrays;

/**
 * Numerai's correlation score, {@code numerai_corr}, as numerai-tools' {@code scoring.py} computes it for one era:
 * center the target, rank the predictions keeping ties ({@code (rank - 0.5) / n}, average ranks), Gaussianize them
 * with the inverse normal distribution function, raise both sides to the power 1.5 keeping the sign, and take the
 * Pearson correlation. Rows without a target are the caller's to drop first (numerai-tools aligns on non-NaN ids).
 */
public final class NumeraiCorr {
    private NumeraiCorr() {
    }

    /** The score of one era's predictions against its targets (same length, no NaN). */
    public static double of(double[] predictions, double[] targets) {
        if (predictions.length != targets.length) {
            throw new IllegalArgumentException(predictions.length + " predictions but " + targets.length + " targets");
        }
        double[] p = tieKeptRank(predictions);
        for (int i = 0; i < p.length; i++) {
            p[i] = pow15(NormalQuantile.ppf(p[i]));
        }
        double mean = mean(targets);
        double[] t = new double[targets.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = pow15(targets[i] - mean);
        }
        return pearson(p, t);
    }

    /**
     * {@code (rank - 0.5) / n} with ties given their average rank, as pandas' {@code rank(method="average")}: always
     * strictly inside (0, 1), so the Gaussianized values stay finite.
     */
    public static double[] tieKeptRank(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && values[order[end]] == values[order[start]]) {
                end++;
            }
            // 1-based ranks start+1 .. end share their average
            double rank = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++) {
                ranks[order[k]] = (rank - 0.5) / n;
            }
            start = end;
        }
        return ranks;
    }

    /** Pearson's correlation; NaN when either side has no spread. */
    public static double pearson(double[] x, double[] y) {
        return pearson(x, y, x.length);
    }

    /** The same over the first {@code n} values of each (scratch arrays reused across calls). */
    static double pearson(double[] x, double[] y, int n) {
        double mx = mean(x, n);
        double my = mean(y, n);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double mean(double[] values) {
        return mean(values, values.length);
    }

    private static double mean(double[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum / n;
    }

    private static double pow15(double x) {
        return Math.signum(x) * Math.pow(Math.abs(x), 1.5);
    }
}
