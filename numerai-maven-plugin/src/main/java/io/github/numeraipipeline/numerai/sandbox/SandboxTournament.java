package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.predictions.SubmissionChecks;
import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tournament behind the sandbox's GraphQL endpoint: one account with models, a current round whose window
 * opens and closes on the clock, datasets, uploads and submissions. Answers are built as Numerai builds them:
 * only the fields asked for, errors with Numerai's messages.
 */
final class SandboxTournament {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxTournament.class);
    static final String SESSION_INVALID = "Your session is invalid or has expired.";
    static final String ROUND_NOT_OPEN = "Current round not open for submissions";
    private static final Set<String> AUTHENTICATED = Set.of("account", "model", "submission_upload_auth",
            "create_submission", "submissions", "setSubmissionWebhook", "submissionScores");

    /** A GraphQL error answered with HTTP 200, the way Numerai answers them. */
    static final class GraphQlFailure extends Exception {
        private static final long serialVersionUID = 1L;

        GraphQlFailure(String message) {
            super(message);
        }
    }

    /** A predictions file: announced by {@code submission_upload_auth}, filled by the PUT. */
    record Upload(String modelId, String filename, byte[] bytes) {
    }

    /** A submission the sandbox recorded. */
    record RecordedSubmission(String id, String modelId, String filename, Instant insertedAt, String triggerId,
                              int round, boolean late, byte[] bytes) {
    }

    private final SandboxOptions options;
    private final Clock clock;
    private final DatasetSource datasets;
    private final UrlSigner signer;
    private final Instant opensAt;
    /** When this sandbox started: where past rounds are counted back from when no round opens. */
    private final Instant started;
    private final Map<String, String> modelIds = new LinkedHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final List<RecordedSubmission> submissions = new CopyOnWriteArrayList<>();
    private final SandboxScoreboard scoreboard;

    SandboxTournament(SandboxOptions options, Clock clock, DatasetSource datasets, UrlSigner signer,
                      SandboxScoreboard scoreboard) {
        this.options = options;
        this.scoreboard = scoreboard;
        this.clock = clock;
        this.datasets = datasets;
        this.signer = signer;
        // Whole seconds as Numerai's timestamps have them, rounded up so a round never opens earlier than asked.
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        this.opensAt = options.roundOpensIn() == null ? null : start.plus(options.roundOpensIn());
        this.started = start;
        for (String name : options.models()) {
            modelIds.put(name, UUID.nameUUIDFromBytes(("sandbox-model:" + name).getBytes(StandardCharsets.UTF_8)).toString());
        }
    }

    int roundNumber() {
        return options.roundNumber();
    }

    Map<String, String> modelIds() {
        return Collections.unmodifiableMap(modelIds);
    }

    List<RecordedSubmission> submissions() {
        return List.copyOf(submissions);
    }

    Map<String, Upload> uploads() {
        return Collections.unmodifiableMap(uploads);
    }

    /** Resolves one operation; {@code base} is the server's own URL, for the signed URLs it hands out. */
    Map<String, Object> execute(GraphQlDocument document, boolean authenticated, String base) throws GraphQlFailure {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Field field : document.fields()) {
            if (AUTHENTICATED.contains(field.name()) && !authenticated) {
                throw new GraphQlFailure(SESSION_INVALID);
            }
            Object value = switch (field.name()) {
                case "rounds" -> rounds(field);
                case "listDatasets" -> datasets.files();
                case "dataset" -> dataset(field, base);
                case "account" -> Map.of("models", models());
                case "model" -> model(field);
                case "submission_upload_auth" -> uploadAuth(field, base);
                case "create_submission" -> createSubmission(field);
                case "submissions" -> submissionsOf(field);
                case "setSubmissionWebhook" -> "true";
                case "submissionScores" -> scoreboard.answer(ownModel(field.arguments().get("modelId")),
                        (Integer) integer(field.arguments().get("lastNRounds")), options.roundNumber());
                default -> throw new GraphQlFailure("Cannot query field \"" + field.name() + "\" on type \""
                        + (document.isMutation() ? "Mutation" : "Query") + "\".");
            };
            data.put(field.name(), select(value, field));
        }
        return data;
    }

    /** Stores the bytes PUT to an upload URL; false when nothing was announced under that name. */
    boolean acceptUpload(String filename, byte[] bytes) {
        return uploads.computeIfPresent(filename, (name, upload) -> new Upload(upload.modelId(), name, bytes)) != null;
    }

    private List<Map<String, Object>> rounds(Field field) throws GraphQlFailure {
        Object number = field.arguments().get("number");
        Instant now = clock.instant();
        if (number == null && field.arguments().get("limit") != null) {
            return roundList(((Number) field.arguments().get("limit")).intValue(), now);
        }
        boolean current = number == null || ((Number) number).intValue() == 0;
        if (current && (opensAt == null || now.isBefore(opensAt))) {
            throw new GraphQlFailure(ROUND_NOT_OPEN);
        }
        if (opensAt == null || !current && ((Number) number).intValue() != options.roundNumber()) {
            return List.of();
        }
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("id", UUID.nameUUIDFromBytes(("round:" + options.roundNumber()).getBytes(StandardCharsets.UTF_8)).toString());
        round.put("tournament", 8);
        round.put("number", options.roundNumber());
        round.put("target", "main");
        round.put("openTime", opensAt.toString());
        round.put("closeStakingTime", closesAt().toString());
        round.put("closeTime", closesAt().toString());
        round.put("scoreTime", opensAt.plus(5, ChronoUnit.DAYS).toString());
        round.put("resolveTime", opensAt.plus(32, ChronoUnit.DAYS).toString());
        round.put("resolvedGeneral", false);
        round.put("resolvedStaking", false);
        round.put("payoutFactor", "1.0");
        round.put("stakeThreshold", 0.1);
        round.put("dataDatestamp", Integer.parseInt(opensAt.toString().substring(0, 10).replace("-", "")));
        return List.of(round);
    }

    /**
     * The latest {@code limit} rounds, newest first: one a day before the current one, each opening a day before the
     * next (the current round only once it has opened).
     */
    private List<Map<String, Object>> roundList(int limit, Instant now) {
        Instant base = opensAt != null ? opensAt : started;
        List<Map<String, Object>> list = new ArrayList<>();
        for (int back = 0; list.size() < limit && back < limit + 1; back++) {
            Instant open = base.minus(back, ChronoUnit.DAYS);
            if (back == 0 && (opensAt == null || now.isBefore(opensAt))) {
                continue;
            }
            list.add(round(options.roundNumber() - back, open));
        }
        return list;
    }

    /** When round {@code number} opened (or opens): the current round's time, a day earlier per round before it. */
    Instant openTimeOf(int number) {
        Instant base = opensAt != null ? opensAt : started;
        return base.minus(options.roundNumber() - number, ChronoUnit.DAYS);
    }

    private Map<String, Object> round(int number, Instant open) {
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("id", UUID.nameUUIDFromBytes(("round:" + number).getBytes(StandardCharsets.UTF_8)).toString());
        round.put("tournament", 8);
        round.put("number", number);
        round.put("target", "main");
        round.put("openTime", open.toString());
        round.put("closeStakingTime", open.plus(options.roundWindow()).toString());
        round.put("closeTime", open.plus(options.roundWindow()).toString());
        round.put("scoreTime", open.plus(5, ChronoUnit.DAYS).toString());
        round.put("resolveTime", open.plus(options.resolveAfter()).toString());
        round.put("resolvedGeneral", false);
        round.put("resolvedStaking", false);
        round.put("payoutFactor", "1.0");
        round.put("stakeThreshold", 0.1);
        round.put("dataDatestamp", Integer.parseInt(open.toString().substring(0, 10).replace("-", "")));
        return round;
    }

    private static Object integer(Object value) {
        return value instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }

    private Instant closesAt() {
        return opensAt.plus(options.roundWindow());
    }

    private String dataset(Field field, String base) throws GraphQlFailure {
        String filename = (String) field.arguments().get("filename");
        if (!datasets.files().contains(filename)) {
            throw new GraphQlFailure("Dataset not found: " + filename);
        }
        return signer.sign(base + "/datasets/" + filename);
    }

    private List<Map<String, Object>> models() {
        List<Map<String, Object>> list = new ArrayList<>();
        modelIds.forEach((name, id) -> list.add(Map.of("id", id, "name", name, "tournament", 8)));
        return list;
    }

    private Map<String, Object> model(Field field) throws GraphQlFailure {
        String id = ownModel(field.arguments().get("modelId"));
        String name = modelIds.entrySet().stream().filter(e -> e.getValue().equals(id)).findFirst().orElseThrow().getKey();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("name", name);
        model.put("submissions", submissionsOf(id));
        return model;
    }

    private Map<String, Object> uploadAuth(Field field, String base) throws GraphQlFailure {
        String modelId = ownModel(field.arguments().get("modelId"));
        String serverName = "predictions-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + ".csv";
        uploads.put(serverName, new Upload(modelId, serverName, null));
        return Map.of("filename", serverName, "url", signer.sign(base + "/uploads/" + serverName));
    }

    private Map<String, Object> createSubmission(Field field) throws GraphQlFailure {
        String filename = (String) field.arguments().get("filename");
        String modelId = ownModel(field.arguments().get("modelId"));
        Upload upload = filename == null ? null : uploads.get(filename);
        if (upload == null || upload.bytes() == null) {
            throw new GraphQlFailure("File not found: " + filename
                    + ". Upload it to the URL from submission_upload_auth first.");
        }
        if (!upload.modelId().equals(modelId)) {
            throw new GraphQlFailure("File " + filename + " was uploaded for another model");
        }
        try {
            SubmissionChecks.check(new InputStreamReader(new ByteArrayInputStream(upload.bytes()), StandardCharsets.UTF_8),
                    datasets.liveIds(liveVersion()));
        } catch (SubmissionChecks.InvalidSubmission invalid) {
            throw new GraphQlFailure(invalid.getMessage());
        } catch (IOException e) {
            throw new GraphQlFailure("Internal server error");
        }
        Instant now = clock.instant();
        boolean late = opensAt == null || !now.isBefore(closesAt());
        RecordedSubmission submission = new RecordedSubmission(UUID.randomUUID().toString(), modelId, filename,
                now.truncatedTo(ChronoUnit.SECONDS), (String) field.arguments().get("triggerId"),
                options.roundNumber(), late, upload.bytes());
        submissions.add(submission);
        score(submission.id(), modelId, submission.round(), submission.insertedAt(), upload.bytes());
        return Map.of("id", submission.id());
    }

    /** Scores a checked submission; a scoring failure is logged, as Numerai's own scoring runs apart from uploads. */
    private void score(String submissionId, String modelId, int round, Instant insertedAt, byte[] csv) {
        if (!scoreboard.scores()) {
            return;
        }
        try {
            scoreboard.record(submissionId, modelId, round, insertedAt, openTimeOf(round), csv);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The sandbox could not score submission {} of round {}: {}", submissionId, round, e.toString());
        }
    }

    /**
     * Records a submission of an earlier round, made at that round's open time, and scores it: how the sandbox is
     * given a history ({@code numerai.sandbox.history}). Its predictions are checked as an upload's are.
     */
    void recordPast(String modelName, int round, byte[] csv) throws GraphQlFailure {
        String modelId = modelIds.get(modelName);
        if (modelId == null) {
            throw new GraphQlFailure("Model not found: " + modelName + " is not a model of this account");
        }
        try {
            SubmissionChecks.check(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8),
                    datasets.liveIds(liveVersion()));
            scoreboard.record(UUID.randomUUID().toString(), modelId, round, openTimeOf(round).plusSeconds(60),
                    openTimeOf(round), csv);
        } catch (SubmissionChecks.InvalidSubmission invalid) {
            throw new GraphQlFailure(invalid.getMessage());
        } catch (IOException e) {
            throw new GraphQlFailure("The sandbox could not score round " + round + " of " + modelName + ": " + e);
        }
    }

    /** The rounds the scoreboard has a submission of the model for. */
    Set<Integer> scoredRounds(String modelName) {
        String modelId = modelIds.get(modelName);
        Set<Integer> rounds = new TreeSet<>();
        for (SandboxScoreboard.Scored s : scoreboard.all()) {
            if (s.modelId().equals(modelId)) {
                rounds.add(s.round());
            }
        }
        return rounds;
    }

    /** The newest data version served: the one whose live ids a submission is checked against. */
    private String liveVersion() {
        return datasets.files().stream().filter(f -> f.endsWith("/live.parquet"))
                .map(f -> f.substring(0, f.indexOf('/'))).reduce((a, b) -> b).orElse("v5.0");
    }

    private List<Map<String, Object>> submissionsOf(Field field) throws GraphQlFailure {
        return submissionsOf(ownModel(field.arguments().get("modelId")));
    }

    private List<Map<String, Object>> submissionsOf(String modelId) {
        List<Map<String, Object>> list = new ArrayList<>();
        // Submissions of earlier runs, kept by the scoreboard's state: what Numerai would still list.
        Set<String> here = new HashSet<>();
        submissions.forEach(s -> here.add(s.id()));
        for (SandboxScoreboard.Scored s : scoreboard.all()) {
            if (s.modelId().equals(modelId) && !here.contains(s.submissionId())) {
                list.add(submissionEntry(s.submissionId(), "predictions-" + s.round() + ".csv", s.insertedAt(), null,
                        true, s.round()));
            }
        }
        for (RecordedSubmission s : submissions) {
            if (s.modelId().equals(modelId)) {
                list.add(submissionEntry(s.id(), s.filename(), s.insertedAt(), s.triggerId(), s == lastOf(modelId),
                        s.round()));
            }
        }
        return list;
    }

    /** One submission as Numerai's {@code submissions} query lists it. */
    private static Map<String, Object> submissionEntry(String id, String filename, Instant insertedAt,
            String triggerId, boolean selected, int round) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("filename", filename);
        entry.put("insertedAt", insertedAt.toString());
        entry.put("triggerId", triggerId);
        entry.put("selected", selected);
        entry.put("round", Map.of("number", round, "tournament", 8));
        return entry;
    }

    private RecordedSubmission lastOf(String modelId) {
        RecordedSubmission last = null;
        for (RecordedSubmission s : submissions) {
            if (s.modelId().equals(modelId)) {
                last = s;
            }
        }
        return last;
    }

    private String ownModel(Object modelId) throws GraphQlFailure {
        if (modelId == null && modelIds.size() == 1) {
            return modelIds.values().iterator().next();
        }
        if (modelId == null || !modelIds.containsValue(modelId)) {
            throw new GraphQlFailure("Model not found: " + modelId + " is not a model of this account");
        }
        return (String) modelId;
    }

    /** Keeps only the fields the query selected, as a GraphQL server does; asks for no field that does not exist. */
    @SuppressWarnings("unchecked")
    private static Object select(Object value, Field field) throws GraphQlFailure {
        if (field.selections().isEmpty() || value == null) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object element : list) {
                out.add(select(element, field));
            }
            return out;
        }
        Map<String, Object> object = (Map<String, Object>) value;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field selection : field.selections()) {
            if (!object.containsKey(selection.name())) {
                throw new GraphQlFailure("Cannot query field \"" + selection.name() + "\" on type \""
                        + typeName(field.name()) + "\".");
            }
            out.put(selection.name(), select(object.get(selection.name()), selection));
        }
        return out;
    }

    private static String typeName(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
