package io.github.numeraipipeline.numerai.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The sandbox's round numbering: one round a day (the UTC day), counted from an epoch day, so that a sandbox desk
 * has a new round to submit to every day, and only one (a second run on the same day finds its submissions done).
 *
 * @param epochDay   the UTC day whose round is {@code epochRound}
 * @param epochRound the round number of that day
 */
public record SandboxCalendar(LocalDate epochDay, int epochRound) {

    /** Round 1294 on 2026-11-28, near Numerai's own numbering at the time the sandbox was written. */
    public static final SandboxCalendar NUMERAI_LIKE = new SandboxCalendar(LocalDate.of(2026, 11, 28), 1294);

    public SandboxCalendar {
        Objects.requireNonNull(epochDay, "epochDay");
    }

    /** The round of the UTC day that {@code instant} falls on (before the epoch the numbers count down). */
    public int roundAt(Instant instant) {
        return roundOn(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    public int roundOn(LocalDate day) {
        return Math.toIntExact(epochRound + ChronoUnit.DAYS.between(epochDay, day));
    }
}
