package io.github.numeraipipeline.numerai.scores;

import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.api.Round;
import io.github.numeraipipeline.numerai.api.Submission;
import io.github.numeraipipeline.numerai.api.SubmissionScore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One fetch of the desk's scores: per model, Numerai's scores of the window ({@code submissionScores}), merged
 * into the history; its submissions against the window's rounds, for the missed ones; then the alerts. It reads
 * the time only from its clock.
 */
public final class ScoresFetch {
    private final NumeraiClient client;
    private final Clock clock;

    public ScoresFetch(NumeraiClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** What a fetch did: the lines to log (one or two per model) and the alerts it raised. */
    public record Outcome(List<String> lines, List<ScoreAlert> alerts) {
    }

    /**
     * Fetches the scores of {@code models} into {@code history} (which the caller saves).
     *
     * @throws ScoresException when a model is not one of the account's
     */
    public Outcome fetch(List<String> models, ScoresSettings settings, ScoresHistory history)
            throws NumeraiApiException, ScoresException {
        Map<String, String> ids = client.models();
        List<String> unknown = models.stream().filter(m -> !ids.containsKey(m)).toList();
        if (!unknown.isEmpty()) {
            throw new ScoresException("No model named " + String.join(", ", unknown) + " in this Numerai account"
                    + " (it has " + (ids.isEmpty() ? "none" : String.join(", ", ids.keySet())) + "); fix the model"
                    + " config's name or -Dnumerai.models");
        }
        Instant now = clock.instant();
        List<Round> window = window(client.rounds(settings.rounds() + 5), settings.rounds(), now);
        int from = window.stream().mapToInt(Round::number).min().orElse(0);
        int to = window.stream().mapToInt(Round::number).max().orElse(-1);
        Set<String> previouslyMissed = ScoreAlerts.missedKeys(history);
        List<String> lines = new ArrayList<>();
        for (String name : models) {
            String id = ids.get(name);
            List<SubmissionScore> scores = client.submissionScores(id, settings.rounds());
            Set<Integer> submitted = new TreeSet<>();
            for (Submission s : client.submissions(id)) {
                if (s.roundNumber() != null) {
                    submitted.add(s.roundNumber());
                }
            }
            ModelScores model = history.model(name);
            ModelScores.Merge merge = model.merge(scores.stream().map(ScoreEntry::of).toList());
            model.missed(from, to, MissedRounds.of(window, submitted, now));
            if (scores.isEmpty() && submitted.isEmpty() && model.isEmpty()) {
                lines.add(name + ": no submissions yet, so no scores (an empty history)");
                continue;
            }
            long pending = scores.stream().filter(s -> !s.resolved()).map(SubmissionScore::roundNumber).distinct().count();
            long resolved = scores.stream().filter(SubmissionScore::resolved).map(SubmissionScore::roundNumber)
                    .distinct().count();
            lines.add(name + ": " + scores.size() + " score(s) of " + resolved + " resolved and " + pending
                    + " pending round(s); " + merge.added() + " new, " + merge.replaced() + " updated; history has "
                    + model.entries().size() + " entries" + (model.missedRounds().isEmpty() ? ""
                    : "; missed rounds " + model.missedRounds()));
        }
        List<ScoreAlert> alerts = ScoreAlerts.of(models, history, previouslyMissed, settings);
        history.alerts(alerts);
        history.updatedAt(now);
        return new Outcome(lines, alerts);
    }

    /** The latest {@code size} rounds that have opened by {@code now}, by number. */
    static List<Round> window(List<Round> rounds, int size, Instant now) {
        List<Round> opened = rounds.stream().filter(Objects::nonNull)
                .filter(r -> r.openTime() != null && !r.openTime().isAfter(now)).toList();
        int newest = opened.stream().mapToInt(Round::number).max().orElse(0);
        return opened.stream().filter(r -> r.number() > newest - size).toList();
    }
}
