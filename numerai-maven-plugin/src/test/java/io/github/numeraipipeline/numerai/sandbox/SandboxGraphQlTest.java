package io.github.numeraipipeline.numerai.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.MovableClock;
import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.GraphQlSyntaxException;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's GraphQL as the spec reads it, its past rounds and its diagnostics, over HTTP. */
class SandboxGraphQlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SyntheticDatasetSpec SMALL = SyntheticDatasetSpec.defaults().withFeatureCount(40)
            .withLiveRows(300).withTrain(4, 100).withValidation(6, 120, 1);
    private static final String TOKEN = "Token " + SandboxOptions.PUBLIC_ID + "$" + SandboxOptions.SECRET_KEY;

    @Nested
    class Parsing {
        @Test
        void anAliasIsTheKeyOfTheAnswer() throws Exception {
            Field field = GraphQlDocument.parse("{ current: rounds(number: 0) { n: number } }", Map.of()).fields().get(0);

            assertEquals("current", field.key());
            assertEquals("rounds", field.name());
            assertEquals("n", field.selections().get(0).key());
            assertEquals("number", field.selections().get(0).name());
        }

        @Test
        void namedAndInlineFragmentsAreSpreadAndMergedWithTheFieldsBesideThem() throws Exception {
            GraphQlDocument document = GraphQlDocument.parse("""
                    query Q($t: Int = 8) { rounds(tournament: $t) { number ...Times ... on Round { number target } } }
                    fragment Times on Round { openTime ...Close }
                    fragment Close on Round { closeTime }
                    """, Map.of());

            Field rounds = document.fields().get(0);
            assertEquals(List.of("number", "openTime", "closeTime", "target"),
                    rounds.selections().stream().map(Field::key).toList());
            assertEquals(8L, rounds.arguments().get("tournament"), "a variable's default applies when it is not sent");
        }

        @Test
        void skipAndIncludeFollowTheirCondition() throws Exception {
            GraphQlDocument document = GraphQlDocument.parse(
                    "query($a: Boolean!) { rounds { number @skip(if: $a) openTime @include(if: $a) target @include(if: false) } }",
                    Map.of("a", true));

            assertEquals(List.of("openTime"), document.fields().get(0).selections().stream().map(Field::key).toList());
        }

        @Test
        void badDocumentsAreRefusedInAGraphQlServersWords() {
            assertEquals("Unknown fragment \"Nope\".", assertThrows(GraphQlSyntaxException.class,
                    () -> GraphQlDocument.parse("{ rounds { ...Nope } }", Map.of())).getMessage());
            assertEquals("Cannot spread fragment \"A\" within itself.", assertThrows(GraphQlSyntaxException.class,
                    () -> GraphQlDocument.parse("{ rounds { ...A } } fragment A on Round { ...A }", Map.of()))
                    .getMessage());
            assertTrue(assertThrows(GraphQlSyntaxException.class,
                    () -> GraphQlDocument.parse("{ rounds { n: number n: target } }", Map.of())).getMessage()
                    .startsWith("Fields \"n\" conflict"));
            assertEquals("Must provide operation name if query contains multiple operations.",
                    assertThrows(GraphQlSyntaxException.class,
                            () -> GraphQlDocument.parse("query A { rounds { number } } query B { account { id } }",
                                    Map.of())).getMessage());
            assertEquals("Variable \"$id\" is not defined.", assertThrows(GraphQlSyntaxException.class,
                    () -> GraphQlDocument.parse("{ model(modelId: $id) { name } }", Map.of())).getMessage());
        }

        @Test
        void anOperationIsPickedByName() throws Exception {
            GraphQlDocument document = GraphQlDocument.parse(
                    "query A { rounds { number } } mutation B { setSubmissionWebhook(modelId: \"m\") }", Map.of(), "B");

            assertTrue(document.isMutation());
            assertEquals("setSubmissionWebhook", document.fields().get(0).name());
        }
    }

    @Nested
    class OverHttp {
        @TempDir
        Path temp;
        private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T12:30:00Z"));
        private final HttpClient http = HttpClient.newHttpClient();
        private GeneratedDatasets datasets;
        private SandboxServer sandbox;

        @BeforeEach
        void start() throws IOException {
            datasets = new GeneratedDatasets(SMALL, temp.resolve("served"));
            sandbox = SandboxServer.start(SandboxOptions.defaults().withData(SMALL).withResolveAfter(Duration.ofDays(20)),
                    datasets, clock, temp.resolve("state.json"));
        }

        @AfterEach
        void stop() {
            sandbox.close();
        }

        @Test
        void aliasedRootAndNestedFieldsAreAnsweredUnderTheirAliases() throws Exception {
            JsonNode data = post("""
                    { today: rounds(number: 0) { n: number ...T } earlier: rounds(number: 1290) { n: number } }
                    fragment T on Round { __typename openTime }""", null, null).path("data");

            assertEquals(1294, data.path("today").path(0).path("n").asInt());
            assertEquals("Round", data.path("today").path(0).path("__typename").asText());
            assertTrue(data.path("today").path(0).has("openTime"));
            assertEquals(1290, data.path("earlier").path(0).path("n").asInt());
            assertFalse(data.has("rounds"));
        }

        @Test
        void anUnknownFieldIsNamedWithItsType() throws Exception {
            assertEquals("Cannot query field \"nickname\" on type \"Account\".",
                    post("{ account { username nickname } }", null, TOKEN).path("errors").path(0).path("message").asText());
            assertEquals("Cannot query field \"leaderboard\" on type \"Query\".",
                    post("{ leaderboard { rank } }", null, null).path("errors").path(0).path("message").asText());
        }

        @Test
        void eachPastRoundHasItsOwnRecordALiveFileAndScores() throws Exception {
            sandbox.submitPast("xgba", 1290, livePredictions(1290));
            JsonNode round = post("query($n: Int) { rounds(number: $n) { number openTime resolveTime resolvedGeneral } }",
                    Map.of("n", 1290), null).path("data").path("rounds").path(0);
            JsonNode today = post("{ rounds(number: 0) { openTime } }", null, null).path("data").path("rounds").path(0);

            assertEquals(1290, round.path("number").asInt());
            assertEquals(Instant.parse(today.path("openTime").asText()).minus(Duration.ofDays(4)),
                    Instant.parse(round.path("openTime").asText()), "a round a day, four days before today's");
            assertFalse(round.path("resolvedGeneral").asBoolean(), "resolves 20 days after it opened");
            assertEquals(0, post("{ rounds(number: 1295) { number } }", null, null).path("data").path("rounds").size(),
                    "a round not played yet is not there");

            JsonNode files = post("query($r: Int) { listDatasets(round: $r) }", Map.of("r", 1290), null)
                    .path("data").path("listDatasets");
            assertTrue(files.toString().contains("\"v5.2/live_1290.parquet\""), files.toString());
            String url = post("query($r: Int) { dataset(filename: \"v5.2/live.parquet\", round: $r) }", Map.of("r", 1290),
                    null).path("data").path("dataset").asText();
            assertTrue(url.contains("/datasets/v5.2/live_1290.parquet"), url);
            HttpResponse<byte[]> live = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, live.statusCode());
            assertArrayEquals(Files.readAllBytes(sandbox.datasetFile("v5.2/live_1290.parquet")), live.body());
            List<String> ids1290 = new ParquetFrameReader().read(sandbox.datasetFile("v5.2/live_1290.parquet"), List.of(),
                    List.of()).ids();
            assertEquals(List.copyOf(sandbox.liveIds(1290)), ids1290);
            assertTrue(java.util.Collections.disjoint(ids1290, sandbox.liveIds(1294)),
                    "round 1290's live file is its own universe, not today's file again");
            assertEquals("Round not found: 1300 (the sandbox has played rounds 1 to 1294)",
                    post("{ listDatasets(round: 1300) }", null, null).path("errors").path(0).path("message").asText());

            JsonNode scores = post("query($m: ID!) { submissionScores(modelId: $m) { roundNumber displayName value } }",
                    Map.of("m", sandbox.modelIds().get("xgba")), null).path("data").path("submissionScores");
            assertEquals(3, scores.size(), "CORR20, MMC and payout of round 1290: " + scores);
            assertTrue(scores.findValues("roundNumber").stream().allMatch(n -> n.asInt() == 1290));
        }

        @Test
        void diagnosticsArePendingThenDoneWithNumeraiCorrPerValidationEra() throws Exception {
            String modelId = sandbox.modelIds().get("xgba");
            JsonNode auth = post("query($m: String) { diagnosticsUploadAuth(filename: \"v.csv\", tournament: 8, modelId: $m)"
                    + " { filename url } }", Map.of("m", modelId), TOKEN).path("data").path("diagnosticsUploadAuth");
            http.send(HttpRequest.newBuilder(URI.create(auth.path("url").asText()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(validationPredictions(1.0))).build(),
                    HttpResponse.BodyHandlers.discarding());
            String id = post("mutation($f: String!, $m: String) { createDiagnostics(filename: $f, tournament: 8,"
                    + " modelId: $m) { id } }", Map.of("f", auth.path("filename").asText(), "m", modelId), TOKEN)
                    .path("data").path("createDiagnostics").path("id").asText();

            JsonNode result = pollDone(id, modelId);

            JsonNode eras = result.path("perEraDiagnostics");
            assertEquals(5, eras.size(), "six validation eras, the newest without targets");
            double mean = 0;
            for (JsonNode era : eras) {
                mean += era.path("validationCorr").asDouble() / eras.size();
            }
            assertEquals(mean, result.path("validationCorrMean").asDouble(), 1e-12);
            assertTrue(result.path("validationCorrMean").asDouble() > 0.9,
                    "predictions equal to the target correlate almost perfectly: " + result);
            assertNotEquals(0, result.path("validationCorrSharpe").asDouble());
        }

        @Test
        void diagnosticsOfPredictionsMissingValidationIdsFailSayingHowMany() throws Exception {
            String modelId = sandbox.modelIds().get("xgba");
            JsonNode auth = post("query($m: String) { diagnosticsUploadAuth(filename: \"v.csv\", tournament: 8, modelId: $m)"
                    + " { filename url } }", Map.of("m", modelId), TOKEN).path("data").path("diagnosticsUploadAuth");
            http.send(HttpRequest.newBuilder(URI.create(auth.path("url").asText()))
                    .PUT(HttpRequest.BodyPublishers.ofString("id,prediction\nn000,0.5\n")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String id = post("mutation($f: String!, $m: String) { createDiagnostics(filename: $f, tournament: 8,"
                    + " modelId: $m) { id } }", Map.of("f", auth.path("filename").asText(), "m", modelId), TOKEN)
                    .path("data").path("createDiagnostics").path("id").asText();

            JsonNode result = pollUntilNotPending(id, modelId);

            assertEquals(SandboxDiagnostics.FAILED, result.path("status").asText());
            assertTrue(result.path("message").asText().startsWith("The predictions miss 600 of 600 validation ids"),
                    result.path("message").asText());
        }

        @Test
        void stakingIsRefusedSayingItIsNotInTheSandbox() throws Exception {
            assertEquals("v2ChangeStake is not available in the sandbox: staking only happens on Numerai itself"
                    + " (docs/sandbox.md lists what the sandbox answers).",
                    post("mutation { v2ChangeStake(value: \"1\", type: \"increase\", tournamentNumber: 8) { status } }",
                            null, TOKEN).path("errors").path(0).path("message").asText());
        }

        private JsonNode pollDone(String id, String modelId) throws Exception {
            JsonNode result = pollUntilNotPending(id, modelId);
            assertEquals(SandboxDiagnostics.DONE, result.path("status").asText(), result.toString());
            return result;
        }

        private JsonNode pollUntilNotPending(String id, String modelId) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                JsonNode result = post("query($id: String, $m: String!) { diagnostics(id: $id, modelId: $m) { status"
                        + " message validationCorrMean validationCorrSharpe perEraDiagnostics { era validationCorr } } }",
                        Map.of("id", id, "m", modelId), TOKEN).path("data").path("diagnostics");
                if (!result.path("status").asText().equals(SandboxDiagnostics.PENDING)) {
                    return result;
                }
                assertTrue(System.nanoTime() < deadline, "still pending: " + result);
                Thread.sleep(50);
            }
        }

        private JsonNode post(String query, Map<String, Object> variables, String authorization) throws Exception {
            ObjectNode body = JSON.createObjectNode();
            body.put("query", query);
            body.set("variables", JSON.valueToTree(variables));
            HttpRequest.Builder request = HttpRequest.newBuilder(sandbox.endpoint())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).body());
        }

        private byte[] livePredictions(int round) throws IOException {
            StringBuilder csv = new StringBuilder("id,prediction\n");
            int i = 0;
            for (String id : sandbox.liveIds(round)) {
                csv.append(id).append(',').append(String.format(Locale.ROOT, "%.4f", (i++ * 0.618) % 1)).append('\n');
            }
            return csv.toString().getBytes(StandardCharsets.UTF_8);
        }

        private byte[] validationPredictions(double weight) throws Exception {
            var frame = new io.github.numeraipipeline.numerai.parquet.ParquetFrameReader()
                    .read(datasets.file("v5.2/validation.parquet"), List.of(), List.of("target"));
            float[] target = frame.target("target");
            StringBuilder csv = new StringBuilder("id,prediction\n");
            for (int r = 0; r < frame.rowCount(); r++) {
                double t = Float.isNaN(target[r]) ? 0.5 : target[r];
                csv.append(frame.ids().get(r)).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", weight * t + (1 - weight) * ((r * 0.618) % 1)))
                        .append('\n');
            }
            return csv.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
