package io.github.numeraipipeline.numerai.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which metrics are charted: the user's names, or the canonical ones under whatever name Numerai uses. */
class MetricChoiceTest {
    private static final List<Metric> AVAILABLE = List.of(new Metric("BMC", "v5"), new Metric("CORJ60", "v5"),
            new Metric("CORR20", "v4"), new Metric("CORR20", "v5"), new Metric("MMC", "v5"), new Metric("payout", ""));

    @Test
    void byDefaultTheNewestCanonicalCorrThenMmcThenPayout() {
        assertEquals(List.of(new Metric("CORR20", "v5"), new Metric("MMC", "v5"), new Metric("payout", "")),
                new MetricChoice(List.of()).chart(AVAILABLE));
    }

    @Test
    void aRenamedCanonicalMetricIsFoundUnderItsOtherName() {
        assertEquals(List.of(new Metric("canon_corr", ""), new Metric("canon_mmc", "")),
                new MetricChoice(List.of()).chart(List.of(new Metric("canon_mmc", ""), new Metric("canon_corr", ""))));
    }

    @Test
    void configuredNamesInTheirOrderWithOptionalVersionIgnoringCase() {
        MetricChoice choice = new MetricChoice(List.of("bmc", " CORR20@v4", "nosuch"));

        assertEquals(List.of(new Metric("BMC", "v5"), new Metric("CORR20", "v4")), choice.chart(AVAILABLE));
        assertEquals(List.of("nosuch"), choice.unmatched(AVAILABLE));
    }
}
