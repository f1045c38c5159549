package io.github.numeraipipeline.numerai.data;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a person how a long transfer goes: a line every few seconds with percent and speed, not one per chunk. */
final class ProgressMeter {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressMeter.class);

    private final String what;
    private final long total;
    private final long startedAtBytes;
    private final long every;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastReport = startNanos;

    ProgressMeter(String what, long total, long alreadyDone, Duration every) {
        this.what = what;
        this.total = total;
        this.done = alreadyDone;
        this.startedAtBytes = alreadyDone;
        this.every = every.toNanos();
    }

    long done() {
        return done;
    }

    void advance(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (now - lastReport >= every) {
            lastReport = now;
            LOG.info("Downloading {}: {}% ({} of {}) at {}/s", what, total > 0 ? done * 100 / total : 0,
                    size(done), size(total), size((long) rate(now)));
        }
    }

    void finish() {
        long now = System.nanoTime();
        LOG.info("Downloaded {} ({}) in {} s at {}/s", what, size(total),
                String.format(Locale.ROOT, "%.1f", (now - startNanos) / 1e9), size((long) rate(now)));
    }

    private double rate(long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        return (done - startedAtBytes) / seconds;
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
}
