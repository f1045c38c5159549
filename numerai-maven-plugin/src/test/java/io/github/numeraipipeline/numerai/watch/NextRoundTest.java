package io.github.numeraipipeline.numerai.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.numeraipipeline.numerai.api.Round;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NextRoundTest {
    private static Round roundOpenedAt(String openTime) {
        Instant open = Instant.parse(openTime);
        return new Round(1297, open, open.plus(Duration.ofHours(1)));
    }

    @Test
    void aLaterOpeningThatNumeraiAnnouncedIsTheNextRound() {
        Round upcoming = roundOpenedAt("2026-12-02T12:15:00Z");

        assertEquals(new NextRound(Instant.parse("2026-12-02T12:15:00Z"), true),
                NextRound.after(Instant.parse("2026-12-02T11:00:00Z"), upcoming));
    }

    @Test
    void afterTodaysRoundClosedTheNextIsTomorrowAtNoon() {
        // Wednesday 2026-12-02, an hour after the round closed
        assertEquals(new NextRound(Instant.parse("2026-12-03T12:00:00Z"), false),
                NextRound.after(Instant.parse("2026-12-02T14:00:00Z"), roundOpenedAt("2026-12-02T12:00:00Z")));
    }

    @Test
    void theWeekendRoundIsFollowedByTuesdays() {
        // Saturday 2026-12-05's round; checked on Sunday and on Monday: Tuesday 2026-12-08 is next
        Round saturday = roundOpenedAt("2026-12-05T12:00:00Z");
        NextRound tuesday = new NextRound(Instant.parse("2026-12-08T12:00:00Z"), false);

        assertEquals(tuesday, NextRound.after(Instant.parse("2026-12-06T09:00:00Z"), saturday));
        assertEquals(tuesday, NextRound.after(Instant.parse("2026-12-07T23:59:00Z"), saturday));
        assertEquals(tuesday, NextRound.after(Instant.parse("2026-12-08T11:59:00Z"), saturday));
    }

    @Test
    void aRoundThatOpenedEarlyStillTakesItsDay() {
        // Numerai's times "may vary": a round opened at 11:00 on Tuesday; at 11:30 the next is Wednesday's
        assertEquals(new NextRound(Instant.parse("2026-12-09T12:00:00Z"), false),
                NextRound.after(Instant.parse("2026-12-08T11:30:00Z"), roundOpenedAt("2026-12-08T11:00:00Z")));
    }

    @Test
    void withoutAnyRoundSeenTheTimetableAloneDecides() {
        assertEquals(new NextRound(Instant.parse("2026-12-08T12:00:00Z"), false),
                NextRound.after(Instant.parse("2026-12-05T23:59:00Z"), null), "Saturday night: Tuesday");
        assertEquals(new NextRound(Instant.parse("2026-12-05T12:00:00Z"), false),
                NextRound.after(Instant.parse("2026-12-05T11:59:00Z"), null), "Saturday morning: that noon");
    }
}
