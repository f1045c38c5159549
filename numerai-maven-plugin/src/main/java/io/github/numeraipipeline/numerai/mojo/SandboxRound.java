package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.sandbox.SandboxCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The sandbox's round, as the goals' parameters say: which one ({@code -Dnumerai.sandbox.day}) and when it opens
 * ({@code -Dnumerai.sandbox.round}: open, never, closed, or after a duration).
 */
final class SandboxRound {
    private SandboxRound() {
    }

    /** How long after start the sandbox's round opens; null for never. */
    static Duration opensIn(String value) throws MojoFailureException {
        switch (value == null ? "open" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "open":
                return Duration.ofMinutes(-1);
            case "never":
                return null;
            case "closed":
                return Duration.ofHours(-2);
            default:
                try {
                    return Durations.parse(value, PropertyNames.SANDBOX_ROUND);
                } catch (MojoFailureException e) {
                    throw new MojoFailureException(PropertyNames.SANDBOX_ROUND + "=" + value + " is not one of open,"
                            + " never, closed or an ISO-8601 duration after which the round opens (such as PT30S)", e);
                }
        }
    }

    /** The round of {@code numerai.sandbox.day}, or of today. */
    static int number(String day, Clock clock) throws MojoFailureException {
        if (day == null || day.isBlank()) {
            return SandboxCalendar.NUMERAI_LIKE.roundAt(clock.instant());
        }
        try {
            return SandboxCalendar.NUMERAI_LIKE.roundOn(LocalDate.parse(day.trim()));
        } catch (DateTimeParseException e) {
            throw new MojoFailureException(PropertyNames.SANDBOX_DAY + "=" + day + " is not a date; write it"
                    + " as 2026-12-01 (ISO, the UTC day the sandbox plays)", e);
        }
    }
}
