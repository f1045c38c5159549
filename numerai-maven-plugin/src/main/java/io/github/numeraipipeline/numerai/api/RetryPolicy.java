package io.github.numeraipipeline.numerai.api;

import java.time.Duration;

/**
 * How hard to retry a failed call: at most {@code maxAttempts} tries in all, the wait doubling from
 * {@code initialDelay} up to {@code maxDelay} (with jitter), and never past {@code maxTotal} since the first try.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxTotal) {

    /** Enough to ride out a short outage of Numerai's API without holding a round-day job for long. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(5));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxTotal.isNegative()) {
            throw new IllegalArgumentException("Retry delays must satisfy 0 <= initialDelay <= maxDelay, maxTotal >= 0");
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry), before jitter. */
    Duration backoff(int retry) {
        long factor = 1L << Math.min(retry - 1, 30);
        Duration delay = initialDelay.multipliedBy(factor);
        return delay.compareTo(maxDelay) > 0 || delay.isNegative() ? maxDelay : delay;
    }
}
