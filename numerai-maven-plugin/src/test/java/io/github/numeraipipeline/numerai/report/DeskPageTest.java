package io.github.numeraipipeline.numerai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.scores.MetricChoice;
import io.github.numeraipipeline.numerai.scores.ScoreEntry;
import io.github.numeraipipeline.numerai.scores.ScoresHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** desk.html: charts, the side-by-side table and the correlations, self-contained. */
class DeskPageTest {
    @TempDir
    Path out;

    /** Model {@code name}: rounds 1270..1294, CORR20 and MMC, the last 4 rounds pending, round 1280 missed. */
    private static void model(ScoresHistory history, String name, double level) {
        List<ScoreEntry> entries = new ArrayList<>();
        for (int round = 1270; round <= 1294; round++) {
            if (round == 1280) {
                continue;
            }
            boolean resolved = round <= 1290;
            double corr = level + 0.01 * Math.sin(round);
            entries.add(new ScoreEntry(round, "CORR20", "v5", corr, 0.7, 20, null, resolved, null));
            entries.add(new ScoreEntry(round, "MMC", "v5", corr / 4, 0.6, 20, null, resolved, null));
            entries.add(new ScoreEntry(round, "BMC", "v5", corr / 3, 0.6, 20, null, resolved, null));
        }
        history.model(name).merge(entries);
        history.model(name).missed(1270, 1294, List.of(1280));
    }

    private static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void eachModelHasAChartPerChartedMetricTellingResolvedFromPendingAndMarkingMissedRounds() throws Exception {
        ScoresHistory history = new ScoresHistory();
        model(history, "xgba", 0.02);
        model(history, "x<b>", 0.01);

        Path page = DeskPage.write(history, new MetricChoice(List.of()), List.of("xgba", "x<b>"), out);

        String html = Files.readString(page);
        assertEquals(4, count(html, "<svg "), "CORR20 and MMC (not BMC, not asked for) of two models");
        assertEquals(4 * 20, count(html, "<rect class=\"resolved\""), "rounds 1270..1290 but 1280");
        assertEquals(4 * 4, count(html, "<rect class=\"pending\""));
        assertEquals(4, count(html, "<line class=\"missed\""));
        assertEquals(4, count(html, "<polyline class=\"cumulative\""));
        assertTrue(html.contains("x&lt;b&gt;") && !html.contains("x<b>"), "names are escaped");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched from elsewhere");
    }

    @Test
    void theTableShowsTheLatestResolvedValueMeanSharpePercentileAndMissedRounds() {
        ScoresHistory history = new ScoresHistory();
        model(history, "xgba", 0.02);

        String html = DeskPage.html(history, new MetricChoice(List.of("CORR20")), List.of("xgba"));

        double latest = 0.02 + 0.01 * Math.sin(1290);
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "<td>%.4f (1290)</td>", latest)), html);
        assertTrue(html.contains("<td>0.7000</td>"), "percentile of the latest resolved round");
        assertTrue(html.contains("<td>1280</td>"), "missed rounds");
        assertEquals(1, count(html, "<svg "), "only the metric asked for");
    }

    @Test
    void modelsScoresAreCorrelatedPairwiseOverTheRoundsTheyShare() {
        assertEquals(1.0, DeskPage.correlation(Map.of(1, 0.1, 2, 0.2, 3, 0.4, 4, 9.0), Map.of(1, 1.0, 2, 2.0, 3, 4.0)),
                1e-12);
        assertEquals(-1.0, DeskPage.correlation(Map.of(1, 0.1, 2, 0.2, 3, 0.3), Map.of(1, 3.0, 2, 2.0, 3, 1.0)), 1e-12);
        assertTrue(Double.isNaN(DeskPage.correlation(Map.of(1, 0.1, 2, 0.2), Map.of(1, 3.0, 2, 2.0))), "too few rounds");
        ScoresHistory history = new ScoresHistory();
        model(history, "xgba", 0.02);
        model(history, "xgbb", 0.01);
        String html = DeskPage.html(history, new MetricChoice(List.of()), List.of("xgba", "xgbb"));
        assertTrue(html.contains("<h2>Correlation between models</h2>"), html);
        assertTrue(html.contains("<td>1.0000</td>"), "same shape of scores, shifted: correlation 1");
    }

    @Test
    void aModelWithoutScoresAndAHistoryNeverFetchedSaySo() {
        ScoresHistory history = new ScoresHistory();
        history.model("fresh");

        String html = DeskPage.html(history, new MetricChoice(List.of()), List.of("fresh"));

        assertTrue(html.contains("No scores yet"), html);
        assertTrue(html.contains("Not fetched yet."), html);
    }

    @Test
    void theRunReportLinksTheDeskWhenScoresWroteIt() throws Exception {
        Instant at = Instant.parse("2026-11-28T12:00:04Z");
        RunRecord record = RunRecord.start(at).round(1294).sandbox(false).step("watch", "done", 1, at);
        assertFalse(RunReport.html(record, out).contains(DeskPage.FILE_NAME));

        Files.writeString(out.resolve(DeskPage.FILE_NAME), "<html></html>");

        assertTrue(RunReport.html(record, out).contains("<a href=\"desk.html\">"));
    }
}
