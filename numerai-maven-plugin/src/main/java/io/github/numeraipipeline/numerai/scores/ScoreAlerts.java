package io.github.numeraipipeline.numerai.scores;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Decides the alerts of one fetch, from the history before it and after it. */
final class ScoreAlerts {
    private ScoreAlerts() {
    }

    /**
     * A {@code missed} alert for rounds missed that the previous fetch had not reported (so one miss makes one
     * unstable build, not sixty); a {@code below} alert while the 20-round mean of the first charted metric is below
     * the line.
     */
    static List<ScoreAlert> of(List<String> models, ScoresHistory history, Set<String> previouslyMissed,
                               ScoresSettings settings) {
        List<ScoreAlert> alerts = new ArrayList<>();
        for (String name : models) {
            ModelScores model = history.model(name);
            if (settings.alertMissed()) {
                List<Integer> fresh = model.missedRounds().stream()
                        .filter(round -> !previouslyMissed.contains(name + "|" + round)).toList();
                if (!fresh.isEmpty()) {
                    alerts.add(new ScoreAlert(name, ScoreAlert.MISSED, name + " missed round"
                            + (fresh.size() > 1 ? "s " : " ") + join(fresh) + " (no submission while it was open)"));
                }
            }
            if (settings.alertBelow() != null) {
                List<Metric> charted = settings.metricChoice().chart(model.metrics());
                if (!charted.isEmpty()) {
                    ScoreStats stats = ScoreStats.of(model.series(charted.get(0)));
                    if (!Double.isNaN(stats.mean()) && stats.mean() < settings.alertBelow()) {
                        alerts.add(new ScoreAlert(name, ScoreAlert.BELOW, String.format(Locale.ROOT,
                                "%s: mean %s of the last %d resolved rounds is %.4f, below %s", name,
                                charted.get(0).label(), stats.resolvedCount(), stats.mean(),
                                settings.alertBelow())));
                    }
                }
            }
        }
        return alerts;
    }

    /** Every model+round the history already lists as missed. */
    static Set<String> missedKeys(ScoresHistory history) {
        Set<String> keys = new HashSet<>();
        history.models().forEach((name, model) -> model.missedRounds().forEach(r -> keys.add(name + "|" + r)));
        return keys;
    }

    private static String join(List<Integer> rounds) {
        return String.join(", ", rounds.stream().map(String::valueOf).toList());
    }
}
