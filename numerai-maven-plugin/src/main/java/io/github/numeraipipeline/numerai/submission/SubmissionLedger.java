package io.github.numeraipipeline.numerai.submission;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.io.LockBusyException;
import io.github.numeraipipeline.numerai.io.RunLock;
import io.github.numeraipipeline.numerai.io.RunLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this desk has submitted, round by round, kept outside the build directory so that {@code mvn clean} does not
 * forget it. With Numerai's own list of submissions it decides that a model is done for a round.
 *
 * <p>Runs that share the ledger (a manual build during the timer build, a person at the desk during the cron job)
 * take turns through lock files beside it: {@code <ledger>.lock} around each read-modify-write, and
 * {@code <ledger>.submit-<model>.lock} around a model's whole submission, from the check to the entry.
 */
public final class SubmissionLedger {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One submission this desk made. */
    public record Entry(int round, String model, String submissionId, String sha256, String submittedAt) {
    }

    /** An update holds the ledger's lock for milliseconds: a run waits that long for it even with no lock wait. */
    static final Duration UPDATE_WAIT = Duration.ofMinutes(1);

    private final Path file;
    private final RunLocks locks;

    public SubmissionLedger(Path file, RunLocks locks) {
        this.file = file;
        this.locks = locks;
    }

    public Path file() {
        return file;
    }

    public Optional<Entry> find(int round, String model) throws IOException {
        return entries().stream().filter(e -> e.round() == round && e.model().equals(model)).reduce((a, b) -> b);
    }

    /**
     * Adds the entry, under the ledger's lock so that no other run's entry is lost between the read and the write.
     * An entry for a submission the ledger already has replaces it (another run may have noted it from Numerai's
     * list, without the file's checksum).
     */
    public void add(Entry entry) throws IOException, LockBusyException {
        try (RunLock held = locks.waitingAtLeast(UPDATE_WAIT).acquire(lockFile(".lock"),
                "update of " + file.getFileName())) {
            List<Entry> entries = new ArrayList<>(entries());
            entries.removeIf(e -> e.round() == entry.round() && e.model().equals(entry.model())
                    && e.submissionId() != null && e.submissionId().equals(entry.submissionId()));
            entries.add(entry);
            AtomicFiles.write(file, JSON.writeValueAsBytes(entries));
        }
    }

    /**
     * The lock a run holds while it submits {@code model}: from the check that the round has no submission yet,
     * through the upload and the create, to the entry. Another run waits for it, then finds the entry.
     */
    public RunLock lockSubmission(String model, int round) throws IOException, LockBusyException {
        return locks.acquire(lockFile(".submit-" + model + ".lock"),
                "numerai:submit of model " + model + " for round " + round);
    }

    public List<Entry> entries() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() { });
    }

    private Path lockFile(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
