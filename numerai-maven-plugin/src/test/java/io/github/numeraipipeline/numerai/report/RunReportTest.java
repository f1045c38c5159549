package io.github.numeraipipeline.numerai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.submission.PredictionFile;
import io.github.numeraipipeline.numerai.submission.SubmissionService.Outcome;
import io.github.numeraipipeline.numerai.submission.SubmissionService.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    @TempDir
    Path out;

    private RunRecord record() {
        Instant at = Instant.parse("2026-11-28T12:00:04.123Z");
        return RunRecord.start(at).round(1294).sandbox(false)
                .step("watch", "done", 1.25, at).step("submit", "done", 0.5, at)
                .models(List.of(
                        new Outcome(new PredictionFile("xgba", out.resolve("predictions_xgba.csv"), 6720,
                                "d0918bb7abd0aaaa"), Status.SUBMITTED, "sub-1", "submitted"),
                        new Outcome(new PredictionFile("x<b>", out.resolve("predictions_x<b>.csv"), 6720,
                                "c6f4fdd81957bbbb"), Status.FAILED, null, "Numerai says: <no>")));
    }

    @Test
    void theSummaryIsOneAlignedLinePerModelAfterTheRoundAndItsSteps() {
        assertEquals(List.of(
                "Round 1294: watch 1.3s, submit 0.5s",
                "  model  status     submission  rows  sha256",
                "  xgba   SUBMITTED  sub-1       6720  d0918bb7abd0…",
                "  x<b>   FAILED     -           6720  c6f4fdd81957…"), RunReport.summary(record()));
    }

    @Test
    void thePageSaysWhatHappenedEscapesWhatItQuotesAndLinksValidationReports() throws Exception {
        Files.createDirectories(out.resolve("reports"));
        Files.writeString(out.resolve("reports/xgba.html"), "<html></html>");

        RunReport.writeHtml(record(), out);

        String html = Files.readString(out.resolve(RunReport.FILE_NAME));
        assertTrue(html.contains("<h1>Numerai round 1294: 1 failed</h1>"), html);
        assertTrue(html.contains("<p>Started 2026-11-28T12:00:04Z</p>"), html);
        assertTrue(html.contains("<a href=\"reports/xgba.html\">xgba</a>"), html);
        assertTrue(html.contains("x&lt;b&gt;") && html.contains("Numerai says: &lt;no&gt;"), html);
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<h2>Boosters</h2>"), "no predict step, no boosters to name");
    }

    @Test
    void thePageNamesTheBoosterEachModelPredictedWith() throws Exception {
        RunRecord record = record().booster("xgba", out.resolve("data/boosters/xgba.model.json"), "trained",
                "0123456789abcdef0123");

        RunReport.writeHtml(record, out);

        assertEquals("trained", record.json().at("/boosters/xgba/origin").asText());
        assertEquals(out.resolve("data/boosters/xgba.model.json").toAbsolutePath().toString(),
                record.json().at("/boosters/xgba/file").asText());
        String html = Files.readString(out.resolve(RunReport.FILE_NAME));
        assertTrue(html.contains("<h2>Boosters</h2>"), html);
        assertTrue(html.contains("<tr><td>xgba</td><td><code>" + out.resolve("data/boosters/xgba.model.json")
                .toAbsolutePath() + "</code></td><td>trained</td><td><code title=\"0123456789abcdef0123\">"
                + "0123456789ab…</code></td></tr>"), html);
    }
}
