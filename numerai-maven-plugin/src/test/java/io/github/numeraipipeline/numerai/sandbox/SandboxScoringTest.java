package io.github.numeraipipeline.numerai.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import io.github.numeraipipeline.numerai.scoring.CorrelationContribution;
import io.github.numeraipipeline.numerai.scoring.NumeraiCorr;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox scores each submission against a hidden target of its live rows, as Numerai would. */
class SandboxScoringTest {
    private static final SyntheticDatasetSpec SPEC = SyntheticDatasetSpec.defaults().withFeatureCount(40)
            .withLiveRows(400).withTrain(4, 100).withValidation(4, 100, 1);
    private static final Instant NOW = Instant.parse("2026-12-02T12:30:00Z");

    @TempDir
    Path temp;

    private static byte[] csv(List<String> ids, double[] values) {
        StringBuilder csv = new StringBuilder("id,prediction\n");
        for (int i = 0; i < ids.size(); i++) {
            csv.append(ids.get(i)).append(',').append(String.format(Locale.ROOT, "%.8f", values[i])).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Values as predictions in (0, 1): their tie-kept ranks. */
    private static double[] unit(double[] values) {
        return NumeraiCorr.tieKeptRank(values);
    }

    @Test
    void aSubmissionIsScoredWithNumeraiCorrAndContributionAgainstTheRoundsHiddenTarget() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(SPEC);
        SandboxScoreboard board = new SandboxScoreboard(null, dataset, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
        SyntheticDataset.LiveTruth truth = dataset.liveTruth(1300);
        double[] predictions = unit(truth.benchmark());
        double[] rounded = new double[predictions.length];
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = Double.parseDouble(String.format(Locale.ROOT, "%.8f", predictions[i]));
        }

        SandboxScoreboard.Scored scored = board.record("s1", "m1", 1300, NOW, NOW, csv(truth.ids(), predictions));

        assertEquals(NumeraiCorr.of(rounded, truth.target()), scored.corr(), 1e-12);
        assertEquals(CorrelationContribution.of(rounded, truth.benchmark(), truth.target()), scored.mmc(), 1e-12);
        assertTrue(scored.corr() > 0.02, "the benchmark follows the target's signal: " + scored.corr());
        assertEquals(0, scored.mmc(), 1e-9, "the benchmark is the stand-in meta model: it adds nothing to itself");
    }

    @Test
    void eachRoundHasItsOwnTargetAndTheAnswerHasNumerapisFieldsResolvedAfterTheDelay() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(SPEC);
        assertFalse(java.util.Arrays.equals(dataset.liveTruth(1300).target(), dataset.liveTruth(1301).target()));
        assertArrayEquals(dataset.liveTruth(1300).target(), dataset.liveTruth(1300).target(), "a round's target is fixed");
        assertTrue(java.util.Collections.disjoint(dataset.liveTruth(1300).ids(), dataset.liveTruth(1301).ids()),
                "each round has its own live rows");
        SandboxScoreboard board = new SandboxScoreboard(null, dataset, Duration.ofDays(20),
                Clock.fixed(NOW, ZoneOffset.UTC));
        SyntheticDataset.LiveTruth truth = dataset.liveTruth(1299);
        board.record("s1", "m1", 1299, NOW.minus(Duration.ofDays(21)), NOW.minus(Duration.ofDays(21)),
                csv(truth.ids(), unit(truth.benchmark())));
        SyntheticDataset.LiveTruth next = dataset.liveTruth(1300);
        board.record("s2", "m1", 1300, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)),
                csv(next.ids(), unit(next.benchmark())));

        List<Map<String, Object>> answer = board.answer("m1", lastRounds(60), 1301);

        assertEquals(6, answer.size());
        assertEquals(List.of("roundId", "submissionId", "roundNumber", "roundResolveTime", "roundScoreTime",
                "roundCloseStakingTime", "value", "percentile", "displayName", "version", "date", "day", "resolveDate",
                "resolved"), List.copyOf(answer.get(0).keySet()));
        assertEquals(List.of(true, true, true, false, false, false),
                answer.stream().map(a -> a.get("resolved")).toList());
        assertEquals(List.of("CORR20", "MMC", "payout", "CORR20", "MMC", "payout"),
                answer.stream().map(a -> a.get("displayName")).toList());
        assertEquals(3, board.answer("m1", lastRounds(1), 1300).size(), "lastNRounds=1 is round 1300 only");
    }

    @Test
    void payoutIsNumeraisFormulaOnTheNominalStake() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(SPEC);
        SandboxScoreboard board = new SandboxScoreboard(null, dataset, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
        SyntheticDataset.LiveTruth truth = dataset.liveTruth(1300);
        SandboxScoreboard.Scored scored = board.record("s1", "m1", 1300, NOW, NOW,
                csv(truth.ids(), unit(truth.benchmark())));

        double score = scored.corr() * 0.5 + scored.mmc() * 2.0;
        double expected = 100 * Math.max(-0.05, Math.min(0.05, 1.0 * score));
        Map<String, Object> payout = board.answer("m1", new SandboxScoreboard.Filter(null, "payout", null, null, null,
                false), 1300).get(0);
        assertEquals(expected, (Double) payout.get("value"), 1e-12);
        assertEquals(1, board.answer("m1", new SandboxScoreboard.Filter(null, "CORR20", "v5", null, true, false), 1300)
                .size(), "filtered by displayName, version and resolved as numerapi asks");
        assertEquals(0, board.answer("m1", new SandboxScoreboard.Filter(null, null, null, null, false, false), 1300)
                .size(), "resolved at once: nothing unresolved");
    }

    private static SandboxScoreboard.Filter lastRounds(int n) {
        return new SandboxScoreboard.Filter(n, null, null, null, null, false);
    }

    @Test
    void aSubmissionMissingALiveIdIsNotScored() {
        SyntheticDataset dataset = new SyntheticDataset(SPEC);
        SandboxScoreboard board;
        try {
            board = new SandboxScoreboard(null, dataset, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        SyntheticDataset.LiveTruth truth = dataset.liveTruth(1);
        byte[] partial = csv(truth.ids().subList(1, truth.ids().size()), new double[truth.ids().size() - 1]);

        assertThrows(java.io.IOException.class, () -> board.record("s", "m", 1, NOW, NOW, partial));
    }

    @Test
    void scoresAreKeptInTheStateFileForTheNextRun() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(SPEC);
        Path state = temp.resolve("state/tournament-state.json");
        SandboxScoreboard first = new SandboxScoreboard(state, dataset, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
        SyntheticDataset.LiveTruth truth = dataset.liveTruth(1300);
        SandboxScoreboard.Scored scored = first.record("s1", "m1", 1300, NOW, NOW, csv(truth.ids(), unit(truth.benchmark())));

        SandboxScoreboard next = new SandboxScoreboard(state, dataset, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(List.of(scored), next.all());
    }
}
