package io.github.numeraipipeline.numerai.watch;

import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.Round;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the tournament's current round to open: asks every poll interval, for at most the maximum wait.
 * "Open" is decided as Numerai's own client decides it ({@code openTime < now < closeStakingTime}); Numerai's
 * "not open for submissions" answer counts as not open, and so does an API that stays unreachable.
 */
public final class RoundWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RoundWatcher.class);
    /** Checking a moment after the announced open time, not on it: at openTime itself the round is not open yet. */
    private static final Duration AFTER_OPEN = Duration.ofSeconds(1);

    /** Asks Numerai for the current round ({@code NumeraiClient::currentRound}). */
    @FunctionalInterface
    public interface RoundSource {
        Round currentRound() throws NumeraiApiException;
    }

    /** Waits; tests pass one that moves their clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RoundSource source;
    private final Clock clock;
    private final Sleeper sleeper;

    public RoundWatcher(RoundSource source, Clock clock, Sleeper sleeper) {
        this.source = source;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A watcher that really waits between checks, reading the time from {@code clock}. */
    public static RoundWatcher realTime(RoundSource source, Clock clock) {
        return new RoundWatcher(source, clock, duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * Polls until the round is open or {@code maxWait} has passed; a wait of zero checks once.
     *
     * @throws NumeraiApiException.InvalidCredentials never for public calls, but not swallowed if it comes
     */
    public RoundRecord watch(Duration pollInterval, Duration maxWait) throws InterruptedException,
            NumeraiApiException.InvalidCredentials {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The poll interval must be positive, was " + pollInterval);
        }
        Instant start = clock.instant();
        Instant deadline = start.plus(maxWait);
        Round lastSeen = null;
        String lastState;
        while (true) {
            Instant now = clock.instant();
            Duration untilOpen = null;
            try {
                Round round = source.currentRound();
                lastSeen = round;
                if (round.isOpenAt(now)) {
                    LOG.info("Round {} is open: {} to {} UTC, {} left to submit", round.number(), round.openTime(),
                            round.closeStakingTime(), human(Duration.between(now, round.closeStakingTime())));
                    return RoundRecord.open(round, now, Duration.between(start, now));
                }
                if (round.openTime() != null && round.openTime().isAfter(now)) {
                    untilOpen = Duration.between(now, round.openTime()).plus(AFTER_OPEN);
                    lastState = "round " + round.number() + " opens at " + round.openTime();
                } else {
                    lastState = "round " + round.number() + " closed at " + round.closeStakingTime();
                }
            } catch (NumeraiApiException.RoundNotOpen betweenRounds) {
                lastState = "between rounds (" + betweenRounds.getMessage() + ")";
            } catch (NumeraiApiException.InvalidCredentials keys) {
                throw keys;
            } catch (NumeraiApiException unavailable) {
                lastState = "Numerai's API could not be asked: " + unavailable.getMessage();
                LOG.warn("{}", lastState);
            }
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                String reason = "No round opened within numerai.maxWait=" + maxWait + " (last seen: " + lastState + ")";
                Instant checkedAt = clock.instant();
                return RoundRecord.noRound(lastSeen, checkedAt, Duration.between(start, checkedAt), reason);
            }
            Duration wait = min(min(pollInterval, remaining), untilOpen);
            LOG.info("Not open yet: {}; next check in {}, giving up at {}", lastState, human(wait),
                    deadline.truncatedTo(ChronoUnit.SECONDS));
            sleeper.sleep(wait);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    /** 1h05m, 4m10s, 3s: short enough for a log line or a report. */
    public static String human(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (hours > 0) {
            return String.format("%dh%02dm", hours, minutes);
        }
        return minutes > 0 ? String.format("%dm%02ds", minutes, secs) : secs + "s";
    }
}
