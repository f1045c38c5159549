package io.github.numeraipipeline.numerai.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * MMC and BMC per era and summarized, against numpy/scipy: the "eras" of {@code contribution-fixture.json}, computed
 * by {@code src/test/python/contribution_fixture.py} (numerai-tools' correlation_contribution per era, rows without
 * a meta value dropped first, era 0 without any; summary mean, std ddof 1, sharpe).
 */
class ValidationContributionTest {
    private static final double EXACT = 1e-9;

    @Test
    void scoresMmcAndBmcPerEraOnTheRowsTheReferenceCoversAndSummarizesThem() throws Exception {
        JsonNode fixture = CorrelationContributionTest.fixture();
        JsonNode eras = fixture.get("eras");
        Scored scored = scored(eras, "a");

        ValidationMetrics metrics = ValidationMetrics.score(scored.frame, "target", List.of(), scored.rows,
                scored.predictions, new ValidationMetrics.Extras(false, scored.meta, scored.benchmark));

        for (int e = 0; e < eras.size(); e++) {
            JsonNode era = eras.get(e);
            if (era.get("mmc").isNull()) {
                assertTrue(Double.isNaN(metrics.eras().get(e).mmc()), "no meta model in era " + e + ": no mmc");
            } else {
                assertEquals(era.get("mmc").asDouble(), metrics.eras().get(e).mmc(), EXACT, "mmc, era " + e);
            }
            assertEquals(era.get("bmc").asDouble(), metrics.eras().get(e).bmc(), EXACT, "bmc, era " + e);
        }
        Map<String, Double> summary = metrics.summary();
        for (String metric : List.of("mmc", "bmc")) {
            JsonNode expected = fixture.get(metric);
            assertEquals(expected.get("mean").asDouble(), summary.get(metric + "Mean"), EXACT, metric + " mean");
            assertEquals(expected.get("std").asDouble(), summary.get(metric + "Std"), EXACT, metric + " std");
            assertEquals(expected.get("sharpe").asDouble(), summary.get(metric + "Sharpe"), EXACT, metric + " sharpe");
        }
        assertEquals(eras.size() - 1, summary.get("mmcEras"), "the era without a meta model is not counted");
    }

    @Test
    void withoutReferencesTheSummaryStaysAsItWas() throws Exception {
        Scored scored = scored(CorrelationContributionTest.fixture().get("eras"), "a");

        ValidationMetrics metrics = ValidationMetrics.score(scored.frame, "target", List.of(), scored.rows,
                scored.predictions, ValidationMetrics.Extras.NONE);

        assertTrue(Double.isNaN(metrics.eras().get(1).mmc()));
        assertTrue(Double.isNaN(metrics.eras().get(1).bmc()));
        assertFalse(metrics.summary().keySet().stream().anyMatch(k -> k.startsWith("mmc") || k.startsWith("bmc")),
                "summary: " + metrics.summary().keySet());
    }

    /** The fixture's eras as one frame ("0001".."0004"), the model's predictions and the references per row. */
    static Scored scored(JsonNode eras, String model) {
        int perEra = eras.get(0).get(model).size();
        int n = perEra * eras.size();
        float[][] targets = new float[1][n];
        float[] predictions = new float[n];
        double[] meta = new double[n];
        double[] benchmark = new double[n];
        String[] eraColumn = new String[n];
        String[] ids = new String[n];
        for (int e = 0; e < eras.size(); e++) {
            JsonNode era = eras.get(e);
            for (int i = 0; i < perEra; i++) {
                int row = e * perEra + i;
                eraColumn[row] = String.format("%04d", e + 1);
                ids[row] = "n" + row;
                predictions[row] = (float) era.get(model).get(i).asDouble();
                targets[0][row] = (float) era.get("targets").get(i).asDouble();
                meta[row] = era.get("meta").get(i).isNull() ? Double.NaN : era.get("meta").get(i).asDouble();
                benchmark[row] = era.get("benchmark").get(i).asDouble();
            }
        }
        FeatureFrame frame = new FeatureFrame(ids, eraColumn, new String[n], List.of(), new byte[0][],
                List.of("target"), targets);
        return new Scored(frame, IntStream.range(0, n).toArray(), predictions, meta, benchmark);
    }

    record Scored(FeatureFrame frame, int[] rows, float[] predictions, double[] meta, double[] benchmark) {
    }
}
