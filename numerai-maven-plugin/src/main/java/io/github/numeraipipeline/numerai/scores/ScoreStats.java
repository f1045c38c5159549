package io.github.numeraipipeline.numerai.scores;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbers a desk reads off one metric of one model: the last resolved value, the mean and sharpe (mean over
 * standard deviation, as Numerai's leaderboard shows them) of the last {@value #WINDOW} resolved rounds, and the
 * cumulative sum over every round in the history. NaN where there is nothing to compute from.
 *
 * @param latestResolved the newest resolved round's value
 * @param latestRound    that round, or 0 when none is resolved
 * @param mean           mean of the last 20 resolved values
 * @param sharpe         mean / sample standard deviation of the same values (NaN with fewer than two)
 * @param percentile     the newest resolved round's percentile
 * @param resolvedCount  how many resolved values the mean is over (at most 20)
 * @param cumulative     sum of every value, resolved and pending, oldest round first
 */
public record ScoreStats(double latestResolved, int latestRound, double mean, double sharpe, double percentile,
                         int resolvedCount, double cumulative) {
    public static final int WINDOW = 20;

    public static ScoreStats of(List<ScoreEntry> series) {
        List<ScoreEntry> resolved = new ArrayList<>();
        double cumulative = 0;
        boolean any = false;
        for (ScoreEntry e : series) {
            if (e.value() == null) {
                continue;
            }
            cumulative += e.value();
            any = true;
            if (e.resolved()) {
                resolved.add(e);
            }
        }
        List<ScoreEntry> last = resolved.subList(Math.max(0, resolved.size() - WINDOW), resolved.size());
        double mean = Double.NaN;
        double sharpe = Double.NaN;
        if (!last.isEmpty()) {
            double sum = 0;
            for (ScoreEntry e : last) {
                sum += e.value();
            }
            mean = sum / last.size();
            if (last.size() > 1) {
                double squares = 0;
                for (ScoreEntry e : last) {
                    squares += (e.value() - mean) * (e.value() - mean);
                }
                double std = Math.sqrt(squares / (last.size() - 1));
                sharpe = std == 0 ? Double.NaN : mean / std;
            }
        }
        ScoreEntry newest = resolved.isEmpty() ? null : resolved.get(resolved.size() - 1);
        return new ScoreStats(newest == null ? Double.NaN : newest.value(), newest == null ? 0 : newest.roundNumber(),
                mean, sharpe, newest == null || newest.percentile() == null ? Double.NaN : newest.percentile(),
                last.size(), any ? cumulative : Double.NaN);
    }
}
