package io.github.numeraipipeline.numerai.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.credentials.Credentials;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.FileEntity;

/**
 * Numerai's tournament API: one GraphQL endpoint, the operations a desk needs. Calls that need keys send
 * {@code Authorization: Token <public>$<secret>}; the others send no keys at all.
 */
public final class NumeraiClient implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiSettings settings;
    private final Credentials credentials;
    private final NumeraiHttp http;

    /** A client for public calls only ({@code credentials} null) or for every call. */
    public NumeraiClient(ApiSettings settings, Credentials credentials) {
        this.settings = settings;
        this.credentials = credentials;
        this.http = new NumeraiHttp(settings);
    }

    /** The HTTP client this API client uses, for downloads from the signed URLs it hands out. */
    public NumeraiHttp http() {
        return http;
    }

    /**
     * The current round and its window.
     *
     * @throws NumeraiApiException.RoundNotOpen between rounds, when Numerai answers that no round is open
     */
    public Round currentRound() throws NumeraiApiException {
        JsonNode rounds = call(GraphQlQueries.CURRENT_ROUND, vars("tournament", settings.tournament()), false, true)
                .path("rounds");
        JsonNode round = rounds.path(0);
        if (!round.isObject()) {
            throw new NumeraiApiException.RoundNotOpen("Numerai returned no current round");
        }
        return new Round(round.path("number").asInt(), instant(round.get("openTime")),
                instant(round.get("closeStakingTime")));
    }

    /** Whether the current round takes submissions now, decided as Numerai's own client decides it. */
    public boolean isRoundOpen(Instant now) throws NumeraiApiException {
        try {
            return currentRound().isOpenAt(now);
        } catch (NumeraiApiException.RoundNotOpen betweenRounds) {
            return false;
        }
    }

    /** Dataset files of the current round ({@code round} null) or of an earlier one: {@code "v5.0/live.parquet"}... */
    public List<String> listDatasets(Integer round) throws NumeraiApiException {
        JsonNode list = call(GraphQlQueries.LIST_DATASETS, vars("round", round, "tournament", settings.tournament()),
                false, true).path("listDatasets");
        List<String> names = new ArrayList<>();
        list.forEach(name -> names.add(name.asText()));
        return names;
    }

    /** A signed URL to GET one dataset file from, e.g. {@code v5.0/live.parquet}. */
    public URI datasetUrl(String filename, Integer round) throws NumeraiApiException {
        JsonNode url = call(GraphQlQueries.DATASET,
                vars("filename", filename, "round", round, "tournament", settings.tournament()), false, true)
                .path("dataset");
        if (!url.isTextual()) {
            throw new NumeraiApiException.GraphQlError("Numerai has no dataset named " + filename
                    + " (check the model config's dataVersion and the file name)");
        }
        return URI.create(url.asText());
    }

    /** The account's models in this tournament, name to id, in the order Numerai lists them. */
    public Map<String, String> models() throws NumeraiApiException {
        JsonNode models = call(GraphQlQueries.ACCOUNT_MODELS, Collections.emptyMap(), true, true)
                .path("account").path("models");
        Map<String, String> byName = new LinkedHashMap<>();
        for (JsonNode model : models) {
            if (model.path("tournament").asInt(settings.tournament()) == settings.tournament()) {
                byName.put(model.path("name").asText(), model.path("id").asText());
            }
        }
        return byName;
    }

    /** Where to PUT a predictions file named {@code filename} for a model. */
    public UploadAuth submissionUploadAuth(String filename, String modelId) throws NumeraiApiException {
        JsonNode auth = call(GraphQlQueries.SUBMISSION_UPLOAD_AUTH,
                vars("filename", filename, "tournament", settings.tournament(), "modelId", modelId), true, true)
                .path("submission_upload_auth");
        if (!auth.path("url").isTextual() || !auth.path("filename").isTextual()) {
            throw new NumeraiApiException.GraphQlError("Numerai's submission_upload_auth answer has no filename or url");
        }
        return new UploadAuth(auth.get("filename").asText(), URI.create(auth.get("url").asText()));
    }

    /** PUTs the file's bytes to a signed upload URL; anything but a 2xx answer is a failure. */
    public void upload(URI url, Path file) throws NumeraiApiException {
        HttpPut put = new HttpPut(url);
        put.setEntity(new FileEntity(file.toFile(), ContentType.APPLICATION_OCTET_STREAM));
        int status;
        try {
            status = http.execute(put, true, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            throw new NumeraiApiException.Unavailable("Upload of " + file.getFileName() + " to "
                    + Redaction.url(url) + " failed: " + e.getMessage(), 0, e);
        }
        if (status / 100 != 2) {
            throw new NumeraiApiException.Unavailable("Upload of " + file.getFileName() + " to " + Redaction.url(url)
                    + " was refused with HTTP " + status, status, null);
        }
    }

    /**
     * Records an uploaded file as the model's submission; returns the submission id. Sent once, never retried here:
     * if its answer is lost, the submission may exist all the same, so the caller looks at {@link #submissions}
     * before it tries again.
     */
    public String createSubmission(String uploadedFilename, String modelId, String triggerId)
            throws NumeraiApiException {
        JsonNode created = call(GraphQlQueries.CREATE_SUBMISSION, vars("filename", uploadedFilename,
                "tournament", settings.tournament(), "modelId", modelId, "triggerId", triggerId,
                "dataDatestamp", null), true, false).path("create_submission");
        if (!created.path("id").isTextual()) {
            throw new NumeraiApiException.GraphQlError("Numerai's create_submission answer has no id");
        }
        return created.get("id").asText();
    }

    /** The submissions Numerai has recorded for a model, with the round each belongs to. */
    public List<Submission> submissions(String modelId) throws NumeraiApiException {
        JsonNode list = call(GraphQlQueries.SUBMISSIONS, vars("modelId", modelId), true, true).path("submissions");
        List<Submission> submissions = new ArrayList<>();
        for (JsonNode s : list) {
            JsonNode round = s.path("round").path("number");
            submissions.add(new Submission(s.path("id").asText(), s.path("filename").asText(null),
                    instant(s.get("insertedAt")), s.path("triggerId").asText(null),
                    round.isNumber() ? round.asInt() : null));
        }
        return submissions;
    }

    /**
     * The tournament's rounds, at most {@code limit} of them (Numerai's order), with their windows; used to tell which
     * rounds a model could have submitted to.
     */
    public List<Round> rounds(int limit) throws NumeraiApiException {
        JsonNode list = call(GraphQlQueries.ROUNDS, vars("tournament", settings.tournament(), "limit", limit), false, true)
                .path("rounds");
        if (!list.isArray()) {
            throw new NumeraiApiException.GraphQlError("Numerai's rounds answer is not a list");
        }
        List<Round> rounds = new ArrayList<>();
        for (JsonNode round : list) {
            if (!round.path("number").isInt()) {
                throw new NumeraiApiException.GraphQlError("Numerai's rounds answer has a round without a number: " + round);
            }
            rounds.add(new Round(round.get("number").asInt(), instant(round.get("openTime")),
                    instant(round.get("closeStakingTime"))));
        }
        return rounds;
    }

    /**
     * A model's scores of its last {@code lastNRounds} rounds, every metric and version Numerai returns, resolved and
     * pending. An entry without a round number, metric name or {@code resolved} flag is a malformed answer.
     */
    public List<SubmissionScore> submissionScores(String modelId, int lastNRounds) throws NumeraiApiException {
        JsonNode list = call(GraphQlQueries.SUBMISSION_SCORES, vars("modelId", modelId, "lastNRounds", lastNRounds,
                "tournament", settings.tournament()), true, true).path("submissionScores");
        if (list.isNull() || list.isMissingNode()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new NumeraiApiException.GraphQlError("Numerai's submissionScores answer is not a list: " + abbreviate(list));
        }
        List<SubmissionScore> scores = new ArrayList<>();
        for (JsonNode s : list) {
            if (!s.path("roundNumber").isInt() || !s.path("displayName").isTextual() || !s.path("resolved").isBoolean()
                    || !(s.path("value").isNumber() || s.path("value").isNull() || s.path("value").isMissingNode())) {
                throw new NumeraiApiException.GraphQlError("Numerai's submissionScores answer has an entry without"
                        + " roundNumber, displayName, resolved or a numeric value: " + abbreviate(s));
            }
            scores.add(new SubmissionScore(s.get("roundNumber").asInt(), s.get("displayName").asText(),
                    s.path("version").isTextual() ? s.get("version").asText() : "",
                    number(s.get("value")), number(s.get("percentile")),
                    s.path("day").isInt() ? s.get("day").asInt() : null,
                    s.path("date").isTextual() ? s.get("date").asText() : null, s.get("resolved").asBoolean(),
                    s.path("resolveDate").isTextual() ? s.get("resolveDate").asText() : null));
        }
        return scores;
    }

    private static Double number(JsonNode node) {
        return node != null && node.isNumber() ? node.asDouble() : null;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** The trigger id Numerai Compute sets for a webhook-started run, for {@link #createSubmission}. */
    public static String triggerIdFromEnvironment() {
        String id = System.getenv("TRIGGER_ID");
        return id == null || id.isBlank() ? null : id;
    }

    private JsonNode call(String query, Map<String, Object> variables, boolean authenticated, boolean retryable)
            throws NumeraiApiException {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        HttpPost post = new HttpPost(settings.endpoint());
        post.setHeader(HttpHeaders.ACCEPT, "application/json");
        if (authenticated) {
            if (credentials == null) {
                throw new NumeraiApiException.InvalidCredentials("This call to Numerai needs API keys, and none were given");
            }
            if (NumeraiHttp.headersWouldBeLogged()) {
                throw new NumeraiApiException("HTTP header logging (org.apache.hc.client5.http.headers or .wire at"
                        + " DEBUG) is on and would print the Numerai secret key; turn it off to make calls with keys");
            }
            post.setHeader(HttpHeaders.AUTHORIZATION, credentials.authorizationHeader());
        }
        try {
            post.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
            Answer answer = http.execute(post, retryable,
                    response -> new Answer(response.getCode(), EntityUtils.toByteArray(response.getEntity())));
            return answer.data(settings.endpoint(), retryable);
        } catch (IOException e) {
            throw new NumeraiApiException.Unavailable("Numerai's API at " + settings.endpoint()
                    + " did not answer: " + e, 0, e);
        }
    }

    private static Map<String, Object> vars(Object... namesAndValues) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            vars.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return vars;
    }

    private static Instant instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** One HTTP answer of the GraphQL endpoint, turned into its {@code data} or a typed exception. */
    private record Answer(int status, byte[] body) {
        JsonNode data(URI endpoint, boolean retried) throws NumeraiApiException {
            JsonNode root;
            try {
                root = body == null || body.length == 0 ? null : JSON.readTree(body);
            } catch (IOException notJson) {
                root = null;
            }
            String what = "Numerai's API at " + endpoint + " answered HTTP " + status;
            if (status / 100 == 5 || status == 429) {
                throw new NumeraiApiException.Unavailable(what + (retried ? " after every retry" : ""), status, null);
            }
            if (root != null && root.has("errors")) {
                throw GraphQlErrors.toException(root.get("errors"));
            }
            if (status / 100 != 2) {
                throw new NumeraiApiException.GraphQlError(what);
            }
            if (root == null || !root.path("data").isObject()) {
                throw new NumeraiApiException.Unavailable("Numerai's API at " + endpoint
                        + " answered without GraphQL data", status, null);
            }
            return root.get("data");
        }
    }
}
