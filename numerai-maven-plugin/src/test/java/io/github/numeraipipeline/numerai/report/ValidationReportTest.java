package io.github.numeraipipeline.numerai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics.EraScore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validation report shows fnc, mmc and bmc per era and summarized when the config asked for them. */
class ValidationReportTest {
    private static final ValidationReport.Facts FACTS = new ValidationReport.Facts("xgbn", "v5.2", "small", "target",
            1000, 42, 4, "every 4th era", "validation.parquet", "xgbn.model.json");

    @Test
    void asksForEverythingShowsEveryColumnAndCard() {
        ValidationMetrics metrics = metrics(List.of(
                new EraScore("0575", 10, 0.02, 0.02, 0.1, "feature_a", 0.01, Double.NaN, 0.004),
                new EraScore("0576", 10, 0.03, 0.05, 0.2, "feature_b", 0.015, 0.0061, 0.005)));

        String html = ValidationReport.html(FACTS, metrics);
        ObjectNode json = ValidationReport.json(FACTS, metrics);

        assertTrue(html.contains("<th>cumulative</th><th>feature-neutral corr</th><th>mmc</th><th>bmc</th>"
                + "<th>max feature exposure</th>"), html);
        assertTrue(html.contains("<td>0.0500</td><td>0.0150</td><td>0.0061</td><td>0.0050</td>"), html);
        assertTrue(html.contains("<td>0.0200</td><td>0.0100</td><td>n/a</td><td>0.0040</td>"),
                "an era without a meta model value says n/a: " + html);
        assertTrue(html.contains("<b>0.0061</b><span>mean mmc (vs meta model)</span>"), html);
        assertTrue(html.contains("<b>0.0045</b><span>mean bmc (vs benchmark)</span>"), html);
        assertTrue(json.get("eras").get(0).get("mmc").isNull(), json.toString());
        assertEquals(0.0061, json.get("eras").get(1).get("mmc").asDouble(), 0);
        assertEquals(0.0045, json.get("numeraiCorr").get("bmcMean").asDouble(), 1e-15);
        assertEquals(1, json.get("numeraiCorr").get("mmcEras").asInt());
    }

    @Test
    void anExistingDesksReportKeepsItsColumns() {
        ValidationMetrics metrics = metrics(List.of(new EraScore("0575", 10, 0.02, 0.02, 0.1, "feature_a")));

        String html = ValidationReport.html(FACTS, metrics);
        ObjectNode json = ValidationReport.json(FACTS, metrics);

        assertTrue(html.contains("<th>cumulative</th><th>max feature exposure</th>"), html);
        assertFalse(html.contains("mmc") || html.contains("bmc") || html.contains("feature-neutral"), html);
        assertFalse(json.get("eras").get(0).has("mmc"));
        assertFalse(json.get("eras").get(0).has("fnc"));
    }

    private static ValidationMetrics metrics(List<EraScore> eras) {
        return new ValidationMetrics(eras, 0.025, 0.007, 3.5, 0, 0.2, 20);
    }
}
