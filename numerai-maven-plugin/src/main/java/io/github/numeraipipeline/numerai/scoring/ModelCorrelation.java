package io.github.numeraipipeline.numerai.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How alike two models' predictions are, per era: the Pearson correlation of their tie-kept ranks (Spearman's rank
 * correlation) over the rows both predict. Two models near 1 have little to gain from being ensembled.
 *
 * @param a    one model's name
 * @param b    the other's
 * @param eras per era, in era order
 * @param mean the mean of the per-era correlations
 * @param std  their standard deviation (n - 1, as pandas)
 * @param min  the lowest
 * @param max  the highest
 */
public record ModelCorrelation(String a, String b, List<EraCorrelation> eras, double mean, double std, double min,
                               double max) {

    /** One era's correlation over {@code rows} rows both models predict. */
    public record EraCorrelation(String era, int rows, double corr) {
    }

    /**
     * @param valuesA  model a's value by row id
     * @param valuesB  model b's value by row id
     * @param eraOfId  the era of each row id; rows without an era, or missing from one model, are left out
     */
    public static ModelCorrelation of(String a, String b, Map<String, Double> valuesA, Map<String, Double> valuesB,
            Map<String, String> eraOfId) {
        Map<String, List<double[]>> byEra = new TreeMap<>();
        for (Map.Entry<String, Double> entry : valuesA.entrySet()) {
            Double other = valuesB.get(entry.getKey());
            String era = eraOfId.get(entry.getKey());
            if (other != null && era != null) {
                byEra.computeIfAbsent(era, e -> new ArrayList<>()).add(new double[] {entry.getValue(), other});
            }
        }
        List<EraCorrelation> eras = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> era : byEra.entrySet()) {
            List<double[]> pairs = era.getValue();
            if (pairs.size() < 2) {
                continue;
            }
            double[] x = new double[pairs.size()];
            double[] y = new double[pairs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pairs.get(i)[0];
                y[i] = pairs.get(i)[1];
            }
            eras.add(new EraCorrelation(era.getKey(), x.length,
                    NumeraiCorr.pearson(NumeraiCorr.tieKeptRank(x), NumeraiCorr.tieKeptRank(y))));
        }
        double[] corrs = eras.stream().mapToDouble(EraCorrelation::corr).filter(v -> !Double.isNaN(v)).toArray();
        double mean = corrs.length == 0 ? Double.NaN : NumeraiCorr.mean(corrs);
        double squares = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        for (double c : corrs) {
            squares += (c - mean) * (c - mean);
            min = Double.isNaN(min) ? c : Math.min(min, c);
            max = Double.isNaN(max) ? c : Math.max(max, c);
        }
        double std = corrs.length < 2 ? Double.NaN : Math.sqrt(squares / (corrs.length - 1));
        return new ModelCorrelation(a, b, List.copyOf(eras), mean, std, min, max);
    }
}
