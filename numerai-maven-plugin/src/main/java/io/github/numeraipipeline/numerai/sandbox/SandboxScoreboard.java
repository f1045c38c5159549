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
 * Kept in a state file, when given, so that consecutive daily runs build a history.
 */
final class SandboxScoreboard {
    static final String CORR = "CORR20";
    static final String MMC = "MMC";
    static final String VERSION = "v5";
    private static final int CROWD = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scored submission: the selected (latest) one of its model and round. */
    record Scored(String submissionId, String modelId, int round, Instant insertedAt, Instant roundOpen, double corr,
                  double mmc, double corrPercentile, double mmcPercentile) {
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
                        s.path("corrPercentile").asDouble(), s.path("mmcPercentile").asDouble());
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
                crowd.corrPercentile(corr), crowd.mmcPercentile(mmc));
        scored.put(modelId + "|" + round, entry);
        save();
        return entry;
    }

    synchronized List<Scored> all() {
        return List.copyOf(scored.values());
    }

    /** numerapi's {@code submissionScores} entries of a model's last {@code lastN} rounds up to {@code newest}. */
    synchronized List<Map<String, Object>> answer(String modelId, Integer lastN, int newest) {
        Instant now = clock.instant();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Scored s : scored.values()) {
            if (!s.modelId().equals(modelId) || lastN != null && s.round() <= newest - lastN) {
                continue;
            }
            list.add(entry(s, CORR, s.corr(), s.corrPercentile(), now));
            list.add(entry(s, MMC, s.mmc(), s.mmcPercentile(), now));
        }
        return list;
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
                    .put("mmcPercentile", s.mmcPercentile());
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
