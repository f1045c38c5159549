package io.github.numeraipipeline.numerai.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SandboxCalendarTest {
    private final SandboxCalendar calendar = new SandboxCalendar(LocalDate.of(2030, 3, 1), 2000);

    @Test
    void theEpochDayHasTheEpochRound() {
        assertEquals(2000, calendar.roundAt(Instant.parse("2030-03-01T00:00:00Z")));
        assertEquals(2000, calendar.roundAt(Instant.parse("2030-03-01T23:59:59.999Z")));
    }

    @Test
    void eachUtcDayAddsOneRoundWhateverTheMonthOrYear() {
        assertEquals(2001, calendar.roundAt(Instant.parse("2030-03-02T00:00:00Z")));
        assertEquals(2000 + 365, calendar.roundOn(LocalDate.of(2031, 3, 1)));
        assertEquals(1999, calendar.roundOn(LocalDate.of(2030, 2, 28)), "before the epoch the numbers count down");
    }

    @Test
    void theDefaultCountsFromRound1294OnTheDayTheSandboxWasWritten() {
        assertEquals(1294, SandboxCalendar.NUMERAI_LIKE.roundOn(LocalDate.of(2026, 11, 28)));
        assertEquals(1298, SandboxCalendar.NUMERAI_LIKE.roundOn(LocalDate.of(2026, 12, 2)));
    }
}
