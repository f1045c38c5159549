package io.github.numeraipipeline.numerai.submission;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this desk has submitted, round by round, kept outside the build directory so that {@code mvn clean} does not
 * forget it. With Numerai's own list of submissions it decides that a model is done for a round.
 */
public final class SubmissionLedger {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One submission this desk made. */
    public record Entry(int round, String model, String submissionId, String sha256, String submittedAt) {
    }

    private final Path file;

    public SubmissionLedger(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Optional<Entry> find(int round, String model) throws IOException {
        return entries().stream().filter(e -> e.round() == round && e.model().equals(model)).reduce((a, b) -> b);
    }

    public synchronized void add(Entry entry) throws IOException {
        List<Entry> entries = new ArrayList<>(entries());
        entries.add(entry);
        AtomicFiles.write(file, JSON.writeValueAsBytes(entries));
    }

    public List<Entry> entries() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() { });
    }
}
