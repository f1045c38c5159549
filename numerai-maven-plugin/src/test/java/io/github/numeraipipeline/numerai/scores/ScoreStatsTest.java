package io.github.numeraipipeline.numerai.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers of the desk page: mean and sharpe of the last 20 resolved rounds, the cumulative sum. */
class ScoreStatsTest {

    @Test
    void meanAndSharpeAreOverTheLast20ResolvedRoundsOnly() {
        List<ScoreEntry> series = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // rounds 0..9 are -1 (outside the last 20), 10..29 alternate 0.01 and 0.03
            double value = i < 10 ? -1 : (i % 2 == 0 ? 0.01 : 0.03);
            series.add(new ScoreEntry(1000 + i, "CORR20", "v5", value, 0.5, 20, null, true, null));
        }
        series.add(new ScoreEntry(1030, "CORR20", "v5", 5.0, null, 3, null, false, null));

        ScoreStats stats = ScoreStats.of(series);

        assertEquals(20, stats.resolvedCount());
        assertEquals(0.02, stats.mean(), 1e-12);
        double std = Math.sqrt(20 * 0.0001 / 19);
        assertEquals(0.02 / std, stats.sharpe(), 1e-9);
        assertEquals(0.03, stats.latestResolved(), 1e-12, "the pending round is not the latest resolved");
        assertEquals(1029, stats.latestRound());
        assertEquals(-10 + 0.4 + 5.0, stats.cumulative(), 1e-9, "the cumulative sum takes every value");
    }

    @Test
    void nothingResolvedGivesNoMeanNorSharpe() {
        ScoreStats stats = ScoreStats.of(List.of(new ScoreEntry(1, "MMC", "", 0.1, null, 1, null, false, null)));

        assertTrue(Double.isNaN(stats.mean()));
        assertTrue(Double.isNaN(stats.sharpe()));
        assertEquals(0.1, stats.cumulative(), 1e-12);
    }
}
