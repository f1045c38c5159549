package io.github.numeraipipeline.numerai.watch;

import io.github.numeraipipeline.numerai.api.Round;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When the next round is expected to open, for a person reading a quiet day's report: the time Numerai announced,
 * when the last round it named opens later; else the next day of Numerai's timetable, a round a day Tuesday to
 * Saturday at about 12:00 UTC (its docs say the times "may vary", so this is a guide, not a promise).
 *
 * @param at        the expected opening
 * @param announced whether Numerai's API gave this time, rather than the timetable
 */
public record NextRound(Instant at, boolean announced) {
    static final LocalTime USUAL_OPENING = LocalTime.NOON;

    /** The next round after a check at {@code checkedAt} that last saw {@code lastSeen} (null: none seen). */
    public static NextRound after(Instant checkedAt, Round lastSeen) {
        if (lastSeen != null && lastSeen.openTime() != null && lastSeen.openTime().isAfter(checkedAt)) {
            return new NextRound(lastSeen.openTime(), true);
        }
        // One round a day: the day of the round seen last has had its round, whatever the hour it opened.
        ZonedDateTime slot = checkedAt.atZone(ZoneOffset.UTC).with(USUAL_OPENING);
        while (!slot.toInstant().isAfter(checkedAt) || !isRoundDay(slot.getDayOfWeek()) || sameDay(slot, lastSeen)) {
            slot = slot.plusDays(1);
        }
        return new NextRound(slot.toInstant(), false);
    }

    private static boolean isRoundDay(DayOfWeek day) {
        return day != DayOfWeek.SUNDAY && day != DayOfWeek.MONDAY;
    }

    private static boolean sameDay(ZonedDateTime slot, Round lastSeen) {
        return lastSeen != null && lastSeen.openTime() != null
                && lastSeen.openTime().atZone(ZoneOffset.UTC).toLocalDate().equals(slot.toLocalDate());
    }
}
