package io.github.numeraipipeline.numerai.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * numerai-tools' correlation_contribution: what predictions add beyond the meta model. The "cases" of
 * {@code contribution-fixture.json} were computed by {@code src/test/python/contribution_fixture.py}, an independent
 * numpy/scipy implementation of numerai-tools' formula (see its docstring).
 */
class CorrelationContributionTest {
    private static final double EXACT = 1e-9;

    @Test
    void equalsNumeraiToolsFormulaComputedWithNumpy() throws IOException {
        for (JsonNode c : fixture().get("cases")) {
            double actual = CorrelationContribution.of(doubles(c.get("predictions")), doubles(c.get("meta")),
                    doubles(c.get("targets")));
            assertEquals(c.get("expected").asDouble(), actual, EXACT, c.get("name").asText());
        }
    }

    static JsonNode fixture() throws IOException {
        try (InputStream in = CorrelationContributionTest.class.getResourceAsStream("contribution-fixture.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
        }
        return values;
    }

    @Test
    void predictionsEqualToTheMetaModelContributeNothing() {
        double[] meta = {0.1, 0.5, 0.3, 0.9, 0.7};
        double[] targets = {0, 0.5, 0.25, 1, 0.75};

        assertEquals(0, CorrelationContribution.of(meta.clone(), meta, targets), 1e-12);
    }

    @Test
    void signalTheMetaModelLacksContributesAndNoiseDoesNot() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 5000;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] targets = new double[n];
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextGaussian();
            b[i] = random.nextGaussian();
            targets[i] = a[i] + b[i] > 0 ? 1 : 0;
            noise[i] = random.nextGaussian();
        }

        double withB = CorrelationContribution.of(b, a, targets);
        double withNoise = CorrelationContribution.of(noise, a, targets);

        assertTrue(withB > 0.3, "b is half the target and the meta model (a) lacks it: " + withB);
        assertEquals(0, withNoise, 0.05);
    }

    @Test
    void hasNumeraiToolsScaleWhereItCanBeWorkedByHand() {
        // p = gauss(rank) of 1,2 -> ppf(0.25), ppf(0.75) = -0.6745, 0.6745; m = the same reversed, so p is fully
        // anti-aligned: p_orth = p - m * (p.m / m.m) = p - m * (-1) = p + m = 0. Contribution 0.
        assertEquals(0, CorrelationContribution.of(new double[] {1, 2}, new double[] {2, 1}, new double[] {0, 1}), 1e-12);
        // A meta model orthogonal to p: m = gauss(rank(2, 1, 1, 2)) = (.6745, -.6745, -.6745, .6745), p.m = 0, so
        // p_orth = p = (-1.150349, -0.318639, 0.318639, 1.150349); targets 0,0,1,1 -> x4, centred -2,-2,2,2;
        // t.p / 4 = 4 * (1.150349 + 0.318639) / 4 = 1.468988
        assertEquals(1.468988, CorrelationContribution.of(new double[] {1, 2, 3, 4}, new double[] {2, 1, 1, 2},
                new double[] {0, 0, 1, 1}), 1e-5);
    }
}
