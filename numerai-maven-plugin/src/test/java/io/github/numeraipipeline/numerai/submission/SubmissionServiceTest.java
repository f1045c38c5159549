package io.github.numeraipipeline.numerai.submission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.api.ApiSettings;
import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.api.RetryPolicy;
import io.github.numeraipipeline.numerai.api.Round;
import io.github.numeraipipeline.numerai.credentials.Credentials;
import io.github.numeraipipeline.numerai.io.LockHolder;
import io.github.numeraipipeline.numerai.io.RunLocks;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.sandbox.InMemoryDatasets;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import io.github.numeraipipeline.numerai.submission.SubmissionService.Outcome;
import io.github.numeraipipeline.numerai.submission.SubmissionService.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submitting against the sandbox over HTTP: once per round, whatever the network does. */
class SubmissionServiceTest {
    private static final Round ROUND = new Round(1294, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    private static final Credentials SANDBOX_KEYS =
            new Credentials(SandboxOptions.PUBLIC_ID, SandboxOptions.SECRET_KEY, "test");

    @TempDir
    Path temp;
    private SandboxServer sandbox;
    private InMemoryDatasets datasets;
    private SubmissionLedger ledger;
    private List<PredictionFile> files;

    @BeforeEach
    void start() throws IOException {
        datasets = new InMemoryDatasets(Files.createDirectories(temp.resolve("served")));
        sandbox = SandboxServer.start(SandboxOptions.defaults(), datasets);
        ledger = new SubmissionLedger(temp.resolve("data/ledger.json"), new RunLocks(Clock.systemUTC(), Duration.ZERO));
        files = List.of(predictions("xgba", 0.1), predictions("xgbb", 0.2));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private PredictionFile predictions(String model, double offset) throws IOException {
        StringBuilder csv = new StringBuilder("id,prediction\n");
        int i = 0;
        for (String id : datasets.liveIds()) {
            csv.append(id).append(',').append(offset + 0.1 * i++).append('\n');
        }
        Path file = temp.resolve("predictions_" + model + ".csv");
        Files.writeString(file, csv);
        return PredictionFile.of(model, file);
    }

    private List<Outcome> submit(Credentials keys, boolean force, boolean dryRun) throws Exception {
        try (NumeraiClient client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint())
                .withRetry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(10))), keys)) {
            return new SubmissionService(client, ledger, null).submit(ROUND, files, force, dryRun, Instant.now());
        }
    }

    private List<Outcome> submit() throws Exception {
        return submit(SANDBOX_KEYS, false, false);
    }

    private static List<Status> statuses(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::status).toList();
    }

    @Test
    void eachModelsFileGoesToItsOwnSlotByteForByte() throws Exception {
        List<Outcome> outcomes = submit();

        assertEquals(List.of(Status.SUBMITTED, Status.SUBMITTED), statuses(outcomes));
        List<SandboxServer.Submission> recorded = sandbox.submissions();
        assertEquals(2, recorded.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(sandbox.modelIds().get(files.get(i).model()), recorded.get(i).modelId());
            assertArrayEquals(Files.readAllBytes(files.get(i).path()), recorded.get(i).bytes());
            assertEquals(recorded.get(i).id(), outcomes.get(i).submissionId());
        }
        assertEquals(5, files.get(0).rows());
        assertEquals(2, ledger.entries().size());
        assertEquals(files.get(0).sha256(), ledger.find(1294, "xgba").orElseThrow().sha256());
    }

    @Test
    void aSecondRunInTheSameRoundSubmitsNothing() throws Exception {
        submit();

        List<Outcome> again = submit();

        assertEquals(List.of(Status.SKIPPED, Status.SKIPPED), statuses(again));
        assertTrue(again.get(0).detail().contains("already submitted for round 1294"), again.get(0).detail());
        assertEquals(2, sandbox.submissions().size());
    }

    @Test
    void withoutTheLedgerNumeraisOwnListStillPreventsASecondSubmission() throws Exception {
        submit();
        Files.delete(ledger.file());

        List<Outcome> again = submit();

        assertEquals(List.of(Status.SKIPPED, Status.SKIPPED), statuses(again));
        assertTrue(again.get(0).detail().contains("Numerai already has submission"), again.get(0).detail());
        assertEquals(2, sandbox.submissions().size());
        assertEquals(2, ledger.entries().size(), "what Numerai knows is written back to the ledger");
    }

    @Test
    void forceSubmitsAgain() throws Exception {
        submit();

        List<Outcome> forced = submit(SANDBOX_KEYS, true, false);

        assertEquals(List.of(Status.SUBMITTED, Status.SUBMITTED), statuses(forced));
        assertEquals(4, sandbox.submissions().size());
    }

    @Test
    void aDryRunUploadsNothingAndSaysWhatItWouldSend() throws Exception {
        List<Outcome> outcomes = submit(SANDBOX_KEYS, false, true);

        assertEquals(List.of(Status.DRY_RUN, Status.DRY_RUN), statuses(outcomes));
        assertTrue(outcomes.get(0).detail().contains("would upload predictions_xgba.csv (5 rows, sha256 "
                + files.get(0).sha256() + ")"), outcomes.get(0).detail());
        assertTrue(sandbox.submissions().isEmpty());
        assertTrue(sandbox.uploads().isEmpty(), "nothing PUT");
        assertTrue(ledger.entries().isEmpty());
    }

    @Test
    void aModelTheAccountLacksFailsWithTheAccountsModelNamesAndTheOthersStillGo() throws Exception {
        files = new ArrayList<>(files);
        files.set(0, predictions("xgbz", 0.1));

        List<Outcome> outcomes = submit();

        assertEquals(List.of(Status.FAILED, Status.SUBMITTED), statuses(outcomes));
        assertTrue(outcomes.get(0).detail().contains("no model named \"xgbz\"; its models are [lgba, xgba, xgbb]"),
                outcomes.get(0).detail());
    }

    @Test
    void aFailedPutIsRetriedAndStillSubmitsOnce() throws Exception {
        sandbox.faults().failUploads(1, 503);

        assertEquals(List.of(Status.SUBMITTED, Status.SUBMITTED), statuses(submit()));
        assertEquals(2, sandbox.submissions().size());
    }

    @Test
    void aCreateThatFailsBeforeNumeraiRecordsItIsSentAgainAfterLooking() throws Exception {
        sandbox.faults().failCreateBeforeRecording(1);

        assertEquals(List.of(Status.SUBMITTED, Status.SUBMITTED), statuses(submit()));
        assertEquals(2, sandbox.submissions().size());
    }

    @Test
    void aCreateWhoseAnswerIsLostIsFoundInNumeraisListNotSentAgain() throws Exception {
        sandbox.faults().loseCreateAnswers(1);

        List<Outcome> outcomes = submit();

        assertEquals(List.of(Status.SUBMITTED, Status.SUBMITTED), statuses(outcomes));
        assertEquals(2, sandbox.submissions().size(), "exactly one submission per model");
        assertEquals(sandbox.submissions().get(0).id(), outcomes.get(0).submissionId());
    }

    @Test
    void badKeysStopEverythingAtOnce() {
        NumeraiApiException.InvalidCredentials error = assertThrows(NumeraiApiException.InvalidCredentials.class,
                () -> submit(new Credentials("NOPE", "WRONG-SECRET", "t"), false, false));

        assertFalse(error.getMessage().contains("WRONG-SECRET"));
        assertEquals(1, sandbox.requests().size(), "one refused call, no retry storm");
        assertTrue(sandbox.submissions().isEmpty());
    }

    @Test
    void aFileNumeraiRefusesFailsThatModelWithNumeraisMessage() throws Exception {
        Path bad = temp.resolve("predictions_xgba.csv");
        Files.writeString(bad, "id,prediction\n" + datasets.liveIds().iterator().next() + ",0.5\n");
        files = List.of(PredictionFile.of("xgba", bad));

        List<Outcome> outcomes = submit();

        assertEquals(Status.FAILED, outcomes.get(0).status());
        assertTrue(outcomes.get(0).detail().contains("invalid_submission_ids"), outcomes.get(0).detail());
        assertNull(outcomes.get(0).submissionId());
    }

    /** A run killed after its PUT, before its create: the next run uploads again and creates once. */
    @Test
    void aRunKilledBetweenPutAndCreateIsFinishedByTheNextWithOneSubmission() throws Exception {
        try (NumeraiClient client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint()), SANDBOX_KEYS)) {
            String modelId = sandbox.modelIds().get("xgba");
            client.upload(client.submissionUploadAuth("predictions_xgba.csv", modelId).url(), files.get(0).path());
        }

        List<Outcome> outcomes = submit();

        assertEquals(List.of(Status.SUBMITTED, Status.SUBMITTED), statuses(outcomes));
        assertEquals(2, sandbox.submissions().size());
    }

    /** A run killed after its create, before it wrote the ledger: the next run finds the submission at Numerai. */
    @Test
    void aRunKilledAfterCreateIsNotSubmittedAgain() throws Exception {
        String created;
        try (NumeraiClient client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint()), SANDBOX_KEYS)) {
            String modelId = sandbox.modelIds().get("xgba");
            var auth = client.submissionUploadAuth("predictions_xgba.csv", modelId);
            client.upload(auth.url(), files.get(0).path());
            created = client.createSubmission(auth.filename(), modelId, null);
        }

        List<Outcome> outcomes = submit();

        assertEquals(List.of(Status.SKIPPED, Status.SUBMITTED), statuses(outcomes));
        assertEquals(created, outcomes.get(0).submissionId());
        assertEquals(2, sandbox.submissions().size(), "xgba once, from the killed run; xgbb once");
    }

    @Test
    void aLateUploadIsStillSubmittedForNumeraiToQueue() throws Exception {
        Round closed = new Round(1294, Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600));
        try (NumeraiClient client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint()), SANDBOX_KEYS)) {
            List<Outcome> outcomes = new SubmissionService(client, ledger, null)
                    .submit(closed, files, false, false, Instant.now());

            assertEquals(List.of(Status.SUBMITTED, Status.SUBMITTED), statuses(outcomes));
            assertTrue(outcomes.get(0).detail().startsWith("submitted late: round 1294 closed at "),
                    outcomes.get(0).detail());
            assertTrue(outcomes.get(0).detail().endsWith("Numerai queues it for the next round"));
        }
    }

    @Test
    void whileAnotherRunSubmitsAModelThisRunSkipsItNamingThatRunAndSubmitsTheOthers() throws Exception {
        Path lock = temp.resolve("data/ledger.json.submit-xgba.lock");
        try (LockHolder other = LockHolder.hold(lock, "numerai:submit of model xgba for round 1294")) {
            List<Outcome> outcomes = submit();

            assertEquals(List.of(Status.SKIPPED, Status.SUBMITTED), statuses(outcomes));
            assertEquals("not submitted by this run: another run holds " + lock.toRealPath() + " since "
                    + other.since() + ", pid " + other.pid() + " on " + other.host() + " (numerai:submit of model xgba"
                    + " for round 1294); not waiting for it (numerai.lockWait=PT0S); that run submits it, or the next"
                    + " run does", outcomes.get(0).detail());
            assertEquals(1, sandbox.submissions().size(), "xgbb only: xgba is the other run's");
            assertTrue(ledger.find(1294, "xgba").isEmpty());
        }
    }
}
