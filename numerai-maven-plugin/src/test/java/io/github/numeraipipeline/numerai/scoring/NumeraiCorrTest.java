package io.github.numeraipipeline.numerai.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code numerai_corr} against values computed independently with numpy/scipy (scipy.stats.rankdata average ranks,
 * scipy.stats.norm.ppf, numpy.corrcoef), following numerai-tools' algorithm step by step:
 *
 * <pre>
 * t = t - t.mean(); r = (rankdata(p) - 0.5) / len(p); g = norm.ppf(r)
 * corrcoef(sign(g) * abs(g)**1.5, sign(t) * abs(t)**1.5)[0, 1]
 * </pre>
 */
class NumeraiCorrTest {
    private static final double EXACT = 1e-9;

    @Test
    void aSmallEraWithTiedPredictions() {
        double[] predictions = {0.1, 0.4, 0.4, 0.9, 0.2, 0.7, 0.7, 0.7, 0.3, 0.55};
        double[] targets = {0, 0.25, 0.5, 1, 0.25, 0.75, 0.5, 1, 0, 0.5};

        assertEquals(0.8431004292547563, NumeraiCorr.of(predictions, targets), EXACT);
        double[] reversed = new double[predictions.length];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = -predictions[i];
        }
        assertEquals(-0.8431004292547559, NumeraiCorr.of(reversed, targets), EXACT);
    }

    @Test
    void tiesShareTheirAverageRankAndRanksStayInsideZeroOne() {
        double[] predictions = {0.1, 0.4, 0.4, 0.9, 0.2, 0.7, 0.7, 0.7, 0.3, 0.55};

        assertArrayEquals(new double[] {0.05, 0.4, 0.4, 0.95, 0.15, 0.75, 0.75, 0.75, 0.25, 0.55},
                NumeraiCorr.tieKeptRank(predictions), 1e-15);
    }

    @Test
    void longerErasWithManyTiesAndFiveTargetBins() {
        double[] p200 = new double[200];
        double[] t200 = new double[200];
        for (int i = 0; i < 200; i++) {
            p200[i] = ((i * 37) % 101) / 101.0;
            t200[i] = ((i * 53) % 5) / 4.0;
        }
        assertEquals(-0.0564863232023182, NumeraiCorr.of(p200, t200), EXACT);

        double[] p5000 = new double[5000];
        double[] t5000 = new double[5000];
        for (long i = 0; i < 5000; i++) {
            p5000[(int) i] = ((i * 7919) % 1000) / 1000.0;
            t5000[(int) i] = ((i * i * 31 + i * 17) % 5) / 4.0;
        }
        assertEquals(0.0052545619139090245, NumeraiCorr.of(p5000, t5000), EXACT);
    }

    @Test
    void theInverseNormalMatchesScipyFromTheFarTailsToTheMiddle() {
        double[][] pointsAndScipy = {
            {1e-300, -37.0470962993612}, {1e-10, -6.361340902404056}, {0.001, -3.090232306167813},
            {0.02425, -1.972961051311885}, {0.3, -0.5244005127080409}, {0.5, 0},
            {0.7, 0.5244005127080407}, {0.975, 1.959963984540054}, {0.999999, 4.753424308817087},
            {1 - 1e-12, 7.0344869100478356},
        };
        for (double[] point : pointsAndScipy) {
            assertEquals(point[1], NormalQuantile.ppf(point[0]), 1e-13 * Math.max(1, Math.abs(point[1])),
                    "ppf(" + point[0] + ")");
        }
        assertEquals(Double.NEGATIVE_INFINITY, NormalQuantile.ppf(0));
        assertEquals(Double.POSITIVE_INFINITY, NormalQuantile.ppf(1));
    }
}
