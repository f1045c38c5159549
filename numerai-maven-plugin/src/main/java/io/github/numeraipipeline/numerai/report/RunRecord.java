package io.github.numeraipipeline.numerai.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.submission.SubmissionService.Outcome;
import io.github.numeraipipeline.numerai.watch.RoundRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The machine-readable account of one daily run, {@code run.json} in the output directory: the round, each goal's
 * time and status, per model the booster its predictions came from ({@code boosters}), and per model the file
 * uploaded (rows, SHA-256) and the submission id or the reason it was not submitted. Each goal adds its part, so the record is whole whether the goals ran in one Maven call or in several
 * (as the Jenkins stages run them); {@code watch} starts a new one.
 */
public final class RunRecord {
    public static final String FILE_NAME = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String LAST_SUBMITTED = "lastSubmitted";

    private final ObjectNode root;

    private RunRecord(ObjectNode root) {
        this.root = root;
    }

    public static RunRecord start(Instant at) {
        ObjectNode root = JSON.createObjectNode();
        root.put("startedAt", at.toString());
        root.putArray("steps");
        root.putArray("models");
        return new RunRecord(root);
    }

    /**
     * A new record for the run that starts now, remembering the last run that submitted (this one's predecessor in
     * {@code directory}, or the one it remembered), so that a quiet day's report can point to it.
     */
    public static RunRecord next(Path directory, Instant at) {
        RunRecord next = start(at);
        read(directory).ifPresent(previous -> {
            JsonNode last = submittedAnything(previous) ? lastSubmitted(previous) : previous.get(LAST_SUBMITTED);
            if (last != null && !last.isNull()) {
                next.root.set(LAST_SUBMITTED, last);
            }
        });
        return next;
    }

    private static boolean submittedAnything(JsonNode record) {
        for (JsonNode model : record.path("models")) {
            if ("SUBMITTED".equals(model.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The facts of a run that submitted: round, time, where its report is, and each model's submission. */
    private static ObjectNode lastSubmitted(JsonNode record) {
        ObjectNode last = JSON.createObjectNode();
        last.set("round", record.get("round"));
        last.set("startedAt", record.get("startedAt"));
        if (record.hasNonNull("buildUrl")) {
            last.set("buildUrl", record.get("buildUrl"));
        }
        last.put("report", RunReport.archiveName(record.path("round").asInt()));
        ObjectNode submissions = last.putObject("submissions");
        for (JsonNode model : record.path("models")) {
            if ("SUBMITTED".equals(model.path("status").asText())) {
                submissions.put(model.path("name").asText(), model.path("submissionId").asText());
            }
        }
        return last;
    }

    /** What {@code watch} found ({@code round.json}'s content), for the report of a day with nothing to do. */
    public RunRecord watch(RoundRecord watched) {
        if (watched != null) {
            root.set("watch", watched.json());
        }
        return this;
    }

    /** The CI build this run belongs to (Jenkins' {@code BUILD_URL}), so that later reports can link to it. */
    public RunRecord buildUrl(String url) {
        if (url != null && !url.isBlank()) {
            root.put("buildUrl", url);
        }
        return this;
    }

    /** Whether this run submitted at least one model. */
    public boolean submitted() {
        return submittedAnything(root);
    }

    /** The record in {@code directory}, or a new one when there is none (or it cannot be read). */
    public static RunRecord load(Path directory, Instant now) {
        return read(directory).map(RunRecord::new).orElseGet(() -> start(now));
    }

    /** The record in {@code directory}, if there is one that can be read. */
    private static Optional<ObjectNode> read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try {
                JsonNode node = JSON.readTree(file.toFile());
                if (node instanceof ObjectNode object && object.path("steps").isArray()) {
                    return Optional.of(object);
                }
            } catch (IOException unreadable) {
                // A record that cannot be read is replaced: it is a report, not state anything depends on.
            }
        }
        return Optional.empty();
    }

    public RunRecord round(Integer round) {
        if (round != null) {
            root.put("round", round);
        }
        return this;
    }

    public Integer round() {
        return root.hasNonNull("round") ? root.get("round").asInt() : null;
    }

    public RunRecord sandbox(boolean sandbox) {
        root.put("sandbox", sandbox);
        return this;
    }

    /** A goal ran ({@code done}), skipped, or failed, taking {@code seconds}. */
    public RunRecord step(String goal, String status, double seconds, Instant finishedAt) {
        ObjectNode step = ((ArrayNode) root.get("steps")).addObject();
        step.put("goal", goal);
        step.put("status", status);
        step.put("seconds", Math.round(seconds * 1000) / 1000.0);
        step.put("finishedAt", finishedAt.toString());
        return this;
    }

    /** What became of each model's predictions in {@code submit}. */
    public RunRecord models(List<Outcome> outcomes) {
        ArrayNode models = root.putArray("models");
        for (Outcome outcome : outcomes) {
            ObjectNode model = models.addObject();
            model.put("name", outcome.model());
            model.put("file", outcome.file().path().getFileName().toString());
            model.put("rows", outcome.file().rows());
            model.put("sha256", outcome.file().sha256());
            model.put("status", outcome.status().name());
            model.put("submissionId", outcome.submissionId());
            model.put("detail", outcome.detail());
        }
        return this;
    }

    /** The booster a model's predictions were made with: its file, origin ({@code config}, {@code trained}, ...). */
    public RunRecord booster(String model, Path file, String origin, String sha256) {
        JsonNode existing = root.get("boosters");
        ObjectNode boosters = existing instanceof ObjectNode object ? object : root.putObject("boosters");
        boosters.putObject(model).put("file", file.toAbsolutePath().toString()).put("origin", origin)
                .put("sha256", sha256);
        return this;
    }

    public JsonNode json() {
        return root;
    }

    public void save(Path directory) throws IOException {
        AtomicFiles.write(directory.resolve(FILE_NAME), JSON.writeValueAsBytes(root));
    }
}
