package io.github.numeraipipeline.numerai.scores;

import java.util.List;

/**
 * What {@code scores} is asked to do.
 *
 * @param rounds      how many of the latest rounds to ask Numerai for (numerai.scores.rounds)
 * @param metrics     metrics to chart; empty for the defaults ({@link MetricChoice})
 * @param alertMissed alert when a model missed a round it had not been alerted for
 * @param alertBelow  alert when the 20-round mean of the first charted metric is below this; null for never
 */
public record ScoresSettings(int rounds, List<String> metrics, boolean alertMissed, Double alertBelow) {

    public ScoresSettings {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, not " + rounds);
        }
        metrics = List.copyOf(metrics);
    }

    public static ScoresSettings defaults() {
        return new ScoresSettings(60, List.of(), true, null);
    }

    public MetricChoice metricChoice() {
        return new MetricChoice(metrics);
    }
}
