package io.github.numeraipipeline.numerai.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.scoring.CorrelationContribution;
import io.github.numeraipipeline.numerai.scoring.NumeraiCorr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * How the sandbox scores: every submission it receives is scored against a hidden target of its live rows (drawn
 * per round, {@link SyntheticDataset#liveTruth}) with {@code numerai_corr} ({@value #CORR}), and its correlation
 * contribution against a stand-in meta model, the dataset's benchmark ({@value #MMC}); a percentile against a
 * stand-in crowd of benchmark-and-noise models. A round's scores resolve {@code resolveAfter} after it opened.
 * The payout ({@value #PAYOUT}) is Numerai's formula on a nominal stake of {@value #NOMINAL_STAKE_NMR} NMR per model
 * (nothing is staked: the number shows what a stake of that size would have earned):
 * {@code stake * clip(payoutFactor * (corr * }{@value #CORR_MULTIPLIER}{@code  + mmc * }{@value #MMC_MULTIPLIER}
 * {@code ), -0.05, 0.05)}. Kept in a state file, when given, so that consecutive daily runs build a history; the
 * submitted files are kept next to it, so that they can be downloaded again.
 */
final class SandboxScoreboard {
    static final String CORR = "CORR20";
    static final String MMC = "MMC";
    static final String PAYOUT = "payout";
    static final String VERSION = "v5";
    /** The nominal stake of each sandbox model, in NMR (a decimal string, as Numerai writes money). */
    static final String NOMINAL_STAKE_NMR = "100.000000000000000000";
    static final double CORR_MULTIPLIER = 0.5;
    static final double MMC_MULTIPLIER = 2.0;
    static final double PAYOUT_FACTOR = 1.0;
    static final double CLIP = 0.05;
    private static final int CROWD = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scored submission: the selected (latest) one of its model and round. */
    record Scored(String submissionId, String modelId, int round, Instant insertedAt, Instant roundOpen, double corr,
                  double mmc, double corrPercentile, double mmcPercentile, double payoutPercentile) {
    }

    private final Path state;
    private final SyntheticDataset dataset;
    private final Duration resolveAfter;
    private final Clock clock;
    private final Map<String, Scored> scored = new LinkedHashMap<>();
    private final Map<Integer, Crowd> crowds = new HashMap<>();

    /** {@code state} null: kept in memory only; {@code dataset} null: nothing is scored (no hidden target). */
    SandboxScoreboard(Path state, SyntheticDataset dataset, Duration resolveAfter, Clock clock) throws IOException {
        this.state = state;
        this.dataset = dataset;
        this.resolveAfter = resolveAfter;
        this.clock = clock;
        if (state != null && Files.isRegularFile(state)) {
            for (JsonNode s : JSON.readTree(state.toFile()).path("scored")) {
                Scored entry = new Scored(s.path("submissionId").asText(), s.path("modelId").asText(),
                        s.path("round").asInt(), Instant.parse(s.path("insertedAt").asText()),
                        Instant.parse(s.path("roundOpen").asText()), s.path("corr").asDouble(), s.path("mmc").asDouble(),
                        s.path("corrPercentile").asDouble(), s.path("mmcPercentile").asDouble(),
                        s.path("payoutPercentile").asDouble(Double.NaN));
                if (Double.isNaN(entry.payoutPercentile()) && dataset != null) { // a state written before payouts
                    Crowd crowd = crowds.computeIfAbsent(entry.round(), r -> Crowd.of(dataset.liveTruth(r), r));
                    entry = new Scored(entry.submissionId(), entry.modelId(), entry.round(), entry.insertedAt(),
                            entry.roundOpen(), entry.corr(), entry.mmc(), entry.corrPercentile(), entry.mmcPercentile(),
                            crowd.payoutPercentile(payout(entry.corr(), entry.mmc())));
                }
                scored.put(entry.modelId() + "|" + entry.round(), entry);
            }
        }
    }

    boolean scores() {
        return dataset != null;
    }

    /** Scores a submission's CSV (already checked) and keeps it as its model's selected one for the round. */
    synchronized Scored record(String submissionId, String modelId, int round, Instant insertedAt, Instant roundOpen,
                               byte[] csv) throws IOException {
        SyntheticDataset.LiveTruth truth = dataset.liveTruth(round);
        Map<String, Double> byId = predictions(csv);
        double[] predictions = new double[truth.ids().size()];
        for (int i = 0; i < predictions.length; i++) {
            Double value = byId.get(truth.ids().get(i));
            if (value == null) {
                throw new IOException("the submission has no prediction for live id " + truth.ids().get(i));
            }
            predictions[i] = value;
        }
        double corr = NumeraiCorr.of(predictions, truth.target());
        double mmc = CorrelationContribution.of(predictions, truth.benchmark(), truth.target());
        Crowd crowd = crowds.computeIfAbsent(round, r -> Crowd.of(truth, r));
        Scored entry = new Scored(submissionId, modelId, round, insertedAt, roundOpen, corr, mmc,
                crowd.corrPercentile(corr), crowd.mmcPercentile(mmc), crowd.payoutPercentile(payout(corr, mmc)));
        if (state != null) { // the file first: the state never names a submission whose file is not there
            Files.createDirectories(keptFilePath(submissionId).getParent());
            AtomicFiles.write(keptFilePath(submissionId), csv);
        }
        scored.put(modelId + "|" + round, entry);
        save();
        return entry;
    }

    synchronized List<Scored> all() {
        return List.copyOf(scored.values());
    }

    /**
     * numerapi's {@code submissionScores} arguments (null: not filtered). {@code distinctOnRound} (the latest day's
     * score per round) changes nothing here: the sandbox keeps one value per round and metric, today's.
     */
    record Filter(Integer lastNRounds, String displayName, String version, Integer day, Boolean resolved,
                  boolean distinctOnRound) {
    }

    /** numerapi's {@code submissionScores} entries of a model up to round {@code newest}, as {@code filter} asks. */
    synchronized List<Map<String, Object>> answer(String modelId, Filter filter, int newest) {
        Instant now = clock.instant();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Scored s : scored.values()) {
            if (!s.modelId().equals(modelId) || filter.lastNRounds() != null && s.round() <= newest - filter.lastNRounds()) {
                continue;
            }
            for (Map<String, Object> entry : List.of(entry(s, CORR, s.corr(), s.corrPercentile(), now),
                    entry(s, MMC, s.mmc(), s.mmcPercentile(), now), entry(s, PAYOUT, payout(s), s.payoutPercentile(), now))) {
                if ((filter.displayName() == null || filter.displayName().equals(entry.get("displayName")))
                        && (filter.version() == null || filter.version().equals(entry.get("version")))
                        && (filter.day() == null || filter.day().equals(entry.get("day")))
                        && (filter.resolved() == null || filter.resolved().equals(entry.get("resolved")))) {
                    list.add(entry);
                }
            }
        }
        return list;
    }

    /** Numerai's payout of a scored submission on the nominal stake, in NMR. */
    static double payout(Scored s) {
        return payout(s.corr(), s.mmc());
    }

    static double payout(double corr, double mmc) {
        double score = corr * CORR_MULTIPLIER + mmc * MMC_MULTIPLIER;
        return Double.parseDouble(NOMINAL_STAKE_NMR) * Math.max(-CLIP, Math.min(CLIP, PAYOUT_FACTOR * score));
    }

    /**
     * numerapi's {@code v2RoundModelPerformances}: per scored round the nominal stake, multipliers, and the day's
     * scores with the payout pending (not resolved) or settled (resolved).
     */
    synchronized List<Map<String, Object>> performances(String modelId) {
        Instant now = clock.instant();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Scored s : scored.values()) {
            if (!s.modelId().equals(modelId)) {
                continue;
            }
            boolean resolved = !now.isBefore(s.roundOpen().plus(resolveAfter));
            String payout = String.format(java.util.Locale.ROOT, "%.6f", payout(s));
            List<Map<String, Object>> scores = new ArrayList<>();
            for (Map<String, Object> e : List.of(entry(s, CORR, s.corr(), s.corrPercentile(), now),
                    entry(s, MMC, s.mmc(), s.mmcPercentile(), now))) {
                Map<String, Object> score = new LinkedHashMap<>();
                score.put("date", e.get("date"));
                score.put("day", e.get("day"));
                score.put("displayName", e.get("displayName"));
                score.put("payoutPending", resolved ? "0" : payout);
                score.put("payoutSettled", resolved ? payout : "0");
                score.put("percentile", e.get("percentile"));
                score.put("value", e.get("value"));
                scores.add(score);
            }
            Map<String, Object> performance = new LinkedHashMap<>();
            performance.put("atRisk", NOMINAL_STAKE_NMR);
            performance.put("corrMultiplier", CORR_MULTIPLIER);
            performance.put("mmcMultiplier", MMC_MULTIPLIER);
            performance.put("roundPayoutFactor", PAYOUT_FACTOR);
            performance.put("roundNumber", s.round());
            performance.put("roundOpenTime", s.roundOpen().toString());
            performance.put("roundResolveTime", s.roundOpen().plus(resolveAfter).toString());
            performance.put("roundResolved", resolved);
            performance.put("roundTarget", "main");
            performance.put("submissionScores", scores);
            performance.put("intraRoundSubmissionScores", resolved ? List.of() : scores);
            list.add(performance);
        }
        return list;
    }

    /** A round's {@code roundScoreConfigs}: the two payout scores, with the sandbox's multipliers. */
    static List<Map<String, Object>> scoreConfigs(int round, Instant open) {
        List<Map<String, Object>> configs = new ArrayList<>();
        configs.add(scoreConfig(round, open, "canon_corr", CORR, CORR_MULTIPLIER));
        configs.add(scoreConfig(round, open, "canon_mmc", MMC, MMC_MULTIPLIER));
        return configs;
    }

    private static Map<String, Object> scoreConfig(int round, Instant open, String name, String displayName,
                                                   double multiplier) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("id", SandboxTournament.uuid("score-config:" + name + ":" + round));
        config.put("scoreConfigId", SandboxTournament.uuid("score-config:" + name));
        config.put("name", name);
        config.put("version", VERSION);
        config.put("displayName", displayName);
        config.put("roundNumberStart", 1);
        config.put("roundNumberEnd", null);
        config.put("universe", "main");
        config.put("isCanonScore", true);
        config.put("totalScoreDays", 20);
        config.put("returnsLagDays", 2);
        config.put("dataDelayDays", 0);
        config.put("scoringStart", open.toString());
        config.put("scoringEnd", open.plus(32, ChronoUnit.DAYS).toString());
        config.put("isPayout", true);
        config.put("minMultiplier", multiplier);
        config.put("maxMultiplier", multiplier);
        config.put("defaultMultiplier", multiplier);
        config.put("clipThreshold", CLIP);
        config.put("stakeThreshold", 0.1);
        config.put("payoutFactor", PAYOUT_FACTOR);
        return config;
    }

    /** The submitted file kept for submission {@code id} by an earlier run; null when none is kept. */
    synchronized byte[] keptFile(String id) {
        if (state == null || !id.matches("[0-9a-f-]{36}")) {
            return null;
        }
        try {
            Path file = keptFilePath(id);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Path keptFilePath(String id) {
        return state.toAbsolutePath().resolveSibling("submissions").resolve(id + ".csv");
    }

    private Map<String, Object> entry(Scored s, String name, double value, double percentile, Instant now) {
        Instant resolves = s.roundOpen().plus(resolveAfter);
        boolean resolved = !now.isBefore(resolves);
        long day = Math.max(1, Math.min(20, ChronoUnit.DAYS.between(s.roundOpen(), now) + 1));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("roundId", UUID.nameUUIDFromBytes(("round:" + s.round()).getBytes(StandardCharsets.UTF_8)).toString());
        entry.put("submissionId", s.submissionId());
        entry.put("roundNumber", s.round());
        entry.put("roundResolveTime", resolves.toString());
        entry.put("roundScoreTime", s.roundOpen().toString());
        entry.put("roundCloseStakingTime", s.roundOpen().plus(1, ChronoUnit.HOURS).toString());
        entry.put("value", value);
        entry.put("percentile", percentile);
        entry.put("displayName", name);
        entry.put("version", VERSION);
        entry.put("date", now.truncatedTo(ChronoUnit.DAYS).toString());
        entry.put("day", (int) day);
        entry.put("resolveDate", resolves.truncatedTo(ChronoUnit.SECONDS).toString());
        entry.put("resolved", resolved);
        return entry;
    }

    private void save() throws IOException {
        if (state == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("scored");
        for (Scored s : scored.values()) {
            list.addObject().put("submissionId", s.submissionId()).put("modelId", s.modelId()).put("round", s.round())
                    .put("insertedAt", s.insertedAt().toString()).put("roundOpen", s.roundOpen().toString())
                    .put("corr", s.corr()).put("mmc", s.mmc()).put("corrPercentile", s.corrPercentile())
                    .put("mmcPercentile", s.mmcPercentile()).put("payoutPercentile", s.payoutPercentile());
        }
        Files.createDirectories(state.toAbsolutePath().getParent());
        AtomicFiles.write(state, JSON.writeValueAsBytes(root));
    }

    private static Map<String, Double> predictions(byte[] csv) throws IOException {
        Map<String, Double> byId = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(new String(csv, StandardCharsets.UTF_8)))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    byId.putIfAbsent(line.substring(0, comma).trim(), Double.parseDouble(line.substring(comma + 1).trim()));
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException("a prediction is not a number: " + e.getMessage(), e);
        }
        return byId;
    }

    /** A stand-in crowd: models mixing the benchmark with noise, scored like a submission, for percentiles. */
    private record Crowd(double[] corrs, double[] mmcs) {
        static Crowd of(SyntheticDataset.LiveTruth truth, int round) {
            SplittableRandom random = new SplittableRandom(round * 0x9E3779B97F4A7C15L + 17);
            int n = truth.ids().size();
            double[] corrs = new double[CROWD];
            double[] mmcs = new double[CROWD];
            double spread = standardDeviation(truth.benchmark());
            for (int j = 0; j < CROWD; j++) {
                double noise = spread * (0.5 + 4.0 * j / CROWD);
                double[] member = new double[n];
                for (int i = 0; i < n; i++) {
                    member[i] = truth.benchmark()[i] + noise * gaussian(random);
                }
                corrs[j] = NumeraiCorr.of(member, truth.target());
                mmcs[j] = CorrelationContribution.of(member, truth.benchmark(), truth.target());
            }
            return new Crowd(corrs, mmcs);
        }

        double corrPercentile(double value) {
            return below(corrs, value);
        }

        /** Among the crowd's payouts: each member's corr and MMC through the payout formula. */
        double payoutPercentile(double value) {
            double[] payouts = new double[corrs.length];
            for (int j = 0; j < payouts.length; j++) {
                payouts[j] = payout(corrs[j], mmcs[j]);
            }
            return below(payouts, value);
        }

        double mmcPercentile(double value) {
            return below(mmcs, value);
        }

        private static double below(double[] crowd, double value) {
            int below = 0;
            for (double c : crowd) {
                below += c < value ? 1 : 0;
            }
            return (double) below / crowd.length;
        }

        private static double gaussian(SplittableRandom random) {
            double u = 1 - random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        }

        private static double standardDeviation(double[] values) {
            double mean = 0;
            for (double v : values) {
                mean += v / values.length;
            }
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return Math.sqrt(squares / values.length);
        }
    }
}
