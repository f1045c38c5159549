package io.github.numeraipipeline.numerai.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the desk raises a hand. */
class ScoreAlertsTest {

    private static ScoresHistory history(double corr, int rounds) {
        ScoresHistory history = new ScoresHistory();
        List<ScoreEntry> entries = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            entries.add(new ScoreEntry(1200 + i, "CORR20", "v5", corr + (i % 2 == 0 ? 0.001 : -0.001), 0.5, 20, null,
                    true, null));
        }
        history.model("xgba").merge(entries);
        return history;
    }

    @Test
    void aMissedRoundAlertsOnceNotEveryDayAfter() {
        ScoresHistory history = history(0.02, 5);
        Set<String> before = ScoreAlerts.missedKeys(history);
        history.model("xgba").missed(1200, 1204, List.of(1203));

        List<ScoreAlert> first = ScoreAlerts.of(List.of("xgba"), history, before, ScoresSettings.defaults());
        List<ScoreAlert> next = ScoreAlerts.of(List.of("xgba"), history, ScoreAlerts.missedKeys(history),
                ScoresSettings.defaults());

        assertEquals(1, first.size());
        assertEquals(ScoreAlert.MISSED, first.get(0).kind());
        assertTrue(first.get(0).message().contains("1203"), first.get(0).message());
        assertEquals(List.of(), next);
    }

    @Test
    void missedRoundsRaiseNothingWhenThatAlertIsOff() {
        ScoresHistory history = history(0.02, 5);
        history.model("xgba").missed(1200, 1204, List.of(1203));

        assertEquals(List.of(), ScoreAlerts.of(List.of("xgba"), history, Set.of(),
                new ScoresSettings(60, List.of(), false, null)));
    }

    @Test
    void aMeanBelowTheLineAlertsNamingTheMetricAndTheMean() {
        ScoresHistory history = history(-0.01, 25);

        List<ScoreAlert> alerts = ScoreAlerts.of(List.of("xgba"), history, Set.of(),
                new ScoresSettings(60, List.of(), true, 0.0));

        assertEquals(1, alerts.size());
        assertEquals(ScoreAlert.BELOW, alerts.get(0).kind());
        assertTrue(alerts.get(0).message().contains("CORR20 v5"), alerts.get(0).message());
        assertTrue(alerts.get(0).message().contains("last 20 resolved"), alerts.get(0).message());
        assertTrue(alerts.get(0).message().contains("-0.0100"), alerts.get(0).message());
    }

    @Test
    void aMeanAboveTheLineOrNoLineRaisesNothing() {
        assertEquals(List.of(), ScoreAlerts.of(List.of("xgba"), history(0.01, 25), Set.of(),
                new ScoresSettings(60, List.of(), true, 0.0)));
        assertEquals(List.of(), ScoreAlerts.of(List.of("xgba"), history(-0.05, 25), Set.of(), ScoresSettings.defaults()));
    }
}
