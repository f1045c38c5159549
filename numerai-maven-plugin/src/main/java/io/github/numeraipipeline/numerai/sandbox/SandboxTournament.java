package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.predictions.SubmissionChecks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern LIVE_OF_ROUND = Pattern.compile("(v[^/]+)/live_(\\d+)\\.parquet");

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
    private final Map<String, String> webhooks = new ConcurrentHashMap<>();

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

    /** Stores the bytes PUT to an upload URL; false when nothing was announced under that name. */
    boolean acceptUpload(String filename, byte[] bytes) {
        return uploads.computeIfPresent(filename, (name, upload) -> new Upload(upload.modelId(), name, bytes)) != null;
    }

    Instant now() {
        return clock.instant();
    }

    /** When the sandbox started: when its account was made, as far as a client can tell. */
    Instant startedAt() {
        return started;
    }

    DatasetSource datasets() {
        return datasets;
    }

    UrlSigner signer() {
        return signer;
    }

    SandboxScoreboard scoreboard() {
        return scoreboard;
    }

    static String uuid(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The current round; between rounds Numerai's error. */
    Map<String, Object> currentRound() throws GraphQlFailure {
        if (opensAt == null || clock.instant().isBefore(opensAt)) {
            throw new GraphQlFailure(ROUND_NOT_OPEN);
        }
        return round(options.roundNumber());
    }

    /**
     * Round {@code number}'s record: each sandbox day has one, a day apart back from the current round; null for a
     * round not played yet (later than the current one, or the current one before it opens).
     */
    Map<String, Object> round(int number) {
        if (number < 1 || number > options.roundNumber()
                || number == options.roundNumber() && (opensAt == null || clock.instant().isBefore(opensAt))) {
            return null;
        }
        Instant open = openTimeOf(number);
        Instant close = open.plus(options.roundWindow());
        Instant resolve = open.plus(options.resolveAfter());
        boolean resolved = !clock.instant().isBefore(resolve) && !clock.instant().isBefore(close);
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("id", uuid("round:" + number));
        round.put("tournament", 8);
        round.put("number", number);
        round.put("target", "main");
        round.put("openTime", open.toString());
        round.put("closeStakingTime", close.toString());
        round.put("closeTime", close.toString());
        round.put("scoreTime", open.toString());
        round.put("resolveTime", resolve.toString());
        round.put("resolvedGeneral", resolved);
        round.put("resolvedStaking", resolved);
        round.put("payoutFactor", Double.toString(SandboxScoreboard.PAYOUT_FACTOR));
        round.put("stakeThreshold", 0.1);
        round.put("minCorrMultiplier", SandboxScoreboard.CORR_MULTIPLIER);
        round.put("maxCorrMultiplier", SandboxScoreboard.CORR_MULTIPLIER);
        round.put("defaultCorrMultiplier", SandboxScoreboard.CORR_MULTIPLIER);
        round.put("minMmcMultiplier", SandboxScoreboard.MMC_MULTIPLIER);
        round.put("maxMmcMultiplier", SandboxScoreboard.MMC_MULTIPLIER);
        round.put("defaultMmcMultiplier", SandboxScoreboard.MMC_MULTIPLIER);
        round.put("dataDatestamp", Integer.parseInt(open.toString().substring(0, 10).replace("-", "")));
        round.put("roundScoreConfigs", SandboxScoreboard.scoreConfigs(number, open));
        return round;
    }

    /**
     * The latest {@code limit} rounds, newest first, one a day back from the current one (which counts once it has
     * opened); {@code status} (OPEN, RESOLVING, RESOLVED, UPCOMING) keeps only the rounds in that stage.
     */
    List<Map<String, Object>> roundList(int limit, String status) {
        List<Map<String, Object>> list = new ArrayList<>();
        Instant now = clock.instant();
        for (int number = options.roundNumber(); number >= 1 && list.size() < limit; number--) {
            Map<String, Object> round = round(number);
            if (round == null) {
                continue;
            }
            boolean open = !now.isBefore(openTimeOf(number)) && now.isBefore(openTimeOf(number).plus(options.roundWindow()));
            boolean resolved = (Boolean) round.get("resolvedGeneral");
            String stage = open ? "OPEN" : resolved ? "RESOLVED" : "RESOLVING";
            if (status == null || status.equalsIgnoreCase(stage)) {
                list.add(round);
            }
        }
        return list;
    }

    /** When round {@code number} opened (or opens): the current round's time, a day earlier per round before it. */
    Instant openTimeOf(int number) {
        Instant base = opensAt != null ? opensAt : started;
        return base.minus(options.roundNumber() - number, ChronoUnit.DAYS);
    }

    /** When the round of {@code date} (UTC) opened; null when that day's round is not played yet. */
    Instant openTimeOfDay(LocalDate date) {
        LocalDate currentDay = LocalDate.ofInstant(openTimeOf(options.roundNumber()), ZoneOffset.UTC);
        long back = ChronoUnit.DAYS.between(date, currentDay);
        return back < 0 || round(options.roundNumber() - (int) back) == null ? null
                : openTimeOf(options.roundNumber() - (int) back);
    }

    /** A round a client asks data of must have been played. */
    void requirePlayedRound(int number) throws GraphQlFailure {
        if (round(number) == null) {
            throw new GraphQlFailure("Round not found: " + number + " (the sandbox has played rounds 1 to "
                    + (round(options.roundNumber()) == null ? options.roundNumber() - 1 : options.roundNumber()) + ")");
        }
    }

    /** Whether {@code filename} is served: a listed file, or a round's {@code live_<round>.parquet}. */
    boolean serves(String filename) {
        return datasets.files().contains(filename) || liveOfRound(filename) != null;
    }

    /**
     * The file behind a served name. A round's {@code live_<round>.parquet} is that round's own live file; a source
     * with one live file for all rounds serves that one under each round's name.
     */
    Path datasetFile(String name) throws IOException {
        Path file = datasets.file(name);
        String live = file == null ? liveOfRound(name) : null;
        return live != null ? datasets.file(live) : file;
    }

    private String liveOfRound(String filename) {
        Matcher m = LIVE_OF_ROUND.matcher(filename);
        if (!m.matches() || round(Integer.parseInt(m.group(2))) == null) {
            return null;
        }
        String live = m.group(1) + "/live.parquet";
        return datasets.files().contains(live) ? live : null;
    }

    String modelName(String id) {
        return modelIds.entrySet().stream().filter(e -> e.getValue().equals(id)).findFirst().orElseThrow().getKey();
    }

    /** A new server-side file name and a signed PUT URL for it ({@code kind}: predictions or diagnostics). */
    Map<String, Object> announceUpload(String modelId, String kind, String base) {
        String serverName = kind + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + ".csv";
        uploads.put(serverName, new Upload(modelId, serverName, null));
        return Map.of("filename", serverName, "url", signer.sign(base + "/uploads/" + serverName));
    }

    /** The bytes PUT for {@code filename}, announced for {@code modelId}. */
    byte[] uploaded(String filename, String modelId) throws GraphQlFailure {
        Upload upload = filename == null ? null : uploads.get(filename);
        if (upload == null || upload.bytes() == null) {
            throw new GraphQlFailure("File not found: " + filename
                    + ". Upload it to the URL from the upload auth query first.");
        }
        if (!upload.modelId().equals(modelId)) {
            throw new GraphQlFailure("File " + filename + " was uploaded for another model");
        }
        return upload.bytes();
    }

    /** Checks the uploaded predictions as Numerai does, records them for the current round and scores them. */
    String createSubmission(String filename, String modelId, String triggerId) throws GraphQlFailure {
        byte[] bytes = uploaded(filename, modelId);
        try {
            SubmissionChecks.check(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8),
                    datasets.liveIds(liveVersion(), options.roundNumber()));
        } catch (SubmissionChecks.InvalidSubmission invalid) {
            throw new GraphQlFailure(invalid.getMessage());
        } catch (IOException e) {
            throw new GraphQlFailure("Internal server error");
        }
        Instant now = clock.instant();
        boolean late = opensAt == null || !now.isBefore(closesAt());
        RecordedSubmission submission = new RecordedSubmission(UUID.randomUUID().toString(), modelId, filename,
                now.truncatedTo(ChronoUnit.SECONDS), triggerId, options.roundNumber(), late, bytes);
        submissions.add(submission);
        score(submission.id(), modelId, submission.round(), submission.insertedAt(), bytes);
        return submission.id();
    }

    /** A submitted file, to download again. */
    record StoredFile(String filename, byte[] bytes) {
    }

    StoredFile submittedFile(String id) throws GraphQlFailure {
        for (RecordedSubmission s : submissions) {
            if (s.id().equals(id)) {
                return new StoredFile(s.filename(), s.bytes());
            }
        }
        byte[] kept = scoreboard.keptFile(id);
        if (kept != null) {
            return new StoredFile("predictions-" + id + ".csv", kept);
        }
        throw new GraphQlFailure("Submission not found: " + id);
    }

    void setWebhook(String modelId, String url) {
        if (url == null) {
            webhooks.remove(modelId);
        } else {
            webhooks.put(modelId, url);
        }
    }

    /** A new trigger id for the model, as Numerai's webhook call would carry. */
    String trigger(String modelId) {
        return uuid("trigger:" + modelId + ":" + UUID.randomUUID());
    }

    private Instant closesAt() {
        return opensAt.plus(options.roundWindow());
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
                    datasets.liveIds(liveVersion(), round));
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

    List<Map<String, Object>> submissionsOf(String modelId) {
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

    String ownModel(Object modelId) throws GraphQlFailure {
        if (modelId == null && modelIds.size() == 1) {
            return modelIds.values().iterator().next();
        }
        if (modelId == null || !modelIds.containsValue(modelId)) {
            throw new GraphQlFailure("Model not found: " + modelId + " is not a model of this account");
        }
        return (String) modelId;
    }

}
