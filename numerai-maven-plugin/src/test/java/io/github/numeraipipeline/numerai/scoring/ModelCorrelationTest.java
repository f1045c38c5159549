package io.github.numeraipipeline.numerai.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The correlation between two models per era, against numpy/scipy: "corrAB" of {@code contribution-fixture.json},
 * computed by {@code src/test/python/contribution_fixture.py} as
 * {@code np.corrcoef(tie_kept_rank(a), tie_kept_rank(b))[0, 1]} per era, summarized as mean and std (ddof 1).
 */
class ModelCorrelationTest {
    private static final double EXACT = 1e-9;

    @Test
    void perEraPearsonOfTheTieKeptRanksAndItsSummary() throws Exception {
        JsonNode fixture = CorrelationContributionTest.fixture();
        JsonNode eras = fixture.get("eras");
        Map<String, Double> a = new HashMap<>();
        Map<String, Double> b = new HashMap<>();
        Map<String, String> eraOfId = new HashMap<>();
        for (int e = 0; e < eras.size(); e++) {
            JsonNode era = eras.get(e);
            for (int i = 0; i < era.get("a").size(); i++) {
                String id = "n" + e + "_" + i;
                a.put(id, era.get("a").get(i).asDouble());
                b.put(id, era.get("b").get(i).asDouble());
                eraOfId.put(id, String.format("%04d", e + 1));
            }
        }
        // a row that only one model predicts is left out
        a.put("only_a", 0.5);
        eraOfId.put("only_a", "0001");

        ModelCorrelation correlation = ModelCorrelation.of("a", "b", a, b, eraOfId);

        assertEquals(eras.size(), correlation.eras().size());
        for (int e = 0; e < eras.size(); e++) {
            assertEquals(eras.get(e).get("corrAB").asDouble(), correlation.eras().get(e).corr(), EXACT, "era " + e);
            assertEquals(eras.get(e).get("a").size(), correlation.eras().get(e).rows());
        }
        assertEquals(fixture.get("corrAB").get("mean").asDouble(), correlation.mean(), EXACT);
        assertEquals(fixture.get("corrAB").get("std").asDouble(), correlation.std(), EXACT);
    }

    @Test
    void aModelWithItselfCorrelatesOne() {
        Map<String, Double> a = Map.of("x", 0.1, "y", 0.7, "z", 0.3);
        Map<String, String> eras = Map.of("x", "0001", "y", "0001", "z", "0001");

        assertEquals(1, ModelCorrelation.of("a", "a", a, a, eras).mean(), 1e-12);
    }
}
