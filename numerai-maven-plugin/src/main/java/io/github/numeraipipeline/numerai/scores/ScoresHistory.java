package io.github.numeraipipeline.numerai.scores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code scores.json}: per model the entries Numerai returned (its own field names) and the missed rounds, and the
 * alerts of the last fetch. It lives in the data directory, so that {@code mvn clean} keeps it, and is written
 * atomically, so that a build killed mid-write leaves the previous one whole.
 */
public final class ScoresHistory {
    public static final String FILE_NAME = "scores.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, ModelScores> models = new TreeMap<>();
    private final List<ScoreAlert> alerts = new ArrayList<>();
    private Instant updatedAt;

    /** The history at {@code file}; an empty one when there is no file yet. */
    public static ScoresHistory load(Path file) throws ScoresException {
        ScoresHistory history = new ScoresHistory();
        if (!Files.isRegularFile(file)) {
            return history;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ScoresException(file + " is not readable JSON (" + e.getMessage() + "); move it away to start a"
                    + " new history (the next fetch brings back what Numerai still has)", e);
        }
        if (root == null || !root.path("models").isObject()) {
            throw new ScoresException(file + " has no \"models\" object; move it away to start a new history");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.get("models").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            ModelScores model = history.model(field.getKey());
            List<ScoreEntry> entries = new ArrayList<>();
            for (JsonNode entry : field.getValue().path("entries")) {
                entries.add(ScoreEntry.fromJson(entry, file + " (model " + field.getKey() + ")"));
            }
            model.merge(entries);
            List<Integer> missed = new ArrayList<>();
            field.getValue().path("missedRounds").forEach(round -> missed.add(round.asInt()));
            model.missed(0, -1, missed);
        }
        for (JsonNode alert : root.path("alerts")) {
            history.alerts.add(new ScoreAlert(alert.path("model").asText(), alert.path("kind").asText(),
                    alert.path("message").asText()));
        }
        if (root.path("updatedAt").isTextual()) {
            history.updatedAt = Instant.parse(root.get("updatedAt").asText());
        }
        return history;
    }

    /** Writes the history to {@code file} atomically. */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, JSON.writeValueAsBytes(toJson()));
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        ObjectNode byModel = root.putObject("models");
        models.forEach((name, model) -> {
            ObjectNode json = byModel.putObject(name);
            ArrayNode entries = json.putArray("entries");
            model.entries().forEach(e -> entries.add(e.toJson()));
            ArrayNode missed = json.putArray("missedRounds");
            model.missedRounds().forEach(missed::add);
        });
        ArrayNode alertList = root.putArray("alerts");
        for (ScoreAlert alert : alerts) {
            alertList.addObject().put("model", alert.model()).put("kind", alert.kind()).put("message", alert.message());
        }
        return root;
    }

    /** The model's part, made empty when the history has none yet. */
    public ModelScores model(String name) {
        return models.computeIfAbsent(name, n -> new ModelScores());
    }

    /** The models in the history, by name. */
    public Map<String, ModelScores> models() {
        return java.util.Collections.unmodifiableMap(models);
    }

    public List<ScoreAlert> alerts() {
        return List.copyOf(alerts);
    }

    void alerts(List<ScoreAlert> latest) {
        alerts.clear();
        alerts.addAll(latest);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    void updatedAt(Instant instant) {
        this.updatedAt = instant;
    }
}
