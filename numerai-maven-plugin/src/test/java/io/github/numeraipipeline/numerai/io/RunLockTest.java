package io.github.numeraipipeline.numerai.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.MovableClock;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock two runs share: another process holding it makes this run wait a bounded time, then give up naming the
 * holder; a killed holder's lock is taken over; threads of one JVM take turns without dropping each other's lock.
 */
class RunLockTest {
    /** A day that is not today, so that nothing here depends on the calendar. */
    private static final Instant START = Instant.parse("2031-03-04T11:59:30Z");

    @TempDir
    Path temp;
    private final MovableClock clock = new MovableClock(START);
    private final AtomicInteger sleeps = new AtomicInteger();

    /** Locks on the test's clock: each look at a busy lock moves it on by the poll interval. */
    private RunLocks locks(Duration wait) {
        return new RunLocks(clock, wait, Duration.ofSeconds(1), d -> {
            sleeps.incrementAndGet();
            clock.advance(d);
            Thread.sleep(5);
        });
    }

    private Path lockFile() {
        return temp.resolve("data/ledger.json.submit-xgba.lock");
    }

    @Test
    void aRunGivesUpAfterTheWaitNamingTheFileTheTimeAndThePidOfTheProcessHoldingIt() throws Exception {
        try (LockHolder other = LockHolder.hold(lockFile(), "numerai:submit of model xgba for round 1294")) {
            LockBusyException busy = assertThrows(LockBusyException.class,
                    () -> locks(Duration.ofMinutes(10)).acquire(lockFile(), "numerai:submit of model xgba"));

            assertTrue(busy.getMessage().startsWith("another run holds " + lockFile().toRealPath() + " since "
                    + other.since() + ", pid " + other.pid() + " on "), busy.getMessage());
            assertTrue(busy.getMessage().endsWith("(numerai:submit of model xgba for round 1294);"
                    + " gave up after waiting PT10M (numerai.lockWait)"), busy.getMessage());
            assertEquals(other.pid(), busy.owner().orElseThrow().pid());
            assertEquals(START.plus(Duration.ofMinutes(10)), clock.instant(), "waited exactly the limit");
        }
    }

    @Test
    void withNoWaitARunGivesUpAtOnce() throws Exception {
        try (LockHolder other = LockHolder.hold(lockFile(), "download of v5.0/live.parquet")) {
            LockBusyException busy = assertThrows(LockBusyException.class,
                    () -> locks(Duration.ZERO).acquire(lockFile(), "download of v5.0/live.parquet"));

            assertTrue(busy.getMessage().endsWith("(download of v5.0/live.parquet); not waiting for it"
                    + " (numerai.lockWait=PT0S)"), busy.getMessage());
            assertEquals(0, sleeps.get());
        }
    }

    @Test
    void aRunThatWaitsGetsTheLockAsSoonAsTheOtherProcessReleasesIt() throws Exception {
        try (LockHolder other = LockHolder.hold(lockFile(), "numerai:submit of model xgba")) {
            CompletableFuture<RunLock> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return locks(Duration.ofMinutes(10)).acquire(lockFile(), "numerai:submit of model xgba");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (sleeps.get() == 0) {
                Thread.sleep(5);
            }
            assertFalse(waiter.isDone(), "waits while the other process holds it");

            other.release();

            try (RunLock lock = waiter.get(60, TimeUnit.SECONDS)) {
                assertTrue(lock.takenOverFrom().isEmpty(), "released cleanly: nothing to take over");
                assertEquals(ProcessHandle.current().pid(), lock.owner().pid());
            }
        }
    }

    @Test
    void aLockLeftByAKilledProcessIsTakenOverAtOnceNamingThatProcess() throws Exception {
        LockHolder killed = LockHolder.hold(lockFile(), "numerai:submit of model xgba for round 1294");
        killed.kill();

        try (RunLock lock = locks(Duration.ZERO).acquire(lockFile(), "numerai:submit of model xgba")) {
            LockOwner gone = lock.takenOverFrom().orElseThrow();
            assertEquals(killed.pid(), gone.pid());
            assertEquals(killed.since(), gone.since());
            assertTrue(gone.isGoneFromThisHost());
        }
    }

    @Test
    void aReleasedLockLeavesAnEmptyFileSoTheNextRunTakesItWithoutAWarning() throws Exception {
        locks(Duration.ZERO).acquire(lockFile(), "first").close();

        assertEquals(0, Files.size(lockFile()), "the file stays (deleting it would split the lock), empty");
        try (RunLock second = locks(Duration.ZERO).acquire(lockFile(), "second")) {
            assertTrue(second.takenOverFrom().isEmpty());
        }
    }

    @Test
    void whileThisRunHoldsTheLockAnotherProcessFindsItBusyAndNamed() throws Exception {
        try (RunLock mine = locks(Duration.ZERO).acquire(lockFile(), "numerai:submit of model xgba")) {
            String other = LockHolder.tryOnce(lockFile());

            assertTrue(other.startsWith("busy: another run holds " + lockFile().toRealPath() + " since " + START
                    + ", pid " + ProcessHandle.current().pid() + " on "), other);
        }
        assertEquals("locked", LockHolder.tryOnce(lockFile()));
    }

    /** Models in parallel, or two goals under mvn -T: the OS lock cannot tell threads apart, this JVM's table can. */
    @Test
    void twoThreadsOfOneJvmTakeTurns() throws Exception {
        RunLock first = locks(Duration.ZERO).acquire(lockFile(), "model xgba");
        CompletableFuture<RunLock> second = CompletableFuture.supplyAsync(() -> {
            try {
                return locks(Duration.ofMinutes(10)).acquire(lockFile(), "model xgbb");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (sleeps.get() == 0) {
            Thread.sleep(5);
        }
        assertFalse(second.isDone());

        first.close();

        try (RunLock lock = second.get(60, TimeUnit.SECONDS)) {
            assertEquals("model xgbb", lock.owner().purpose());
        }
    }

    @Test
    void aThreadThatGivesUpNamesThisProcessAndLeavesTheHoldersLockInPlaceForOtherProcesses() throws Exception {
        try (RunLock held = locks(Duration.ZERO).acquire(lockFile(), "model xgba")) {
            LockBusyException busy = assertThrows(LockBusyException.class,
                    () -> locks(Duration.ofSeconds(3)).acquire(lockFile(), "model xgbb"));

            assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid() + " on "), busy.getMessage());
            assertTrue(busy.getMessage().contains("(model xgba), this very process: another goal or thread of this"
                    + " build; gave up after waiting PT3S"), busy.getMessage());
            // On Linux closing any descriptor of a file drops every lock the process holds on it: the thread that
            // gave up must not have opened (and closed) the file the holder locked.
            assertTrue(LockHolder.tryOnce(lockFile()).startsWith("busy"), "the holder still holds it");
        }
    }

    /** A lock this JVM holds through another copy of the class (another class loader), simulated by a bare lock. */
    @Test
    void aLockHeldThroughAnotherChannelOfThisJvmIsWaitedForAndNotDropped() throws Exception {
        Files.createDirectories(lockFile().getParent());
        try (FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock bare = channel.lock()) {
            assertThrows(LockBusyException.class, () -> locks(Duration.ofSeconds(2)).acquire(lockFile(), "model xgbb"));

            assertTrue(bare.isValid());
            assertTrue(LockHolder.tryOnce(lockFile()).startsWith("busy"), "the other copy's lock still holds");
        }
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> locks(Duration.ofSeconds(-1)));
    }
}
