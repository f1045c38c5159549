package io.github.numeraipipeline.numerai.scoring;

import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * How a model does on the validation eras, by Numerai's measure.
 *
 * @param eras               per era, in era order
 * @param mean               mean of the per-era {@code numerai_corr}
 * @param std                their standard deviation (n - 1, as pandas)
 * @param sharpe             mean / std
 * @param maxDrawdown        the largest fall of the cumulative per-era correlation from an earlier peak, as a
 *                           positive number (0 when it never falls)
 * @param maxFeatureExposure the largest absolute Pearson correlation of the predictions with one feature within one
 *                           era: how much the model leans on a single feature
 * @param rows               validation rows scored
 */
public record ValidationMetrics(List<EraScore> eras, double mean, double std, double sharpe, double maxDrawdown,
                                double maxFeatureExposure, int rows) {

    /**
     * @param corr               {@code numerai_corr} of the era
     * @param cumulative         sum of corr up to and including this era
     * @param maxFeatureExposure the era's largest absolute correlation of predictions with a feature
     * @param feature            the feature that has it
     * @param fnc                numerai-tools' {@code feature_neutral_corr} against the scored features; NaN when not
     *                           asked for
     * @param mmc                numerai-tools' {@code correlation_contribution} against the meta model; NaN when not
     *                           asked for or when the meta model has no value in this era
     * @param bmc                the same against the benchmark model; NaN when not asked for or not in this era
     */
    public record EraScore(String era, int rows, double corr, double cumulative, double maxFeatureExposure,
                           String feature, double fnc, double mmc, double bmc) {
        public EraScore(String era, int rows, double corr, double cumulative, double maxFeatureExposure,
                        String feature) {
            this(era, rows, corr, cumulative, maxFeatureExposure, feature, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /**
     * What {@code score} computes besides corr and exposure.
     *
     * @param featureNeutral numerai-tools' {@code feature_neutral_corr} per era: {@code numerai_corr} of the
     *                       predictions neutralized (proportion 1) against all scored features; a least squares
     *                       per era, so only when a config asks for it ({@code "validationMetrics": ["fnc"]})
     * @param meta           the meta model's value per frame row (NaN where it has none) for MMC, or null
     * @param benchmark      a benchmark model's value per frame row (NaN where it has none) for BMC, or null
     */
    public record Extras(boolean featureNeutral, double[] meta, double[] benchmark) {
        public static final Extras NONE = new Extras(false, null, null);
    }

    /**
     * @param rows        the frame rows scored (with a target), in any order
     * @param predictions the model's raw outputs for those rows, in the same order
     */
    public static ValidationMetrics score(FeatureFrame frame, String target, List<String> features, int[] rows,
            float[] predictions) {
        return score(frame, target, features, rows, predictions, false);
    }

    /** With {@code feature_neutral_corr} per era when {@code featureNeutral} ({@link Extras#featureNeutral()}). */
    public static ValidationMetrics score(FeatureFrame frame, String target, List<String> features, int[] rows,
            float[] predictions, boolean featureNeutral) {
        return score(frame, target, features, rows, predictions, new Extras(featureNeutral, null, null));
    }

    /** Per era corr, exposure and what {@code extras} asks for, then the summary. */
    public static ValidationMetrics score(FeatureFrame frame, String target, List<String> features, int[] rows,
            float[] predictions, Extras extras) {
        Map<String, List<Integer>> byEra = new TreeMap<>();
        List<String> eraColumn = frame.eras();
        for (int k = 0; k < rows.length; k++) {
            byEra.computeIfAbsent(FeatureFrame.eraOf(eraColumn.get(rows[k])), e -> new ArrayList<>()).add(k);
        }
        float[] targets = frame.target(target);
        List<EraScore> eras = new ArrayList<>();
        double cumulative = 0;
        for (Map.Entry<String, List<Integer>> era : byEra.entrySet()) {
            List<Integer> positions = era.getValue();
            double[] p = new double[positions.size()];
            double[] t = new double[positions.size()];
            int[] eraRows = new int[positions.size()];
            for (int i = 0; i < p.length; i++) {
                int k = positions.get(i);
                p[i] = predictions[k];
                t[i] = targets[rows[k]];
                eraRows[i] = rows[k];
            }
            double corr = NumeraiCorr.of(p, t);
            cumulative += corr;
            Map.Entry<String, Double> exposure = maxExposure(frame, features, eraRows, p);
            double fnc = extras.featureNeutral() ? featureNeutralCorr(frame, features, eraRows, p, t) : Double.NaN;
            eras.add(new EraScore(era.getKey(), p.length, corr, cumulative, exposure.getValue(), exposure.getKey(),
                    fnc, contribution(p, t, eraRows, extras.meta()), contribution(p, t, eraRows, extras.benchmark())));
        }
        return summarize(eras, rows.length);
    }

    /**
     * The metrics of a file scored in parts of whole eras (no era in two parts): the same as scoring it at once,
     * eras in era order, the cumulative correlation over all of them.
     */
    public static ValidationMetrics combine(List<ValidationMetrics> parts) {
        Map<String, EraScore> byEra = new TreeMap<>();
        int rows = 0;
        for (ValidationMetrics part : parts) {
            rows += part.rows();
            for (EraScore era : part.eras()) {
                if (byEra.put(era.era(), era) != null) {
                    throw new IllegalArgumentException("era " + era.era() + " was scored in two parts");
                }
            }
        }
        List<EraScore> eras = new ArrayList<>();
        double cumulative = 0;
        for (EraScore era : byEra.values()) {
            cumulative += era.corr();
            eras.add(new EraScore(era.era(), era.rows(), era.corr(), cumulative, era.maxFeatureExposure(),
                    era.feature(), era.fnc(), era.mmc(), era.bmc()));
        }
        return summarize(eras, rows);
    }

    /** numerai-tools' {@code feature_neutral_corr} of one era. */
    static double featureNeutralCorr(FeatureFrame frame, List<String> features, int[] eraRows, double[] predictions,
            double[] targets) {
        return NumeraiCorr.of(Neutralization.rankGaussianNeutralize(predictions, frame, features, eraRows, 1.0),
                targets);
    }

    /**
     * numerai-tools' {@code correlation_contribution} of the era's rows that have a reference value (as Numerai's
     * example notebooks drop the rows without a meta model before scoring); NaN when none has one.
     */
    static double contribution(double[] predictions, double[] targets, int[] eraRows, double[] reference) {
        if (reference == null) {
            return Double.NaN;
        }
        int n = 0;
        for (int row : eraRows) {
            n += Double.isNaN(reference[row]) ? 0 : 1;
        }
        if (n == 0) {
            return Double.NaN;
        }
        double[] p = new double[n];
        double[] m = new double[n];
        double[] t = new double[n];
        int k = 0;
        for (int i = 0; i < eraRows.length; i++) {
            double value = reference[eraRows[i]];
            if (!Double.isNaN(value)) {
                p[k] = predictions[i];
                m[k] = value;
                t[k++] = targets[i];
            }
        }
        return CorrelationContribution.of(p, m, t);
    }

    static ValidationMetrics summarize(List<EraScore> eras, int rows) {
        double[] corrs = eras.stream().mapToDouble(EraScore::corr).toArray();
        double mean = corrs.length == 0 ? Double.NaN : NumeraiCorr.mean(corrs);
        double squares = 0;
        for (double c : corrs) {
            squares += (c - mean) * (c - mean);
        }
        double std = corrs.length < 2 ? Double.NaN : Math.sqrt(squares / (corrs.length - 1));
        double peak = Double.NEGATIVE_INFINITY;
        double drawdown = 0;
        for (EraScore era : eras) {
            peak = Math.max(peak, era.cumulative());
            drawdown = Math.max(drawdown, peak - era.cumulative());
        }
        double exposure = eras.stream().mapToDouble(EraScore::maxFeatureExposure).filter(v -> !Double.isNaN(v))
                .max().orElse(Double.NaN);
        return new ValidationMetrics(List.copyOf(eras), mean, std, mean / std, drawdown, exposure, rows);
    }

    /**
     * Over the era's rows; a feature's missing values are left out of its correlation, constant ones skipped. The
     * features are measured in parallel, each slice with its own scratch arrays (a copy per feature and era was
     * gigabytes of garbage on the full feature set), and the largest is chosen in feature order as before.
     */
    private static Map.Entry<String, Double> maxExposure(FeatureFrame frame, List<String> features, int[] eraRows,
            double[] predictions) {
        double[] corrs = new double[features.size()];
        int slices = Math.max(1, Math.min(features.size(), 4 * Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, slices).parallel().forEach(slice -> {
            double[] x = new double[eraRows.length];
            double[] y = new double[eraRows.length];
            for (int f = slice; f < corrs.length; f += slices) {
                byte[] values = frame.feature(features.get(f));
                int n = 0;
                for (int i = 0; i < eraRows.length; i++) {
                    byte value = values[eraRows[i]];
                    if (value != FeatureFrame.MISSING) {
                        x[n] = value;
                        y[n++] = predictions[i];
                    }
                }
                corrs[f] = Math.abs(NumeraiCorr.pearson(x, y, n));
            }
        });
        String best = null;
        double max = Double.NaN;
        for (int f = 0; f < corrs.length; f++) {
            double corr = corrs[f];
            if (!Double.isNaN(corr) && (Double.isNaN(max) || corr > max)) {
                max = corr;
                best = features.get(f);
            }
        }
        return new AbstractMap.SimpleEntry<>(best, max);
    }

    /** The summary numbers by name, in a stable order, for reports and logs. */
    public Map<String, Double> summary() {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("mean", mean);
        summary.put("std", std);
        summary.put("sharpe", sharpe);
        summary.put("maxDrawdown", maxDrawdown);
        summary.put("maxFeatureExposure", maxFeatureExposure);
        summarizeInto(summary, "fnc", eras.stream().mapToDouble(EraScore::fnc));
        summarizeInto(summary, "mmc", eras.stream().mapToDouble(EraScore::mmc));
        summarizeInto(summary, "bmc", eras.stream().mapToDouble(EraScore::bmc));
        return summary;
    }

    /**
     * {@code <name>Mean}, {@code Std}, {@code Sharpe} (and {@code Eras}, how many were scored) over the eras that
     * have the metric: the same summary as corr's (std n - 1); nothing when no era has it, so the summary of a desk
     * that does not ask for a metric stays as it was.
     */
    private static void summarizeInto(Map<String, Double> summary, String name, DoubleStream perEra) {
        double[] values = perEra.filter(v -> !Double.isNaN(v)).toArray();
        if (values.length == 0) {
            return;
        }
        double mean = NumeraiCorr.mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = values.length < 2 ? Double.NaN : Math.sqrt(squares / (values.length - 1));
        summary.put(name + "Mean", mean);
        summary.put(name + "Std", std);
        summary.put(name + "Sharpe", mean / std);
        if (!name.equals("fnc")) {
            summary.put(name + "Eras", (double) values.length);
        }
    }
}
