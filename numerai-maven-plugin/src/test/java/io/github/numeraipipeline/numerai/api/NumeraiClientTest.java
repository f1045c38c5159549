package io.github.numeraipipeline.numerai.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.credentials.Credentials;
import io.github.numeraipipeline.numerai.sandbox.InMemoryDatasets;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the sandbox, over real HTTP on loopback. */
class NumeraiClientTest {
    private static final RetryPolicy QUICK_RETRIES =
            new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(20));
    private static final Credentials SANDBOX_KEYS =
            new Credentials(SandboxOptions.PUBLIC_ID, SandboxOptions.SECRET_KEY, "test");

    @TempDir
    Path temp;
    private SandboxServer sandbox;
    private NumeraiClient client;

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private InMemoryDatasets datasets;

    private InMemoryDatasets datasets() {
        datasets = new InMemoryDatasets(temp);
        return datasets.with("v5.0/features.json", "{\"feature_sets\":{}}".getBytes(StandardCharsets.UTF_8))
                .with("v5.0/live.parquet", bytes(100_000));
    }

    private NumeraiClient connect(SandboxOptions options, Credentials credentials) throws IOException {
        sandbox = SandboxServer.start(options, datasets());
        client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint()).withRetry(QUICK_RETRIES), credentials);
        return client;
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 7);
        }
        return bytes;
    }

    @Nested
    class Rounds {
        @Test
        void currentRoundIsAskedWithNumeraisQueryTextAndNoKeys() throws Exception {
            connect(SandboxOptions.defaults(), SANDBOX_KEYS);

            Round round = client.currentRound();

            assertEquals(1294, round.number());
            assertTrue(round.isOpenAt(Instant.now()));
            RecordedRequest request = sandbox.requests().get(0);
            assertEquals(GraphQlQueries.CURRENT_ROUND, request.query());
            assertEquals(8, ((Number) request.variables().get("tournament")).intValue());
            assertNull(request.authorization(), "public calls send no keys");
        }

        @Test
        void betweenRoundsTheRoundIsNotOpen() throws Exception {
            connect(SandboxOptions.defaults().withRoundOpensIn(null), null);

            NumeraiApiException.RoundNotOpen error = assertThrows(NumeraiApiException.RoundNotOpen.class,
                    client::currentRound);
            assertTrue(error.getMessage().contains("Current round not open for submissions"), error.getMessage());
            assertFalse(client.isRoundOpen(Instant.now()));
        }

        @Test
        void theSandboxKeepsAnOpenRoundClosedForAsManyQuestionsAsATestAsks() throws Exception {
            connect(SandboxOptions.defaults(), null);
            sandbox.faults().keepRoundClosed(2);

            assertThrows(NumeraiApiException.RoundNotOpen.class, client::currentRound);
            assertFalse(client.isRoundOpen(Instant.now()));
            assertEquals(1294, client.currentRound().number());
        }

        @Test
        void aRoundThatOpensLaterIsNotOpenYetButIsOnceItsTimeComes() throws Exception {
            // Two seconds: the first question comes well before, even on a busy machine.
            connect(SandboxOptions.defaults().withRoundOpensIn(Duration.ofSeconds(2)), null);

            assertFalse(client.isRoundOpen(Instant.now()));
            Thread.sleep(3100);
            assertTrue(client.isRoundOpen(Instant.now()));
        }

        @Test
        void aClosedRoundIsNotOpen() throws Exception {
            connect(SandboxOptions.defaults().withRoundOpensIn(Duration.ofHours(-2)), null);

            Round round = client.currentRound();
            assertFalse(round.isOpenAt(Instant.now()));
        }
    }

    @Nested
    class Authentication {
        @Test
        void authenticatedCallsSendTokenPublicDollarSecret() throws Exception {
            connect(SandboxOptions.defaults(), SANDBOX_KEYS);

            assertEquals(sandbox.modelIds(), client.models());
            assertEquals("Token SANDBOX_PUBLIC_ID$SANDBOX_SECRET_KEY", sandbox.requests().get(0).authorization());
        }

        @Test
        void badKeysFailOnceWithoutRetryAndWithoutShowingTheSecret() throws Exception {
            connect(SandboxOptions.defaults(), new Credentials("WRONGID", "WRONG-SECRET-123", "test"));

            NumeraiApiException.InvalidCredentials error =
                    assertThrows(NumeraiApiException.InvalidCredentials.class, client::models);

            assertTrue(error.getMessage().contains("Your session is invalid or has expired."), error.getMessage());
            assertFalse(error.getMessage().contains("WRONG-SECRET-123"));
            assertEquals(1, sandbox.requests().size(), "a refused key is not retried");
        }

        @Test
        void credentialsNeverShowInToString() {
            Credentials keys = new Credentials("PUBLIC123", "SECRET456", "environment");
            assertFalse(keys.toString().contains("PUBLIC123"));
            assertFalse(keys.toString().contains("SECRET456"));
        }

        @Test
        void plainHttpIsRefusedForAnythingButThisMachine() {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ApiSettings.defaults(URI.create("http://api-tournament.numer.ai")));
            assertTrue(error.getMessage().contains("numerai.apiUrl must be an https:// URL"), error.getMessage());
            ApiSettings.defaults(URI.create("http://127.0.0.1:8080/"));
            ApiSettings.defaults(URI.create("http://localhost:8080/"));
        }
    }

    @Nested
    class Retries {
        @Test
        void aBurstOf5xxIsRiddenOut() throws Exception {
            connect(SandboxOptions.defaults(), null);
            sandbox.faults().failGraphQl(2, 502);

            assertEquals(1294, client.currentRound().number());
            assertEquals(3, sandbox.requests().size());
        }

        @Test
        void a429WaitsAsLongAsRetryAfterSays() throws Exception {
            connect(SandboxOptions.defaults(), null);
            sandbox.faults().rateLimitGraphQl(1, Duration.ofSeconds(1));

            long start = System.nanoTime();
            assertEquals(1294, client.currentRound().number());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 950,
                    "the retry came before Retry-After allowed it");
        }

        @Test
        void aDroppedConnectionIsRetried() throws Exception {
            connect(SandboxOptions.defaults(), null);
            sandbox.faults().dropGraphQl(1);

            assertEquals(1294, client.currentRound().number());
        }

        @Test
        void anAnswerSlowerThanTheTimeoutIsRetried() throws Exception {
            sandbox = SandboxServer.start(SandboxOptions.defaults(), datasets());
            client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint()).withRetry(QUICK_RETRIES)
                    .withResponseTimeout(Duration.ofMillis(300)), null);
            sandbox.faults().delayGraphQl(1, Duration.ofSeconds(2));

            assertEquals(1294, client.currentRound().number());
            assertEquals(2, sandbox.requests().size());
        }

        @Test
        void retriesAreBoundedInAttempts() throws Exception {
            connect(SandboxOptions.defaults(), null);
            sandbox.faults().failGraphQl(100, 503);

            NumeraiApiException.Unavailable error = assertThrows(NumeraiApiException.Unavailable.class,
                    client::currentRound);
            assertEquals(503, error.status());
            assertTrue(error.getMessage().contains("HTTP 503"), error.getMessage());
        }

        @Test
        void retriesAreBoundedInTotalTime() throws Exception {
            sandbox = SandboxServer.start(SandboxOptions.defaults(), datasets());
            client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint())
                    .withRetry(new RetryPolicy(50, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(500))),
                    null);
            sandbox.faults().rateLimitGraphQl(100, Duration.ofSeconds(2));

            assertThrows(NumeraiApiException.Unavailable.class, client::currentRound);
            assertEquals(1, sandbox.requests().size(), "a retry after 2 s would pass the 0.5 s budget");
        }

        @Test
        void createSubmissionIsNeverSentTwiceByTheClient() throws Exception {
            connect(SandboxOptions.defaults(), SANDBOX_KEYS);
            String modelId = sandbox.modelIds().get("xgba");
            UploadAuth auth = client.submissionUploadAuth("predictions.csv", modelId);
            client.upload(auth.url(), predictions());
            sandbox.faults().failCreateBeforeRecording(1);

            assertThrows(NumeraiApiException.Unavailable.class,
                    () -> client.createSubmission(auth.filename(), modelId, null));
            assertTrue(sandbox.submissions().isEmpty());
        }
    }

    @Nested
    class Submissions {
        @Test
        void uploadThenCreateRecordsExactlyTheBytesForTheRound() throws Exception {
            connect(SandboxOptions.defaults(), SANDBOX_KEYS);
            String modelId = client.models().get("xgbb");
            Path file = predictions();

            UploadAuth auth = client.submissionUploadAuth("predictions_xgbb.csv", modelId);
            client.upload(auth.url(), file);
            String id = client.createSubmission(auth.filename(), modelId, "trigger-7");

            SandboxServer.Submission recorded = sandbox.submissions().get(0);
            assertEquals(id, recorded.id());
            assertEquals(modelId, recorded.modelId());
            assertEquals("trigger-7", recorded.triggerId());
            assertArrayEquals(Files.readAllBytes(file), recorded.bytes());
            List<Submission> listed = client.submissions(modelId);
            assertEquals(1, listed.size());
            assertEquals(id, listed.get(0).id());
            assertEquals(1294, listed.get(0).roundNumber());
            assertTrue(client.submissions(client.models().get("xgba")).isEmpty());
        }

        @Test
        void aFailedPutIsRetriedAndARefusedPutIsAFailure() throws Exception {
            connect(SandboxOptions.defaults(), SANDBOX_KEYS);
            String modelId = sandbox.modelIds().get("xgba");
            UploadAuth auth = client.submissionUploadAuth("p.csv", modelId);

            sandbox.faults().failUploads(1, 503);
            client.upload(auth.url(), predictions());

            sandbox.faults().failUploads(1, 403);
            NumeraiApiException.Unavailable refused = assertThrows(NumeraiApiException.Unavailable.class,
                    () -> client.upload(auth.url(), predictions()));
            assertEquals(403, refused.status());
            assertFalse(refused.getMessage().contains("X-Amz-Signature="), "signed URLs are not shown whole");
        }

        @Test
        void aFileNumeraiWouldRefuseIsRejectedWithNumeraisCode() throws Exception {
            connect(SandboxOptions.defaults(), SANDBOX_KEYS);
            String modelId = sandbox.modelIds().get("xgba");
            Path file = temp.resolve("bad.csv");
            Files.writeString(file, "id,prediction\n" + datasets.liveIds().iterator().next() + ",0.5\n");
            UploadAuth auth = client.submissionUploadAuth("bad.csv", modelId);
            client.upload(auth.url(), file);

            NumeraiApiException.SubmissionRejected error = assertThrows(NumeraiApiException.SubmissionRejected.class,
                    () -> client.createSubmission(auth.filename(), modelId, null));
            assertTrue(error.getMessage().contains("invalid_submission_ids: Not enough stocks submitted"),
                    error.getMessage());
        }

        @Test
        void createWithoutAnUploadIsRefused() throws Exception {
            connect(SandboxOptions.defaults(), SANDBOX_KEYS);

            NumeraiApiException error = assertThrows(NumeraiApiException.class,
                    () -> client.createSubmission("predictions-nothing.csv", sandbox.modelIds().get("xgba"), null));
            assertTrue(error.getMessage().contains("File not found"), error.getMessage());
        }
    }

    @Nested
    class Datasets {
        @Test
        void listsAndSignsDatasetsThatServeTheirBytesWithRanges() throws Exception {
            connect(SandboxOptions.defaults(), null);

            assertEquals(List.of("v5.0/features.json", "v5.0/live.parquet"), client.listDatasets(null));
            URI url = client.datasetUrl("v5.0/live.parquet", null);
            assertTrue(url.getQuery().contains("X-Amz-Signature="), url.toString());
            try (InputStream in = url.toURL().openStream()) {
                assertArrayEquals(bytes(100_000), in.readAllBytes());
            }
            java.net.HttpURLConnection ranged = (java.net.HttpURLConnection) url.toURL().openConnection();
            ranged.setRequestProperty("Range", "bytes=99990-");
            assertEquals(206, ranged.getResponseCode());
            assertEquals(10, ranged.getInputStream().readAllBytes().length);
        }

        @Test
        void aTamperedSignatureIsRefused() throws Exception {
            connect(SandboxOptions.defaults(), null);
            String signed = client.datasetUrl("v5.0/live.parquet", null).toString();
            int at = signed.indexOf("Signature=") + "Signature=".length();
            char changed = signed.charAt(at) == '0' ? '1' : '0'; // a different first character, whatever it was
            URL forged = new URL(signed.substring(0, at) + changed + signed.substring(at + 1));

            assertEquals(403, ((java.net.HttpURLConnection) forged.openConnection()).getResponseCode());
        }

        @Test
        void anUnknownDatasetIsAnErrorNamingIt() throws Exception {
            connect(SandboxOptions.defaults(), null);

            NumeraiApiException error = assertThrows(NumeraiApiException.class,
                    () -> client.datasetUrl("v9.9/live.parquet", null));
            assertTrue(error.getMessage().contains("v9.9/live.parquet"), error.getMessage());
        }
    }

    private Path predictions() throws IOException {
        StringBuilder csv = new StringBuilder("id,prediction\n");
        int i = 0;
        for (String id : datasets.liveIds()) {
            csv.append(id).append(',').append(0.1 + 0.2 * i++).append('\n');
        }
        Path file = temp.resolve("predictions.csv");
        Files.writeString(file, csv);
        return file;
    }
}
