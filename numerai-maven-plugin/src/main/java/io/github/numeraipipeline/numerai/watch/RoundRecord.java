package io.github.numeraipipeline.numerai.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.api.Round;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code numerai:watch} found, kept as {@code round.json} in the output directory for the later goals and for
 * Jenkins: {@code status} is {@code OPEN}, {@code NO_ROUND} or {@code ALREADY_SUBMITTED}; round and window are there
 * when Numerai named them (for {@code NO_ROUND}, of the round seen last), with how long the watch waited, when the
 * next round is expected (on a day without one), and the submissions that made the round done.
 */
public record RoundRecord(Status status, Integer round, Instant openTime, Instant closeStakingTime,
                          Instant checkedAt, String reason, Duration waited, NextRound next,
                          Map<String, String> submissions) {

    public static final String FILE_NAME = "round.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** {@code ALREADY_SUBMITTED}: the round is open, but every model already has its submission for it. */
    public enum Status { OPEN, NO_ROUND, ALREADY_SUBMITTED }

    public RoundRecord {
        submissions = submissions == null ? null : Collections.unmodifiableMap(new TreeMap<>(submissions));
    }

    static RoundRecord open(Round round, Instant checkedAt, Duration waited) {
        return new RoundRecord(Status.OPEN, round.number(), round.openTime(), round.closeStakingTime(), checkedAt, null,
                waited, null, null);
    }

    static RoundRecord noRound(Round lastSeen, Instant checkedAt, Duration waited, String reason) {
        return new RoundRecord(Status.NO_ROUND, lastSeen == null ? null : lastSeen.number(),
                lastSeen == null ? null : lastSeen.openTime(), lastSeen == null ? null : lastSeen.closeStakingTime(),
                checkedAt, reason, waited, NextRound.after(checkedAt, lastSeen), null);
    }

    /** The same open round, marked done by these submissions (model name to submission id). */
    public RoundRecord alreadySubmitted(String why, Map<String, String> byModel) {
        return new RoundRecord(Status.ALREADY_SUBMITTED, round, openTime, closeStakingTime, checkedAt, why, waited,
                null, byModel);
    }

    /** Whether the later goals have work to do in this round. */
    public boolean isOpen() {
        return status == Status.OPEN;
    }

    /** The record as {@code round.json} has it, which the run record copies. */
    public ObjectNode json() {
        ObjectNode json = JSON.createObjectNode();
        json.put("status", status.name());
        if (round != null) {
            json.put("round", round);
        }
        putInstant(json, "openTime", openTime);
        putInstant(json, "closeStakingTime", closeStakingTime);
        putInstant(json, "checkedAt", checkedAt);
        if (reason != null) {
            json.put("reason", reason);
        }
        if (waited != null) {
            json.put("waited", waited.toString());
        }
        if (next != null) {
            json.put("nextExpected", next.at().toString());
            json.put("nextExpectedFrom", next.announced() ? "numerai" : "timetable");
        }
        if (submissions != null) {
            ObjectNode ids = json.putObject("submissions");
            submissions.forEach(ids::put);
        }
        return json;
    }

    public void writeTo(Path directory) throws IOException {
        AtomicFiles.write(directory.resolve(FILE_NAME), JSON.writeValueAsBytes(json()));
    }

    public static RoundRecord readFrom(Path directory) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(Files.readAllBytes(directory.resolve(FILE_NAME)));
        NextRound next = json.hasNonNull("nextExpected")
                ? new NextRound(instant(json, "nextExpected"), "numerai".equals(json.path("nextExpectedFrom").asText()))
                : null;
        Map<String, String> submissions = null;
        if (json.has("submissions")) {
            submissions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : json.get("submissions").properties()) {
                submissions.put(entry.getKey(), entry.getValue().asText(null));
            }
        }
        return new RoundRecord(Status.valueOf(json.path("status").asText()),
                json.hasNonNull("round") ? json.get("round").asInt() : null, instant(json, "openTime"),
                instant(json, "closeStakingTime"), instant(json, "checkedAt"), json.path("reason").asText(null),
                json.hasNonNull("waited") ? Duration.parse(json.get("waited").asText()) : null, next, submissions);
    }

    private static void putInstant(ObjectNode json, String name, Instant value) {
        if (value != null) {
            json.put(name, value.toString());
        }
    }

    private static Instant instant(ObjectNode json, String name) {
        return json.hasNonNull(name) ? Instant.parse(json.get(name).asText()) : null;
    }
}
