package io.github.numeraipipeline.numerai.submission;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.api.Round;
import io.github.numeraipipeline.numerai.api.Submission;
import io.github.numeraipipeline.numerai.api.UploadAuth;
import io.github.numeraipipeline.numerai.io.LockBusyException;
import io.github.numeraipipeline.numerai.io.RunLock;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads each model's predictions to its slot, once per round: a model that this desk's ledger or Numerai's own
 * list already shows submitted for the round is skipped; a {@code create_submission} whose answer is lost is looked
 * up before it is sent again, so that a flaky network never makes a second submission. A run holds the ledger's
 * lock of a model from that check to the ledger's entry, so that a second run at the same time waits and then finds
 * the entry, or, when the first holds it longer than the wait, skips the model saying which run holds it.
 */
public final class SubmissionService {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionService.class);
    static final int CREATE_ATTEMPTS = 3;

    /** What became of one model's predictions. */
    public enum Status { SUBMITTED, SKIPPED, DRY_RUN, FAILED }

    /** One model's result, for the log, the run record and the report. */
    public record Outcome(PredictionFile file, Status status, String submissionId, String detail) {
        public String model() {
            return file.model();
        }
    }

    private final NumeraiClient client;
    private final SubmissionLedger ledger;
    private final String triggerId;

    public SubmissionService(NumeraiClient client, SubmissionLedger ledger, String triggerId) {
        this.client = client;
        this.ledger = ledger;
        this.triggerId = triggerId;
    }

    /**
     * Submits every file for the round. A model's failure does not stop the others; bad keys stop everything.
     *
     * @param force  submit even when the round already has a submission for the model
     * @param dryRun do everything but the upload and the create, saying what would have been sent
     */
    public List<Outcome> submit(Round round, List<PredictionFile> files, boolean force, boolean dryRun, Instant now)
            throws NumeraiApiException.InvalidCredentials, NumeraiApiException {
        boolean late = round.closeStakingTime() != null && !now.isBefore(round.closeStakingTime());
        if (late) {
            LOG.warn("LATE: round {} closed for submissions at {}. Numerai counts what is uploaded now as late"
                    + " and queues it for the next round.", round.number(), round.closeStakingTime());
        }
        String submitted = late ? "submitted late: round " + round.number() + " closed at " + round.closeStakingTime()
                + ", Numerai queues it for the next round" : "submitted";
        Map<String, String> modelIds = client.models();
        List<Outcome> outcomes = new ArrayList<>();
        for (PredictionFile file : files) {
            try {
                outcomes.add(submitOne(round.number(), file, modelIds, force, dryRun, now, submitted));
            } catch (NumeraiApiException.InvalidCredentials keys) {
                throw keys;
            } catch (NumeraiException | IOException e) {
                LOG.error("Model {}: {}", file.model(), e.getMessage());
                outcomes.add(new Outcome(file, Status.FAILED, null, e.getMessage()));
            }
        }
        return outcomes;
    }

    private Outcome submitOne(int round, PredictionFile file, Map<String, String> modelIds, boolean force,
                              boolean dryRun, Instant now, String submitted) throws NumeraiException, IOException {
        String model = file.model();
        String modelId = modelIds.get(model);
        if (modelId == null) {
            throw new NumeraiApiException.GraphQlError("The Numerai account has no model named \"" + model
                    + "\"; its models are " + new TreeSet<>(modelIds.keySet()) + ". Name the config after a model"
                    + " slot, or create the model at numer.ai/models.");
        }
        if (dryRun) { // sends nothing, so it need not wait for a run that does
            return submitUnlessDone(round, file, modelId, force, true, now, submitted);
        }
        RunLock held;
        try {
            held = ledger.lockSubmission(model, round);
        } catch (LockBusyException busy) {
            String detail = "not submitted by this run: " + busy.getMessage() + "; that run submits it, or the next"
                    + " run does";
            LOG.warn("Model {}: {}", model, detail);
            return new Outcome(file, Status.SKIPPED, null, detail);
        }
        try (held) {
            return submitUnlessDone(round, file, modelId, force, false, now, submitted);
        }
    }

    private Outcome submitUnlessDone(int round, PredictionFile file, String modelId, boolean force,
            boolean dryRun, Instant now, String submitted) throws NumeraiException, IOException {
        String model = file.model();
        if (!force) {
            Optional<Outcome> done = alreadySubmitted(round, file, modelId);
            if (done.isPresent()) {
                LOG.info("Model {}: {}", model, done.get().detail());
                return done.get();
            }
        }
        if (dryRun) {
            String detail = "dry run: would upload " + file.path().getFileName() + " (" + file.rows() + " rows, sha256 "
                    + file.sha256() + ") to model " + model + " (" + modelId + ") for round " + round;
            LOG.info("Model {}: {}", model, detail);
            return new Outcome(file, Status.DRY_RUN, null, detail);
        }
        UploadAuth auth = client.submissionUploadAuth(file.path().getFileName().toString(), modelId);
        client.upload(auth.url(), file.path());
        String id = create(auth.filename(), modelId);
        note(new SubmissionLedger.Entry(round, model, id, file.sha256(), now.toString()));
        LOG.info("Model {}: submitted {} for round {} as submission {} (sha256 {})", model,
                file.path().getFileName(), round, id, file.sha256());
        return new Outcome(file, Status.SUBMITTED, id, submitted);
    }

    private Optional<Outcome> alreadySubmitted(int round, PredictionFile file, String modelId)
            throws NumeraiApiException, IOException {
        return findSubmission(round, file.model(), modelId)
                .map(done -> new Outcome(file, Status.SKIPPED, done.submissionId(), done.detail()));
    }

    /** A submission this desk or Numerai already has for the model and round. */
    private record Existing(String submissionId, String detail) {
    }

    private Optional<Existing> findSubmission(int round, String model, String modelId)
            throws NumeraiApiException, IOException {
        Optional<SubmissionLedger.Entry> mine = ledger.find(round, model);
        if (mine.isPresent()) {
            return Optional.of(new Existing(mine.get().submissionId(), "already submitted for round " + round
                    + " (submission " + mine.get().submissionId() + ", in " + ledger.file()
                    + "); -Dnumerai.force submits again"));
        }
        Optional<Submission> theirs = client.submissions(modelId).stream()
                .filter(s -> s.roundNumber() != null && s.roundNumber() == round).reduce((a, b) -> b);
        if (theirs.isPresent()) {
            note(new SubmissionLedger.Entry(round, model, theirs.get().id(), null,
                    String.valueOf(theirs.get().insertedAt())));
            return Optional.of(new Existing(theirs.get().id(), "Numerai already has submission " + theirs.get().id()
                    + " for round " + round + "; -Dnumerai.force submits again"));
        }
        return Optional.empty();
    }

    /**
     * Every model's submission for the round (model name to submission id, by the ledger or Numerai's list) when
     * every one of them has one, so that the day's work is done before it starts; empty otherwise. A model the
     * account lacks counts as not done.
     */
    public Optional<Map<String, String>> everySubmission(int round, List<String> models)
            throws NumeraiApiException, IOException {
        Map<String, String> modelIds = client.models();
        Map<String, String> submissions = new LinkedHashMap<>();
        for (String model : models) {
            String modelId = modelIds.get(model);
            Optional<Existing> existing = modelId == null ? Optional.empty() : findSubmission(round, model, modelId);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            submissions.put(model, existing.get().submissionId());
        }
        return models.isEmpty() ? Optional.empty() : Optional.of(submissions);
    }

    /**
     * Writes the entry to the ledger. A ledger another run keeps locked past the wait only costs the entry: Numerai's
     * list still has the submission, and the next run finds it there.
     */
    private void note(SubmissionLedger.Entry entry) throws IOException {
        try {
            ledger.add(entry);
        } catch (LockBusyException busy) {
            LOG.warn("Model {}: submission {} of round {} is not in the ledger: {}; the next run finds it in"
                    + " Numerai's list", entry.model(), entry.submissionId(), entry.round(), busy.getMessage());
        }
    }

    /** Creates the submission; when an answer is lost, looks at Numerai's list before trying again. */
    private String create(String uploadedName, String modelId) throws NumeraiApiException {
        NumeraiApiException.Unavailable last = null;
        for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
            try {
                return client.createSubmission(uploadedName, modelId, triggerId);
            } catch (NumeraiApiException.Unavailable lost) {
                last = lost;
                Optional<Submission> recorded = client.submissions(modelId).stream()
                        .filter(s -> uploadedName.equals(s.filename())).findFirst();
                if (recorded.isPresent()) {
                    LOG.info("create_submission's answer was lost, but Numerai has recorded submission {}",
                            recorded.get().id());
                    return recorded.get().id();
                }
                LOG.warn("create_submission failed ({}), and Numerai has no submission of {}; attempt {}/{}",
                        lost.getMessage(), uploadedName, attempt, CREATE_ATTEMPTS);
            }
        }
        throw last;
    }
}
