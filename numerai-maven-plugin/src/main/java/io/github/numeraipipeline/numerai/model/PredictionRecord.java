package io.github.numeraipipeline.numerai.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code numerai:predict} left for {@code submit} and the run record: {@code predictions.json} in the output
 * directory: the transform and round, each checked file ({@code name, file, rows, sha256, round}, and the
 * {@code booster} that made it: {@code file, origin, sha256}) and each model that failed ({@code name, error}).
 *
 * @param transform {@code rank} or {@code raw}
 * @param round     the round whose live data was predicted; null when unknown (a numerai.liveData file alone)
 * @param files     the files that passed Numerai's checks, by model
 * @param boosters  model name to the booster its file was predicted with
 * @param failures  model name to the reason it has no file
 */
public record PredictionRecord(String transform, Integer round, List<PredictionFile> files,
                               Map<String, BoosterUsed> boosters, Map<String, String> failures) {
    public static final String FILE_NAME = "predictions.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The booster a model predicted with.
     *
     * @param origin {@link BoosterStore.Origin#id()}: {@code config}, {@code trained} or {@code sandbox}
     */
    public record BoosterUsed(Path file, String origin, String sha256) {
    }

    public PredictionRecord {
        files = List.copyOf(files);
        boosters = new LinkedHashMap<>(boosters);
        failures = new LinkedHashMap<>(failures);
    }

    /** Fails, naming each model and its reason, when any model has no file; the files written still stand. */
    public void requireNoFailures() throws ModelException {
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder(failures.size() + " of " + (failures.size() + files.size())
                    + " model(s) have no predictions file:");
            failures.forEach((name, error) -> message.append("\n  ").append(name).append(": ").append(error));
            throw new ModelException(message.toString());
        }
    }

    public void writeTo(Path directory) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("transform", transform);
        putRound(root, round);
        ArrayNode predictions = root.putArray("predictions");
        for (PredictionFile file : files) {
            ObjectNode entry = predictions.addObject();
            entry.put("name", file.model());
            entry.put("file", file.path().toAbsolutePath().toString());
            entry.put("rows", file.rows());
            entry.put("sha256", file.sha256());
            putRound(entry, round);
            BoosterUsed booster = boosters.get(file.model());
            if (booster != null) {
                entry.putObject("booster").put("file", booster.file().toAbsolutePath().toString())
                        .put("origin", booster.origin()).put("sha256", booster.sha256());
            }
        }
        ArrayNode failed = root.putArray("failures");
        failures.forEach((name, error) -> failed.addObject().put("name", name).put("error", error));
        AtomicFiles.write(directory.resolve(FILE_NAME), JSON.writeValueAsBytes(root));
    }

    public static PredictionRecord readFrom(Path directory) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(directory.resolve(FILE_NAME)));
        List<PredictionFile> files = new ArrayList<>();
        Map<String, BoosterUsed> boosters = new LinkedHashMap<>();
        for (JsonNode entry : root.path("predictions")) {
            String name = entry.path("name").asText();
            files.add(new PredictionFile(name, Path.of(entry.path("file").asText()),
                    entry.path("rows").asLong(), entry.path("sha256").asText()));
            JsonNode booster = entry.path("booster");
            if (booster.isObject()) {
                boosters.put(name, new BoosterUsed(Path.of(booster.path("file").asText()),
                        booster.path("origin").asText(), booster.path("sha256").asText()));
            }
        }
        Map<String, String> failures = new LinkedHashMap<>();
        for (JsonNode entry : root.path("failures")) {
            failures.put(entry.path("name").asText(), entry.path("error").asText());
        }
        return new PredictionRecord(root.path("transform").asText(),
                root.hasNonNull("round") ? root.get("round").asInt() : null, files, boosters, failures);
    }

    private static void putRound(ObjectNode node, Integer round) {
        if (round == null) {
            node.putNull("round");
        } else {
            node.put("round", round);
        }
    }
}
