package io.github.numeraipipeline.numerai.scores;

import io.github.numeraipipeline.numerai.api.Round;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The rounds a model missed: rounds of the window whose submission window has closed, from the model's first
 * submitted round on (a new model has missed nothing before it started), with no submission of that model.
 */
public final class MissedRounds {
    private MissedRounds() {
    }

    public static List<Integer> of(Collection<Round> window, Collection<Integer> submitted, Instant now) {
        if (submitted.isEmpty()) {
            return List.of();
        }
        int first = submitted.stream().mapToInt(Integer::intValue).min().orElseThrow();
        return window.stream()
                .filter(r -> r.number() >= first && !submitted.contains(r.number()))
                .filter(r -> r.closeStakingTime() != null && !now.isBefore(r.closeStakingTime()))
                .map(Round::number).distinct().sorted().toList();
    }
}
