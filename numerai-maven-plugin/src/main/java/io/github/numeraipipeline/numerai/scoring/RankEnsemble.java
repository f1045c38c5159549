package io.github.numeraipipeline.numerai.scoring;

import java.util.List;

/**
 * Numerai's example ensemble of one era: each member's predictions tie-kept ranked, their weighted mean, ranked
 * again. Ranking first puts members of any scale on one footing; ranking last gives what Numerai scores anyway.
 */
public final class RankEnsemble {
    private RankEnsemble() {
    }

    /** @param members one array per member, same rows in the same order; @param weights positive, one per member */
    public static double[] combine(List<double[]> members, List<Double> weights) {
        if (members.isEmpty() || members.size() != weights.size()) {
            throw new IllegalArgumentException(members.size() + " members for " + weights.size() + " weights");
        }
        int n = members.get(0).length;
        double[] mean = new double[n];
        double total = 0;
        for (int m = 0; m < members.size(); m++) {
            double[] member = members.get(m);
            if (member.length != n) {
                throw new IllegalArgumentException("member " + m + " has " + member.length + " rows, not " + n);
            }
            double weight = weights.get(m);
            total += weight;
            double[] ranks = NumeraiCorr.tieKeptRank(member);
            for (int i = 0; i < n; i++) {
                mean[i] += weight * ranks[i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] /= total;
        }
        return NumeraiCorr.tieKeptRank(mean);
    }
}
