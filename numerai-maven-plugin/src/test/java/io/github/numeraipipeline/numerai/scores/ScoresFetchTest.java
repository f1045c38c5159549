package io.github.numeraipipeline.numerai.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.numeraipipeline.numerai.MovableClock;
import io.github.numeraipipeline.numerai.api.ApiSettings;
import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.api.RetryPolicy;
import io.github.numeraipipeline.numerai.credentials.Credentials;
import io.github.numeraipipeline.numerai.sandbox.GeneratedDatasets;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One fetch of the desk's scores, over HTTP against the sandbox (which scores what it is sent). */
class ScoresFetchTest {
    private static final SyntheticDatasetSpec SMALL = SyntheticDatasetSpec.defaults().withFeatureCount(40)
            .withLiveRows(300).withTrain(4, 100).withValidation(4, 100, 1);
    private static final Credentials KEYS = new Credentials(SandboxOptions.PUBLIC_ID, SandboxOptions.SECRET_KEY, "test");

    @TempDir
    Path temp;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T12:30:00Z"));
    private SandboxServer sandbox;
    private GeneratedDatasets datasets;
    private int today;

    @BeforeEach
    void start() throws IOException {
        datasets = new GeneratedDatasets(SMALL, temp.resolve("served"));
        SandboxOptions options = SandboxOptions.defaults().withData(SMALL).withResolveAfter(Duration.ofDays(20));
        sandbox = SandboxServer.start(options, datasets, clock, temp.resolve("state.json"));
        today = sandbox.roundNumber();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Predictions of round {@code round}'s live ids: each round has its own live file. */
    private byte[] predictions(int round, double shift) throws IOException {
        StringBuilder csv = new StringBuilder("id,prediction\n");
        int i = 0;
        for (String id : sandbox.liveIds(round)) {
            csv.append(id).append(',').append(String.format(Locale.ROOT, "%.6f", ((i++ * 0.618 + shift) % 1)))
                    .append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private ScoresFetch.Outcome fetch(ScoresHistory history, ScoresSettings settings, String... models) throws Exception {
        try (NumeraiClient client = client(sandbox.endpoint(), KEYS)) {
            return new ScoresFetch(client, clock).fetch(List.of(models), settings, history);
        }
    }

    private NumeraiClient client(URI endpoint, Credentials keys) {
        return new NumeraiClient(ApiSettings.defaults(endpoint).withClock(clock)
                .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5))), keys);
    }

    @Test
    void pendingScoresBecomeResolvedInPlaceOnALaterFetch() throws Exception {
        sandbox.submitPast("xgba", today - 2, predictions(today - 2, 0.1));
        sandbox.submitPast("xgba", today - 1, predictions(today - 1, 0.2));
        ScoresHistory history = new ScoresHistory();

        fetch(history, ScoresSettings.defaults(), "xgba");

        List<ScoreEntry> first = history.model("xgba").entries();
        assertEquals(6, first.size(), "CORR20, MMC and payout of two rounds: " + first);
        assertTrue(first.stream().noneMatch(ScoreEntry::resolved), "resolveAfter is 20 days: " + first);

        clock.advance(Duration.ofDays(21));
        ScoresFetch.Outcome later = fetch(history, ScoresSettings.defaults(), "xgba");

        List<ScoreEntry> second = history.model("xgba").entries();
        assertEquals(6, second.size(), "replaced, not added: " + second);
        assertTrue(second.stream().allMatch(ScoreEntry::resolved), second.toString());
        for (int i = 0; i < 6; i++) {
            assertEquals(first.get(i).value(), second.get(i).value(), "the sandbox's value does not move");
        }
        assertTrue(later.lines().get(0).contains("0 new, 6 updated"), later.lines().toString());
    }

    @Test
    void aRoundWithoutASubmissionIsMissedAndAlerted() throws Exception {
        sandbox.submitPast("xgba", today - 3, predictions(today - 3, 0.1));
        sandbox.submitPast("xgba", today - 1, predictions(today - 1, 0.2));
        ScoresHistory history = new ScoresHistory();

        ScoresFetch.Outcome outcome = fetch(history, ScoresSettings.defaults(), "xgba");

        assertEquals(List.of(today - 2), history.model("xgba").missedRounds());
        assertEquals(1, outcome.alerts().size());
        assertEquals(ScoreAlert.MISSED, outcome.alerts().get(0).kind());
        assertEquals(outcome.alerts(), history.alerts());
        assertEquals(List.of(), fetch(history, ScoresSettings.defaults(), "xgba").alerts(), "alerted once");
    }

    @Test
    void aModelWithoutSubmissionsHasAnEmptyHistoryAndALineSayingSo() throws Exception {
        ScoresHistory history = new ScoresHistory();

        ScoresFetch.Outcome outcome = fetch(history, ScoresSettings.defaults(), "xgbb");

        assertTrue(history.model("xgbb").isEmpty());
        assertEquals(List.of(), outcome.alerts());
        assertTrue(outcome.lines().get(0).contains("xgbb: no submissions yet"), outcome.lines().toString());
    }

    @Test
    void anUnknownModelNamesItAndTheAccountsModels() {
        ScoresException e = assertThrows(ScoresException.class,
                () -> fetch(new ScoresHistory(), ScoresSettings.defaults(), "xgba", "nosuch"));

        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        assertTrue(e.getMessage().contains("xgba, xgbb"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dnumerai.models"), e.getMessage());
    }

    @Test
    void refusedKeysAreAnInvalidCredentialsError() {
        Credentials wrong = new Credentials("WRONG", "WRONG-SECRET", "test");

        assertThrows(NumeraiApiException.InvalidCredentials.class, () -> {
            try (NumeraiClient client = client(sandbox.endpoint(), wrong)) {
                new ScoresFetch(client, clock).fetch(List.of("xgba"), ScoresSettings.defaults(), new ScoresHistory());
            }
        });
    }

    @Test
    void aMalformedAnswerIsAnErrorNamingTheQuery() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String query = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String body = query.contains("account") ? "{\"data\":{\"account\":{\"models\":[{\"id\":\"m1\",\"name\":\"a\","
                    + "\"tournament\":8}]}}}"
                    : query.contains("rounds(") ? "{\"data\":{\"rounds\":[]}}"
                    : query.contains("submissionScores") ? "{\"data\":{\"submissionScores\":[{\"roundNumber\":\"soon\"}]}}"
                    : "{\"data\":{\"submissions\":[]}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try (NumeraiClient client = client(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), KEYS)) {
            NumeraiApiException e = assertThrows(NumeraiApiException.class, () -> new ScoresFetch(client, clock)
                    .fetch(List.of("a"), ScoresSettings.defaults(), new ScoresHistory()));
            assertTrue(e.getMessage().contains("submissionScores"), e.getMessage());
            assertTrue(e.getMessage().contains("soon"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theHistoryOfEarlierRunsIsKeptBySandboxState() throws Exception {
        sandbox.submitPast("xgba", today - 1, predictions(today - 1, 0.1));
        sandbox.close();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withData(SMALL), datasets, clock, temp.resolve("state.json"));
        ScoresHistory history = new ScoresHistory();

        fetch(history, ScoresSettings.defaults(), "xgba");

        assertEquals(List.of(today - 1), history.model("xgba").entries().stream().map(ScoreEntry::roundNumber)
                .distinct().toList());
        assertFalse(history.model("xgba").entries().get(0).value().isNaN());
    }
}
