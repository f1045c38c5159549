package io.github.numeraipipeline.numerai.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code feature_neutral_corr} per era against numpy/scipy: the "fnc" eras of {@code neutralization-fixture.json},
 * computed by {@code src/test/python/neutralization_fixture.py} as
 * {@code numerai_corr(variance_norm(neutralize(gaussian(tie_kept_rank(p)), features, 1.0)), t)}.
 */
class FeatureNeutralCorrTest {
    private static final double EXACT = 1e-9;

    @Test
    void validationMetricsScoreFeatureNeutralCorrPerEraWhenAsked() throws Exception {
        JsonNode eras = NeutralizationTest.fixture().get("fnc");
        int perEra = eras.get(0).get("predictions").size();
        int width = eras.get(0).get("features").get(0).size();
        int n = perEra * eras.size();
        byte[][] features = new byte[width][n];
        float[][] targets = new float[1][n];
        float[] predictions = new float[n];
        String[] eraColumn = new String[n];
        for (int e = 0; e < eras.size(); e++) {
            JsonNode era = eras.get(e);
            for (int i = 0; i < perEra; i++) {
                int row = e * perEra + i;
                eraColumn[row] = String.format("%04d", e + 1);
                predictions[row] = (float) era.get("predictions").get(i).asDouble();
                targets[0][row] = (float) era.get("targets").get(i).asDouble();
                for (int f = 0; f < width; f++) {
                    features[f][row] = (byte) era.get("features").get(i).get(f).asInt();
                }
            }
        }
        List<String> names = IntStream.range(0, width).mapToObj(f -> "feature_" + f).toList();
        FeatureFrame frame = new FeatureFrame(new String[n], eraColumn, new String[n], names, features,
                List.of("target"), targets);
        int[] rows = IntStream.range(0, n).toArray();

        ValidationMetrics with = ValidationMetrics.score(frame, "target", names, rows, predictions, true);
        ValidationMetrics without = ValidationMetrics.score(frame, "target", names, rows, predictions);

        for (int e = 0; e < eras.size(); e++) {
            assertEquals(eras.get(e).get("corr").asDouble(), with.eras().get(e).corr(), EXACT, "corr, era " + e);
            assertEquals(eras.get(e).get("fnc").asDouble(), with.eras().get(e).fnc(), EXACT, "fnc, era " + e);
            assertTrue(Double.isNaN(without.eras().get(e).fnc()), "not asked for: not computed");
        }
        double mean = IntStream.range(0, eras.size()).mapToDouble(e -> eras.get(e).get("fnc").asDouble()).average()
                .orElseThrow();
        assertEquals(mean, with.summary().get("fncMean"), EXACT);
        assertFalse(without.summary().containsKey("fncMean"), "the summary of existing desks stays as it was");
    }
}
