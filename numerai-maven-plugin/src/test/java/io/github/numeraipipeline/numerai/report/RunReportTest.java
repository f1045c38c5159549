package io.github.numeraipipeline.numerai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.submission.SubmissionService.Outcome;
import io.github.numeraipipeline.numerai.submission.SubmissionService.Status;
import io.github.numeraipipeline.numerai.watch.NextRound;
import io.github.numeraipipeline.numerai.watch.RoundRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
        assertTrue(html.contains("<p>Started 2026-11-28 12:00:04 UTC</p>"), html);
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

    private RoundRecord noRoundAfterWaiting() {
        return new RoundRecord(RoundRecord.Status.NO_ROUND, 1297, Instant.parse("2026-12-01T12:00:00Z"),
                Instant.parse("2026-12-01T13:00:00Z"), Instant.parse("2026-12-01T16:00:04Z"),
                "No round opened within numerai.maxWait=PT5H (last seen: round 1297 closed at 2026-12-01T13:00:00Z)",
                Duration.ofHours(5), new NextRound(Instant.parse("2026-12-02T12:00:00Z"), false), null);
    }

    /** A quiet day's run: watch found nothing, the later goals skipped. */
    private RunRecord quietDay(RoundRecord watched, Instant at) {
        return RunRecord.next(out, at).watch(watched).step("watch", "done", 18000.2, at).step("predict", "skipped", 0, at);
    }

    @Test
    void aDayWithoutARoundSaysSoWithWhenItCheckedWhatItSawAndWhatComesNext() throws Exception {
        RunRecord submittedYesterday = record();
        submittedYesterday.save(out);
        RunReport.writeHtml(submittedYesterday, out);

        RunRecord today = quietDay(noRoundAfterWaiting(), Instant.parse("2026-12-01T11:00:00Z"));
        RunReport.writeHtml(today, out);

        String html = Files.readString(out.resolve(RunReport.FILE_NAME));
        assertTrue(html.contains("<title>No round open</title>") && html.contains("<h1>No round open</h1>"), html);
        assertFalse(html.contains("round ?") || html.contains("0 submitted"), html);
        assertTrue(html.contains("<dt>Checked</dt><dd>2026-12-01 16:00:04 UTC after waiting 5h00m</dd>"), html);
        assertTrue(html.contains("<dd>round 1297 (open 2026-12-01 12:00:00 UTC to 2026-12-01 13:00:00 UTC)</dd>"), html);
        assertTrue(html.contains("<dt>Next round expected</dt><dd>2026-12-02 12:00:00 UTC (Numerai's timetable"), html);
        assertTrue(html.contains("<a href=\"report-round-1294.html\">round 1294, run started 2026-11-28 12:00:04 UTC</a>"
                + ": <code>xgba sub-1</code>"), html);
        assertTrue(Files.readString(out.resolve("report-round-1294.html")).contains("Numerai round 1294"),
                "the run that submitted kept its page");
    }

    @Test
    void theLastSubmissionIsRememberedAcrossSeveralQuietDaysAndLinksTheBuildThatMadeIt() throws Exception {
        record().buildUrl("https://ci.example/job/desk/41/").save(out);
        quietDay(noRoundAfterWaiting(), Instant.parse("2026-12-01T11:00:00Z")).save(out);

        RunRecord thirdDay = quietDay(noRoundAfterWaiting(), Instant.parse("2026-12-02T11:00:00Z"));

        assertEquals(1294, thirdDay.json().path("lastSubmitted").path("round").asInt());
        assertTrue(RunReport.html(thirdDay, out).contains("<a href=\"https://ci.example/job/desk/41/\">round 1294"));
    }

    @Test
    void withoutAnyEarlierSubmissionTheQuietDaySaysThatToo() {
        String html = RunReport.html(quietDay(noRoundAfterWaiting(), Instant.parse("2026-12-01T11:00:00Z")), out);

        assertTrue(html.contains("No earlier run of this desk submitted anything"), html);
    }

    @Test
    void aRoundAlreadyDoneNamesItsSubmissions() {
        RoundRecord done = new RoundRecord(RoundRecord.Status.ALREADY_SUBMITTED, 1298,
                Instant.parse("2026-12-02T12:00:00Z"), Instant.parse("2026-12-02T13:00:00Z"),
                Instant.parse("2026-12-02T12:10:00Z"), "Every model (xgba, xgbb) already has a submission for round 1298",
                Duration.ZERO, null, Map.of("xgbb", "sub-b", "xgba", "sub-a"));

        String html = RunReport.html(quietDay(done, Instant.parse("2026-12-02T12:09:00Z")).round(1298), out);

        assertTrue(html.contains("<title>Round 1298: already submitted</title>"), html);
        assertTrue(html.contains("<tr class=\"skipped\"><td>xgba</td><td><code>sub-a</code></td></tr>\n"
                + "<tr class=\"skipped\"><td>xgbb</td><td><code>sub-b</code></td></tr>"), html);
    }
}
