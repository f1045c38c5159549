package io.github.numeraipipeline.numerai.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.api.Round;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@code numerai:watch} found, kept as {@code round.json} in the output directory for the later goals and for
 * Jenkins: {@code status} is {@code OPEN}, {@code NO_ROUND} or {@code ALREADY_SUBMITTED}; round and window are there
 * when Numerai named them.
 */
public record RoundRecord(Status status, Integer round, Instant openTime, Instant closeStakingTime,
                          Instant checkedAt, String reason) {

    public static final String FILE_NAME = "round.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** {@code ALREADY_SUBMITTED}: the round is open, but every model already has its submission for it. */
    public enum Status { OPEN, NO_ROUND, ALREADY_SUBMITTED }

    static RoundRecord open(Round round, Instant checkedAt) {
        return new RoundRecord(Status.OPEN, round.number(), round.openTime(), round.closeStakingTime(), checkedAt, null);
    }

    static RoundRecord noRound(Round lastSeen, Instant checkedAt, String reason) {
        return new RoundRecord(Status.NO_ROUND, lastSeen == null ? null : lastSeen.number(),
                lastSeen == null ? null : lastSeen.openTime(), lastSeen == null ? null : lastSeen.closeStakingTime(),
                checkedAt, reason);
    }

    /** The same open round, marked done: nothing left to do in it. */
    public RoundRecord alreadySubmitted(String why) {
        return new RoundRecord(Status.ALREADY_SUBMITTED, round, openTime, closeStakingTime, checkedAt, why);
    }

    /** Whether the later goals have work to do in this round. */
    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public void writeTo(Path directory) throws IOException {
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
        AtomicFiles.write(directory.resolve(FILE_NAME), JSON.writeValueAsBytes(json));
    }

    public static RoundRecord readFrom(Path directory) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(Files.readAllBytes(directory.resolve(FILE_NAME)));
        return new RoundRecord(Status.valueOf(json.path("status").asText()),
                json.hasNonNull("round") ? json.get("round").asInt() : null, instant(json, "openTime"),
                instant(json, "closeStakingTime"), instant(json, "checkedAt"), json.path("reason").asText(null));
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
