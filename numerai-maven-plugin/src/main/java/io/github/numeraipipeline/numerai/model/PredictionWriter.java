package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.io.Sha256;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.predictions.SubmissionChecks;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * Writes {@code predictions_<name>.csv} only if Numerai would take it: the content is checked with
 * {@link SubmissionChecks} (header, every live id once, no NaN, within [0, 1], non-zero spread) before it is
 * written, atomically. A file that fails is never written, and a stale one from an earlier run is removed, so that
 * nothing in the output directory is a file that should not be uploaded.
 */
public final class PredictionWriter {
    private final Path directory;

    public PredictionWriter(Path directory) {
        this.directory = directory;
    }

    public PredictionFile write(String model, List<String> ids, double[] values) throws ModelException {
        Path target = PredictionFile.pathFor(directory, model);
        String csv = csv(ids, values);
        try {
            try {
                SubmissionChecks.check(new StringReader(csv), new HashSet<>(ids));
            } catch (SubmissionChecks.InvalidSubmission e) {
                Files.deleteIfExists(target);
                throw new ModelException("Model " + model + ": its predictions fail Numerai's checks (" + e.getMessage()
                        + "), so " + target.getFileName() + " was not written.", e);
            }
            byte[] content = csv.getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(target, content);
            return new PredictionFile(model, target, ids.size(), Sha256.of(content));
        } catch (IOException e) {
            throw ModelException.fault("Cannot write " + target + ": " + e, e);
        }
    }

    /** pandas' {@code to_csv} shape; values in plain decimal notation, as short as round-trips. */
    static String csv(List<String> ids, double[] values) {
        StringBuilder csv = new StringBuilder(ids.size() * 40).append("id,prediction\n");
        for (int i = 0; i < values.length; i++) {
            csv.append(ids.get(i)).append(',').append(BigDecimal.valueOf(values[i]).toPlainString()).append('\n');
        }
        return csv.toString();
    }
}
