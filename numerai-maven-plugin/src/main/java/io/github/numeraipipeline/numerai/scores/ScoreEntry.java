package io.github.numeraipipeline.numerai.scores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.api.SubmissionScore;

/**
 * One entry of the history: a metric of one round's submission, with Numerai's own field names so that anyone who
 * knows numerapi can read {@code scores.json}. Entries are the same entry when model, round, metric and version are.
 */
public record ScoreEntry(int roundNumber, String displayName, String version, Double value, Double percentile,
                         Integer day, String date, boolean resolved, String resolveDate) {

    public ScoreEntry {
        version = version == null ? "" : version;
    }

    public static ScoreEntry of(SubmissionScore s) {
        return new ScoreEntry(s.roundNumber(), s.displayName(), s.version(), s.value(), s.percentile(), s.day(),
                s.date(), s.resolved(), s.resolveDate());
    }

    /** What makes two entries the same: round, metric and version (the model is the list they are in). */
    public String key() {
        return roundNumber + "|" + metric().key();
    }

    public Metric metric() {
        return new Metric(displayName, version);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("roundNumber", roundNumber);
        json.put("displayName", displayName);
        json.put("version", version);
        json.put("value", value);
        json.put("percentile", percentile);
        json.put("day", day);
        json.put("date", date);
        json.put("resolved", resolved);
        json.put("resolveDate", resolveDate);
        return json;
    }

    static ScoreEntry fromJson(JsonNode json, String where) throws ScoresException {
        if (!json.path("roundNumber").isInt() || !json.path("displayName").isTextual()) {
            throw new ScoresException(where + " has an entry without roundNumber or displayName: " + json
                    + "; fix or delete that entry (the next fetch brings back what Numerai still has)");
        }
        return new ScoreEntry(json.get("roundNumber").asInt(), json.get("displayName").asText(),
                json.path("version").asText(""), json.path("value").isNumber() ? json.get("value").asDouble() : null,
                json.path("percentile").isNumber() ? json.get("percentile").asDouble() : null,
                json.path("day").isInt() ? json.get("day").asInt() : null,
                json.path("date").isTextual() ? json.get("date").asText() : null, json.path("resolved").asBoolean(),
                json.path("resolveDate").isTextual() ? json.get("resolveDate").asText() : null);
    }
}
