package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Diagnostics as Numerai runs them: uploaded validation predictions are scored apart from the request, with the
 * same code as the desk's validation report ({@link ValidationMetrics}: {@code numerai_corr} per era against the
 * sandbox's own validation targets), and the run moves from {@code pending} to {@code done} (or {@code failed}, with
 * the reason in {@code message}). Metrics the sandbox has no data for (MMC, BMC, example predictions) are null.
 */
final class SandboxDiagnostics implements AutoCloseable {
    static final String PENDING = "pending";
    static final String DONE = "done";
    static final String FAILED = "failed";

    private record Run(String id, String modelId, Map<String, Object> result) {
    }

    private final DatasetSource datasets;
    private final Clock clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "numerai-sandbox-diagnostics");
        thread.setDaemon(true);
        return thread;
    });

    SandboxDiagnostics(DatasetSource datasets, Clock clock) {
        this.datasets = datasets;
        this.clock = clock;
    }

    /** Starts scoring {@code csv} (id,prediction over validation ids); the id to poll. */
    String start(String modelId, byte[] csv) {
        String id = UUID.randomUUID().toString();
        runs.put(id, new Run(id, modelId, status(id, PENDING, "Diagnostics are being computed")));
        worker.execute(() -> runs.put(id, new Run(id, modelId, compute(id, csv))));
        return id;
    }

    /** The run {@code id} of the model, or its latest run when {@code id} is null. */
    Map<String, Object> result(String modelId, String id) throws GraphQlFailure {
        Run run = id == null ? latest(modelId) : runs.get(id);
        if (run == null || !run.modelId().equals(modelId)) {
            throw new GraphQlFailure("Diagnostics not found: " + (id == null ? "no run of model " + modelId : id));
        }
        return run.result();
    }

    private Run latest(String modelId) {
        Run latest = null;
        for (Run run : runs.values()) {
            if (run.modelId().equals(modelId) && (latest == null
                    || run.result().get("updatedAt").toString().compareTo(latest.result().get("updatedAt").toString()) >= 0)) {
                latest = run;
            }
        }
        return latest;
    }

    private Map<String, Object> compute(String id, byte[] csv) {
        try {
            FeatureFrame frame = validationFrame();
            Map<String, Double> predictions = predictions(csv);
            float[] targets = frame.target("target");
            List<Integer> rows = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (int r = 0; r < frame.rowCount(); r++) {
                if (Float.isNaN(targets[r]) || !"validation".equals(frame.dataTypes().get(r))) {
                    continue;
                }
                if (predictions.containsKey(frame.ids().get(r))) {
                    rows.add(r);
                } else {
                    missing.add(frame.ids().get(r));
                }
            }
            if (!missing.isEmpty()) {
                return status(id, FAILED, "The predictions miss " + missing.size() + " of "
                        + (missing.size() + rows.size()) + " validation ids with targets (first: " + missing.get(0)
                        + "); diagnostics need a prediction for every one, as validation.parquet lists them");
            }
            int[] rowArray = rows.stream().mapToInt(Integer::intValue).toArray();
            float[] values = new float[rowArray.length];
            for (int i = 0; i < rowArray.length; i++) {
                values[i] = predictions.get(frame.ids().get(rowArray[i])).floatValue();
            }
            return done(id, ValidationMetrics.score(frame, "target", List.of(), rowArray, values));
        } catch (IOException | DataException | RuntimeException e) {
            return status(id, FAILED, "The sandbox could not compute diagnostics: " + e.getMessage());
        }
    }

    private FeatureFrame validationFrame() throws IOException, DataException {
        String validation = datasets.files().stream()
                .filter(f -> f.endsWith("/" + DatasetFile.VALIDATION.fileName())).reduce((a, b) -> b)
                .orElseThrow(() -> new IOException("the sandbox serves no validation.parquet"));
        Path file = datasets.file(validation);
        return new ParquetFrameReader().read(file, List.of(), List.of("target"));
    }

    private Map<String, Object> done(String id, ValidationMetrics metrics) {
        Map<String, Object> result = status(id, DONE, "");
        result.put("erasAcceptedCount", metrics.eras().size());
        result.put("validationCorrMean", finite(metrics.mean()));
        result.put("validationCorrStd", finite(metrics.std()));
        result.put("validationCorrSharpe", finite(metrics.sharpe()));
        // Numerai writes a drawdown as the (negative) fall; 0.0 - x keeps a flat run at 0.0, not -0.0
        result.put("validationMaxDrawdown", finite(0.0 - metrics.maxDrawdown()));
        result.put("validationCorrMaxDrawdown", finite(0.0 - metrics.maxDrawdown()));
        result.put("trainedOnVal", false);
        List<Map<String, Object>> eras = new ArrayList<>();
        for (ValidationMetrics.EraScore era : metrics.eras()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("era", era.era());
            entry.put("validationCorr", finite(era.corr()));
            eras.add(entry);
        }
        result.put("perEraDiagnostics", eras);
        return result;
    }

    private Map<String, Object> status(String id, String status, String message) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("status", status);
        result.put("message", message);
        result.put("updatedAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        return result;
    }

    /** JSON has no NaN: a metric that cannot be computed (one era: no std) is null, as Numerai leaves it. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Map<String, Double> predictions(byte[] csv) throws IOException {
        Map<String, Double> byId = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(new String(csv, StandardCharsets.UTF_8)))) {
            String header = reader.readLine();
            if (header == null || !header.strip().matches("id,(prediction|probability)")) {
                throw new IOException("the header is \"" + header + "\"; diagnostics take id,prediction");
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    byId.putIfAbsent(line.substring(0, comma).strip(), Double.parseDouble(line.substring(comma + 1).strip()));
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException("a prediction is not a number: " + e.getMessage(), e);
        }
        return byId;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
