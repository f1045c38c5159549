package io.github.numeraipipeline.numerai.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.MovableClock;
import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.Round;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundWatcherTest {
    private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration POLL = Duration.ofMinutes(10);

    /** Moves only when the watcher sleeps. */
    private final MovableClock clock = new MovableClock(NOON.minus(Duration.ofHours(2)));
    private final List<Duration> sleeps = new ArrayList<>();
    private final Round todays = new Round(1294, NOON, NOON.plus(Duration.ofHours(1)));

    private RoundWatcher watcher(RoundWatcher.RoundSource source) {
        return new RoundWatcher(source, clock, this::sleep);
    }

    private void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    @Test
    void anOpenRoundIsRecordedAtOnce() throws Exception {
        clock.set(NOON.plusSeconds(60));

        RoundRecord record = watcher(() -> todays).watch(POLL, Duration.ofHours(5));

        assertTrue(record.isOpen());
        assertEquals(1294, record.round());
        assertEquals(NOON, record.openTime());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void betweenRoundsItPollsUntilTheRoundOpens() throws Exception {
        RoundWatcher.RoundSource source = () -> {
            if (clock.instant().isBefore(NOON.plusSeconds(1))) {
                throw new NumeraiApiException.RoundNotOpen("Numerai says: Current round not open for submissions");
            }
            return todays;
        };

        RoundRecord record = watcher(source).watch(POLL, Duration.ofHours(5));

        assertTrue(record.isOpen());
        assertEquals(13, sleeps.size(), "two hours of ten-minute polls, then one more check");
        assertTrue(sleeps.stream().allMatch(POLL::equals));
    }

    @Test
    void aRoundAnnouncedForLaterIsCheckedJustAfterItOpensNotAtTheNextPoll() throws Exception {
        clock.set(NOON.minusSeconds(30));

        RoundRecord record = watcher(() -> todays).watch(POLL, Duration.ofHours(5));

        assertTrue(record.isOpen());
        assertEquals(List.of(Duration.ofSeconds(31)), sleeps);
    }

    @Test
    void noRoundWithinTheMaximumWaitEndsWithoutOneAndSaysWhy() throws Exception {
        RoundRecord record = watcher(() -> {
            throw new NumeraiApiException.RoundNotOpen("Numerai says: Current round not open for submissions");
        }).watch(Duration.ofSeconds(1), Duration.ofSeconds(4));

        assertFalse(record.isOpen());
        assertEquals(RoundRecord.Status.NO_ROUND, record.status());
        assertNull(record.round());
        assertTrue(record.reason().contains("numerai.maxWait=PT4S"), record.reason());
        assertEquals(Duration.ofSeconds(4), sleeps.stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void theLastWaitIsCutToTheDeadlineSoTheWatchEndsOnTime() throws Exception {
        watcher(() -> {
            throw new NumeraiApiException.RoundNotOpen("between rounds");
        }).watch(POLL, Duration.ofMinutes(25));

        assertEquals(List.of(POLL, POLL, Duration.ofMinutes(5)), sleeps);
    }

    @Test
    void aDayWithoutARoundRecordsHowLongItWaitedAndWhenTheNextRoundIsExpected() throws Exception {
        clock.set(NOON.plus(Duration.ofHours(2)));

        RoundRecord record = watcher(() -> todays).watch(POLL, Duration.ofMinutes(25));

        assertEquals(Duration.ofMinutes(25), record.waited());
        assertEquals(NextRound.after(record.checkedAt(), todays), record.next());
        assertFalse(record.next().announced());
    }

    @Test
    void aClosedRoundIsNotOpen() throws Exception {
        clock.set(NOON.plus(Duration.ofHours(2)));

        RoundRecord record = watcher(() -> todays).watch(POLL, Duration.ZERO);

        assertFalse(record.isOpen());
        assertEquals(1294, record.round(), "the round seen last is named");
        assertTrue(record.reason().contains("closed"), record.reason());
    }

    @Test
    void anUnreachableApiCountsAsNotOpenAndIsTriedAgain() throws Exception {
        int[] calls = {0};
        RoundRecord record = watcher(() -> {
            if (calls[0]++ == 0) {
                throw new NumeraiApiException.Unavailable("Numerai's API answered HTTP 503 after every retry", 503, null);
            }
            return new Round(1294, clock.instant().minusSeconds(5), clock.instant().plusSeconds(3600));
        }).watch(POLL, Duration.ofHours(1));

        assertTrue(record.isOpen());
        assertEquals(2, calls[0]);
    }

    @Test
    void refusedKeysAreNotWaitedOut() {
        assertThrows(NumeraiApiException.InvalidCredentials.class, () -> watcher(() -> {
            throw new NumeraiApiException.InvalidCredentials("refused");
        }).watch(POLL, Duration.ofHours(5)));
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void theRecordRoundTripsThroughRoundJson(@TempDir Path dir) throws Exception {
        clock.set(NOON.plusSeconds(60));
        RoundRecord record = watcher(() -> todays).watch(POLL, Duration.ZERO);

        record.writeTo(dir);

        assertEquals(record, RoundRecord.readFrom(dir));
        String json = java.nio.file.Files.readString(dir.resolve("round.json"));
        assertTrue(json.contains("\"status\" : \"OPEN\""), json);
        assertTrue(json.contains("\"closeStakingTime\" : \"2026-11-28T13:00:00Z\""), json);
    }

    @Test
    void durationsAreShownShort() {
        assertEquals("1h05m", RoundWatcher.human(Duration.ofMinutes(65)));
        assertEquals("4m10s", RoundWatcher.human(Duration.ofSeconds(250)));
        assertEquals("3s", RoundWatcher.human(Duration.ofMillis(2500)));
    }
}
