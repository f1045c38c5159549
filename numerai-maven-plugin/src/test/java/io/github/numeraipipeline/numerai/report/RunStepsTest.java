package io.github.numeraipipeline.numerai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStepsTest {
    @TempDir
    Path out;

    @Test
    void aRunStartsWhenItsWatchStartedNotWhenTheWaitEnded() throws Exception {
        Instant watchEnded = Instant.parse("2026-12-01T16:00:04Z");

        RunRecord record = RunSteps.record(out, true, null, null, false, "watch", "done", 5 * 3600, watchEnded);

        assertEquals("2026-12-01T11:00:04Z", record.json().path("startedAt").asText());
        assertEquals(watchEnded.toString(), record.json().path("steps").get(0).path("finishedAt").asText());
    }

    @Test
    void laterStepsKeepTheRunsStart() throws Exception {
        RunSteps.record(out, true, null, null, false, "watch", "done", 60, Instant.parse("2026-12-01T12:01:00Z"));

        RunRecord record = RunSteps.record(out, false, null, null, false, "predict", "done", 3,
                Instant.parse("2026-12-01T12:05:00Z"));

        assertEquals("2026-12-01T12:00:00Z", record.json().path("startedAt").asText());
        assertEquals(2, record.json().path("steps").size());
    }
}
