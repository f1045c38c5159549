package io.github.numeraipipeline.numerai.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scores.json: what a later fetch replaces, what it keeps, and how it reads back. */
class ScoresHistoryTest {
    @TempDir
    Path temp;

    static ScoreEntry entry(int round, String metric, double value, boolean resolved) {
        return new ScoreEntry(round, metric, "v5", value, resolved ? 0.6 : null, resolved ? 20 : 3,
                "2026-12-0" + (resolved ? 2 : 1) + "T00:00:00Z", resolved, "2026-12-02T00:00:00Z");
    }

    @Test
    void aPendingValueIsReplacedInPlaceWhenItResolves() {
        ModelScores model = new ModelScores();
        model.merge(List.of(entry(1290, "CORR20", 0.01, false), entry(1290, "MMC", 0.001, false)));

        ModelScores.Merge merge = model.merge(List.of(entry(1290, "CORR20", 0.02, true)));

        assertEquals(new ModelScores.Merge(0, 1), merge);
        List<ScoreEntry> corr = model.series(new Metric("CORR20", "v5"));
        assertEquals(1, corr.size());
        assertTrue(corr.get(0).resolved());
        assertEquals(0.02, corr.get(0).value());
        assertEquals(2, model.entries().size(), "the MMC entry of the round stays as it was");
    }

    @Test
    void entriesNumeraiNoLongerReturnsAreKept() {
        ModelScores model = new ModelScores();
        model.merge(List.of(entry(1280, "CORR20", 0.01, true), entry(1281, "CORR20", 0.02, true)));

        ModelScores.Merge merge = model.merge(List.of(entry(1281, "CORR20", 0.02, true), entry(1282, "CORR20", 0.03, false)));

        assertEquals(new ModelScores.Merge(1, 0), merge, "an unchanged entry counts as neither new nor updated");
        assertEquals(List.of(1280, 1281, 1282), model.entries().stream().map(ScoreEntry::roundNumber).toList());
    }

    @Test
    void severalDaysOfOneRoundInOneFetchKeepTheLatestDay() {
        ModelScores model = new ModelScores();
        ScoreEntry day3 = new ScoreEntry(1290, "CORR20", "v5", 0.01, null, 3, "2026-12-03T00:00:00Z", false, null);
        ScoreEntry day5 = new ScoreEntry(1290, "CORR20", "v5", 0.02, null, 5, "2026-12-05T00:00:00Z", false, null);

        model.merge(List.of(day5, day3));

        assertEquals(List.of(day5), model.entries());
    }

    @Test
    void anotherVersionOfTheSameMetricIsAnotherEntry() {
        ModelScores model = new ModelScores();
        model.merge(List.of(entry(1290, "CORR20", 0.01, true)));
        model.merge(List.of(new ScoreEntry(1290, "CORR20", "v6", 0.05, null, 1, null, false, null)));

        assertEquals(2, model.entries().size());
        assertEquals(List.of(new Metric("CORR20", "v5"), new Metric("CORR20", "v6")), model.metrics());
    }

    @Test
    void missedRoundsOlderThanTheWindowAreKept() {
        ModelScores model = new ModelScores();
        model.missed(1200, 1260, List.of(1210, 1250));

        model.missed(1230, 1290, List.of(1280));

        assertEquals(List.of(1210, 1280), model.missedRounds(), "1250 was in the new window and is no longer missed");
    }

    @Test
    void itIsWrittenWithNumeraisFieldNamesAndReadsBackTheSame() throws Exception {
        ScoresHistory history = new ScoresHistory();
        history.model("xgba").merge(List.of(entry(1290, "CORR20", 0.0123, true), entry(1291, "MMC", -0.002, false)));
        history.model("xgba").missed(1280, 1291, List.of(1289));
        history.alerts(List.of(new ScoreAlert("xgba", ScoreAlert.MISSED, "xgba missed round 1289")));
        history.updatedAt(Instant.parse("2026-12-02T03:00:00Z"));
        Path file = temp.resolve("data/scores.json");

        history.save(file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        JsonNode first = json.path("models").path("xgba").path("entries").path(0);
        assertEquals(List.of("roundNumber", "displayName", "version", "value", "percentile", "day", "date", "resolved",
                "resolveDate"), iterate(first));
        assertEquals(1289, json.path("models").path("xgba").path("missedRounds").path(0).asInt());
        assertEquals("missed", json.path("alerts").path(0).path("kind").asText());
        ScoresHistory read = ScoresHistory.load(file);
        assertEquals(history.model("xgba").entries(), read.model("xgba").entries());
        assertEquals(List.of(1289), read.model("xgba").missedRounds());
        assertEquals(history.alerts(), read.alerts());
        assertEquals(history.updatedAt(), read.updatedAt());
        assertFalse(Files.list(file.getParent()).anyMatch(p -> !p.getFileName().toString().equals("scores.json")),
                "no temporary file is left beside it");
    }

    @Test
    void noFileIsAnEmptyHistory() throws Exception {
        assertTrue(ScoresHistory.load(temp.resolve("scores.json")).models().isEmpty());
    }

    @Test
    void aBrokenFileNamesItselfAndTheWayOut() throws Exception {
        Path file = temp.resolve("scores.json");
        Files.writeString(file, "{\"models\": {\"xgba\": {\"entries\": [{\"value\": 1}]}}}");

        ScoresException e = assertThrows(ScoresException.class, () -> ScoresHistory.load(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("roundNumber"), e.getMessage());
        Files.writeString(file, "not json");
        e = assertThrows(ScoresException.class, () -> ScoresHistory.load(file));
        assertTrue(e.getMessage().contains("move it away"), e.getMessage());
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
