package io.github.numeraipipeline.numerai.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.numeraipipeline.numerai.io.LockHolder;
import io.github.numeraipipeline.numerai.io.RunLocks;
import io.github.numeraipipeline.numerai.submission.SubmissionLedger.Entry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's read-modify-write: no entry lost to another run writing at the same time, none doubled. */
class SubmissionLedgerTest {
    @TempDir
    Path temp;

    private SubmissionLedger ledger() {
        return new SubmissionLedger(temp.resolve("data/ledger.json"), new RunLocks(Clock.systemUTC(), Duration.ZERO));
    }

    @Test
    void anUpdateWaitsForAnotherRunsUpdateEvenWhenTheRunDoesNotWaitForOtherWork() throws Exception {
        SubmissionLedger ledger = ledger();
        ledger.add(new Entry(1294, "xgba", "s-a", "aa", "2031-03-04T12:00:00Z"));
        CompletableFuture<Void> adding;
        try (LockHolder other = LockHolder.hold(temp.resolve("data/ledger.json.lock"), "update of ledger.json")) {
            adding = CompletableFuture.runAsync(() -> {
                try {
                    ledger.add(new Entry(1294, "xgbb", "s-b", "bb", "2031-03-04T12:00:01Z"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertFalse(adding.isDone(), "waits for the other run's update");
            other.release();
        }
        adding.get(60, TimeUnit.SECONDS);

        assertEquals(List.of("xgba", "xgbb"), ledger.entries().stream().map(Entry::model).toList());
    }

    @Test
    void aSubmissionTheLedgerAlreadyHasIsReplacedNotAddedTwice() throws Exception {
        SubmissionLedger ledger = ledger();
        ledger.add(new Entry(1294, "xgba", "s-a", null, "2031-03-04T12:00:00Z")); // noted from Numerai's list
        ledger.add(new Entry(1294, "xgba", "s-a", "aa", "2031-03-04T12:00:01Z")); // the run that submitted it

        assertEquals(List.of(new Entry(1294, "xgba", "s-a", "aa", "2031-03-04T12:00:01Z")), ledger.entries());
    }
}
