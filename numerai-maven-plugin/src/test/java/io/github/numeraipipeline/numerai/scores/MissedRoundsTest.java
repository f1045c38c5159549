package io.github.numeraipipeline.numerai.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.numeraipipeline.numerai.api.Round;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which rounds a model missed, from the rounds that were open and the submissions Numerai lists. */
class MissedRoundsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:30:00Z");

    /** Rounds 1291..1295, one a day, each open an hour from 12:00; 1295 opened today and is open now. */
    private static List<Round> rounds() {
        List<Round> rounds = new ArrayList<>();
        for (int n = 1291; n <= 1295; n++) {
            Instant open = Instant.parse("2026-12-02T12:00:00Z").minus(Duration.ofDays(1295 - n));
            rounds.add(new Round(n, open, open.plus(Duration.ofHours(1))));
        }
        return rounds;
    }

    @Test
    void aClosedRoundWithoutASubmissionIsMissed() {
        assertEquals(List.of(1293), MissedRounds.of(rounds(), Set.of(1291, 1292, 1294), NOW));
    }

    @Test
    void theRoundStillOpenIsNotMissedYet() {
        assertEquals(List.of(), MissedRounds.of(rounds(), Set.of(1291, 1292, 1293, 1294), NOW));
    }

    @Test
    void roundsBeforeTheModelsFirstSubmissionAreNotMissed() {
        assertEquals(List.of(), MissedRounds.of(rounds(), Set.of(1293, 1294), NOW));
    }

    @Test
    void aModelWithoutSubmissionsHasMissedNothing() {
        assertEquals(List.of(), MissedRounds.of(rounds(), Set.of(), NOW));
    }

    @Test
    void theWindowIsTheLatestRoundsThatOpenedByNow() {
        List<Round> window = ScoresFetch.window(rounds(), 3, NOW.minus(Duration.ofDays(1)));

        assertEquals(List.of(1292, 1293, 1294), window.stream().map(Round::number).sorted().toList());
    }
}
