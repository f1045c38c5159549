package io.github.numeraipipeline.numerai.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * numerai-tools' {@code neutralize} against numpy: the expected values in {@code neutralization-fixture.json} were
 * computed by {@code src/test/python/neutralization_fixture.py}, an independent implementation with
 * {@code np.linalg.pinv(N, rcond=1e-6)}, {@code scipy.stats.rankdata} and {@code scipy.stats.norm.ppf}.
 */
class NeutralizationTest {
    private static final double EXACT = 1e-9;

    @Test
    void neutralizeEqualsNumpysPseudoInverseProjection() throws IOException {
        for (JsonNode c : fixture().get("cases")) {
            Era era = era(c);
            double[] actual = Neutralization.neutralize(doubles(c.get("predictions")), era.frame, era.features,
                    era.rows, c.get("proportion").asDouble());
            assertArrayEquals(doubles(c.get("neutralized")), actual, EXACT, c.get("name").asText());
        }
    }

    @Test
    void rankGaussianNeutralizeEqualsNumeraiToolsChain() throws IOException {
        for (JsonNode c : fixture().get("cases")) {
            Era era = era(c);
            double[] actual = Neutralization.rankGaussianNeutralize(doubles(c.get("predictions")), era.frame,
                    era.features, era.rows, c.get("proportion").asDouble());
            assertArrayEquals(doubles(c.get("chain")), actual, EXACT, c.get("name").asText());
        }
    }

    @Test
    void neutralizedFullyThePredictionsAreUncorrelatedWithEveryFeature() throws IOException {
        JsonNode c = fixture().get("cases").get(0);
        Era era = era(c);
        double[] neutral = Neutralization.neutralize(doubles(c.get("predictions")), era.frame, era.features,
                era.rows, 1.0);
        for (String feature : era.features) {
            byte[] values = era.frame.feature(feature);
            double[] x = new double[values.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = values[i];
            }
            assertEquals(0, NumeraiCorr.pearson(neutral, x), 1e-12, feature);
        }
    }

    @Test
    void onlyTheEraRowsCount() throws IOException {
        JsonNode c = fixture().get("cases").get(0);
        Era era = era(c);
        // the same era as rows 0, 2, 4, ... of a frame twice as long, whose other rows must not count
        int m = era.rows.length;
        byte[][] wide = new byte[era.features.size()][2 * m];
        for (int f = 0; f < wide.length; f++) {
            byte[] column = era.frame.feature(f);
            for (int i = 0; i < m; i++) {
                wide[f][2 * i] = column[i];
                wide[f][2 * i + 1] = (byte) ((column[i] + 3) % 5);
            }
        }
        FeatureFrame frame = new FeatureFrame(new String[2 * m], new String[2 * m], new String[2 * m], era.features,
                wide, List.of(), new float[0][]);
        int[] even = IntStream.range(0, m).map(i -> 2 * i).toArray();
        assertArrayEquals(doubles(c.get("neutralized")), Neutralization.neutralize(doubles(c.get("predictions")),
                frame, era.features, even, c.get("proportion").asDouble()), EXACT);
    }

    @Test
    void aMissingFeatureValueCountsAsTheMiddleBin() throws IOException {
        JsonNode c = fixture().get("cases").get(0);
        Era era = era(c);
        byte[][] blanked = new byte[era.features.size()][];
        for (int f = 0; f < blanked.length; f++) {
            blanked[f] = era.frame.feature(f).clone();
            for (int i = 0; i < blanked[f].length; i++) {
                if (blanked[f][i] == 2) {
                    blanked[f][i] = FeatureFrame.MISSING;
                }
            }
        }
        FeatureFrame frame = new FeatureFrame(new String[era.rows.length], new String[era.rows.length],
                new String[era.rows.length], era.features, blanked, List.of(), new float[0][]);
        assertArrayEquals(doubles(c.get("neutralized")), Neutralization.neutralize(doubles(c.get("predictions")),
                frame, era.features, era.rows, c.get("proportion").asDouble()), EXACT);
    }

    @Test
    void aProportionOutsideZeroOneIsRefused() throws IOException {
        JsonNode c = fixture().get("cases").get(0);
        Era era = era(c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Neutralization.neutralize(
                doubles(c.get("predictions")), era.frame, era.features, era.rows, 1.5));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    record Era(FeatureFrame frame, List<String> features, int[] rows) {
    }

    static Era era(JsonNode c) {
        JsonNode rowsNode = c.get("features");
        int m = rowsNode.size();
        int k = rowsNode.get(0).size();
        byte[][] columns = new byte[k][m];
        for (int i = 0; i < m; i++) {
            for (int f = 0; f < k; f++) {
                columns[f][i] = (byte) rowsNode.get(i).get(f).asInt();
            }
        }
        List<String> names = IntStream.range(0, k).mapToObj(f -> "feature_" + f).toList();
        FeatureFrame frame = new FeatureFrame(new String[m], new String[m], new String[m], names, columns, List.of(),
                new float[0][]);
        return new Era(frame, names, IntStream.range(0, m).toArray());
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    static JsonNode fixture() throws IOException {
        try (InputStream in = NeutralizationTest.class.getResourceAsStream("neutralization-fixture.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
