package io.github.numeraipipeline.numerai.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rank ensemble against numpy/scipy: the "ensemble" case of {@code neutralization-fixture.json}, computed by
 * {@code src/test/python/neutralization_fixture.py} as
 * {@code tie_kept_rank(sum(w_i * tie_kept_rank(m_i)) / sum(w))} with scipy's average ranks (one member has ties).
 */
class RankEnsembleTest {
    @Test
    void weightedMeanOfTieKeptRanksRankedAgainEqualsNumpy() throws Exception {
        JsonNode ensemble = NeutralizationTest.fixture().get("ensemble");
        List<double[]> members = new ArrayList<>();
        ensemble.get("members").forEach(member -> members.add(NeutralizationTest.doubles(member)));
        List<Double> weights = new ArrayList<>();
        ensemble.get("weights").forEach(weight -> weights.add(weight.asDouble()));

        assertArrayEquals(NeutralizationTest.doubles(ensemble.get("expected")), RankEnsemble.combine(members, weights),
                1e-12);
    }

    @Test
    void membersAndWeightsMustPair() {
        assertThrows(IllegalArgumentException.class, () -> RankEnsemble.combine(List.of(new double[] {1, 2}),
                List.of(0.5, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> RankEnsemble.combine(
                List.of(new double[] {1, 2}, new double[] {1, 2, 3}), List.of(0.5, 0.5)));
    }
}
