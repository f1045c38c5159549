package io.github.numeraipipeline.numerai.report;

import io.github.numeraipipeline.numerai.watch.RoundRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Each goal of the daily run adds its step to {@code run.json} and renders {@code report.html} from it;
 * {@code watch} starts a new record.
 */
public final class RunSteps {
    private RunSteps() {
    }

    /**
     * Records one finished step in {@code directory} and returns the record as saved.
     *
     * @param startsRun whether this goal begins a new record ({@code watch} does)
     * @param watched   the round this build's watch recorded, or null when no watch ran in this build
     * @param buildUrl  the CI build's page, or null
     */
    public static RunRecord record(Path directory, boolean startsRun, RoundRecord watched, String buildUrl,
            boolean sandbox, String goal, String status, double seconds, Instant now) throws IOException {
        // A run starts when its first goal starts, not when it ends: watch may have waited hours.
        Instant began = now.minusMillis(Math.round(seconds * 1000));
        RunRecord record = (startsRun ? RunRecord.next(directory, began) : RunRecord.load(directory, began))
                .round(watched == null || watched.status() == RoundRecord.Status.NO_ROUND ? null : watched.round())
                .watch(watched)
                .buildUrl(buildUrl)
                .sandbox(sandbox)
                .step(goal, status, seconds, now);
        record.save(directory);
        RunReport.writeHtml(record, directory);
        return record;
    }
}
