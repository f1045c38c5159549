package io.github.numeraipipeline.numerai.model;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The progress line of a boosting loop, at most once per {@code every}, whichever library boosts. */
final class TrainingProgress {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingProgress.class);

    private final String model;
    private final int rounds;
    private final long everyNanos;
    private final long start = System.nanoTime();
    private long lastReport = start;

    TrainingProgress(String model, int rounds, Duration every) {
        this.model = model;
        this.rounds = rounds;
        this.everyNanos = every.toNanos();
    }

    /** After boosting round {@code done} (1-based): says how far, and about how long is left, when it is time. */
    void roundDone(int done) {
        long now = System.nanoTime();
        if (now - lastReport >= everyNanos) {
            lastReport = now;
            double elapsed = (now - start) / 1e9;
            double left = elapsed / done * (rounds - done);
            LOG.info(String.format(Locale.ROOT, "Training %s: iteration %d/%d, %.0f s elapsed, about %.0f s to go",
                    model, done, rounds, elapsed, left));
        }
    }

    double secondsSoFar() {
        return (System.nanoTime() - start) / 1e9;
    }
}
